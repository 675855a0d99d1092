"""In-memory repositories of the foundation's ports."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from skillwise.application.ports.outbox import OutboxMessage
from skillwise.domain.email_address import Email
from skillwise.domain.users import User


class FakeUserRepository:
    def __init__(self) -> None:
        self.rows: dict[UUID, User] = {}

    def add(self, user: User) -> None:
        self.rows[user.id] = user

    def get(self, user_id: UUID) -> User | None:
        return self.rows.get(user_id)

    def get_by_email(self, email: Email) -> User | None:
        return next((u for u in self.rows.values() if u.email == email), None)

    def save(self, user: User) -> None:
        self.rows[user.id] = user


class FakeOutboxRepository:
    def __init__(self) -> None:
        self.rows: dict[UUID, OutboxMessage] = {}

    def add(self, message: OutboxMessage) -> None:
        self.rows[message.id] = message

    def get_for_update(self, message_id: UUID) -> OutboxMessage | None:
        return self.rows.get(message_id)

    def save(self, message: OutboxMessage) -> None:
        self.rows[message.id] = message

    def undelivered_ids(self, created_before: datetime, limit: int) -> list[UUID]:
        pending = sorted(
            (m for m in self.rows.values() if m.delivered_at is None),
            key=lambda m: m.created_at,
        )
        return [m.id for m in pending if m.created_at < created_before][:limit]

    def topics(self) -> list[str]:
        return [message.topic for message in self.rows.values()]
