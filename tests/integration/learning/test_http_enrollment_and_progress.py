"""Enrollment and progress over HTTP (free courses; payments tests the paid path)."""

from uuid import uuid4

import pytest

from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration


def enroll(client, learning, student, built):
    return client.post(f"/api/v1/courses/{built.id}/enroll/", headers=learning.auth(student))


def test_enrolling_in_a_free_course_answers_201_then_200_with_the_same_enrollment(client, learning):
    instructor = learning.user(Role.INSTRUCTOR, full_name="Ada Lovelace")
    student, built = learning.user(), learning.course(instructor)

    first = enroll(client, learning, student, built)
    again = enroll(client, learning, student, built)

    assert first.status_code == 201, first.json
    assert again.status_code == 200
    assert again.json["id"] == first.json["id"]
    body = first.json
    assert body["status"] == "active" and body["completed_at"] is None
    assert body["started_at"].endswith("Z")
    assert body["course"] == {
        "id": str(built.id),
        "title": built.course.title,
        "slug": built.course.slug,
        "thumbnail_url": None,
        "instructor": {"id": str(instructor.id), "full_name": "Ada Lovelace"},
    }
    assert body["progress"] == {"completed_lessons": 0, "total_lessons": 4, "percent": 0}
    assert learning.stored_course(built.id).enrollment_count == 1


def test_guests_are_asked_to_sign_in(client, learning):
    built = learning.course()

    responses = [
        client.post(f"/api/v1/courses/{built.id}/enroll/"),
        client.get("/api/v1/enrollments/"),
        client.get(f"/api/v1/progress/{built.id}/"),
        client.patch(f"/api/v1/enrollments/{uuid4()}/progress/", json={}),
    ]

    assert [response.status_code for response in responses] == [401] * 4


def test_unknown_and_draft_courses_are_not_found(client, learning):
    student = learning.user()
    draft = learning.course(published=False)

    unknown = client.post(f"/api/v1/courses/{uuid4()}/enroll/", headers=learning.auth(student))
    hidden = enroll(client, learning, student, draft)

    assert (unknown.status_code, hidden.status_code) == (404, 404)


def test_an_instructor_cannot_enroll_in_their_own_course(client, learning):
    built = learning.course()

    response = enroll(client, learning, built.instructor, built)

    assert response.status_code == 403
    assert response.json["error"] == "own_course"


def test_my_enrollments_are_paginated_and_another_users_is_not_found(client, learning):
    student, other = learning.user(), learning.user()
    for _ in range(3):
        enroll(client, learning, student, learning.course())
    theirs = enroll(client, learning, other, learning.course()).json

    page = client.get("/api/v1/enrollments/?page_size=2", headers=learning.auth(student))
    detail = client.get(f"/api/v1/enrollments/{theirs['id']}/", headers=learning.auth(student))
    own = client.get(f"/api/v1/enrollments/{theirs['id']}/", headers=learning.auth(other))

    assert page.status_code == 200
    assert (page.json["count"], len(page.json["results"])) == (3, 2)
    assert page.json["next"] is not None and page.json["previous"] is None
    assert detail.status_code == 404
    assert own.status_code == 200 and own.json["id"] == theirs["id"]


def test_recording_progress_answers_the_course_progress(client, learning):
    student, built = learning.user(), learning.course()
    enrollment = enroll(client, learning, student, built).json
    lesson = built.lessons[1]

    response = client.patch(
        f"/api/v1/enrollments/{enrollment['id']}/progress/",
        json={"lesson_id": str(lesson.id), "completed": True, "position_seconds": 120},
        headers=learning.auth(student),
    )

    assert response.status_code == 200, response.json
    body = response.json
    assert (body["completed_lessons"], body["total_lessons"], body["percent"]) == (1, 4, 25)
    assert body["last_lesson_id"] == str(lesson.id)
    assert [item["lesson_id"] for item in body["lessons"]] == [str(x.id) for x in built.lessons]
    assert body["lessons"][1]["position_seconds"] == 120
    assert body["lessons"][1]["completed_at"].endswith("Z")


