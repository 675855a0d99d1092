"""MarkNotificationRead: the caller has seen one of their notifications."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import NotificationNotFound
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import Notification


class MarkNotificationRead:
    """Idempotent: the first read time is kept. Another user's notification does not exist."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor, notification_id: UUID) -> Notification:
        with self._uow as uow:
            notification = uow.notifications.get(notification_id)
            if notification is None or notification.user_id != actor.user_id:
                raise NotificationNotFound()
            if not notification.is_read:
                notification.read_at = self._clock.now()
                uow.notifications.save(notification)
                uow.commit()
        return notification
