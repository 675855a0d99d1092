"""Persistence of in-app notifications, the devices pushes go to, and what users want told."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.notifications import Channel, Device, Notification


class NotificationRepository(Protocol):
    def add(self, notification: Notification) -> None: ...

    def add_many(self, notifications: Sequence[Notification]) -> None:
        """Insert several in one statement (the same news for many users)."""
        ...

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


class DeviceRepository(Protocol):
    """The app installs that receive a user's pushes; a token belongs to one user at a time."""

    def add(self, device: Device) -> bool:
        """Stores a new token; False, storing nothing, when the token is known already (also
        when a concurrent transaction just stored it)."""
        ...

    def get(self, device_id: UUID) -> Device | None: ...

    def get_by_token(self, token: str) -> Device | None: ...

    def save(self, device: Device) -> None: ...

    def delete(self, device_id: UUID) -> None: ...

    def for_user(self, user_id: UUID) -> list[Device]:
        """Oldest first."""
        ...

    def page_for(self, user_id: UUID, request: PageRequest) -> Page[Device]:
        """Most recently seen first."""
        ...


class NotificationPreferenceRepository(Protocol):
    """What each user turned off; every kind on every channel is on until then."""

    def choices_of(self, user_id: UUID) -> dict[tuple[str, Channel], bool]:
        """(kind, channel) -> enabled, for the choices the user has made."""
        ...

    def allows(self, user_id: UUID, kind: str, channel: Channel) -> bool: ...

    def choose(
        self, user_id: UUID, kind: str, channel: Channel, enabled: bool, now: datetime
    ) -> None:
        """Record one choice, replacing an earlier one for the same kind and channel."""
        ...


class PushDeliveryRepository(Protocol):
    """Which device got which notification, so a push retried is never sent to a device twice."""

    def devices_reached(self, notification_id: UUID) -> set[UUID]: ...

    def record(
        self, notification_id: UUID, device_id: UUID, message_name: str, now: datetime
    ) -> None: ...
