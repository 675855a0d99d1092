"""GET /lessons/{id}/: 200, 401, 403 or 404 depending on who asks."""

import pytest

from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.identity import Role

pytestmark = pytest.mark.integration


@pytest.fixture
def course(catalog):
    return catalog.course(lessons_per_module=2)


def get_lesson(client, catalog, lesson, caller=None):
    return client.get(f"/api/v1/lessons/{lesson.id}/", headers=catalog.auth(caller))


def test_a_guest_reads_a_preview_and_is_asked_to_sign_in_for_the_rest(client, catalog, course):
    preview, locked = course.lessons
    response = get_lesson(client, catalog, preview)
    assert response.status_code == 200 and response.json["content"].startswith("# Lesson 1.1")
    refused = get_lesson(client, catalog, locked)
    assert refused.status_code == 401 and "content" not in refused.json


def test_a_signed_in_stranger_is_refused_with_403(client, catalog, course):
    locked = course.lessons[1]
    for role in (Role.STUDENT, Role.INSTRUCTOR):
        response = get_lesson(client, catalog, locked, catalog.user(role))
        assert response.status_code == 403 and response.json["error"] == "not_enrolled"


def test_an_enrolled_student_reads_the_whole_lesson(client, catalog, course):
    student = catalog.user()
    catalog.enroll(student, course)
    body = get_lesson(client, catalog, course.lessons[1], student).json
    assert body["content"] == "# Lesson 1.2\n\nThe full text."
    assert body["video_url"].startswith("https://video.example.com/")
    assert body["attachments"] == []


def test_a_refunded_student_is_refused(client, catalog, course):
    student = catalog.user()
    catalog.enroll(student, course, EnrollmentStatus.REFUNDED)
    assert get_lesson(client, catalog, course.lessons[1], student).status_code == 403


def test_the_owner_and_admins_read_every_lesson(client, catalog, course):
    locked = course.lessons[1]
    assert get_lesson(client, catalog, locked, course.instructor).status_code == 200
    assert get_lesson(client, catalog, locked, catalog.user(Role.ADMIN)).status_code == 200


def test_even_previews_of_a_draft_are_404_for_strangers(client, catalog):
    draft = catalog.course(published=False)
    preview = draft.lessons[0]
    assert get_lesson(client, catalog, preview).status_code == 404
    assert get_lesson(client, catalog, preview, catalog.user()).status_code == 404
    assert get_lesson(client, catalog, preview, draft.instructor).status_code == 200
