"""ExpireOpenPayments: cancel payments left open too long, freeing the coupons they reserved."""

from __future__ import annotations

import logging
from datetime import timedelta
from uuid import UUID

from skillwise.application.payments.gateway import (
    CancelOutcome,
    CancelResult,
    GatewayEvent,
    GatewayEventKind,
    GatewayUnavailable,
)
from skillwise.application.payments.ports import EventOutcome, GatewayRegistry
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.payments import Payment

log = logging.getLogger(__name__)


def expiry_event_id(payment_id: UUID) -> str:
    return f"expire:{payment_id}"


def paid_before_expiry_event_id(payment_id: UUID) -> str:
    return f"expire:{payment_id}:succeeded"


class ExpireOpenPayments:
    """Each payment pending for longer than `expiry_minutes` is first canceled at its gateway
    (no transaction open meanwhile), so that the buyer can no longer pay for a coupon use
    that is about to go to someone else, and then here through HandlePaymentEvent, under an
    event id of its own, so it is recorded in the payment's audit trail and applied once.

    What the gateway answers decides. Canceled (or no checkout was ever opened): canceled here,
    which frees the coupon's reservation. Succeeded: the buyer paid first, so the payment is
    fulfilled as that success rather than expired. Still settling, or the gateway could not be
    reached: left pending, reservation kept, for the next run. Not cancelable (an SSLCOMMERZ
    session): canceled here; a success that still arrives is honoured by HandlePaymentEvent
    without counting the coupon beyond its limits. A payment held for an admin's review
    waits for the admin.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        gateways: GatewayRegistry,
        handle_event: HandlePaymentEvent,
        clock: Clock,
        expiry_minutes: int,
    ) -> None:
        self._uow = uow
        self._gateways = gateways
        self._handle_event = handle_event
        self._clock = clock
        self._expiry = timedelta(minutes=expiry_minutes)

    def __call__(self, *, limit: int = 500) -> list[UUID]:
        """The ids of the payments canceled now."""
        with self._uow as uow:
            stale = uow.payments.pending_created_before(self._clock.now() - self._expiry, limit)
        canceled = []
        for payment in stale:
            if payment.is_held_for_review:
                continue
            answer = self._cancel_at_gateway(payment)
            if answer is None or answer.outcome is CancelOutcome.IN_PROGRESS:
                continue
            if answer.outcome is CancelOutcome.SUCCEEDED:
                self._handle_event(
                    GatewayEvent(
                        gateway=payment.gateway,
                        event_id=paid_before_expiry_event_id(payment.id),
                        kind=GatewayEventKind.SUCCEEDED,
                        payment_id=payment.id,
                        gateway_reference=answer.gateway_reference or payment.gateway_reference,
                        amount=answer.amount,
                    )
                )
                continue
            result = self._handle_event(
                GatewayEvent(
                    gateway=payment.gateway,
                    event_id=expiry_event_id(payment.id),
                    kind=GatewayEventKind.CANCELED,
                    payment_id=payment.id,
                    gateway_reference=payment.gateway_reference,
                )
            )
            if result.outcome is EventOutcome.APPLIED:
                canceled.append(payment.id)
        return canceled

    def _cancel_at_gateway(self, payment: Payment) -> CancelResult | None:
        """The gateway's answer; None when it could not give one this time."""
        if payment.gateway not in self._gateways.names():
            # Switched off here: nothing can reach it, and none of its webhooks can reach us.
            return CancelResult(CancelOutcome.NOT_CANCELABLE, payment.gateway_reference)
        try:
            return self._gateways.get(payment.gateway).cancel(payment.id, payment.gateway_reference)
        except GatewayUnavailable as error:
            log.warning("payment %s stays open: %s", payment.id, error.message)
            return None
