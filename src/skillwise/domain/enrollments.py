"""A student's place in a course."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.catalog.course import Course
from skillwise.domain.errors import Conflict, PermissionDenied


class EnrollmentStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    REFUNDED = "refunded"


class EnrollmentAccess(StrEnum):
    """What the student may do with the course now, whatever the status says of the past."""

    ACTIVE = "active"
    # Held while the payment behind it is disputed at the buyer's bank.
    SUSPENDED = "suspended"
    # Ended by a refund or a lost dispute; enrolling again (paying again) gives it back.
    REVOKED = "revoked"


class SuspensionReason(StrEnum):
    PAYMENT_DISPUTED = "payment_disputed"


def access_of(
    status: EnrollmentStatus, suspended_at: datetime | None
) -> tuple[EnrollmentAccess, SuspensionReason | None]:
    """The access an enrollment gives and, when suspended, why (only disputes suspend)."""
    if status is EnrollmentStatus.REFUNDED:
        return EnrollmentAccess.REVOKED, None
    if suspended_at is not None:
        return EnrollmentAccess.SUSPENDED, SuspensionReason.PAYMENT_DISPUTED
    return EnrollmentAccess.ACTIVE, None


class DuplicateEnrollment(Conflict):
    """The user already holds an enrollment in this course (a concurrent request made it)."""

    code = "already_enrolled"


@dataclass(eq=False)
class Enrollment:
    user_id: UUID
    course_id: UUID
    started_at: datetime
    updated_at: datetime
    status: EnrollmentStatus = EnrollmentStatus.ACTIVE
    completed_at: datetime | None = None
    # Set while the payment behind it is disputed at the buyer's bank: no access until the
    # dispute is settled, whatever the status.
    suspended_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    @property
    def grants_access(self) -> bool:
        return self.status is not EnrollmentStatus.REFUNDED and self.suspended_at is None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def is_revoked(self) -> bool:
        """Access ended for good; a suspended enrollment is still held, only on hold."""
        return self.status is EnrollmentStatus.REFUNDED

    @property
    def access(self) -> EnrollmentAccess:
        return access_of(self.status, self.suspended_at)[0]

    def belongs_to(self, user_id: UUID) -> bool:
        return self.user_id == user_id

    def require_access(self) -> None:
        if self.is_suspended:
            raise PermissionDenied(
                "The payment for this course is disputed; access returns if the dispute is "
                "settled in the seller's favour.",
                code="payment_disputed",
            )
        if not self.grants_access:
            raise PermissionDenied(
                "This enrollment was refunded; enroll again to continue.",
                code="enrollment_refunded",
            )

    def complete(self, now: datetime) -> bool:
        """Mark the course finished; True only the first time (completion is never revoked)."""
        if self.status is not EnrollmentStatus.ACTIVE:
            return False
        self.status = EnrollmentStatus.COMPLETED
        self.completed_at = now
        self.updated_at = now
        return True

    def refund(self, now: datetime) -> bool:
        """End access after a refund; True if this changed anything (refunds may repeat)."""
        if self.status is EnrollmentStatus.REFUNDED:
            return False
        self.status = EnrollmentStatus.REFUNDED
        self.suspended_at = None
        self.updated_at = now
        return True

    def suspend(self, now: datetime) -> bool:
        """Hold access while the payment is disputed; True if this changed anything."""
        if not self.grants_access:
            return False
        self.suspended_at = now
        self.updated_at = now
        return True

    def resume(self, now: datetime) -> bool:
        """A dispute settled in the seller's favour: access back, progress as it was."""
        if self.suspended_at is None:
            return False
        self.suspended_at = None
        self.updated_at = now
        return True

    def touch(self, now: datetime) -> None:
        self.updated_at = now


def ensure_user_may_enroll_in(course: Course, user_id: UUID) -> None:
    """Teaching a course is not taking it: its instructor never enrolls in it."""
    if course.instructor_id == user_id:
        raise PermissionDenied("Instructors cannot enroll in their own course.", code="own_course")
