"""Notifications table <-> Notification entity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.core import notifications
from skillwise.application.notifications.delivery import push_outbox_message
from skillwise.application.notifications.ports import NotificationRepository
from skillwise.application.shared.pagination import Page, PageRequest
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


def _values(notification: Notification) -> dict[str, Any]:
    return {
        "id": notification.id,
        "user_id": notification.user_id,
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "data": notification.data,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


class SqlNotificationRepository(SqlRepository, implements=NotificationRepository):
    def add(self, notification: Notification) -> None:
        self._session.execute(insert(notifications).values(**_values(notification)))
        # Every notification is also pushed: written here, once, whichever use case wrote it.
        self._uow.outbox.add(push_outbox_message(notification))

    def add_many(self, many: Sequence[Notification]) -> None:
        if many:
            self._session.execute(insert(notifications), [_values(n) for n in many])
            for notification in many:
                self._uow.outbox.add(push_outbox_message(notification))

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

    def page_for(
        self, user_id: UUID, request: PageRequest, *, unread_only: bool = False
    ) -> Page[Notification]:
        conditions = [notifications.c.user_id == user_id]
        if unread_only:
            conditions.append(notifications.c.read_at.is_(None))
        total = self._session.execute(
            select(func.count()).select_from(notifications).where(*conditions)
        ).scalar_one()
        rows = self._session.execute(
            select(notifications)
            .where(*conditions)
            .order_by(notifications.c.created_at.desc(), notifications.c.id.desc())
            .limit(request.page_size)
            .offset(request.offset)
        )
        return Page(
            items=[notification_from_row(row) for row in rows], total=total, request=request
        )

    def unread_count(self, user_id: UUID) -> int:
        return self._session.execute(
            select(func.count())
            .select_from(notifications)
            .where(notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
        ).scalar_one()

    def mark_all_read(self, user_id: UUID, now: datetime) -> int:
        result = self._session.execute(
            update(notifications)
            .where(notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
            .values(read_at=now)
        )
        return result.rowcount
