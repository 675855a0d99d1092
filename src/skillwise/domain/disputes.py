"""Disputes (chargebacks): a buyer contesting a payment with their bank."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.money import Money


class DisputeStatus(StrEnum):
    """Stripe's dispute statuses; `warning_*` are inquiries that may turn into a chargeback."""

    WARNING_NEEDS_RESPONSE = "warning_needs_response"
    WARNING_UNDER_REVIEW = "warning_under_review"
    WARNING_CLOSED = "warning_closed"
    NEEDS_RESPONSE = "needs_response"
    UNDER_REVIEW = "under_review"
    PREVENTED = "prevented"
    WON = "won"
    LOST = "lost"


class DisputeOutcome(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


# An inquiry closed without a chargeback, or one prevented, leaves the money with us: won.
_OUTCOMES = {
    DisputeStatus.WARNING_CLOSED: DisputeOutcome.WON,
    DisputeStatus.PREVENTED: DisputeOutcome.WON,
    DisputeStatus.WON: DisputeOutcome.WON,
    DisputeStatus.LOST: DisputeOutcome.LOST,
}


def outcome_of(status: DisputeStatus) -> DisputeOutcome:
    return _OUTCOMES.get(status, DisputeOutcome.OPEN)


@dataclass(eq=False)
class Dispute:
    """While open the buyer's access is suspended; won gives it back, lost ends it for good."""

    payment_id: UUID
    gateway: str
    gateway_reference: str
    amount: Money
    status: DisputeStatus
    created_at: datetime
    updated_at: datetime
    reason: str = ""
    closed_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    @property
    def outcome(self) -> DisputeOutcome:
        return outcome_of(self.status)

    def move_to(self, status: DisputeStatus, now: datetime) -> bool:
        """A closed dispute is final; an open one follows whatever the gateway says next."""
        if self.outcome is not DisputeOutcome.OPEN or status is self.status:
            return False
        self.status = status
        self.updated_at = now
        if self.outcome is not DisputeOutcome.OPEN:
            self.closed_at = now
        return True
