"""RecordProgress: a lesson done or not, and where its playback stopped."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.learning.completion import complete_enrollment
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import DomainValidationError, EnrollmentNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.learning.progress import (
    CourseProgress,
    LessonProgress,
    find_lesson,
    progress_of,
)


class RecordProgress:
    """Updates one lesson of the caller's enrollment and returns the course progress.

    The enrollment row is locked, so when two requests finish the last two lessons at once
    the second sees the first's lesson and completes the course exactly once. Finishing the
    last lesson completes the enrollment, issues its certificate and records a
    `course_completed` notification in the same transaction; later changes never revoke a
    completion.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(
        self,
        actor: Actor,
        enrollment_id: UUID,
        *,
        lesson_id: UUID,
        completed: bool | None = None,
        position_seconds: int | None = None,
    ) -> CourseProgress:
        if completed is None and position_seconds is None:
            raise DomainValidationError(
                "Send completed, position_seconds or both.", code="nothing_to_record"
            )
        now = self._clock.now()
        with self._uow as uow:
            enrollment = uow.enrollments.get_for_update(enrollment_id)
            if enrollment is None or not enrollment.belongs_to(actor.user_id):
                raise EnrollmentNotFound()
            enrollment.require_access()
            outline = uow.lesson_progress.outline(enrollment.course_id)
            lesson = find_lesson(outline, lesson_id)
            records = uow.lesson_progress.for_enrollment(enrollment.id)
            record = next((r for r in records if r.lesson_id == lesson.id), None)
            if record is None:
                record = LessonProgress(
                    enrollment_id=enrollment.id, lesson_id=lesson.id, updated_at=now
                )
                record.record(
                    lesson, completed=completed, position_seconds=position_seconds, now=now
                )
                uow.lesson_progress.add(record)
                records.append(record)
            else:
                record.record(
                    lesson, completed=completed, position_seconds=position_seconds, now=now
                )
                uow.lesson_progress.save(record)
            every_lesson_done = progress_of(enrollment, outline, records).every_lesson_done
            if not (every_lesson_done and complete_enrollment(uow, enrollment, now)):
                enrollment.touch(now)
            uow.enrollments.save(enrollment)
            uow.commit()
        return progress_of(enrollment, outline, records)