def test_progress_of_a_lesson_of_another_course_is_a_validation_error(client, learning):
    student, built, other = learning.user(), learning.course(), learning.course()
    enrollment = enroll(client, learning, student, built).json

    response = client.patch(
        f"/api/v1/enrollments/{enrollment['id']}/progress/",
        json={"lesson_id": str(other.lessons[0].id), "completed": True},
        headers=learning.auth(student),
    )

    assert response.status_code == 422
    assert response.json["error"] == "lesson_not_in_course"


@pytest.mark.parametrize("position", [-5, 301, "soon"])
def test_a_bad_playback_position_is_a_validation_error(client, learning, position):
    student, built = learning.user(), learning.course()
    enrollment = enroll(client, learning, student, built).json

    response = client.patch(
        f"/api/v1/enrollments/{enrollment['id']}/progress/",
        json={"lesson_id": str(built.lessons[0].id), "position_seconds": position},
        headers=learning.auth(student),
    )

    assert response.status_code == 422


def test_progress_on_someone_elses_enrollment_is_not_found(client, learning):
    student, built = learning.user(), learning.course()
    enrollment = enroll(client, learning, student, built).json

    response = client.patch(
        f"/api/v1/enrollments/{enrollment['id']}/progress/",
        json={"lesson_id": str(built.lessons[0].id), "completed": True},
        headers=learning.auth(learning.user()),
    )

    assert response.status_code == 404


def test_a_refunded_enrollment_cannot_record_progress(client, learning, uow_factory):
    student, built = learning.user(), learning.course()
    enrollment = enroll(client, learning, student, built).json
    with uow_factory() as uow:
        stored = uow.enrollments.get_for(student.id, built.id)
        stored.status = EnrollmentStatus.REFUNDED
        uow.enrollments.save(stored)
        uow.commit()

    response = client.patch(
        f"/api/v1/enrollments/{enrollment['id']}/progress/",
        json={"lesson_id": str(built.lessons[0].id), "completed": True},
        headers=learning.auth(student),
    )

    assert response.status_code == 403
    assert response.json["error"] == "enrollment_refunded"


def test_progress_of_a_course_one_is_not_enrolled_in_is_not_found(client, learning):
    response = client.get(
        f"/api/v1/progress/{learning.course().id}/", headers=learning.auth(learning.user())
    )

    assert response.status_code == 404
    assert response.json["error"] == "not_enrolled"


def test_percent_follows_lessons_added_later_without_revoking_completion(
    client, learning, uow_factory
):
    student, built = learning.user(), learning.course(modules=1, lessons_per_module=2)
    enrollment = enroll(client, learning, student, built).json
    for lesson in built.lessons:
        client.patch(
            f"/api/v1/enrollments/{enrollment['id']}/progress/",
            json={"lesson_id": str(lesson.id), "completed": True},
            headers=learning.auth(student),
        )
    learning.add_lesson(built)

    progress = client.get(f"/api/v1/progress/{built.id}/", headers=learning.auth(student)).json
    detail = client.get(
        f"/api/v1/enrollments/{enrollment['id']}/", headers=learning.auth(student)
    ).json

    assert (progress["completed_lessons"], progress["total_lessons"]) == (2, 3)
    assert progress["percent"] == 66 and progress["status"] == "completed"
    assert detail["status"] == "completed" and detail["progress"]["percent"] == 66


def test_listing_enrollments_costs_the_same_statements_for_one_or_many(
    client, learning, count_statements
):
    few, many = learning.user(), learning.user()
    enroll(client, learning, few, learning.course())
    for _ in range(5):
        enroll(client, learning, many, learning.course())
    few_headers, many_headers = learning.auth(few), learning.auth(many)

    with count_statements() as for_one:
        client.get("/api/v1/enrollments/", headers=few_headers)
    with count_statements() as for_five:
        listing = client.get("/api/v1/enrollments/", headers=many_headers)

    assert len(listing.json["results"]) == 5
    assert for_one.count == for_five.count
