"""HandlePaymentEvent: apply one verified gateway event to its payment, exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skillwise.application.learning.enrollment_grants import revoke_enrollment
from skillwise.application.payments.fulfilment import fulfil_payment
from skillwise.application.payments.gateway import GatewayEvent, GatewayEventKind
from skillwise.application.payments.ports import EventOutcome, EventResult, RecordedEvent
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.email import queue_email
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.notifications import Notification
from skillwise.domain.payments import Payment, PaymentStatus, PlatformFee

_TARGETS = {
    GatewayEventKind.SUCCEEDED: PaymentStatus.SUCCEEDED,
    GatewayEventKind.FAILED: PaymentStatus.FAILED,
    GatewayEventKind.CANCELED: PaymentStatus.CANCELED,
    GatewayEventKind.REFUNDED: PaymentStatus.REFUNDED,
}


@dataclass
class _Effects:
    outcome: EventOutcome
    detail: str = ""


class HandlePaymentEvent:
    """Records the event once, locks its payment and moves it along the state machine.

    In one transaction: the event row (unique per gateway and event id, so a duplicate,
    however concurrent, does nothing), the payment, and for a success the enrollment, the
    invoice with the year's next number, the instructor's earning, the buyer's notification
    and the receipt in the outbox; for a refund the ended enrollment, the reversed earning
    and the buyer's notification. Events a payment's state forbids (late, out of order, for
    another amount) are recorded and change nothing.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, fee: PlatformFee) -> None:
        self._uow = uow
        self._clock = clock
        self._fee = fee

    def __call__(self, event: GatewayEvent) -> EventResult:
        with self._uow as uow:
            now = self._clock.now()
            recorded = uow.payment_events.record(
                RecordedEvent(
                    gateway=event.gateway,
                    event_id=event.event_id,
                    kind=event.kind,
                    payment_id=event.payment_id,
                    received_at=now,
                )
            )
            if not recorded:
                return EventResult(event.event_id, EventOutcome.DUPLICATE, event.payment_id)
            payment = self._locked_payment(uow, event)
            if payment is None:
                effects = _Effects(EventOutcome.UNKNOWN_PAYMENT, "no payment of ours matches")
            else:
                effects = self._apply(uow, payment, event, now)
            payment_id = payment.id if payment else None
            uow.payment_events.set_outcome(
                event.gateway, event.event_id, effects.outcome, payment_id, effects.detail
            )
            uow.commit()
        return EventResult(event.event_id, effects.outcome, payment_id, effects.detail)

    def _locked_payment(self, uow: UnitOfWork, event: GatewayEvent) -> Payment | None:
        payment_id = event.payment_id
        if payment_id is None and event.gateway_reference:
            found = uow.payments.find_by_reference(event.gateway, event.gateway_reference)
            payment_id = found.id if found else None
        return uow.payments.get_for_update(payment_id) if payment_id else None

    def _apply(
        self, uow: UnitOfWork, payment: Payment, event: GatewayEvent, now: datetime
    ) -> _Effects:
        if event.gateway != payment.gateway:
            return _Effects(
                EventOutcome.GATEWAY_MISMATCH, f"the payment is collected by {payment.gateway}"
            )
        if event.amount is not None and event.amount != payment.amount:
            detail = f"the gateway reports {event.amount}, the payment is for {payment.amount}"
            payment.hold_for_review(
                f"amount mismatch: {detail}", now, transaction_reference=event.gateway_reference
            )
            uow.payments.save(payment)
            return _Effects(EventOutcome.AMOUNT_MISMATCH, detail)
        if event.kind is GatewayEventKind.PENDING_REVIEW:
            if not payment.is_open:
                return _Effects(EventOutcome.IGNORED, f"the payment is {payment.status}")
            payment.hold_for_review(
                "the gateway holds the payment for a risk review",
                now,
                transaction_reference=event.gateway_reference,
            )
            uow.payments.save(payment)
            return _Effects(EventOutcome.HELD_FOR_REVIEW)
        target = _TARGETS[event.kind]
        before = payment.status
        if not payment.move_to(target, now, transaction_reference=event.gateway_reference):
            return _Effects(EventOutcome.IGNORED, f"{before} never becomes {target}")
        uow.payments.save(payment)
        if target is PaymentStatus.SUCCEEDED:
            invoice = fulfil_payment(uow, payment, clock=self._clock, fee=self._fee, now=now)
            return _Effects(EventOutcome.APPLIED, f"succeeded; invoice {invoice.number}")
        if target is PaymentStatus.REFUNDED:
            return self._reverse(uow, payment, now)
        return _Effects(EventOutcome.APPLIED, f"{before} -> {target}")

    def _reverse(self, uow: UnitOfWork, payment: Payment, now: datetime) -> _Effects:
        course = uow.courses.get_for_update(payment.course_id)
        buyer = uow.users.get(payment.user_id)
        assert course is not None and buyer is not None, "payments keep their course and buyer"
        # Another succeeded payment for the same course (a buyer who paid twice) keeps access.
        revoked = not uow.payments.has_succeeded_payment(buyer.id, course.id) and revoke_enrollment(
            uow, user_id=buyer.id, course=course, now=now
        )
        sale = uow.earnings.sale_for(payment.id)
        if sale is not None:
            uow.earnings.add(sale.reversal(now))
        message = f"We refunded {payment.amount} for {course.title}."
        if revoked:
            message += " Your access to the course has ended."
        uow.notifications.add(
            Notification(
                user_id=buyer.id,
                kind="payment_refunded",
                title=f"Refund for {course.title}",
                body=message,
                data={"payment_id": str(payment.id), "course_id": str(course.id)},
                created_at=now,
            )
        )
        queue_email(
            uow,
            self._clock,
            to=buyer.email.value,
            subject=f"Your refund for {course.title}",
            text=f"Hello {buyer.full_name},\n\n{message}\n\nSkillWise",
            kind="payment_refunded",
            user_id=buyer.id,
        )
        return _Effects(EventOutcome.APPLIED, "refunded")
