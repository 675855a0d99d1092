"""Refunds of a payment, each a record of its own with the gateway's view of its progress,
and the refund requests students file before an admin decides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.errors import Conflict, DomainValidationError
from skillwise.domain.money import Money


class RefundStatus(StrEnum):
    PENDING = "pending"
    REQUIRES_ACTION = "requires_action"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"


OPEN_REFUND_STATUSES = frozenset({RefundStatus.PENDING, RefundStatus.REQUIRES_ACTION})

# Stripe settles a refund after it is created: it may wait for the customer
# (requires_action), and a refund the card network later bounces goes from succeeded to
# failed. Failed and canceled are final; a new attempt is a new refund.
_REFUND_TRANSITIONS: dict[RefundStatus, frozenset[RefundStatus]] = {
    RefundStatus.PENDING: frozenset(
        {
            RefundStatus.REQUIRES_ACTION,
            RefundStatus.SUCCEEDED,
            RefundStatus.FAILED,
            RefundStatus.CANCELED,
        }
    ),
    RefundStatus.REQUIRES_ACTION: frozenset(
        {RefundStatus.PENDING, RefundStatus.SUCCEEDED, RefundStatus.FAILED, RefundStatus.CANCELED}
    ),
    RefundStatus.SUCCEEDED: frozenset({RefundStatus.FAILED}),
    RefundStatus.FAILED: frozenset(),
    RefundStatus.CANCELED: frozenset(),
}


class RefundExceedsPayment(Conflict):
    """The refunds of a payment would add up to more than was paid."""

    code = "refund_exceeds_payment"


@dataclass(eq=False)
class Refund:
    """Money on its way back to a buyer: reserved against the payment from the moment it is
    asked for, and moved out of the instructor's earnings only once it has succeeded."""

    payment_id: UUID
    amount: Money
    gateway: str
    created_at: datetime
    updated_at: datetime
    reason: str = ""
    requested_by: UUID | None = None
    status: RefundStatus = RefundStatus.PENDING
    settled_at: datetime | None = None
    # The gateway's id for this refund (Stripe re_..., SSLCOMMERZ refund_ref_id); None until
    # the gateway has acknowledged it.
    gateway_reference: str | None = None
    failure_reason: str | None = None
    refund_request_id: UUID | None = None
    id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        if self.amount.amount_minor <= 0:
            raise DomainValidationError(
                "A refund is for a positive amount.", code="invalid_refund_amount"
            )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFUND_STATUSES

    @property
    def holds_money(self) -> bool:
        """Whether it counts against what may still be refunded of its payment."""
        return self.status not in (RefundStatus.FAILED, RefundStatus.CANCELED)

    def may_become(self, status: RefundStatus) -> bool:
        if status in _REFUND_TRANSITIONS[self.status]:
            return True
        # A refund marked failed because the gateway could not be reached may still have been
        # made there: the gateway's own later word about it is believed.
        return (
            self.status is RefundStatus.FAILED
            and self.gateway_reference is None
            and status is not RefundStatus.FAILED
        )

    def move_to(
        self,
        status: RefundStatus,
        now: datetime,
        *,
        gateway_reference: str | None = None,
        failure_reason: str | None = None,
    ) -> bool:
        """Follow the state machine; False for a move it forbids (the gateway's refund id, when
        new, is kept even then)."""
        allowed = self.may_become(status)
        self.gateway_reference = self.gateway_reference or gateway_reference
        if not allowed:
            return False
        self.status = status
        self.updated_at = now
        if status in (RefundStatus.SUCCEEDED, RefundStatus.FAILED, RefundStatus.CANCELED):
            self.settled_at = now
        if failure_reason:
            self.failure_reason = failure_reason[:200]
        return True


def refundable_remainder(paid: Money, refunds: list[Refund]) -> Money:
    """What may still be refunded: the paid amount less every refund not failed or canceled."""
    held = sum((r.amount.amount_minor for r in refunds if r.holds_money), 0)
    return Money(paid.amount_minor - held, paid.currency)


def ensure_refund_fits(paid: Money, refunds: list[Refund], amount: Money) -> None:
    remainder = refundable_remainder(paid, refunds)
    if amount.amount_minor > remainder.amount_minor:
        raise RefundExceedsPayment(
            f"At most {remainder} of this payment is left to refund; {amount} was asked for."
        )


class RefundRequestStatus(StrEnum):
    OPEN = "open"
    APPROVED = "approved"
    REJECTED = "rejected"


class RefundDecision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


MAX_REFUND_REQUEST_REASON_LENGTH = 1000
MAX_DECISION_NOTE_LENGTH = 1000


@dataclass(frozen=True, slots=True)
class RefundPolicy:
    """When a buyer may ask for their money back: soon after paying, before learning much."""

    window_days: int = 30
    max_progress_percent: int = 30

    def ensure_allows(self, *, paid_at: datetime, now: datetime, progress_percent: int) -> None:
        if now - paid_at > timedelta(days=self.window_days):
            raise DomainValidationError(
                f"Refunds can be requested within {self.window_days} days of paying.",
                code="refund_window_closed",
            )
        if progress_percent >= self.max_progress_percent:
            raise DomainValidationError(
                f"Refunds can be requested before {self.max_progress_percent}% of the course "
                f"is completed; you have completed {progress_percent}%.",
                code="too_much_progress",
            )


class RefundRequestDecided(Conflict):
    """This refund request has been decided already."""

    code = "refund_request_decided"


@dataclass(eq=False)
class RefundRequest:
    """A buyer asking for their money back; an admin approves (a refund follows) or rejects."""

    payment_id: UUID
    user_id: UUID
    reason: str
    created_at: datetime
    status: RefundRequestStatus = RefundRequestStatus.OPEN
    decided_at: datetime | None = None
    decided_by: UUID | None = None
    note: str = ""
    refund_id: UUID | None = None
    id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise DomainValidationError("Say why you want a refund.", code="invalid_reason")

    def decide(self, decision: RefundDecision, admin_id: UUID, note: str, now: datetime) -> None:
        if self.status is not RefundRequestStatus.OPEN:
            raise RefundRequestDecided(f"This refund request was {self.status} already.")
        self.status = (
            RefundRequestStatus.APPROVED
            if decision is RefundDecision.APPROVE
            else RefundRequestStatus.REJECTED
        )
        self.decided_at = now
        self.decided_by = admin_id
        self.note = note
