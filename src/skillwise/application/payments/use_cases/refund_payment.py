"""RefundPayment: give a buyer's money back, in full or in part, through the gateway."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.gateway import GatewayUnavailable, RefundInstruction
from skillwise.application.payments.listings import payment_listing
from skillwise.application.payments.ports import GatewayRegistry, PaymentListing
from skillwise.application.payments.refunds import reserve_refund, settle_refund
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.retries import retry_transient
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import DomainValidationError, PaymentNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.money import Money
from skillwise.domain.payments import PaymentStatus
from skillwise.domain.refunds import Refund, RefundStatus


class RefundPayment:
    """A refund is a record of its own, settled by what the gateway says.

    First the refund is reserved against the locked payment (so concurrent refunds never add
    up to more than was paid: 409 `refund_exceeds_payment`), then the gateway is asked with
    no transaction open, under the refund's own id as idempotency key (a new attempt after a
    failed one is a new refund there), and its answer is applied before this returns. A
    pending refund keeps the buyer's access; its events or reconciliation settle it. Without
    an amount, what is left of the payment is refunded; a payment refunded in full already
    answers as it is.
    """

    def __init__(self, uow: UnitOfWork, gateways: GatewayRegistry, clock: Clock) -> None:
        self._uow = uow
        self._gateways = gateways
        self._clock = clock

    def __call__(
        self,
        actor: Actor,
        payment_id: UUID,
        reason: str = "",
        *,
        amount_minor: int | None = None,
        currency: str | None = None,
    ) -> PaymentListing:
        """`currency`, when given, must be the payment's: it says what `amount_minor` is in."""
        actor.ensure_is_admin("refund payments")
        refund = retry_transient(
            lambda: self._reserve(actor.user_id, payment_id, reason, amount_minor, currency)
        )
        if refund is not None:
            self.send_to_gateway(refund)
        return self._listing(payment_id)

    def _reserve(
        self,
        admin_id: UUID,
        payment_id: UUID,
        reason: str,
        amount_minor: int | None,
        currency: str | None,
    ) -> Refund | None:
        with self._uow as uow:
            payment = uow.payments.get_for_update(payment_id)
            if payment is None:
                raise PaymentNotFound()
            if currency is not None and currency != payment.amount.currency:
                raise DomainValidationError(
                    f"The payment is in {payment.amount.currency}, not {currency}.",
                    code="currency_mismatch",
                )
            if amount_minor is None and payment.status is PaymentStatus.REFUNDED:
                return None
            self._ensure_gateway_configured(payment.gateway)
            amount = None if amount_minor is None else Money(amount_minor, payment.amount.currency)
            refund = reserve_refund(
                uow,
                payment,
                amount=amount,
                reason=reason,
                requested_by=admin_id,
                now=self._clock.now(),
            )
            uow.commit()
        return refund

    def send_to_gateway(self, refund: Refund) -> None:
        """Ask the gateway for a reserved refund and apply its answer.

        When the gateway cannot be reached or refuses, the refund is marked failed (the
        money stays reserved no longer) and GatewayUnavailable is raised; should the gateway
        have made it after all, its own later report of the refund is believed.
        """
        with self._uow as uow:
            payment = uow.payments.get(refund.payment_id)
        assert payment is not None and payment.refund_reference is not None, "reserved refunds"
        instruction = RefundInstruction(
            refund_id=refund.id,
            payment_id=payment.id,
            gateway_reference=payment.refund_reference,
            amount=refund.amount,
            reason=refund.reason,
        )
        try:
            result = self._gateways.get(refund.gateway).refund(instruction)
        except GatewayUnavailable as error:
            why = error.message
            retry_transient(lambda: self._settle(refund, RefundStatus.FAILED, None, why))
            raise
        retry_transient(
            lambda: self._settle(
                refund, result.status, result.refund_reference, result.failure_reason
            )
        )

    def _settle(
        self,
        reserved: Refund,
        status: RefundStatus,
        gateway_reference: str | None,
        failure_reason: str | None,
    ) -> None:
        with self._uow as uow:
            payment = uow.payments.get_for_update(reserved.payment_id)
            assert payment is not None, "payments are never deleted"
            # Read under the lock: a gateway event may have settled it meanwhile, and the
            # state machine then refuses what is late.
            refund = uow.refunds.get(reserved.id)
            assert refund is not None, "refunds are never deleted"
            settle_refund(
                uow,
                self._clock,
                payment,
                refund,
                status,
                self._clock.now(),
                gateway_reference=gateway_reference or None,
                failure_reason=failure_reason,
            )
            uow.commit()

    def _ensure_gateway_configured(self, gateway: str) -> None:
        if gateway not in self._gateways.names():
            raise GatewayUnavailable(f"The {gateway} gateway is no longer configured.")

    def _listing(self, payment_id: UUID) -> PaymentListing:
        with self._uow as uow:
            listing = payment_listing(uow, payment_id)
        assert listing is not None, "payments are never deleted"
        return listing
