"""GetProgress: where the caller stands in a course, lesson by lesson, to resume from."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotFound
from skillwise.domain.identity import Actor
from skillwise.domain.learning.progress import CourseProgress, progress_of


class GetProgress:
    """Measured against the course's current lessons, in outline order."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, course_id: UUID) -> CourseProgress:
        with self._uow as uow:
            enrollment = uow.enrollments.get_for(actor.user_id, course_id)
            if enrollment is None:
                raise NotFound("You are not enrolled in this course.", code="not_enrolled")
            return progress_of(
                enrollment,
                uow.lesson_progress.outline(course_id),
                uow.lesson_progress.for_enrollment(enrollment.id),
            )
