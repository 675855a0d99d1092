"""CompleteFakeCheckout: the Pay and Cancel buttons of the fake gateway's checkout page."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.fake_checkout import (
    CHECKOUT_OUTCOMES,
    FAKE_GATEWAY,
    FakeCheckout,
    fake_payment,
)
from skillwise.application.payments.gateway import WebhookRequest
from skillwise.application.payments.ports import EventSigner
from skillwise.application.payments.use_cases.receive_webhook import ReceiveWebhook
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import DomainValidationError, GatewayNotConfigured


class CompleteFakeCheckout:
    """Pay or cancel on the checkout page: the outcome is signed as the fake gateway's webhook
    and delivered through ReceiveWebhook, the very path (signature check included) a real
    gateway's webhook takes. A checkout whose payment is closed (paid, canceled, expired)
    takes nothing more, as a gateway refuses to collect on a canceled checkout."""

    def __init__(
        self, uow: UnitOfWork, signer: EventSigner | None, receive_webhook: ReceiveWebhook
    ) -> None:
        self._uow = uow
        self._signer = signer
        self._receive_webhook = receive_webhook

    def __call__(self, payment_id: UUID, outcome: str) -> FakeCheckout:
        if self._signer is None:
            raise GatewayNotConfigured("The fake gateway is not enabled here.")
        if outcome not in CHECKOUT_OUTCOMES:
            raise DomainValidationError(
                f"The outcome is one of {', '.join(CHECKOUT_OUTCOMES)}.", code="invalid_outcome"
            )
        with self._uow as uow:
            payment, title = fake_payment(uow, payment_id)
        if not payment.is_open:
            return FakeCheckout(payment.id, title, payment.amount, payment.status)
        body, headers = self._signer.sign_event(
            payment.id, CHECKOUT_OUTCOMES[outcome], payment.amount
        )
        self._receive_webhook(WebhookRequest(headers=headers, body=body), FAKE_GATEWAY)
        with self._uow as uow:
            payment, title = fake_payment(uow, payment_id)
        return FakeCheckout(payment.id, title, payment.amount, payment.status)
