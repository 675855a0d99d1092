"""Courses over HTTP: creating, reading, publishing, archiving and deleting."""

import pytest
from dependency_injector import providers

from skillwise.adapters.payments.registry import ConfiguredGateways
from skillwise.adapters.payments.sslcommerz_gateway import SslcommerzGateway
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration

NEW_COURSE = {
    "title": "Data Science with Pandas",
    "subtitle": "From CSV to insight",
    "description": "## What you will learn\n\nCleaning, joining and plotting data.",
    "category": "data-science",
    "level": "intermediate",
    "language": "en",
    "price": 2499,
    "currency": "USD",
    "thumbnail_url": "https://cdn.example.com/pandas.png",
}


@pytest.fixture
def teacher(catalog):
    return catalog.user(Role.INSTRUCTOR, full_name="Wes McKinney")


def test_a_new_course_is_a_draft_with_a_slug_an_owner_and_no_outline(client, catalog, teacher):
    response = client.post("/api/v1/courses/", json=NEW_COURSE, headers=catalog.auth(teacher))
    assert response.status_code == 201
    body = response.json
    assert body["slug"] == "data-science-with-pandas"
    assert body["status"] == "draft" and body["published_at"] is None
    assert body["instructor"] == {"id": str(teacher.id), "full_name": "Wes McKinney"}
    assert (body["price"], body["currency"], body["is_free"]) == (2499, "USD", False)
    assert body["modules"] == [] and body["lesson_count"] == 0
    assert body["rating_avg"] is None and body["enrollment_count"] == 0


def test_read_only_and_unknown_fields_change_nothing(client, catalog, teacher):
    sneaky = {
        **NEW_COURSE,
        "status": "published",
        "instructor_id": "00000000-0000-0000-0000-000000000000",
        "rating_sum": 500,
        "rating_count": 100,
        "enrollment_count": 9999,
        "slug": "chosen-slug",
    }
    body = client.post("/api/v1/courses/", json=sneaky, headers=catalog.auth(teacher)).json
    assert body["status"] == "draft" and body["instructor"]["id"] == str(teacher.id)
    assert body["rating_count"] == 0 and body["enrollment_count"] == 0
    assert body["slug"] == "data-science-with-pandas"


def test_the_same_title_twice_gets_a_numbered_slug_that_survives_renaming(client, catalog, teacher):
    headers = catalog.auth(teacher)
    first = client.post("/api/v1/courses/", json=NEW_COURSE, headers=headers).json
    second = client.post("/api/v1/courses/", json=NEW_COURSE, headers=headers).json
    assert second["slug"] == "data-science-with-pandas-2"
    renamed = client.patch(
        f"/api/v1/courses/{first['id']}/", json={"title": "Pandas in Depth"}, headers=headers
    ).json
    assert renamed["title"] == "Pandas in Depth" and renamed["slug"] == first["slug"]


INVALID_CHANGES = [
    {"price": 19.99},
    {"price": -100},
    {"price": "1999"},
    {"currency": "dollars"},
    {"level": "guru"},
    {"title": ""},
    {"title": "   "},
    {"category": "Data Science!"},
    {"thumbnail_url": "javascript:alert(1)"},
]


def test_invalid_course_fields_answer_422_and_create_nothing(client, catalog, teacher):
    headers = catalog.auth(teacher)
    for change in INVALID_CHANGES:
        response = client.post("/api/v1/courses/", json={**NEW_COURSE, **change}, headers=headers)
        assert response.status_code == 422, change
        assert response.json["message"]
    mine = client.get("/api/v1/instructors/courses/", headers=headers).json
    assert mine["count"] == 0


