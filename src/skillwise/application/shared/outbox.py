"""The outbox: side effects recorded in the same transaction as the change that causes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

if TYPE_CHECKING:
    from skillwise.application.shared.unit_of_work import UnitOfWork


@dataclass(eq=False)
class OutboxMessage:
    topic: str
    payload: dict[str, Any]
    created_at: datetime
    delivered_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None
    id: UUID = field(default_factory=uuid4)


class OutboxRepository(Protocol):
    def add(self, message: OutboxMessage) -> None: ...

    def get_for_update(self, message_id: UUID) -> OutboxMessage | None:
        """Load and lock one message so two workers never deliver it at once."""
        ...

    def save(self, message: OutboxMessage) -> None: ...

    def undelivered_ids(self, created_before: datetime, limit: int) -> list[UUID]: ...


class OutboxHandler(Protocol):
    """Performs the side effect of one topic; raising leaves the message for a retry.

    `uow` is the delivering transaction (the message is locked in it): what the handler
    writes there commits with the message's outcome, delivered or retried.
    """

    def __call__(self, payload: dict[str, Any], uow: UnitOfWork) -> None: ...
