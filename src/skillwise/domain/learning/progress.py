"""A student's progress through the lessons of a course they are enrolled in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from skillwise.domain.enrollments import (
    Enrollment,
    EnrollmentAccess,
    EnrollmentStatus,
    SuspensionReason,
    access_of,
)
from skillwise.domain.errors import DomainValidationError


@dataclass(frozen=True, slots=True)
class LessonRef:
    """What progress needs to know of a lesson: which one, and how long it plays."""

    id: UUID
    duration_seconds: int = 0


def percent_complete(completed: int, total: int) -> int:
    """Whole percent, rounded down so 100 means every lesson is done; 0 for an empty course."""
    if total <= 0:
        return 0
    return min(100, completed * 100 // total)


@dataclass(eq=False)
class LessonProgress:
    """One student's state in one lesson: done or not, and where playback stopped."""

    enrollment_id: UUID
    lesson_id: UUID
    updated_at: datetime
    completed: bool = False
    completed_at: datetime | None = None
    position_seconds: int = 0
    id: UUID = field(default_factory=uuid4)

    def record(
        self,
        lesson: LessonRef,
        *,
        completed: bool | None,
        position_seconds: int | None,
        now: datetime,
    ) -> None:
        """Apply what the player reports; `None` leaves that part as it was."""
        if position_seconds is not None:
            ensure_position_fits(lesson, position_seconds)
            self.position_seconds = position_seconds
        if completed is True and not self.completed:
            self.completed_at = now
        elif completed is False:
            self.completed_at = None
        if completed is not None:
            self.completed = completed
        self.updated_at = now


def ensure_position_fits(lesson: LessonRef, position_seconds: int) -> None:
    if position_seconds < 0:
        raise DomainValidationError("position_seconds cannot be negative.", code="invalid_position")
    if lesson.duration_seconds > 0 and position_seconds > lesson.duration_seconds:
        raise DomainValidationError(
            f"position_seconds cannot pass the lesson's end ({lesson.duration_seconds} s).",
            code="invalid_position",
        )


def find_lesson(outline: Sequence[LessonRef], lesson_id: UUID) -> LessonRef:
    """The lesson of this course with that id; a lesson of another course is a client error."""
    for lesson in outline:
        if lesson.id == lesson_id:
            return lesson
    raise DomainValidationError(
        "That lesson is not part of the enrolled course.", code="lesson_not_in_course"
    )


@dataclass(frozen=True, slots=True)
class LessonState:
    lesson_id: UUID
    completed: bool
    completed_at: datetime | None
    position_seconds: int


@dataclass(frozen=True, slots=True)
class CourseProgress:
    """A student's progress measured against the course's lessons as they are now."""

    course_id: UUID
    enrollment_id: UUID
    status: EnrollmentStatus
    completed_at: datetime | None
    lessons: tuple[LessonState, ...]
    last_lesson_id: UUID | None
    access: EnrollmentAccess
    suspension_reason: SuspensionReason | None

    @property
    def total_lessons(self) -> int:
        return len(self.lessons)

    @property
    def completed_lessons(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.completed)

    @property
    def percent(self) -> int:
        return percent_complete(self.completed_lessons, self.total_lessons)

    @property
    def every_lesson_done(self) -> bool:
        return self.total_lessons > 0 and self.completed_lessons == self.total_lessons


def progress_of(
    enrollment: Enrollment, outline: Sequence[LessonRef], records: Iterable[LessonProgress]
) -> CourseProgress:
    """Progress in outline order; records of lessons no longer in the course are ignored."""
    by_lesson = {record.lesson_id: record for record in records}
    states = []
    for lesson in outline:
        record = by_lesson.get(lesson.id)
        states.append(
            LessonState(
                lesson_id=lesson.id,
                completed=bool(record and record.completed),
                completed_at=record.completed_at if record else None,
                position_seconds=record.position_seconds if record else 0,
            )
        )
    access, suspension_reason = access_of(enrollment.status, enrollment.suspended_at)
    in_course = [by_lesson[lesson.id] for lesson in outline if lesson.id in by_lesson]
    last = max(in_course, key=lambda record: record.updated_at, default=None)
    return CourseProgress(
        course_id=enrollment.course_id,
        enrollment_id=enrollment.id,
        status=enrollment.status,
        completed_at=enrollment.completed_at,
        lessons=tuple(states),
        last_lesson_id=last.lesson_id if last else None,
        access=access,
        suspension_reason=suspension_reason,
    )
