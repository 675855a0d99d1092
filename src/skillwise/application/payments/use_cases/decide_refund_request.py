"""DecideRefundRequest: an admin approves (the refund starts) or rejects a refund request."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.refunds import reserve_refund
from skillwise.application.payments.use_cases.refund_payment import RefundPayment
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.retries import retry_transient
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import RefundRequestNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import Notification
from skillwise.domain.refunds import Refund, RefundDecision, RefundRequest


class DecideRefundRequest:
    """Approval reserves a refund of what is left of the payment in the same transaction as
    the decision, then asks the gateway as an admin's refund does (the buyer hears
    `payment_refunded` once the money is back); rejection changes nothing else. The buyer is
    told either way (`refund_request_approved`, `refund_request_rejected`). A request is
    decided once (409 `refund_request_decided`)."""

    def __init__(self, uow: UnitOfWork, clock: Clock, refunds: RefundPayment) -> None:
        self._uow = uow
        self._clock = clock
        self._refunds = refunds

    def __call__(
        self, actor: Actor, request_id: UUID, decision: RefundDecision, note: str = ""
    ) -> RefundRequest:
        actor.ensure_is_admin("decide refund requests")
        request, refund = retry_transient(
            lambda: self._decide(actor.user_id, request_id, decision, note)
        )
        if refund is not None:
            self._refunds.send_to_gateway(refund)
        return request

    def _decide(
        self, admin_id: UUID, request_id: UUID, decision: RefundDecision, note: str
    ) -> tuple[RefundRequest, Refund | None]:
        with self._uow as uow:
            now = self._clock.now()
            found = uow.refund_requests.get(request_id)
            if found is None:
                raise RefundRequestNotFound()
            # The payment first, as on every payment path, then the request.
            payment = uow.payments.get_for_update(found.payment_id)
            request = uow.refund_requests.get_for_update(request_id)
            assert payment is not None and request is not None, "never deleted"
            request.decide(decision, admin_id, note, now)
            refund = None
            if decision is RefundDecision.APPROVE:
                refund = reserve_refund(
                    uow,
                    payment,
                    amount=None,
                    reason=f"refund request: {request.reason}"[:500],
                    requested_by=admin_id,
                    now=now,
                    refund_request_id=request.id,
                )
                request.refund_id = refund.id
            uow.refund_requests.save(request)
            course = uow.courses.get(payment.course_id)
            assert course is not None, "payments keep their course"
            data = {"payment_id": str(payment.id), "refund_request_id": str(request.id)}
            if refund is not None:
                notice = Notification(
                    user_id=request.user_id,
                    kind="refund_request_approved",
                    title=f"Refund request approved: {course.title}",
                    body=f"Your refund of {refund.amount} is on its way; we will tell you when "
                    "the money is back.",
                    data=data,
                    created_at=now,
                )
            else:
                notice = Notification(
                    user_id=request.user_id,
                    kind="refund_request_rejected",
                    title=f"Refund request declined: {course.title}",
                    body="Your refund request was declined." + (f" {note}" if note else ""),
                    data=data,
                    created_at=now,
                )
            uow.notifications.add(notice)
            uow.commit()
        return request, refund
