"""Payments, their invoices and the instructors' earnings ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.errors import DomainValidationError
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


@dataclass(frozen=True, slots=True)
class PlatformFee:
    """The platform's share of each sale in basis points (2000 = 20%).

    Whole minor units only: the fee is rounded half up, the instructor gets the rest, so
    fee + net always equals the gross amount.
    """

    basis_points: int

    def __post_init__(self) -> None:
        if not 0 <= self.basis_points <= 10_000:
            raise DomainValidationError(
                "The platform fee is between 0 and 10000 basis points.", code="invalid_fee"
            )

    def of(self, gross: Money) -> Money:
        return Money((gross.amount_minor * self.basis_points + 5_000) // 10_000, gross.currency)


class EarningKind(StrEnum):
    SALE = "sale"
    REFUND = "refund"
    # A succeeded refund that the gateway failed afterwards: the refund's entry undone.
    REFUND_REVERSAL = "refund_reversal"
    # A dispute the buyer won at their bank: what was left of the sale taken back.
    CHARGEBACK = "chargeback"


@dataclass(frozen=True, slots=True)
class EarningEntry:
    """One line of an instructor's ledger; a refund books the sale's exact opposite."""

    instructor_id: UUID
    payment_id: UUID
    course_id: UUID
    kind: EarningKind
    gross: Money
    platform_fee: Money
    net: Money
    created_at: datetime
    # The refund an entry of a refund (or of its reversal) books; the ledger keeps one of
    # each per refund.
    refund_id: UUID | None = None
    id: UUID = field(default_factory=uuid4)

    @classmethod
    def sale(
        cls, payment: Payment, *, instructor_id: UUID, fee: PlatformFee, now: datetime
    ) -> EarningEntry:
        platform_fee = fee.of(payment.amount)
        return cls(
            instructor_id=instructor_id,
            payment_id=payment.id,
            course_id=payment.course_id,
            kind=EarningKind.SALE,
            gross=payment.amount,
            platform_fee=platform_fee,
            net=payment.amount - platform_fee,
            created_at=now,
        )

    def reversal(self, now: datetime) -> EarningEntry:
        return self._opposite(EarningKind.REFUND, self.gross, self.platform_fee, now)

    def _fee_share(self, gross_minor: int) -> int:
        """The part of this sale's fee that `gross_minor` of it carries, rounded half up."""
        total = self.gross.amount_minor
        return (self.platform_fee.amount_minor * gross_minor * 2 + total) // (2 * total)

    def partial_reversal(
        self, refund_id: UUID, amount: Money, refunded_before: Money, now: datetime
    ) -> EarningEntry:
        """The share of this sale one refund of `amount` takes back, after `refunded_before`.

        Each refund reverses the fee of the refunded total so far less the fee already
        reversed, so refunds that add up to the sale reverse exactly its fee and net.
        """
        before = refunded_before.amount_minor
        after = before + amount.amount_minor
        fee = self._fee_share(after) - self._fee_share(before)
        return self._opposite(
            EarningKind.REFUND, amount, Money(fee, amount.currency), now, refund_id=refund_id
        )

    def remainder_reversal(self, refunded_before: Money, now: datetime) -> EarningEntry:
        """A chargeback: whatever no refund has taken back yet."""
        left = self.gross - refunded_before
        fee = self.platform_fee.amount_minor - self._fee_share(refunded_before.amount_minor)
        return self._opposite(EarningKind.CHARGEBACK, left, Money(fee, left.currency), now)

    def undone(self, now: datetime) -> EarningEntry:
        """The exact opposite of this refund entry, for a refund that failed after all."""
        return EarningEntry(
            instructor_id=self.instructor_id,
            payment_id=self.payment_id,
            course_id=self.course_id,
            kind=EarningKind.REFUND_REVERSAL,
            gross=-self.gross,
            platform_fee=-self.platform_fee,
            net=-self.net,
            created_at=now,
            refund_id=self.refund_id,
        )

    def _opposite(
        self,
        kind: EarningKind,
        gross: Money,
        fee: Money,
        now: datetime,
        *,
        refund_id: UUID | None = None,
    ) -> EarningEntry:
        return EarningEntry(
            instructor_id=self.instructor_id,
            payment_id=self.payment_id,
            course_id=self.course_id,
            kind=kind,
            gross=-gross,
            platform_fee=-fee,
            net=-(gross - fee),
            created_at=now,
            refund_id=refund_id,
        )


@dataclass(frozen=True, slots=True)
class EarningTotals:
    """An instructor's ledger summed in one currency."""

    currency: str
    gross: int
    platform_fee: int
    net: int
    sales: int
    refunds: int


def invoice_number(year: int, sequence: int) -> str:
    return f"INV-{year}-{sequence:06d}"


@dataclass(frozen=True, slots=True)
class Invoice:
    """What was sold to whom, frozen when the payment succeeded; never edited afterwards."""

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
    id: UUID = field(default_factory=uuid4)
