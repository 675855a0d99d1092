"""Role escalation attempts and admin user management over HTTP."""

from uuid import uuid4

import pytest

from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.enrollments import Enrollment
from skillwise.domain.identity import Role
from tests.factories import NOW, a_course, bearer
from tests.integration.accounts.conftest import API, PASSWORD, bearer_of, log_in

pytestmark = pytest.mark.integration


@pytest.fixture
def admin(make_account):
    return make_account("root@example.com", role=Role.ADMIN, full_name="Root")


def test_registering_as_admin_is_refused_and_creates_nothing(client, uow_factory):
    response = client.post(
        f"{API}/auth/register/",
        json={
            "email": "eve@example.com",
            "password": PASSWORD,
            "full_name": "Eve",
            "role": "admin",
        },
    )
    assert response.status_code == 422
    assert "role" in response.json["errors"]
    assert log_in(client, email="eve@example.com").status_code == 401


def test_registering_as_an_instructor_is_allowed(client):
    response = client.post(
        f"{API}/auth/register/",
        json={
            "email": "grace@example.com",
            "password": PASSWORD,
            "full_name": "Grace",
            "role": "instructor",
        },
    )
    assert (response.status_code, response.json["role"]) == (201, "instructor")


def test_a_profile_patch_ignores_role_email_verification_and_unknown_fields(client, make_account):
    make_account(verified=False)
    session = log_in(client).json
    response = client.patch(
        f"{API}/profile/",
        headers=bearer_of(session),
        json={
            "role": "admin",
            "email_verified": True,
            "email": "root@example.com",
            "is_active": False,
            "favourite_colour": "green",
            "bio": "Poet of science",
        },
    )
    assert response.status_code == 200
    profile = client.get(f"{API}/profile/", headers=bearer_of(session)).json
    assert profile["role"] == "student"
    assert profile["email_verified"] is False
    assert profile["email"] == "ada@example.com"
    assert profile["bio"] == "Poet of science"
    assert client.get(f"{API}/admin/users/", headers=bearer_of(session)).status_code == 403


def test_a_profile_patch_changes_name_bio_and_avatar(client, make_account):
    make_account()
    session = log_in(client).json
    response = client.patch(
        f"{API}/profile/",
        headers=bearer_of(session),
        json={"full_name": "Ada King", "avatar_url": "https://img.example/ada.png"},
    )
    assert response.status_code == 200
    assert (response.json["full_name"], response.json["avatar_url"]) == (
        "Ada King",
        "https://img.example/ada.png",
    )
    cleared = client.patch(f"{API}/profile/", headers=bearer_of(session), json={"avatar_url": None})
    assert cleared.json["avatar_url"] is None


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example/a.png", "nope"])
def test_a_non_http_avatar_is_422(client, make_account, url):
    make_account()
    session = log_in(client).json
    response = client.patch(f"{API}/profile/", headers=bearer_of(session), json={"avatar_url": url})
    assert response.status_code == 422
    assert "avatar_url" in response.json["errors"]


@pytest.mark.parametrize("role", [Role.STUDENT, Role.INSTRUCTOR])
def test_non_admins_get_403_from_every_admin_endpoint(app, client, make_account, role):
    caller = make_account("caller@example.com", role=role)
    target = make_account()
    headers = bearer(app, caller)
    assert client.get(f"{API}/admin/users/", headers=headers).status_code == 403
    assert client.get(f"{API}/users/{target.id}/", headers=headers).status_code == 403
    promote = client.patch(f"{API}/users/{caller.id}/", headers=headers, json={"role": "admin"})
    assert promote.status_code == 403
    assert client.delete(f"{API}/users/{target.id}/", headers=headers).status_code == 403
    assert client.get(f"{API}/profile/", headers=headers).json["role"] == role.value


def test_guests_get_401_from_admin_and_profile_endpoints(client, make_account):
    target = make_account()
    assert client.get(f"{API}/admin/users/").status_code == 401
    assert client.get(f"{API}/users/{target.id}/").status_code == 401
    assert client.delete(f"{API}/users/{target.id}/").status_code == 401
    assert client.get(f"{API}/profile/").status_code == 401
    assert client.post(f"{API}/auth/logout/").status_code == 401


def test_an_admin_reads_any_user_and_unknown_ids_are_404(app, client, admin, make_account):
    target = make_account()
    response = client.get(f"{API}/users/{target.id}/", headers=bearer(app, admin))
    assert response.status_code == 200
    assert (response.json["email"], response.json["is_active"]) == ("ada@example.com", True)
    missing = client.get(f"{API}/users/{uuid4()}/", headers=bearer(app, admin))
    assert missing.status_code == 404


def test_an_admin_promotes_a_student_whose_old_token_then_stops_working(
    app, client, admin, make_account
):
    student = make_account()
    session = log_in(client).json
    response = client.patch(
        f"{API}/users/{student.id}/",
        headers=bearer(app, admin),
        json={"role": "admin", "email": "taken@example.com", "bio": "Promoted"},
    )
    assert response.status_code == 200
    assert (response.json["role"], response.json["email"], response.json["bio"]) == (
        "admin",
        "ada@example.com",
        "Promoted",
    )
    assert client.get(f"{API}/profile/", headers=bearer_of(session)).status_code == 401
    renewed = client.post(f"{API}/auth/refresh/", json={"refresh": session["refresh"]}).json
    assert client.get(f"{API}/admin/users/", headers=bearer_of(renewed)).status_code == 200


