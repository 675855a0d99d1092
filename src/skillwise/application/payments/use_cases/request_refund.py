"""RequestRefund: a buyer asks for their money back, within the refund policy."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import Conflict, PaymentNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.learning.progress import percent_complete
from skillwise.domain.payments import PaymentStatus
from skillwise.domain.refunds import RefundPolicy, RefundRequest


class RequestRefund:
    """Only the buyer, of a succeeded payment, within the policy's window and before too much
    of the course is done (422 `refund_window_closed`, `too_much_progress`); one open request
    per payment (409 `refund_request_open`, also under concurrent requests). Admins decide."""

    def __init__(self, uow: UnitOfWork, clock: Clock, policy: RefundPolicy) -> None:
        self._uow = uow
        self._clock = clock
        self._policy = policy

    def __call__(self, actor: Actor, payment_id: UUID, reason: str) -> RefundRequest:
        with self._uow as uow:
            now = self._clock.now()
            payment = uow.payments.get(payment_id)
            if payment is None or payment.user_id != actor.user_id:
                raise PaymentNotFound()
            if payment.status is not PaymentStatus.SUCCEEDED or payment.paid_at is None:
                raise Conflict(
                    f"Only a succeeded payment can be refunded; this one is {payment.status}.",
                    code="payment_not_refundable",
                )
            self._policy.ensure_allows(
                paid_at=payment.paid_at,
                now=now,
                progress_percent=self._progress(uow, actor.user_id, payment.course_id),
            )
            request = RefundRequest(
                payment_id=payment.id, user_id=actor.user_id, reason=reason, created_at=now
            )
            if not uow.refund_requests.add(request):
                raise Conflict(
                    "This payment has a refund request waiting for a decision already.",
                    code="refund_request_open",
                )
            uow.commit()
        return request

    @staticmethod
    def _progress(uow: UnitOfWork, user_id: UUID, course_id: UUID) -> int:
        enrollment = uow.enrollments.get_for(user_id, course_id)
        if enrollment is None:
            return 0
        lessons = {lesson.id for lesson in uow.lesson_progress.outline(course_id)}
        done = sum(
            1
            for progress in uow.lesson_progress.for_enrollment(enrollment.id)
            if progress.completed and progress.lesson_id in lessons
        )
        return percent_complete(done, len(lessons))
