"""Outbox table <-> OutboxMessage."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import outbox
from skillwise.application.shared.effects import OutboxMessageAdded
from skillwise.application.shared.outbox import OutboxMessage, OutboxRepository


def _from_row(row: Any) -> OutboxMessage:
    return OutboxMessage(
        id=row.id,
        topic=row.topic,
        payload=row.payload,
        created_at=row.created_at,
        delivered_at=row.delivered_at,
        attempts=row.attempts,
        last_error=row.last_error,
    )


class SqlOutboxRepository(SqlRepository, implements=OutboxRepository):
    def add(self, message: OutboxMessage) -> None:
        self._session.execute(
            insert(outbox).values(
                id=message.id,
                topic=message.topic,
                payload=message.payload,
                created_at=message.created_at,
                delivered_at=message.delivered_at,
                attempts=message.attempts,
                last_error=message.last_error,
            )
        )
        self._uow.after_commit(OutboxMessageAdded(message.id))

    def get_for_update(self, message_id: UUID) -> OutboxMessage | None:
        query = select(outbox).where(outbox.c.id == message_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return _from_row(row) if row else None

    def save(self, message: OutboxMessage) -> None:
        self._session.execute(
            update(outbox)
            .where(outbox.c.id == message.id)
            .values(
                delivered_at=message.delivered_at,
                attempts=message.attempts,
                last_error=message.last_error,
            )
        )

    def undelivered_ids(self, created_before: datetime, limit: int) -> list[UUID]:
        rows = self._session.execute(
            select(outbox.c.id)
            .where(outbox.c.delivered_at.is_(None), outbox.c.created_at < created_before)
            .order_by(outbox.c.created_at)
            .limit(limit)
        )
        return [row.id for row in rows]
