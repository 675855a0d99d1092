"""A course's analytics, hand-computed from the classroom fixture, and who may read them."""

from uuid import uuid4

import pytest

from tests.factories import bearer

pytestmark = pytest.mark.integration

NOV = "?from=2026-11-01&to=2026-11-07"


def url(course_id, query=NOV):
    return f"/api/v1/instructors/courses/{course_id}/analytics/{query}"


@pytest.mark.parametrize("caller", ["teacher", "admin"])
def test_the_figures_of_a_course(client, app, classroom, caller):
    response = client.get(url(classroom["python"].id), headers=bearer(app, classroom[caller]))
    assert response.status_code == 200
    body = response.json
    assert (body["course_id"], body["window_from"], body["window_to"]) == (
        str(classroom["python"].id),
        "2026-11-01",
        "2026-11-07",
    )
    # Refunded Eli counts on the day he enrolled, not among the students.
    assert body["enrollments_by_day"] == [
        {"day": f"2026-11-0{day}", "count": {2: 2, 5: 2}.get(day, 0)} for day in range(1, 8)
    ]
    assert (body["enrollments"], body["completed_enrollments"]) == (4, 1)
    assert body["completion_rate"] == 0.25
    # 4 + 2 + 1 + 0 lessons of 4 students x 4 lessons.
    assert body["average_progress"] == 43.75
    first, second, third, fourth = classroom["lessons"]
    assert body["drop_off"] == [
        {"lesson_id": str(first.id), "title": "Lesson 1.1", "completed": 3, "share": 0.75},
        {"lesson_id": str(second.id), "title": "Lesson 1.2", "completed": 2, "share": 0.5},
        {"lesson_id": str(third.id), "title": "Lesson 2.1", "completed": 1, "share": 0.25},
        {"lesson_id": str(fourth.id), "title": "Lesson 2.2", "completed": 1, "share": 0.25},
    ]
    assert body["rating_distribution"] == [
        {"rating": 1, "count": 0},
        {"rating": 2, "count": 0},
        {"rating": 3, "count": 0},
        {"rating": 4, "count": 1},
        {"rating": 5, "count": 2},
    ]


def test_a_course_nobody_took_answers_zeros_and_every_rating(client, app, classroom):
    body = client.get(url(classroom["bare"].id), headers=bearer(app, classroom["teacher"])).json
    assert [d["count"] for d in body["enrollments_by_day"]] == [0] * 7
    assert (body["enrollments"], body["completion_rate"], body["average_progress"]) == (0, 0, 0)
    assert body["drop_off"] == []
    assert [r["count"] for r in body["rating_distribution"]] == [0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("caller", "course", "status", "reason"),
    [
        ("rival", "python", 403, "not_course_owner"),
        ("teacher", "theirs", 403, "not_course_owner"),
        ("student", "python", 403, "role_not_allowed"),
        ("teacher", None, 404, "course_not_found"),
        ("admin", None, 404, "course_not_found"),
        (None, "python", 401, "authentication_required"),
    ],
)
def test_only_the_owner_and_admins_read_a_courses_analytics(
    client, app, classroom, caller, course, status, reason
):
    course_id = classroom[course].id if course else uuid4()
    headers = bearer(app, classroom[caller]) if caller else {}
    response = client.get(url(course_id), headers=headers)
    assert (response.status_code, response.json["error"]) == (status, reason)


@pytest.mark.parametrize("query", ["?from=2026-11-08&to=2026-11-07", "?to=2026-02-30"])
def test_a_bad_window_is_refused(client, app, classroom, query):
    response = client.get(
        url(classroom["python"].id, query), headers=bearer(app, classroom["teacher"])
    )
    assert response.status_code == 422


def test_the_default_window_is_the_last_30_days(client, app, classroom, container):
    body = client.get(
        url(classroom["python"].id, ""), headers=bearer(app, classroom["teacher"])
    ).json
    assert body["window_to"] == container.infra.clock().now().date().isoformat()
    assert len(body["enrollments_by_day"]) == 30


def test_a_busy_course_runs_as_many_statements_as_an_empty_one(
    client, app, classroom, count_statements
):
    headers = bearer(app, classroom["teacher"])

    def statements(course) -> int:
        with count_statements() as counter:
            assert client.get(url(classroom[course].id), headers=headers).status_code == 200
        return counter.count

    busy, bare = statements("python"), statements("bare")
    assert busy == bare
    # The token check, the course, four aggregates, and on SQLite a BEGIN per session.
    assert busy <= 9
