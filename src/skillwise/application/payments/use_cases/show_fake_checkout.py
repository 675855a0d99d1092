"""ShowFakeCheckout: what the fake gateway's own checkout page shows."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.payments.fake_checkout import FakeCheckout, fake_payment
from skillwise.application.payments.ports import EventSigner
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import GatewayNotConfigured


class ShowFakeCheckout:
    """What the checkout page shows; only while the fake gateway is enabled (signer set).

    The payment id in the address is the credential, as a gateway's checkout link would be:
    a random UUID nobody can guess.
    """

    def __init__(self, uow: UnitOfWork, signer: EventSigner | None) -> None:
        self._uow = uow
        self._signer = signer

    def __call__(self, payment_id: UUID) -> FakeCheckout:
        if self._signer is None:
            raise GatewayNotConfigured("The fake gateway is not enabled here.")
        with self._uow as uow:
            payment, title = fake_payment(uow, payment_id)
        return FakeCheckout(payment.id, title, payment.amount, payment.status)
