"""HandlePaymentEvent: apply one verified gateway event to its payment, exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.learning.enrollment_grants import grant_enrollment, revoke_enrollment
from skillwise.application.payments.gateway import GatewayEvent, GatewayEventKind
from skillwise.application.payments.ports import EventOutcome, RecordedEvent
from skillwise.application.payments.use_cases.send_receipt import queue_receipt
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.email import queue_email
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.notifications import Notification
from skillwise.domain.payments import (
    EarningEntry,
    Invoice,
    Payment,
    PaymentStatus,
    PlatformFee,
    invoice_number,
)

_TARGETS = {
    GatewayEventKind.SUCCEEDED: PaymentStatus.SUCCEEDED,
    GatewayEventKind.FAILED: PaymentStatus.FAILED,
    GatewayEventKind.CANCELED: PaymentStatus.CANCELED,
    GatewayEventKind.REFUNDED: PaymentStatus.REFUNDED,
}


@dataclass(frozen=True, slots=True)
class EventResult:
    event_id: str
    outcome: EventOutcome
    payment_id: UUID | None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Fulfilment:
    """What a success wrote: its invoice, and the course whose enrollment count changed."""

    invoice: Invoice
    course_changed: UUID | None


def fulfil_payment(
    uow: UnitOfWork, payment: Payment, *, clock: Clock, fee: PlatformFee, now: datetime
) -> Fulfilment:
    """Everything a payment that has just succeeded owes, in the caller's transaction.

    The buyer's enrollment, the invoice with the year's next number, the instructor's earning,
    the buyer's notification and the receipt in the outbox. Every way a payment succeeds
    (a gateway event, an admin's approval) comes through here.
    """
    course = uow.courses.get_for_update(payment.course_id)
    buyer = uow.users.get(payment.user_id)
    assert course is not None and buyer is not None, "payments keep their course and buyer"
    _, enrolled = grant_enrollment(uow, user_id=buyer.id, course=course, now=now)
    invoice = Invoice(
        number=invoice_number(now.year, uow.invoices.next_number(now.year)),
        payment_id=payment.id,
        user_id=buyer.id,
        course_id=course.id,
        buyer_name=buyer.full_name,
        buyer_email=buyer.email.value,
        course_title=course.title,
        amount=payment.amount,
        gateway=payment.gateway,
        gateway_reference=payment.refund_reference,
        paid_at=now,
        issued_at=now,
    )
    uow.invoices.add(invoice)
    uow.earnings.add(
        EarningEntry.sale(payment, instructor_id=course.instructor_id, fee=fee, now=now)
    )
    uow.notifications.add(
        Notification(
            user_id=buyer.id,
            kind="payment_succeeded",
            title=f"Payment received for {course.title}",
            body=f"We received {payment.amount}. Invoice {invoice.number} is on its way.",
            data={
                "payment_id": str(payment.id),
                "course_id": str(course.id),
                "invoice_id": str(invoice.id),
            },
            created_at=now,
        )
    )
    queue_receipt(uow, clock, invoice)
    return Fulfilment(invoice, course.id if enrolled else None)


@dataclass
class _Effects:
    outcome: EventOutcome
    detail: str = ""
    course_changed: UUID | None = None


class HandlePaymentEvent:
    """Records the event once, locks its payment and moves it along the state machine.

    In one transaction: the event row (unique per gateway and event id, so a duplicate,
    however concurrent, does nothing), the payment, and for a success the enrollment, the
    invoice with the year's next number, the instructor's earning, the buyer's notification
    and the receipt in the outbox; for a refund the ended enrollment, the reversed earning
    and the buyer's notification. Events a payment's state forbids (late, out of order, for
    another amount) are recorded and change nothing.
    """

    def __init__(
        self, uow: UnitOfWork, clock: Clock, fee: PlatformFee, catalog_cache: CatalogCache
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._fee = fee
        self._catalog_cache = catalog_cache

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
        if effects.course_changed is not None:
            self._catalog_cache.course_changed(effects.course_changed)
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
            fulfilment = fulfil_payment(uow, payment, clock=self._clock, fee=self._fee, now=now)
            return _Effects(
                EventOutcome.APPLIED,
                f"succeeded; invoice {fulfilment.invoice.number}",
                course_changed=fulfilment.course_changed,
            )
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
        )
        return _Effects(
            EventOutcome.APPLIED, "refunded", course_changed=course.id if revoked else None
        )
