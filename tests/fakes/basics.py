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


class DictCache:
    """The Cache port in a dict, remembering each entry's time to live."""

    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}
        self.ttls: dict[str, int] = {}

    def get(self, key: str) -> bytes | None:
        return self.values.get(key)

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        return [self.values.get(key) for key in keys]

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        self.values[key] = value
        self.ttls[key] = ttl_seconds

    def delete(self, key: str) -> None:
        self.values.pop(key, None)

    def incr(self, key: str) -> int:
        value = int(self.values.get(key, b"0")) + 1
        self.values[key] = str(value).encode()
        return value

    def ping(self) -> bool:
        return True
