"""The instructor's ledger and the platform's share: what each sale, refund and chargeback earns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment


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
