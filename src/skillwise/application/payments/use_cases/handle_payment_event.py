"""HandlePaymentEvent: apply one verified gateway event to its payment, exactly once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from skillwise.application.coupons.redemptions import redeem_late
from skillwise.application.payments.disputes import apply_dispute_update
from skillwise.application.payments.fulfilment import fulfil_payment
from skillwise.application.payments.gateway import GatewayEvent, GatewayEventKind, RefundUpdate
from skillwise.application.payments.ports import (
    EventOutcome,
    EventResult,
    GatewayRegistry,
    RecordedEvent,
)
from skillwise.application.payments.refunds import settle_refund
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.retries import retry_transient
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.earnings import PlatformFee
from skillwise.domain.payments import Payment, PaymentStatus
from skillwise.domain.refunds import Refund, refundable_remainder

log = logging.getLogger(__name__)

_TARGETS = {
    GatewayEventKind.SUCCEEDED: PaymentStatus.SUCCEEDED,
    GatewayEventKind.FAILED: PaymentStatus.FAILED,
    GatewayEventKind.CANCELED: PaymentStatus.CANCELED,
}


@dataclass
class _Effects:
    outcome: EventOutcome
    detail: str = ""


class HandlePaymentEvent:
    """Locks the event's payment, records the event once and moves the payment along.

    In one transaction: the payment row locked first (every path that changes a payment
    locks it before anything that refers to it, so concurrent events for one payment queue
    on it rather than deadlock), then the event row (unique per gateway and event id, so a
    duplicate, however concurrent, does nothing), then what the event owes: for a success
    the enrollment, invoice, earning, notification and receipt; for a refund's progress what
    `settle_refund` does; for a dispute what `apply_dispute_update` does. A success after a
    failure, cancel or expiry takes its coupon use again only if one is left (`redeem_late`,
    locking the coupon after the payment). Events a payment's
    state forbids (late, out of order, for another amount) are recorded and change nothing;
    an event for a payment this platform does not know is recorded and logged. A transaction
    the database breaks off to resolve a deadlock is run again, a bounded number of times.

    An event that names only a charge no payment here has kept (a payment made before
    charge ids were kept) is first looked up at the gateway, outside any transaction, to
    learn the payment that charge collected; the payment then keeps the charge id.
    """

    def __init__(
        self, uow: UnitOfWork, clock: Clock, fee: PlatformFee, gateways: GatewayRegistry
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._fee = fee
        self._gateways = gateways

    def __call__(self, event: GatewayEvent) -> EventResult:
        event = self._naming_the_payment_of_its_charge(event)
        return retry_transient(lambda: self._handle(event))

    def _naming_the_payment_of_its_charge(self, event: GatewayEvent) -> GatewayEvent:
        if event.payment_id or event.gateway_reference or not event.charge_reference:
            return event
        with self._uow as uow:
            known = uow.payments.find_by_charge(event.gateway, event.charge_reference)
        if known is not None or event.gateway not in self._gateways.names():
            return event
        gateway = self._gateways.get(event.gateway)
        reference = gateway.payment_reference_of_charge(event.charge_reference)
        return replace(event, gateway_reference=reference) if reference else event

    def _handle(self, event: GatewayEvent) -> EventResult:
        with self._uow as uow:
            now = self._clock.now()
            payment = self._locked_payment(uow, event)
            payment_id = payment.id if payment else None
            recorded = uow.payment_events.record(
                RecordedEvent(
                    gateway=event.gateway,
                    event_id=event.event_id,
                    kind=event.kind,
                    payment_id=payment_id,
                    received_at=now,
                )
            )
            if not recorded:
                return EventResult(event.event_id, EventOutcome.DUPLICATE, payment_id)
            if payment is None:
                log.warning(
                    "%s event %s (%s) names no payment of ours",
                    event.gateway,
                    event.event_id,
                    event.kind.value,
                )
                effects = _Effects(EventOutcome.UNKNOWN_PAYMENT, "no payment of ours matches")
            else:
                effects = self._apply(uow, payment, event, now)
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
        if payment_id is None and event.charge_reference:
            found = uow.payments.find_by_charge(event.gateway, event.charge_reference)
            payment_id = found.id if found else None
        return uow.payments.get_for_update(payment_id) if payment_id else None

    def _apply(
        self, uow: UnitOfWork, payment: Payment, event: GatewayEvent, now: datetime
    ) -> _Effects:
        if event.gateway != payment.gateway:
            return _Effects(
                EventOutcome.GATEWAY_MISMATCH, f"the payment is collected by {payment.gateway}"
            )
        if event.kind is GatewayEventKind.REFUNDED:
            return _Effects(EventOutcome.IGNORED, "refunds settle by their own events")
        if event.kind is GatewayEventKind.REFUND_UPDATED and event.refund is not None:
            return self._refund_progress(uow, payment, event.refund, now)
        if event.kind is GatewayEventKind.DISPUTE_UPDATED and event.dispute is not None:
            if payment.charge_reference is None and event.charge_reference:
                # Kept so the next event naming only this charge finds the payment at once.
                payment.charge_reference = event.charge_reference
                uow.payments.save(payment)
            detail = apply_dispute_update(uow, payment, event.dispute, now)
            if detail is None:
                return _Effects(EventOutcome.IGNORED, "the dispute is closed already")
            return _Effects(EventOutcome.APPLIED, detail)
        if event.kind not in _TARGETS and event.kind is not GatewayEventKind.PENDING_REVIEW:
            return _Effects(EventOutcome.IGNORED, f"a {event.kind} event without its details")
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
        coupon_detail = None
        if target is PaymentStatus.SUCCEEDED:
            payment.charge_reference = event.charge_reference or payment.charge_reference
            if before is not PaymentStatus.PENDING:
                coupon_detail = redeem_late(uow, payment)
        uow.payments.save(payment)
        if target is PaymentStatus.SUCCEEDED:
            invoice = fulfil_payment(uow, payment, clock=self._clock, fee=self._fee, now=now)
            detail = f"succeeded after {before}" if coupon_detail else "succeeded"
            details = [detail, f"invoice {invoice.number}", coupon_detail]
            return _Effects(EventOutcome.APPLIED, "; ".join(d for d in details if d))
        return _Effects(EventOutcome.APPLIED, f"{before} -> {target}")

    def _refund_progress(
        self, uow: UnitOfWork, payment: Payment, update: RefundUpdate, now: datetime
    ) -> _Effects:
        refund = self._refund_named(uow, payment, update, now)
        if refund is None:
            return _Effects(
                EventOutcome.AMOUNT_MISMATCH,
                f"a refund of {update.amount} is more than is left of {payment.amount}",
            )
        detail = settle_refund(
            uow,
            self._clock,
            payment,
            refund,
            update.status,
            now,
            gateway_reference=update.gateway_reference,
            failure_reason=update.failure_reason,
        )
        if detail is None:
            return _Effects(EventOutcome.IGNORED, f"the refund is {refund.status} already")
        return _Effects(EventOutcome.APPLIED, detail)

    def _refund_named(
        self, uow: UnitOfWork, payment: Payment, update: RefundUpdate, now: datetime
    ) -> Refund | None:
        """Ours by the id kept in the gateway's metadata or by the gateway's refund id; one
        made at the gateway itself (Stripe's Dashboard) is recorded when first reported."""
        refund = uow.refunds.get(update.refund_id) if update.refund_id else None
        if refund is None:
            refund = uow.refunds.find_by_reference(payment.gateway, update.gateway_reference)
        if refund is not None and refund.payment_id == payment.id:
            return refund
        remainder = refundable_remainder(payment.amount, uow.refunds.for_payment(payment.id))
        if (
            update.amount.currency != payment.amount.currency
            or not 0 < update.amount.amount_minor <= remainder.amount_minor
        ):
            return None
        refund = Refund(
            payment_id=payment.id,
            amount=update.amount,
            gateway=payment.gateway,
            created_at=now,
            updated_at=now,
            reason="made at the gateway",
            gateway_reference=update.gateway_reference,
        )
        uow.refunds.add(refund)
        return refund
