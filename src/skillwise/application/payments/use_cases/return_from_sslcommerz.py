"""ReturnFromSslcommerz: where SSLCOMMERZ sends the buyer's browser after its checkout page."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from skillwise.application.payments.gateway import (
    GatewayUnavailable,
    InvalidWebhook,
    WebhookRequest,
)
from skillwise.application.payments.use_cases.receive_webhook import ReceiveWebhook
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.payments import PaymentStatus

log = logging.getLogger(__name__)

SSLCOMMERZ = "sslcommerz"


@dataclass(frozen=True, slots=True)
class CheckoutLanding:
    """`outcome` is what the redirect claims (success, fail, cancel); `status` is what this
    app knows for certain, None when it cannot tell yet."""

    outcome: str
    status: PaymentStatus | None


class ReturnFromSslcommerz:
    """The redirect carries the same signed fields as the IPN, so it is fed through the same
    webhook path: verified and validated, applied once. A redirect that does not verify, or
    a validation API that is down, changes nothing; the page then says what is known and
    the IPN settles the rest."""

    def __init__(self, uow: UnitOfWork, receive_webhook: ReceiveWebhook) -> None:
        self._uow = uow
        self._receive_webhook = receive_webhook

    def __call__(self, outcome: str, request: WebhookRequest) -> CheckoutLanding:
        try:
            results = self._receive_webhook(request, SSLCOMMERZ)
        except (InvalidWebhook, GatewayUnavailable) as error:
            log.info("SSLCOMMERZ %s redirect not applied: %s", outcome, error.message)
            return CheckoutLanding(outcome, None)
        payment_ids = [result.payment_id for result in results if result.payment_id]
        if not payment_ids:
            return CheckoutLanding(outcome, None)
        with self._uow as uow:
            payment = uow.payments.get(payment_ids[0])
        return CheckoutLanding(outcome, payment.status if payment else None)
