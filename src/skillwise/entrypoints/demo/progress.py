"""The demo student's progress beyond enrollment: a finished course with its certificate, and
courses kept in the wishlist. Each step leaves what is there, so seeding again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from skillwise.application.learning.completion import complete_enrollment
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.learning.progress import LessonProgress
from skillwise.domain.wishlist import WishlistItem


def finish_course(uow: UnitOfWork, *, user_id: UUID, course_id: UUID, now: datetime) -> None:
    """Every lesson done and the enrollment completed, through the same rules as progress."""
    enrollment = uow.enrollments.get_for(user_id, course_id)
    if enrollment is None:
        return
    enrollment = uow.enrollments.get_for_update(enrollment.id)
    done = {record.lesson_id for record in uow.lesson_progress.for_enrollment(enrollment.id)}
    for lesson in uow.lesson_progress.outline(course_id):
        if lesson.id in done:
            continue
        record = LessonProgress(enrollment_id=enrollment.id, lesson_id=lesson.id, updated_at=now)
        record.record(lesson, completed=True, position_seconds=lesson.duration_seconds, now=now)
        uow.lesson_progress.add(record)
    if complete_enrollment(uow, enrollment, now):
        uow.enrollments.save(enrollment)


def wish_for(uow: UnitOfWork, *, user_id: UUID, course_ids: Iterable[UUID], now: datetime) -> None:
    for course_id in course_ids:
        uow.wishlist.add(WishlistItem(user_id=user_id, course_id=course_id, added_at=now))
