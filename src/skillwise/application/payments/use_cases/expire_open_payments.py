"""ExpireOpenPayments: cancel payments left open too long, freeing the coupons they reserved."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from skillwise.application.payments.gateway import GatewayEvent, GatewayEventKind
from skillwise.application.payments.ports import EventOutcome
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork


def expiry_event_id(payment_id: UUID) -> str:
    return f"expire:{payment_id}"


class ExpireOpenPayments:
    """Each payment pending for longer than `expiry_minutes` is canceled through
    HandlePaymentEvent, under an event id of its own, so it is recorded in the payment's audit
    trail and applied once. A payment held for an admin's review waits for the admin.

    A coupon's reservation is the open payment that carries it, so canceling frees it. If the
    buyer still pays at the gateway afterwards, the success wins as the state machine says
    (money that moved is honoured) and the coupon counts as redeemed again.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        handle_event: HandlePaymentEvent,
        clock: Clock,
        expiry_minutes: int,
    ) -> None:
        self._uow = uow
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
