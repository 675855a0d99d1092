"""Invoices: numbered gaplessly per year, written once a payment succeeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from skillwise.domain.money import Money


def invoice_number(year: int, sequence: int) -> str:
    return f"INV-{year}-{sequence:06d}"


@dataclass(frozen=True, slots=True)
class Invoice:
    """What was sold to whom, frozen when the payment succeeded; never edited afterwards.

    `amount` is the total paid: the course's price less what the coupon took off."""

    number: str
    payment_id: UUID
    user_id: UUID
    course_id: UUID
    buyer_name: str
    buyer_email: str
    course_title: str
    amount: Money
    gateway: str
    gateway_reference: str | None
    paid_at: datetime
    issued_at: datetime
    discount_minor: int = 0
    coupon_code: str | None = None
    id: UUID = field(default_factory=uuid4)

    @property
    def discount(self) -> Money:
        return Money(self.discount_minor, self.amount.currency)

    @property
    def price(self) -> Money:
        return self.amount + self.discount
