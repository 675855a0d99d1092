"""Persistence of in-app notifications."""

from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.notifications import Notification


class NotificationRepository(Protocol):
    def add(self, notification: Notification) -> None: ...

    def get(self, notification_id: UUID) -> Notification | None: ...

    def save(self, notification: Notification) -> None: ...

    def page_for(
        self, user_id: UUID, request: PageRequest, *, unread_only: bool = False
    ) -> Page[Notification]:
        """The user's notifications, newest first."""
        ...

    def unread_count(self, user_id: UUID) -> int: ...

    def mark_all_read(self, user_id: UUID, now: datetime) -> int:
        """Set read_at on every unread notification of the user; returns how many changed."""
        ...
