"""EnrollInCourse: a free course at once, a paid one only after a succeeded payment."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.learning.enrollment_grants import grant_enrollment
from skillwise.application.learning.ports import EnrollmentView, LearningQueries, PaymentLookup
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.enrollments import DuplicateEnrollment, Enrollment, ensure_user_may_enroll_in
from skillwise.domain.errors import CourseNotFound, EnrollmentNotFound, PaymentRequired
from skillwise.domain.identity import Actor


class EnrollInCourse:
    """Returns the caller's enrollment and whether this call created (or reactivated) it.

    The course row is locked first, so concurrent requests of one student serialise and the
    later ones find the enrollment the first made. Should a duplicate still reach the unique
    constraint, the existing enrollment is the answer.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        queries: LearningQueries,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._queries = queries

    def __call__(self, actor: Actor, course_id: UUID) -> tuple[EnrollmentView, bool]:
        with self._uow as uow:
            enrollment, created = self._enroll(uow, actor, course_id)
            uow.commit()
        view = self._queries.enrollment_of(actor.user_id, enrollment.id)
        if view is None:
            raise EnrollmentNotFound("The enrollment is gone.")
        return view, created

    @staticmethod
    def _has_paid(uow: UnitOfWork, actor: Actor, course_id: UUID) -> bool:
        payments: PaymentLookup = uow.payments
        return payments.has_succeeded_payment(actor.user_id, course_id)

    def _enroll(self, uow: UnitOfWork, actor: Actor, course_id: UUID) -> tuple[Enrollment, bool]:
        course = uow.courses.get_for_update(course_id)
        if course is None:
            raise CourseNotFound("No such course.")
        existing = uow.enrollments.get_for(actor.user_id, course.id)
        if existing is not None and not existing.is_revoked:
            return existing, False
        if not course.is_published:
            raise CourseNotFound("No such course.")
        ensure_user_may_enroll_in(course, actor.user_id)
        if not course.is_free and not self._has_paid(uow, actor, course.id):
            raise PaymentRequired(
                "This course is paid: complete a payment for it first.", code="payment_required"
            )
        try:
            return grant_enrollment(
                uow, user_id=actor.user_id, course=course, now=self._clock.now()
            )
        except DuplicateEnrollment:
            enrollment = uow.enrollments.get_for(actor.user_id, course.id)
            if enrollment is None:
                raise
            return enrollment, False
