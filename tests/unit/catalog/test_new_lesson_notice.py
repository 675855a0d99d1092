"""Instructors tell their students of a new lesson, once per lesson."""

import pytest

from skillwise.application.catalog.use_cases.update_lesson import UpdateLesson
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.identity import Role


def new_lesson_notices(shelf):
    return [n for n in shelf.uow.notifications.rows.values() if n.kind == "new_lesson"]


def test_notifying_students_tells_each_enrolled_student_once(shelf):
    course = shelf.course()
    ada, bo, refunded = shelf.actor(), shelf.actor(), shelf.actor()
    for student in (ada, bo):
        shelf.enroll(student, course)
    shelf.enroll(refunded, course, EnrollmentStatus.REFUNDED)
    [lesson, _] = shelf.lessons_of(shelf.modules_of(course)[0])
    update = UpdateLesson(shelf.uow, shelf.clock)

    update(shelf.owner_of(course), lesson.id, {"notify_students": True})
    update(shelf.owner_of(course), lesson.id, {"notify_students": True, "title": "Renamed"})

    notices = new_lesson_notices(shelf)
    assert sorted(n.user_id for n in notices) == sorted([ada.user_id, bo.user_id])
    assert notices[0].data == {"course_id": str(course.id), "lesson_id": str(lesson.id)}
    assert shelf.uow.lessons.rows[lesson.id].students_notified_at == shelf.clock.now()
    assert shelf.uow.outbox.topics().count("push") == 2


def test_an_edit_without_notify_students_tells_nobody(shelf):
    course = shelf.course()
    shelf.enroll(shelf.actor(), course)
    [lesson, _] = shelf.lessons_of(shelf.modules_of(course)[0])

    UpdateLesson(shelf.uow, shelf.clock)(shelf.owner_of(course), lesson.id, {"title": "New"})

    assert new_lesson_notices(shelf) == []
    assert shelf.uow.lessons.rows[lesson.id].students_notified_at is None


def test_only_the_owner_or_an_admin_may_notify_students(shelf):
    course = shelf.course()
    shelf.enroll(shelf.actor(), course)
    [lesson, _] = shelf.lessons_of(shelf.modules_of(course)[0])

    with pytest.raises(PermissionDenied):
        UpdateLesson(shelf.uow, shelf.clock)(
            shelf.actor(Role.INSTRUCTOR), lesson.id, {"notify_students": True}
        )

    assert new_lesson_notices(shelf) == []
