"""What a refund owes as it is asked for and as it settles, shared by the admin's refund, an
approved refund request, the gateways' refund events and reconciliation."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from skillwise.application.learning.enrollment_grants import grant_enrollment, revoke_enrollment
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import EventOutcome, RecordedEvent
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.email import queue_email
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import Conflict
from skillwise.domain.money import Money
from skillwise.domain.notifications import Notification
from skillwise.domain.payments import Payment, PaymentStatus
from skillwise.domain.refunds import (
    Refund,
    RefundExceedsPayment,
    RefundStatus,
    ensure_refund_fits,
    refundable_remainder,
)


def refund_event_id(refund_id: UUID) -> str:
    return f"refund:{refund_id}"


def reserve_refund(
    uow: UnitOfWork,
    payment: Payment,
    *,
    amount: Money | None,
    reason: str,
    requested_by: UUID | None,
    now: datetime,
    refund_request_id: UUID | None = None,
) -> Refund:
    """A new pending refund of `amount` (what is left when None), within what was paid.

    Call with the payment locked (`get_for_update`): concurrent refunds of one payment then
    take turns, so their total never exceeds the payment. The refund is written once to the
    payment's events, the audit trail every gateway event joins.
    """
    if payment.status is not PaymentStatus.SUCCEEDED or payment.refund_reference is None:
        raise Conflict(
            f"Only a succeeded payment can be refunded; this one is {payment.status}.",
            code="payment_not_refundable",
        )
    refunds = uow.refunds.for_payment(payment.id)
    if amount is None:
        amount = refundable_remainder(payment.amount, refunds)
        if amount.amount_minor == 0:
            raise RefundExceedsPayment("Every part of this payment is refunded or on its way.")
    ensure_refund_fits(payment.amount, refunds, amount)
    refund = Refund(
        payment_id=payment.id,
        amount=amount,
        gateway=payment.gateway,
        created_at=now,
        updated_at=now,
        reason=reason,
        requested_by=requested_by,
        refund_request_id=refund_request_id,
    )
    uow.refunds.add(refund)
    uow.payment_events.record(
        RecordedEvent(
            gateway=payment.gateway,
            event_id=refund_event_id(refund.id),
            kind=GatewayEventKind.REFUND_UPDATED,
            payment_id=payment.id,
            received_at=now,
            outcome=EventOutcome.APPLIED,
            detail=f"refund of {amount} asked for",
        )
    )
    return refund


def settle_refund(
    uow: UnitOfWork,
    clock: Clock,
    payment: Payment,
    refund: Refund,
    status: RefundStatus,
    now: datetime,
    *,
    gateway_reference: str | None = None,
    failure_reason: str | None = None,
) -> str | None:
    """Move the refund to what its gateway says, and do what that owes; None when the state
    machine refuses the move (a late or repeated report). Call with the payment locked.

    Succeeded: the refunded total grows, the instructor's earning shrinks by its share, the
    buyer is told; refunded in full, the payment is refunded and the buyer's access ends.
    A succeeded refund failing afterwards undoes all that. Failed or canceled before it
    succeeded: the money never moved, the payment stays succeeded and the admin who asked
    is told.
    """
    before = refund.status
    if not refund.holds_money and status not in (RefundStatus.FAILED, RefundStatus.CANCELED):
        # Revived by the gateway's word after it was given up: it must still fit.
        others = [r for r in uow.refunds.for_payment(payment.id) if r.id != refund.id]
        if refund.amount.amount_minor > refundable_remainder(payment.amount, others).amount_minor:
            return None
    moved = refund.move_to(
        status, now, gateway_reference=gateway_reference, failure_reason=failure_reason
    )
    uow.refunds.save(refund)
    if not moved:
        return None
    if status is RefundStatus.SUCCEEDED:
        _give_money_back(uow, clock, payment, refund, now)
    elif before is RefundStatus.SUCCEEDED:
        _take_refund_back(uow, payment, refund, now)
    elif status in (RefundStatus.FAILED, RefundStatus.CANCELED):
        _tell_admin_refund_failed(uow, payment, refund, now)
    return f"refund {refund.id}: {before} -> {status}"


def _give_money_back(
    uow: UnitOfWork, clock: Clock, payment: Payment, refund: Refund, now: datetime
) -> None:
    refunded_before = payment.refunded_amount
    in_full = payment.record_refund(refund.amount, now)
    uow.payments.save(payment)
    sale = uow.earnings.sale_for(payment.id)
    if sale is not None:
        uow.earnings.add(sale.partial_reversal(refund.id, refund.amount, refunded_before, now))
    course = uow.courses.get_for_update(payment.course_id)
    buyer = uow.users.get(payment.user_id)
    assert course is not None and buyer is not None, "payments keep their course and buyer"
    # Another succeeded payment for the same course (a buyer who paid twice) keeps access.
    revoked = (
        in_full
        and not uow.payments.has_succeeded_payment(buyer.id, course.id)
        and revoke_enrollment(uow, user_id=buyer.id, course=course, now=now)
    )
    message = f"We refunded {refund.amount} for {course.title}."
    if revoked:
        message += " Your access to the course has ended."
    uow.notifications.add(
        Notification(
            user_id=buyer.id,
            kind="payment_refunded",
            title=f"Refund for {course.title}",
            body=message,
            data={
                "payment_id": str(payment.id),
                "course_id": str(course.id),
                "refund_id": str(refund.id),
            },
            created_at=now,
        )
    )
    queue_email(
        uow,
        clock,
        to=buyer.email.value,
        subject=f"Your refund for {course.title}",
        text=f"Hello {buyer.full_name},\n\n{message}\n\nSkillWise",
        kind="payment_refunded",
        user_id=buyer.id,
    )


def _take_refund_back(uow: UnitOfWork, payment: Payment, refund: Refund, now: datetime) -> None:
    restored = payment.undo_refund(refund.amount, now)
    uow.payments.save(payment)
    entry = uow.earnings.refund_entry_for(refund.id)
    if entry is not None:
        uow.earnings.add(entry.undone(now))
    if restored:
        course = uow.courses.get_for_update(payment.course_id)
        assert course is not None, "payments keep their course"
        grant_enrollment(uow, user_id=payment.user_id, course=course, now=now)
    _tell_admin_refund_failed(uow, payment, refund, now)


def _tell_admin_refund_failed(
    uow: UnitOfWork, payment: Payment, refund: Refund, now: datetime
) -> None:
    if refund.requested_by is None:
        return
    why = f" ({refund.failure_reason})" if refund.failure_reason else ""
    uow.notifications.add(
        Notification(
            user_id=refund.requested_by,
            kind="refund_failed",
            title=f"A refund of {refund.amount} did not go through",
            body=f"The {refund.gateway} gateway reports the refund {refund.status}{why}. "
            "The payment stands as succeeded and the buyer keeps the course; refund it "
            "again to retry.",
            data={"payment_id": str(payment.id), "refund_id": str(refund.id)},
            created_at=now,
        )
    )