def test_an_admin_cannot_demote_themselves(app, client, admin):
    response = client.patch(
        f"{API}/users/{admin.id}/", headers=bearer(app, admin), json={"role": "student"}
    )
    assert (response.status_code, response.json["error"]) == (422, "cannot_change_own_role")


def test_a_deactivated_user_is_signed_out_and_cannot_log_in(app, client, admin, make_account):
    student = make_account()
    session = log_in(client).json
    response = client.patch(
        f"{API}/users/{student.id}/", headers=bearer(app, admin), json={"is_active": False}
    )
    assert (response.status_code, response.json["is_active"]) == (200, False)
    assert client.get(f"{API}/profile/", headers=bearer_of(session)).status_code == 401
    assert (
        client.post(f"{API}/auth/refresh/", json={"refresh": session["refresh"]}).status_code == 401
    )
    assert log_in(client).status_code == 401


def test_deleting_a_user_anonymises_them_keeps_their_records_and_blocks_login(
    app, client, admin, make_account, uow_factory
):
    student = make_account()
    teacher = make_account("teacher@example.com", role=Role.INSTRUCTOR)
    course = a_course(teacher)
    enrollment = Enrollment(user_id=student.id, course_id=course.id, started_at=NOW, updated_at=NOW)
    with uow_factory() as uow:
        uow.courses.add(course)
        uow.enrollments.add(enrollment)
        uow.commit()
    session = log_in(client).json

    deleted = client.delete(f"{API}/users/{student.id}/", headers=bearer(app, admin))
    assert deleted.status_code == 204
    shown = client.get(f"{API}/users/{student.id}/", headers=bearer(app, admin)).json
    assert shown["email"] == f"deleted-{student.id}@users.invalid"
    assert (shown["full_name"], shown["bio"], shown["avatar_url"]) == ("Deleted user", "", None)
    assert shown["is_active"] is False
    assert log_in(client).status_code == 401
    assert log_in(client, email=shown["email"]).status_code == 401
    assert client.get(f"{API}/profile/", headers=bearer_of(session)).status_code == 401
    with uow_factory() as uow:
        assert uow.enrollments.get(enrollment.id) is not None
        assert uow.courses.get(course.id).status is CourseStatus.PUBLISHED


def test_an_admin_cannot_delete_themselves_and_unknown_ids_are_404(app, client, admin):
    own = client.delete(f"{API}/users/{admin.id}/", headers=bearer(app, admin))
    assert (own.status_code, own.json["error"]) == (422, "cannot_delete_self")
    assert client.delete(f"{API}/users/{uuid4()}/", headers=bearer(app, admin)).status_code == 404


def test_the_admin_list_filters_and_paginates(app, client, admin, make_account):
    make_account("grace@example.com", role=Role.INSTRUCTOR, full_name="Grace Hopper")
    make_account("alan@example.com", full_name="Alan Turing")
    make_account("ada@example.com", full_name="Ada Lovelace")
    make_account("edsger@example.com", full_name="Edsger Dijkstra")
    headers = bearer(app, admin)
    client.patch(
        f"{API}/users/{_id(client, headers, 'alan')}/", headers=headers, json={"is_active": False}
    )

    def emails(query: str) -> list[str]:
        body = client.get(f"{API}/admin/users/?{query}", headers=headers).json
        return sorted(user["email"] for user in body["results"])

    assert emails("role=instructor") == ["grace@example.com"]
    assert emails("role=admin") == ["root@example.com"]
    assert emails("is_active=false") == ["alan@example.com"]
    assert emails("search=LOVE") == ["ada@example.com"]
    assert emails("search=HOPPER&role=instructor") == ["grace@example.com"]
    assert emails("search=%25") == []
    assert client.get(f"{API}/admin/users/?role=superuser", headers=headers).status_code == 422

    first = client.get(f"{API}/admin/users/?page_size=2", headers=headers).json
    assert (first["count"], first["page"], first["page_size"]) == (5, 1, 2)
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"]
    last = client.get(f"{API}/admin/users/?page_size=2&page=3", headers=headers).json
    assert len(last["results"]) == 1 and last["next"] is None
    assert "page=2" in last["previous"]
    seen = {u["id"] for u in first["results"]} | {u["id"] for u in last["results"]}
    assert len(seen) == 3


def test_the_admin_list_costs_the_same_queries_for_one_user_or_many(
    app, client, admin, make_account, count_statements
):
    for n in range(6):
        make_account(f"user{n}@example.com")
    headers = bearer(app, admin)
    with count_statements() as for_one:
        client.get(f"{API}/admin/users/?page_size=1", headers=headers)
    with count_statements() as for_seven:
        client.get(f"{API}/admin/users/?page_size=7", headers=headers)
    assert for_one.count == for_seven.count


def _id(client, headers, search: str) -> str:
    return client.get(f"{API}/admin/users/?search={search}", headers=headers).json["results"][0][
        "id"
    ]
