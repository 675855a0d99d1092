"""ReconcilePayments: ask the gateways about payments that stayed pending, and catch up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from skillwise.application.payments.gateway import (
    GatewayEvent,
    GatewayEventKind,
    GatewayUnavailable,
    RefundInstruction,
    RefundResult,
    RefundUpdate,
)
from skillwise.application.payments.ports import GatewayRegistry
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.payments import Payment
from skillwise.domain.refunds import Refund


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """One pending payment or refund: what its gateway says and what was done about it."""

    payment_id: UUID
    gateway: str
    gateway_says: str | None
    action: str


class ReconcilePayments:
    """For webhooks that never arrived: each payment pending for longer than the given age is
    looked up at its gateway (no transaction open meanwhile); with `apply`, what the gateway
    says goes through HandlePaymentEvent, the state machine the webhooks use, under an event
    id of its own so running twice changes nothing more. Without `apply` it only reports.

    Refunds still pending are asked about the same way (SSLCOMMERZ reports its refunds only
    when asked); one the gateway never acknowledged (the process stopped before it could
    ask) is asked for again under its own idempotency key, which cannot refund twice.
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
            refunds = uow.refunds.open_created_before(cutoff, limit)
            refunded = {r.payment_id: uow.payments.get(r.payment_id) for r in refunds}
        lines = [self._reconcile(payment, apply) for payment in pending]
        for refund in refunds:
            payment = refunded[refund.payment_id]
            assert payment is not None, "payments are never deleted"
            lines.append(self._reconcile_refund(payment, refund, apply))
        return lines

    def _reconcile_refund(self, payment: Payment, refund: Refund, apply: bool) -> Reconciliation:
        def line(says: str | None, action: str) -> Reconciliation:
            return Reconciliation(payment.id, payment.gateway, says, action)

        if refund.gateway not in self._gateways.names():
            return line(None, f"refund {refund.id} skipped: gateway not configured")
        if not apply and refund.gateway_reference is None:
            return line(None, f"refund {refund.id} would be asked for again")
        try:
            result = self._refund_state(payment, refund)
        except GatewayUnavailable as error:
            return line(None, f"refund {refund.id} skipped: {error.message}")
        says = f"refund {result.status.value}"
        if result.status is refund.status and refund.gateway_reference is not None:
            return line(says, f"refund {refund.id} left {refund.status.value}")
        if not apply:
            return line(says, f"refund {refund.id} would apply")
        event = GatewayEvent(
            gateway=payment.gateway,
            event_id=f"reconcile:refund:{refund.id}:{result.status.value}",
            kind=GatewayEventKind.REFUND_UPDATED,
            payment_id=payment.id,
            gateway_reference=payment.gateway_reference,
            refund=RefundUpdate(
                gateway_reference=result.refund_reference,
                status=result.status,
                amount=refund.amount,
                refund_id=refund.id,
                failure_reason=result.failure_reason,
            ),
        )
        return line(says, f"refund {refund.id} {self._handle_event(event).outcome.value}")

    def _refund_state(self, payment: Payment, refund: Refund) -> RefundResult:
        gateway = self._gateways.get(refund.gateway)
        if refund.gateway_reference is not None:
            return gateway.refund_status(refund.gateway_reference, refund.id)
        assert payment.refund_reference is not None, "refunds are of payments that moved money"
        return gateway.refund(
            RefundInstruction(
                refund_id=refund.id,
                payment_id=payment.id,
                gateway_reference=payment.refund_reference,
                amount=refund.amount,
                reason=refund.reason,
            )
        )

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
