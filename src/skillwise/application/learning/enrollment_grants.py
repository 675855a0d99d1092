"""The one way a student comes to hold an enrollment, shared by free enrollment and payments."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from skillwise.application.certificates.issuing import revoke_certificate
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.enrollments import Enrollment, EnrollmentStatus
from skillwise.domain.notifications import Notification


def grant_enrollment(
    uow: UnitOfWork, *, user_id: UUID, course: Course, now: datetime
) -> tuple[Enrollment, bool]:
    """Enroll the user, or reactivate a refunded enrollment; returns (enrollment, changed).

    A suspended enrollment is held already and stays as it is: only the dispute's outcome
    gives its access back.

    Call inside the caller's transaction with the course loaded by `get_for_update`, so
    concurrent grants serialise on the course row and the enrollment count stays exact.
    """
    enrollment = uow.enrollments.get_for(user_id, course.id)
    if enrollment is not None and not enrollment.is_revoked:
        return enrollment, False
    if enrollment is None:
        enrollment = Enrollment(
            user_id=user_id, course_id=course.id, started_at=now, updated_at=now
        )
        uow.enrollments.add(enrollment)
    else:
        enrollment.status = EnrollmentStatus.ACTIVE
        enrollment.completed_at = None
        enrollment.updated_at = now
        uow.enrollments.save(enrollment)
    course.enrollment_count += 1
    uow.courses.save(course)
    uow.after_commit(CourseChanged(course.id))
    uow.notifications.add(
        Notification(
            user_id=user_id,
            kind="enrollment",
            title=f"You are enrolled in {course.title}",
            data={"course_id": str(course.id), "enrollment_id": str(enrollment.id)},
            created_at=now,
        )
    )
    return enrollment, True


def revoke_enrollment(uow: UnitOfWork, *, user_id: UUID, course: Course, now: datetime) -> bool:
    """End the user's access after a refund; returns whether an enrollment changed.

    Call inside the caller's transaction with the course loaded by `get_for_update`; the
    caller tells the user why (the refund's notification). A certificate of the enrollment
    is revoked with it, so every way access ends (refunds, lost disputes) revokes it.
    """
    enrollment = uow.enrollments.get_for(user_id, course.id)
    if enrollment is None or not enrollment.refund(now):
        return False
    uow.enrollments.save(enrollment)
    revoke_certificate(uow, enrollment_id=enrollment.id, now=now)
    course.enrollment_count = max(course.enrollment_count - 1, 0)
    uow.courses.save(course)
    uow.after_commit(CourseChanged(course.id))
    return True
