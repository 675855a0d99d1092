"""Payments, their invoices and the instructors' earnings ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.money import Money


class PaymentStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    REFUNDED = "refunded"


# Where a payment may go from each state. A verified success after a failure or a cancel
# still wins: a card declined once may be retried on the same checkout, and money that moved
# must be honoured. Nothing leaves succeeded except a full refund (or a lost dispute), and no
# event moves a refunded payment: only a refund the gateway fails afterwards (`undo_refund`)
# brings it back.
_TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    PaymentStatus.PENDING: frozenset(
        {PaymentStatus.SUCCEEDED, PaymentStatus.FAILED, PaymentStatus.CANCELED}
    ),
    PaymentStatus.FAILED: frozenset({PaymentStatus.SUCCEEDED, PaymentStatus.CANCELED}),
    PaymentStatus.CANCELED: frozenset({PaymentStatus.SUCCEEDED}),
    PaymentStatus.SUCCEEDED: frozenset({PaymentStatus.REFUNDED}),
    PaymentStatus.REFUNDED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class Checkout:
    """What the gateway handed out for collecting a payment, kept to answer repeats alike."""

    gateway_reference: str
    client_secret: str | None = None
    checkout_url: str | None = None
    publishable_key: str | None = None
    customer_reference: str | None = None
    ephemeral_key: str | None = None


@dataclass(eq=False)
class Payment:
    """One attempt of one user to buy one course, at the price the course had then."""

    user_id: UUID
    course_id: UUID
    amount: Money
    gateway: str
    created_at: datetime
    updated_at: datetime
    status: PaymentStatus = PaymentStatus.PENDING
    checkout: Checkout | None = None
    # The gateway's name for the money that moved (Stripe PaymentIntent, SSLCOMMERZ
    # bank_tran_id); refunds are asked for by it.
    transaction_reference: str | None = None
    paid_at: datetime | None = None
    refunded_at: datetime | None = None
    needs_review: bool = False
    review_reason: str | None = None
    # What succeeded refunds gave back; the payment is refunded once it reaches the amount.
    refunded_minor: int = 0
    # The gateway's charge behind the payment (Stripe ch_...), which disputes name.
    charge_reference: str | None = None
    # A coupon took `discount_minor` off the course's price; `amount` is what is charged.
    discount_minor: int = 0
    coupon_id: UUID | None = None
    coupon_code: str | None = None
    # Paid after its coupon use lapsed (expired, canceled, failed) when the coupon had no use
    # left for it: the buyer keeps the discount paid for, and it never counts as a use.
    coupon_beyond_limit: bool = False
    id: UUID = field(default_factory=uuid4)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Payment) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def is_open(self) -> bool:
        return self.status is PaymentStatus.PENDING

    @property
    def discount(self) -> Money:
        return Money(self.discount_minor, self.amount.currency)

    @property
    def price(self) -> Money:
        """The course's price when the payment was opened, before any coupon."""
        return self.amount + self.discount

    @property
    def gateway_reference(self) -> str | None:
        return self.checkout.gateway_reference if self.checkout else None

    @property
    def refund_reference(self) -> str | None:
        """What to name this payment by when asking its gateway for a refund."""
        return self.transaction_reference or self.gateway_reference

    def may_become(self, status: PaymentStatus) -> bool:
        return status in _TRANSITIONS[self.status]

    def move_to(
        self, status: PaymentStatus, now: datetime, *, transaction_reference: str | None = None
    ) -> bool:
        """Follow the state machine; returns False (and changes nothing) for a move it forbids."""
        if not self.may_become(status):
            return False
        if self.status is PaymentStatus.PENDING:
            # A hold is about the open payment; once the gateway settles it, nothing is held.
            self.needs_review = False
        self.status = status
        self.updated_at = now
        if status is PaymentStatus.SUCCEEDED:
            self.paid_at = now
            self.transaction_reference = transaction_reference or self.transaction_reference
        elif status is PaymentStatus.REFUNDED:
            self.refunded_at = now
        return True

    @property
    def refunded_amount(self) -> Money:
        return Money(self.refunded_minor, self.amount.currency)

    @property
    def is_fully_refunded(self) -> bool:
        return self.refunded_minor >= self.amount.amount_minor

    def record_refund(self, amount: Money, now: datetime) -> bool:
        """A refund succeeded; returns whether that refunded the payment in full."""
        self.refunded_minor = (self.refunded_amount + amount).amount_minor
        self.updated_at = now
        if self.is_fully_refunded and self.status is PaymentStatus.SUCCEEDED:
            self.move_to(PaymentStatus.REFUNDED, now)
            return True
        return False

    def undo_refund(self, amount: Money, now: datetime) -> bool:
        """A succeeded refund failed after all; returns whether the payment is succeeded again
        after having been refunded in full."""
        self.refunded_minor = max((self.refunded_amount - amount).amount_minor, 0)
        self.updated_at = now
        if self.status is PaymentStatus.REFUNDED and not self.is_fully_refunded:
            self.status = PaymentStatus.SUCCEEDED
            self.refunded_at = None
            return True
        return False

    @property
    def is_held_for_review(self) -> bool:
        """Pending until an admin decides: the gateway flagged it or reported another amount."""
        return self.is_open and self.needs_review

    def hold_for_review(
        self, reason: str, now: datetime, *, transaction_reference: str | None = None
    ) -> None:
        """An open payment keeps the gateway's name for the money that moved, as an approved
        payment is refunded by it; a settled one keeps the name it settled with."""
        self.needs_review = True
        self.review_reason = reason[:200]
        if self.is_open:
            self.transaction_reference = transaction_reference or self.transaction_reference
        self.updated_at = now

    def release_from_review(self, now: datetime) -> None:
        """An admin decided; the reason stays as the record of why it was held."""
        self.needs_review = False
        self.updated_at = now

    def attach_checkout(self, checkout: Checkout, now: datetime) -> None:
        """Keep the first checkout a gateway gave; a later one would confuse the app."""
        if self.checkout is None:
            self.checkout = checkout
            self.updated_at = now