def test_a_course_without_lessons_cannot_be_published(client, catalog, teacher):
    headers = catalog.auth(teacher)
    created = client.post("/api/v1/courses/", json=NEW_COURSE, headers=headers).json
    response = client.patch(
        f"/api/v1/courses/{created['id']}/", json={"status": "published"}, headers=headers
    )
    assert response.status_code == 422
    assert response.json["error"] == "course_has_no_lessons"
    assert client.get(f"/api/v1/courses/{created['id']}/", headers=headers).json["status"] == (
        "draft"
    )


def test_publishing_archiving_and_unpublishing(client, catalog):
    course = catalog.course(published=False)
    headers = catalog.auth(course.instructor)
    url = f"/api/v1/courses/{course.id}/"
    published = client.patch(url, json={"status": "published"}, headers=headers).json
    assert published["status"] == "published" and published["published_at"]
    assert client.get(url).status_code == 200
    assert client.patch(url, json={"status": "archived"}, headers=headers).json["status"] == (
        "archived"
    )
    assert client.get(url).status_code == 404
    unpublished = client.patch(url, json={"status": "draft"}, headers=headers).json
    assert unpublished["status"] == "draft" and unpublished["published_at"] is None


def test_drafts_answer_404_to_everyone_but_their_owner_and_admins(client, catalog):
    draft = catalog.course(published=False)
    url = f"/api/v1/courses/{draft.id}/"
    assert client.get(url).status_code == 404
    for role in (Role.STUDENT, Role.INSTRUCTOR):
        assert client.get(url, headers=catalog.auth(catalog.user(role))).status_code == 404
    assert client.get(url, headers=catalog.auth(draft.instructor)).status_code == 200
    assert client.get(url, headers=catalog.auth(catalog.user(Role.ADMIN))).status_code == 200
    assert client.get(f"/api/v1/courses/{draft.id}/modules/").status_code == 404
    listed = client.get("/api/v1/courses/").json["results"]
    assert str(draft.id) not in {course["id"] for course in listed}


def test_an_archived_course_stays_open_to_its_students(client, catalog):
    course = catalog.course()
    student = catalog.user()
    catalog.enroll(student, course)
    refunded = catalog.user()
    catalog.enroll(refunded, course, EnrollmentStatus.REFUNDED)
    client.patch(
        f"/api/v1/courses/{course.id}/",
        json={"status": "archived"},
        headers=catalog.auth(course.instructor),
    )
    url = f"/api/v1/courses/{course.id}/"
    assert client.get(url, headers=catalog.auth(student)).json["status"] == "archived"
    lesson = f"/api/v1/lessons/{course.lessons[1].id}/"
    assert client.get(lesson, headers=catalog.auth(student)).status_code == 200
    assert client.get(url, headers=catalog.auth(refunded)).status_code == 404
    assert client.get(url).status_code == 404


def test_the_detail_shows_the_outline_in_order_with_totals(client, catalog):
    course = catalog.course(modules=2, lessons_per_module=2)
    body = client.get(f"/api/v1/courses/{course.id}/").json
    assert [m["title"] for m in body["modules"]] == ["Module 1", "Module 2"]
    assert body["modules"][0]["lessons"][0] == {
        "id": str(course.lessons[0].id),
        "title": "Lesson 1.1",
        "position": 1,
        "duration_seconds": 300,
        "is_preview": True,
    }
    assert (body["lesson_count"], body["total_duration_seconds"]) == (4, 1200)
    assert "content" not in body["modules"][0]["lessons"][0]


