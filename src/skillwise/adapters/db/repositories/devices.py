"""Devices, push deliveries and notification preferences tables <-> notification ports."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import delete, func, insert, select, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.notifications import (
    devices,
    notification_preferences,
    push_deliveries,
)
from skillwise.application.notifications.ports import (
    DeviceRepository,
    NotificationPreferenceRepository,
    PushDeliveryRepository,
)
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.notifications import Channel, Device, Platform


def _device_from_row(row: Any) -> Device:
    return Device(
        id=row.id,
        user_id=row.user_id,
        platform=Platform(row.platform),
        token=row.token,
        app_version=row.app_version,
        locale=row.locale,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
    )


def _device_values(device: Device) -> dict[str, Any]:
    return {
        "user_id": device.user_id,
        "platform": device.platform.value,
        "token": device.token,
        "app_version": device.app_version,
        "locale": device.locale,
        "created_at": device.created_at,
        "last_seen_at": device.last_seen_at,
    }


class SqlDeviceRepository(SqlRepository, implements=DeviceRepository):
    def add(self, device: Device) -> bool:
        return insert_unless_exists(
            self._session,
            devices,
            {"id": device.id, **_device_values(device)},
            unique=("token",),
        )

    def get(self, device_id: UUID) -> Device | None:
        row = self._session.execute(select(devices).where(devices.c.id == device_id)).first()
        return _device_from_row(row) if row else None

    def get_by_token(self, token: str) -> Device | None:
        query = select(devices).where(devices.c.token == token)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return _device_from_row(row) if row else None

    def save(self, device: Device) -> None:
        self._session.execute(
            update(devices).where(devices.c.id == device.id).values(**_device_values(device))
        )

    def delete(self, device_id: UUID) -> None:
        self._session.execute(delete(devices).where(devices.c.id == device_id))

    def for_user(self, user_id: UUID) -> list[Device]:
        rows = self._session.execute(
            select(devices)
            .where(devices.c.user_id == user_id)
            .order_by(devices.c.created_at, devices.c.id)
        )
        return [_device_from_row(row) for row in rows]

    def page_for(self, user_id: UUID, request: PageRequest) -> Page[Device]:
        total = self._session.execute(
            select(func.count()).select_from(devices).where(devices.c.user_id == user_id)
        ).scalar_one()
        rows = self._session.execute(
            select(devices)
            .where(devices.c.user_id == user_id)
            .order_by(devices.c.last_seen_at.desc(), devices.c.id)
            .limit(request.page_size)
            .offset(request.offset)
        )
        return Page(items=[_device_from_row(row) for row in rows], total=total, request=request)


class SqlPushDeliveryRepository(SqlRepository, implements=PushDeliveryRepository):
    def devices_reached(self, notification_id: UUID) -> set[UUID]:
        rows = self._session.execute(
            select(push_deliveries.c.device_id).where(
                push_deliveries.c.notification_id == notification_id
            )
        )
        return {row.device_id for row in rows}

    def record(
        self, notification_id: UUID, device_id: UUID, message_name: str, now: datetime
    ) -> None:
        self._session.execute(
            insert(push_deliveries).values(
                notification_id=notification_id,
                device_id=device_id,
                message_name=message_name,
                sent_at=now,
            )
        )


class SqlNotificationPreferenceRepository(
    SqlRepository, implements=NotificationPreferenceRepository
):
    def choices_of(self, user_id: UUID) -> dict[tuple[str, Channel], bool]:
        rows = self._session.execute(
            select(
                notification_preferences.c.kind,
                notification_preferences.c.channel,
                notification_preferences.c.enabled,
            ).where(notification_preferences.c.user_id == user_id)
        )
        return {(row.kind, Channel(row.channel)): row.enabled for row in rows}

    def allows(self, user_id: UUID, kind: str, channel: Channel) -> bool:
        enabled = self._session.execute(
            select(notification_preferences.c.enabled).where(
                notification_preferences.c.user_id == user_id,
                notification_preferences.c.kind == kind,
                notification_preferences.c.channel == channel.value,
            )
        ).scalar_one_or_none()
        return enabled is not False

    def choose(
        self, user_id: UUID, kind: str, channel: Channel, enabled: bool, now: datetime
    ) -> None:
        changed = self._session.execute(
            update(notification_preferences)
            .where(
                notification_preferences.c.user_id == user_id,
                notification_preferences.c.kind == kind,
                notification_preferences.c.channel == channel.value,
            )
            .values(enabled=enabled, updated_at=now)
        )
        if changed.rowcount == 0:
            self._session.execute(
                insert(notification_preferences).values(
                    id=uuid4(),
                    user_id=user_id,
                    kind=kind,
                    channel=channel.value,
                    enabled=enabled,
                    updated_at=now,
                )
            )
