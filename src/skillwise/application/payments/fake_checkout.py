"""The fake gateway's checkout page: what it shows and what its buttons send."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import PaymentNotFound
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
        raise PaymentNotFound("No such checkout.")
    course = uow.courses.get(payment.course_id)
    assert course is not None, "payments keep their course"
    return payment, course.title
