"""Notifications table <-> Notification entity."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import notifications
from skillwise.domain.notifications import Notification


def notification_from_row(row: Any) -> Notification:
    return Notification(
        id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        title=row.title,
        body=row.body,
        data=row.data,
        created_at=row.created_at,
        read_at=row.read_at,
    )


class SqlNotificationRepository(SqlRepository):
    def add(self, notification: Notification) -> None:
        self._session.execute(
            insert(notifications).values(
                id=notification.id,
                user_id=notification.user_id,
                kind=notification.kind,
                title=notification.title,
                body=notification.body,
                data=notification.data,
                created_at=notification.created_at,
                read_at=notification.read_at,
            )
        )

    def get(self, notification_id: UUID) -> Notification | None:
        row = self._session.execute(
            select(notifications).where(notifications.c.id == notification_id)
        ).first()
        return notification_from_row(row) if row else None

    def save(self, notification: Notification) -> None:
        self._session.execute(
            update(notifications)
            .where(notifications.c.id == notification.id)
            .values(read_at=notification.read_at)
        )
