"""ReconcilePayments: ask the gateways about payments that stayed pending, and catch up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from skillwise.application.payments.gateway import GatewayEvent, GatewayUnavailable
from skillwise.application.payments.ports import GatewayRegistry
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.payments import Payment


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """One pending payment: what its gateway says and what was done about it."""

    payment_id: UUID
    gateway: str
    gateway_says: str | None
    action: str


class ReconcilePayments:
    """For webhooks that never arrived: each payment pending for longer than the given age is
    looked up at its gateway (no transaction open meanwhile); with `apply`, what the gateway
    says goes through HandlePaymentEvent, the state machine the webhooks use, under an event
    id of its own so running twice changes nothing more. Without `apply` it only reports.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        gateways: GatewayRegistry,
        handle_event: HandlePaymentEvent,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._gateways = gateways
        self._handle_event = handle_event
        self._clock = clock

    def __call__(
        self, *, older_than_minutes: int, apply: bool, limit: int = 500
    ) -> list[Reconciliation]:
        cutoff = self._clock.now() - timedelta(minutes=older_than_minutes)
        with self._uow as uow:
            pending = uow.payments.pending_created_before(cutoff, limit)
        return [self._reconcile(payment, apply) for payment in pending]

    def _reconcile(self, payment: Payment, apply: bool) -> Reconciliation:
        def line(says: str | None, action: str) -> Reconciliation:
            return Reconciliation(payment.id, payment.gateway, says, action)

        if payment.gateway not in self._gateways.names():
            return line(None, "skipped: gateway not configured")
        try:
            state = self._gateways.get(payment.gateway).lookup(
                payment.id, payment.gateway_reference
            )
        except GatewayUnavailable as error:
            return line(None, f"skipped: {error.message}")
        if state.kind is None:
            return line(None, "left pending: the gateway reports no outcome yet")
        if not apply:
            return line(state.kind.value, "would apply")
        result = self._handle_event(
            GatewayEvent(
                gateway=payment.gateway,
                event_id=f"reconcile:{payment.id}:{state.kind.value}",
                kind=state.kind,
                payment_id=payment.id,
                gateway_reference=state.gateway_reference,
                amount=state.amount,
            )
        )
        return line(state.kind.value, result.outcome.value)
