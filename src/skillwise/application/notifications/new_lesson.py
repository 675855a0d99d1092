"""Telling a course's students of a lesson its instructor has just added."""

from __future__ import annotations

from datetime import datetime

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.catalog.outline import Lesson
from skillwise.domain.notifications import Notification


def tell_students_of_new_lesson(
    uow: UnitOfWork, course: Course, lesson: Lesson, now: datetime
) -> None:
    """Once per lesson: a `new_lesson` notification to every student enrolled in the course."""
    if lesson.students_notified_at is not None:
        return
    for student_id in uow.enrollments.student_ids_of(course.id):
        uow.notifications.add(
            Notification(
                user_id=student_id,
                kind="new_lesson",
                title=f"New lesson in {course.title}",
                body=lesson.title,
                data={"course_id": str(course.id), "lesson_id": str(lesson.id)},
                created_at=now,
            )
        )
    lesson.students_notified_at = now