def test_an_unknown_course_is_404(client):
    response = client.get("/api/v1/courses/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404 and response.json["error"] == "course_not_found"


def test_deleting_a_course_without_students_removes_it_and_its_outline(client, catalog):
    course = catalog.course()
    headers = catalog.auth(course.instructor)
    assert client.delete(f"/api/v1/courses/{course.id}/", headers=headers).status_code == 204
    assert client.get(f"/api/v1/courses/{course.id}/", headers=headers).status_code == 404
    lesson = f"/api/v1/lessons/{course.lessons[0].id}/"
    assert client.get(lesson, headers=headers).status_code == 404


def test_deleting_a_course_with_students_archives_it_and_keeps_their_access(client, catalog):
    course = catalog.course()
    student = catalog.user()
    catalog.enroll(student, course)
    response = client.delete(
        f"/api/v1/courses/{course.id}/", headers=catalog.auth(catalog.user(Role.ADMIN))
    )
    assert response.status_code == 200 and response.json["status"] == "archived"
    stored = catalog.stored_course(course.id)
    assert stored is not None and stored.status.value == "archived"
    lesson = f"/api/v1/lessons/{course.lessons[1].id}/"
    assert client.get(lesson, headers=catalog.auth(student)).status_code == 200


def test_a_course_some_row_still_refers_to_is_archived_not_deleted(client, catalog):
    course = catalog.course()
    # A refunded enrollment no longer counts as a student, but its row must survive.
    catalog.enroll(catalog.user(), course, EnrollmentStatus.REFUNDED)
    with catalog._uow_factory() as uow:
        stored = uow.courses.get(course.id)
        stored.enrollment_count = 0
        uow.courses.save(stored)
        uow.commit()
    response = client.delete(
        f"/api/v1/courses/{course.id}/", headers=catalog.auth(course.instructor)
    )
    assert response.status_code == 200 and response.json["status"] == "archived"


def test_a_price_beyond_what_any_course_costs_is_a_validation_error(client, catalog):
    headers = catalog.auth(catalog.user(Role.INSTRUCTOR))
    body = {
        "title": "Pricey",
        "description": "x",
        "category": "music",
        "level": "beginner",
        "language": "en",
        "price": 10**30,
        "currency": "USD",
    }
    response = client.post("/api/v1/courses/", json=body, headers=headers)
    assert response.status_code == 422
    assert "price" in response.json["errors"]


@pytest.mark.parametrize("currency", ["XYZ", "XAU"])
def test_a_code_outside_iso_4217_or_without_money_in_it_is_refused_when_priced(
    client, catalog, teacher, currency
):
    headers = catalog.auth(teacher)
    created = client.post(
        "/api/v1/courses/", json={**NEW_COURSE, "currency": currency}, headers=headers
    )
    course = catalog.course(instructor=teacher)
    updated = client.patch(
        f"/api/v1/courses/{course.id}/", json={"currency": currency}, headers=headers
    )

    assert (created.status_code, created.json["error"]) == (422, "unknown_currency")
    assert (updated.status_code, updated.json["error"]) == (422, "unknown_currency")
    assert (
        client.get(f"/api/v1/courses/{course.id}/").json["currency"] == course.course.price.currency
    )


def test_a_currency_no_configured_gateway_charges_in_is_refused_when_priced(
    client, container, catalog, teacher
):
    only_sslcommerz = ConfiguredGateways(
        {"sslcommerz": lambda: SslcommerzGateway("store", "pass", public_url="http://testserver")},
        default_name="sslcommerz",
    )
    container.infra.payment_gateways.override(providers.Object(only_sslcommerz))
    headers = catalog.auth(teacher)
    course = catalog.course(instructor=teacher)

    created = client.post(
        "/api/v1/courses/", json={**NEW_COURSE, "currency": "JPY"}, headers=headers
    )
    repriced = client.patch(
        f"/api/v1/courses/{course.id}/", json={"price": 500, "currency": "JPY"}, headers=headers
    )
    in_taka = client.post(
        "/api/v1/courses/", json={**NEW_COURSE, "price": 150000, "currency": "BDT"}, headers=headers
    )

    assert (created.status_code, created.json["error"]) == (422, "currency_not_supported")
    assert (repriced.status_code, repriced.json["error"]) == (422, "currency_not_supported")
    assert in_taka.status_code == 201
    assert (
        client.get(f"/api/v1/courses/{course.id}/").json["price"]
        == course.course.price.amount_minor
    )
