"""Background work: dramatiq on Redis when configured, in-process otherwise."""

from typing import Protocol
from uuid import UUID


class TaskQueue(Protocol):
    """Schedules delivery of an outbox message outside the request."""

    def deliver_outbox_message(self, message_id: UUID) -> None: ...
