"""RefundPayment: give a buyer's money back through the gateway and end their access."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.gateway import (
    GatewayEvent,
    GatewayEventKind,
    GatewayUnavailable,
    RefundRequest,
)
from skillwise.application.payments.listings import payment_listing
from skillwise.application.payments.ports import GatewayRegistry, PaymentListing
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import Conflict, PaymentNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.payments import PaymentStatus


def refund_event_id(payment_id: UUID) -> str:
    return f"refund:{payment_id}"


class RefundPayment:
    """Idempotent: a refunded payment is answered as it is, and the gateway is asked with a
    key derived from the payment, so repeating never refunds twice.

    The gateway is called with no transaction open; if it fails nothing changes here. Its
    answer is then applied through HandlePaymentEvent, the path the gateway's own refund
    webhook takes, so whichever arrives second is a no-op.
    """

    def __init__(
        self, uow: UnitOfWork, gateways: GatewayRegistry, handle_event: HandlePaymentEvent
    ) -> None:
        self._uow = uow
        self._gateways = gateways
        self._handle_event = handle_event

    def __call__(self, actor: Actor, payment_id: UUID, reason: str = "") -> PaymentListing:
        actor.ensure_is_admin("refund payments")
        with self._uow as uow:
            listing = payment_listing(uow, payment_id)
        if listing is None:
            raise PaymentNotFound()
        payment = listing.payment
        if payment.status is PaymentStatus.REFUNDED:
            return listing
        if payment.status is not PaymentStatus.SUCCEEDED or payment.refund_reference is None:
            raise Conflict(
                f"Only a succeeded payment can be refunded; this one is {payment.status}.",
                code="payment_not_refundable",
            )
        if payment.gateway not in self._gateways.names():
            raise GatewayUnavailable(f"The {payment.gateway} gateway is no longer configured.")
        result = self._gateways.get(payment.gateway).refund(
            RefundRequest(
                payment_id=payment.id,
                gateway_reference=payment.refund_reference,
                amount=payment.amount,
                reason=reason,
            )
        )
        if not result.succeeded:
            raise GatewayUnavailable(f"The {payment.gateway} gateway declined the refund.")
        self._handle_event(
            GatewayEvent(
                gateway=payment.gateway,
                event_id=refund_event_id(payment.id),
                kind=GatewayEventKind.REFUNDED,
                payment_id=payment.id,
                gateway_reference=payment.gateway_reference,
                amount=payment.amount,
            )
        )
        with self._uow as uow:
            refunded = payment_listing(uow, payment_id)
        assert refunded is not None, "payments are never deleted"
        return refunded
