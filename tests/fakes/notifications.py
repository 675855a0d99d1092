"""In-memory devices, push deliveries and notification preferences, and a scripted PushSender."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from skillwise.application.notifications.ports import (
    DeviceRepository,
    NotificationPreferenceRepository,
    PushDeliveryRepository,
)
from skillwise.application.notifications.push import Delivered, PushMessage, PushResult
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.notifications import Channel, Device
from tests.fakes.base import FakeRepository


class FakeDeviceRepository(FakeRepository, implements=DeviceRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Device] = {}

    def add(self, device: Device) -> bool:
        if self.get_by_token(device.token) is not None:
            return False
        self.rows[device.id] = device
        return True

    def get(self, device_id: UUID) -> Device | None:
        return self.rows.get(device_id)

    def get_by_token(self, token: str) -> Device | None:
        return next((d for d in self.rows.values() if d.token == token), None)

    def save(self, device: Device) -> None:
        self.rows[device.id] = device

    def delete(self, device_id: UUID) -> None:
        self.rows.pop(device_id, None)

    def for_user(self, user_id: UUID) -> list[Device]:
        mine = [d for d in self.rows.values() if d.user_id == user_id]
        return sorted(mine, key=lambda d: (d.created_at, str(d.id)))

    def page_for(self, user_id: UUID, request: PageRequest) -> Page[Device]:
        mine = sorted(
            (d for d in self.rows.values() if d.user_id == user_id),
            key=lambda d: (-d.last_seen_at.timestamp(), str(d.id)),
        )
        return Page(
            items=mine[request.offset : request.offset + request.page_size],
            total=len(mine),
            request=request,
        )


class FakePushDeliveryRepository(FakeRepository, implements=PushDeliveryRepository):
    def __init__(self) -> None:
        self.rows: dict[tuple[UUID, UUID], str] = {}

    def devices_reached(self, notification_id: UUID) -> set[UUID]:
        return {device for notification, device in self.rows if notification == notification_id}

    def record(
        self, notification_id: UUID, device_id: UUID, message_name: str, now: datetime
    ) -> None:
        if (notification_id, device_id) in self.rows:
            raise AssertionError("push_deliveries refuses a second row for one device")
        self.rows[(notification_id, device_id)] = message_name


class FakeNotificationPreferenceRepository(
    FakeRepository, implements=NotificationPreferenceRepository
):
    def __init__(self) -> None:
        self.rows: dict[tuple[UUID, str, Channel], bool] = {}

    def choices_of(self, user_id: UUID) -> dict[tuple[str, Channel], bool]:
        return {
            (kind, channel): enabled
            for (owner, kind, channel), enabled in self.rows.items()
            if owner == user_id
        }

    def allows(self, user_id: UUID, kind: str, channel: Channel) -> bool:
        return self.rows.get((user_id, kind, channel), True)

    def choose(
        self, user_id: UUID, kind: str, channel: Channel, enabled: bool, now: datetime
    ) -> None:
        self.rows[(user_id, kind, channel)] = enabled


class ScriptedPushSender:
    """Answers each send with the next scripted result for its token (Delivered once the
    script runs out), and keeps every message it was asked to send."""

    def __init__(self, script: dict[str, list[PushResult]] | None = None) -> None:
        self.script = script or {}
        self.sent: list[PushMessage] = []

    def send(self, message: PushMessage) -> PushResult:
        self.sent.append(message)
        answers = self.script.get(message.token)
        if answers:
            return answers.pop(0)
        return Delivered(message_name=f"projects/test/messages/{len(self.sent)}")
