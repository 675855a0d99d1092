"""Persistence of in-app notifications."""

from typing import Protocol
from uuid import UUID

from skillwise.domain.notifications import Notification


class NotificationRepository(Protocol):
    def add(self, notification: Notification) -> None: ...

    def get(self, notification_id: UUID) -> Notification | None: ...

    def save(self, notification: Notification) -> None: ...
