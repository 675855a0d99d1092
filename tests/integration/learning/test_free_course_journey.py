"""The whole free-course journey over HTTP: enroll, learn every lesson, review."""

import pytest

from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration


def test_a_student_takes_a_free_course_from_enrollment_to_review(client, learning):
    instructor = learning.user(Role.INSTRUCTOR, full_name="Ada Lovelace")
    built = learning.course(instructor, modules=2, lessons_per_module=2)
    student = learning.user(full_name="Grace Hopper")
    headers = learning.auth(student)

    enrolled = client.post(f"/api/v1/courses/{built.id}/enroll/", headers=headers)
    assert enrolled.status_code == 201
    enrollment_id = enrolled.json["id"]

    percents = []
    for lesson in built.lessons:
        step = client.patch(
            f"/api/v1/enrollments/{enrollment_id}/progress/",
            json={"lesson_id": str(lesson.id), "completed": True, "position_seconds": 300},
            headers=headers,
        )
        assert step.status_code == 200, step.json
        percents.append(step.json["percent"])
    assert percents == [25, 50, 75, 100]

    progress = client.get(f"/api/v1/progress/{built.id}/", headers=headers).json
    assert progress["percent"] == 100
    assert progress["completed_lessons"] == progress["total_lessons"] == 4
    assert progress["last_lesson_id"] == str(built.lessons[-1].id)
    assert all(lesson["completed"] for lesson in progress["lessons"])

    enrollment = client.get(f"/api/v1/enrollments/{enrollment_id}/", headers=headers).json
    assert enrollment["status"] == "completed" and enrollment["completed_at"] is not None

    inbox = client.get("/api/v1/notifications/", headers=headers).json
    assert [n["kind"] for n in inbox["results"]] == ["course_completed", "enrollment"]

    before = client.get(f"/api/v1/courses/{built.id}/")
    assert before.status_code == 200
    assert (before.json["rating_count"], before.json["enrollment_count"]) == (0, 1)

    review = client.post(
        f"/api/v1/courses/{built.id}/reviews/",
        json={"rating": 5, "comment": "Worth every minute."},
        headers=headers,
    )
    assert review.status_code == 201

    course = learning.stored_course(built.id)
    assert (course.rating_avg, course.rating_count, course.enrollment_count) == (5.0, 1, 1)
    after = client.get(f"/api/v1/courses/{built.id}/").json
    assert (after["rating_avg"], after["rating_count"]) == (5.0, 1)
    reviews = client.get(f"/api/v1/courses/{built.id}/reviews/").json
    assert reviews["results"][0]["author"]["full_name"] == "Grace Hopper"
    instructor_inbox = client.get("/api/v1/notifications/", headers=learning.auth(instructor))
    assert [n["kind"] for n in instructor_inbox.json["results"]] == ["new_review"]


def test_the_learning_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]

    assert {
        "/api/v1/courses/{course_id}/enroll/",
        "/api/v1/enrollments/",
        "/api/v1/enrollments/{enrollment_id}/",
        "/api/v1/enrollments/{enrollment_id}/progress/",
        "/api/v1/progress/{course_id}/",
        "/api/v1/courses/{course_id}/reviews/",
        "/api/v1/reviews/{review_id}/",
        "/api/v1/reports/",
        "/api/v1/admin/reports/",
        "/api/v1/admin/reports/{report_id}/",
        "/api/v1/notifications/",
        "/api/v1/notifications/{notification_id}/read/",
        "/api/v1/notifications/read-all/",
    } <= set(paths)
