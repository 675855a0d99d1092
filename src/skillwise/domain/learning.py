"""Learning: progress through a course's lessons, reviews with their ratings, content reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.catalog import Course
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.errors import Conflict, DomainValidationError
from skillwise.domain.identity import Actor

# --- progress ---


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
    in_course = [by_lesson[lesson.id] for lesson in outline if lesson.id in by_lesson]
    last = max(in_course, key=lambda record: record.updated_at, default=None)
    return CourseProgress(
        course_id=enrollment.course_id,
        enrollment_id=enrollment.id,
        status=enrollment.status,
        completed_at=enrollment.completed_at,
        lessons=tuple(states),
        last_lesson_id=last.lesson_id if last else None,
    )


# --- reviews and ratings ---

MIN_RATING = 1
MAX_RATING = 5
MAX_COMMENT_LENGTH = 2000


def ensure_valid_rating(rating: int) -> None:
    if isinstance(rating, bool) or not isinstance(rating, int):
        raise DomainValidationError("rating is a whole number.", code="invalid_rating")
    if not MIN_RATING <= rating <= MAX_RATING:
        raise DomainValidationError(
            f"rating is between {MIN_RATING} and {MAX_RATING}.", code="invalid_rating"
        )


def ensure_valid_comment(comment: str) -> None:
    if len(comment) > MAX_COMMENT_LENGTH:
        raise DomainValidationError(
            f"comment is at most {MAX_COMMENT_LENGTH} characters.", code="comment_too_long"
        )


class DuplicateReview(Conflict):
    """A student reviews a course once; edit the existing review instead."""

    code = "already_reviewed"


@dataclass(eq=False)
class Review:
    user_id: UUID
    course_id: UUID
    rating: int
    created_at: datetime
    updated_at: datetime
    comment: str = ""
    id: UUID = field(default_factory=uuid4)

    @classmethod
    def write(
        cls, *, user_id: UUID, course_id: UUID, rating: int, comment: str, now: datetime
    ) -> Review:
        ensure_valid_rating(rating)
        comment = comment.strip()
        ensure_valid_comment(comment)
        return cls(
            user_id=user_id,
            course_id=course_id,
            rating=rating,
            comment=comment,
            created_at=now,
            updated_at=now,
        )

    def may_be_changed_by(self, actor: Actor) -> bool:
        return actor.owns_or_administers(self.user_id)

    def revise(self, *, rating: int | None, comment: str | None, now: datetime) -> int:
        """Change rating and/or comment; returns the previous rating."""
        previous = self.rating
        if rating is not None:
            ensure_valid_rating(rating)
            self.rating = rating
        if comment is not None:
            comment = comment.strip()
            ensure_valid_comment(comment)
            self.comment = comment
        self.updated_at = now
        return previous


def count_rating(course: Course, rating: int) -> None:
    course.rating_count += 1
    course.rating_sum += rating


def replace_rating(course: Course, previous: int, current: int) -> None:
    course.rating_sum += current - previous


def uncount_rating(course: Course, rating: int) -> None:
    course.rating_count -= 1
    course.rating_sum -= rating


def may_review(enrollment: Enrollment | None) -> bool:
    """Only students who hold the course (refunds give up the right) review it."""
    return enrollment is not None and enrollment.grants_access


# --- content reports ---

MAX_REASON_LENGTH = 1000
MAX_RESOLUTION_NOTE_LENGTH = 2000


class ReportTargetType(StrEnum):
    COURSE = "course"
    REVIEW = "review"
    USER = "user"


class ReportStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class DuplicateReport(Conflict):
    """This user already has an open report about this content."""

    code = "already_reported"


@dataclass(eq=False)
class Report:
    reporter_id: UUID
    target_type: ReportTargetType
    target_id: UUID
    reason: str
    created_at: datetime
    status: ReportStatus = ReportStatus.OPEN
    resolved_at: datetime | None = None
    resolved_by: UUID | None = None
    resolution_note: str = ""
    id: UUID = field(default_factory=uuid4)

    @classmethod
    def file(
        cls,
        *,
        reporter_id: UUID,
        target_type: ReportTargetType,
        target_id: UUID,
        reason: str,
        now: datetime,
    ) -> Report:
        reason = reason.strip()
        if not 1 <= len(reason) <= MAX_REASON_LENGTH:
            raise DomainValidationError(
                f"reason is between 1 and {MAX_REASON_LENGTH} characters.",
                code="invalid_reason",
            )
        return cls(
            reporter_id=reporter_id,
            target_type=target_type,
            target_id=target_id,
            reason=reason,
            created_at=now,
        )

    @property
    def is_open(self) -> bool:
        return self.status is ReportStatus.OPEN

    def close(self, status: ReportStatus, *, note: str, by: UUID, now: datetime) -> None:
        """An admin's decision; a report is decided once."""
        if status is ReportStatus.OPEN:
            raise DomainValidationError(
                "A report is closed as resolved or dismissed.", code="invalid_status"
            )
        if not self.is_open:
            raise Conflict(f"This report is already {self.status.value}.", code="report_closed")
        note = note.strip()
        if len(note) > MAX_RESOLUTION_NOTE_LENGTH:
            raise DomainValidationError(
                f"resolution_note is at most {MAX_RESOLUTION_NOTE_LENGTH} characters.",
                code="invalid_resolution_note",
            )
        self.status = status
        self.resolution_note = note
        self.resolved_by = by
        self.resolved_at = now
