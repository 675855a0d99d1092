"""Ports of the learning subject: progress, reviews, reports, the payment lookup, read models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.shared.people import PersonRef
from skillwise.domain.enrollments import EnrollmentAccess, EnrollmentStatus, SuspensionReason
from skillwise.domain.learning.progress import LessonProgress, LessonRef, percent_complete
from skillwise.domain.learning.reports import Report, ReportStatus, ReportTargetType
from skillwise.domain.learning.reviews import Review


class LessonProgressRepository(Protocol):
    """Per-lesson progress rows of enrollments, and the lesson list progress is measured by."""

    def outline(self, course_id: UUID) -> list[LessonRef]:
        """The course's lessons as they are now, in outline order (module, then lesson)."""
        ...

    def for_enrollment(self, enrollment_id: UUID) -> list[LessonProgress]: ...

    def add(self, progress: LessonProgress) -> None:
        """Insert; the database keeps one row per enrollment and lesson."""
        ...

    def save(self, progress: LessonProgress) -> None: ...


class ReviewRepository(Protocol):
    def add(self, review: Review) -> None:
        """Insert; a second review of one course by one user raises DuplicateReview."""
        ...

    def get(self, review_id: UUID) -> Review | None: ...

    def get_for_update(self, review_id: UUID) -> Review | None:
        """Load and lock the review so concurrent edits apply their rating deltas in turn."""
        ...

    def get_for(self, user_id: UUID, course_id: UUID) -> Review | None: ...

    def save(self, review: Review) -> None: ...

    def delete(self, review_id: UUID) -> None: ...


class ReportRepository(Protocol):
    def add(self, report: Report) -> None:
        """Insert; a second open report by one user about one target raises DuplicateReport."""
        ...

    def get_for_update(self, report_id: UUID) -> Report | None: ...

    def open_report_by(
        self, reporter_id: UUID, target_type: ReportTargetType, target_id: UUID
    ) -> Report | None: ...

    def save(self, report: Report) -> None: ...

    def page(
        self,
        request: PageRequest,
        *,
        status: ReportStatus | None = None,
        target_type: ReportTargetType | None = None,
    ) -> Page[Report]:
        """Newest first."""
        ...


class PaymentLookup(Protocol):
    """What enrollment asks of payments: `uow.payments`, provided by the payments subject."""

    def has_succeeded_payment(self, user_id: UUID, course_id: UUID) -> bool: ...


# --- read models ---


@dataclass(frozen=True, slots=True)
class EnrolledCourse:
    id: UUID
    title: str
    slug: str
    thumbnail_url: str | None
    instructor: PersonRef


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    completed_lessons: int
    total_lessons: int

    @property
    def percent(self) -> int:
        return percent_complete(self.completed_lessons, self.total_lessons)


@dataclass(frozen=True, slots=True)
class EnrollmentView:
    id: UUID
    course: EnrolledCourse
    status: EnrollmentStatus
    started_at: datetime
    completed_at: datetime | None
    progress: ProgressSummary
    access: EnrollmentAccess
    suspension_reason: SuspensionReason | None


@dataclass(frozen=True, slots=True)
class ReviewView:
    id: UUID
    course_id: UUID
    rating: int
    comment: str
    created_at: datetime
    updated_at: datetime
    author: PersonRef

    @classmethod
    def of(cls, review: Review, author_name: str) -> ReviewView:
        return cls(
            id=review.id,
            course_id=review.course_id,
            rating=review.rating,
            comment=review.comment,
            created_at=review.created_at,
            updated_at=review.updated_at,
            author=PersonRef(id=review.user_id, full_name=author_name),
        )


class LearningQueries(Protocol):
    """Read-only views for lists and details, each answered in a fixed number of statements."""

    def enrollments_of(self, user_id: UUID, request: PageRequest) -> Page[EnrollmentView]:
        """The user's enrollments, most recently started first."""
        ...

    def enrollment_of(self, user_id: UUID, enrollment_id: UUID) -> EnrollmentView | None:
        """One enrollment, only if it is the user's."""
        ...

    def course_reviews(self, course_id: UUID, request: PageRequest) -> Page[ReviewView]:
        """Newest first."""
        ...
