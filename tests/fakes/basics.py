"""Fakes of the small ports: clock, mailer, task queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from skillwise.application.shared.mailer import EmailMessage


class FixedClock:
    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime(2026, 11, 26, 10, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


class RecordingMailer:
    """Keeps every message it is asked to send."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.sent if message.to == address]


class RecordingTaskQueue:
    def __init__(self) -> None:
        self.enqueued: list[UUID] = []

    def deliver_outbox_message(self, message_id: UUID) -> None:
        self.enqueued.append(message_id)
