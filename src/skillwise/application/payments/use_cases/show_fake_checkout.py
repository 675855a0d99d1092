"""ShowFakeCheckout: what the fake gateway's own checkout page shows."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import EventSigner
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotFound
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment, PaymentStatus

FAKE_GATEWAY = "fake"

# What the page's two buttons may report.
CHECKOUT_OUTCOMES = {
    "succeeded": GatewayEventKind.SUCCEEDED,
    "canceled": GatewayEventKind.CANCELED,
}


@dataclass(frozen=True, slots=True)
class FakeCheckout:
    payment_id: UUID
    course_title: str
    amount: Money
    status: PaymentStatus


def fake_payment(uow: UnitOfWork, payment_id: UUID) -> tuple[Payment, str]:
    payment = uow.payments.get(payment_id)
    if payment is None or payment.gateway != FAKE_GATEWAY:
        raise NotFound("No such checkout.")
    course = uow.courses.get(payment.course_id)
    assert course is not None, "payments keep their course"
    return payment, course.title


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
            raise NotFound("The fake gateway is not enabled here.")
        with self._uow as uow:
            payment, title = fake_payment(uow, payment_id)
        return FakeCheckout(payment.id, title, payment.amount, payment.status)
