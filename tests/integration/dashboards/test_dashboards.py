"""Dashboard figures from real rows, on both databases, and who may see them."""

import pytest

from skillwise.domain.identity import Role
from tests.factories import NOW, a_course, a_user, bearer
from tests.integration.dashboards.conftest import add, enroll
from tests.integration.dashboards.sales import sell

pytestmark = pytest.mark.integration


def test_the_instructor_dashboard_counts_only_the_callers_courses_and_net_earnings(
    client, app, school
):
    response = client.get("/api/v1/instructors/dashboard/", headers=bearer(app, school["teacher"]))
    assert response.status_code == 200
    body = response.json
    assert body["total_earnings"] == 3200
    assert body["currency"] == "USD"
    assert body["earnings"] == [{"currency": "USD", "gross": 4000, "fees": 800, "net": 3200}]
    assert body["total_students"] == 2
    assert body["total_enrollments"] == 3
    assert body["completed_enrollments"] == 1
    assert (body["active_courses"], body["draft_courses"], body["total_courses"]) == (2, 1, 3)
    assert body["top_courses"][0]["title"] == "Paid Python"


def test_the_students_list_shows_progress_and_hides_other_instructors_courses(client, app, school):
    url = f"/api/v1/instructors/courses/{school['paid'].id}/students/"
    response = client.get(url, headers=bearer(app, school["teacher"]))
    assert response.status_code == 200
    by_name = {row["student"]["id"]: row for row in response.json["results"]}
    assert response.json["count"] == 3
    ada = by_name[str(school["ada"].id)]
    assert (ada["completed_lessons"], ada["total_lessons"], ada["percent"]) == (1, 2, 50)
    assert client.get(url, headers=bearer(app, school["rival"])).status_code == 404
    assert client.get(url, headers=bearer(app, school["admin"])).status_code == 200


def test_the_students_list_runs_the_same_statements_for_one_row_or_many(
    client, app, school, count_statements
):
    url = f"/api/v1/instructors/courses/{school['paid'].id}/students/"
    headers = bearer(app, school["teacher"])
    with count_statements() as one:
        client.get(url + "?page_size=1", headers=headers)
    with count_statements() as many:
        client.get(url + "?page_size=100", headers=headers)
    assert one.count == many.count


def test_the_instructor_dashboard_runs_as_many_statements_for_many_courses_as_for_few(
    client, app, school, uow_factory, count_statements
):
    url = "/api/v1/instructors/dashboard/?from=2026-09-01&to=2026-11-30"
    headers = bearer(app, school["teacher"])

    def statements() -> tuple[int, dict]:
        with count_statements() as counter:
            answer = client.get(url, headers=headers)
        assert answer.status_code == 200
        return counter.count, answer.json

    few, before = statements()
    for n, currency in enumerate(["USD", "BDT", "EUR", "USD", "BDT", "EUR"]):
        course = a_course(school["teacher"], title=f"More {n}")
        buyers = [a_user(Role.STUDENT) for _ in range(3)]
        add(uow_factory, course, *buyers, *(enroll(b, course) for b in buyers))
        for buyer in buyers:
            sell(
                uow_factory,
                buyer=buyer,
                course=course,
                price=1000,
                currency=currency,
                fee=200,
                at=NOW,
            )
    many, after = statements()
    assert (after["total_courses"], after["total_enrollments"]) == (
        before["total_courses"] + 6,
        before["total_enrollments"] + 18,
    )
    assert len(after["course_revenue"]) == len(before["course_revenue"]) + 6
    assert few == many


def test_admin_analytics_sums_the_platform(client, app, school):
    response = client.get("/api/v1/admin/analytics/", headers=bearer(app, school["admin"]))
    assert response.status_code == 200
    body = response.json
    assert body["total_users"] == 6
    assert body["users_by_role"] == {"instructor": 2, "student": 3, "admin": 1}
    assert body["total_courses"] == 4
    assert body["total_enrollments"] == 4
    assert body["enrollments_last_30_days"] == 3
    assert body["total_earnings"] == [{"amount": 4000, "currency": "USD"}]
    assert body["platform_fees"] == [{"amount": 800, "currency": "USD"}]
    assert body["payments_by_status"] == {"succeeded": 2, "refunded": 1}
    assert [c["title"] for c in body["top_courses"]][:1] == ["Paid Python"]
    assert body["most_active_users"][0]["id"] == str(school["ada"].id)
    assert body["most_active_users"][0]["completed_lessons"] == 1


@pytest.mark.parametrize(
    ("path", "role", "status"),
    [
        ("/api/v1/instructors/dashboard/", Role.STUDENT, 403),
        ("/api/v1/admin/analytics/", Role.STUDENT, 403),
        ("/api/v1/admin/analytics/", Role.INSTRUCTOR, 403),
        ("/api/v1/instructors/dashboard/", None, 401),
        ("/api/v1/admin/analytics/", None, 401),
    ],
)
def test_dashboards_are_for_their_roles_only(client, app, uow_factory, path, role, status):
    headers = {}
    if role is not None:
        user = a_user(role)
        add(uow_factory, user)
        headers = bearer(app, user)
    assert client.get(path, headers=headers).status_code == status
