"""RemoveDevice: stop pushing to one of the caller's app installs."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import DeviceNotFound
from skillwise.domain.identity import Actor


class RemoveDevice:
    """Only the caller's own devices: another user's answers as if it did not exist."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __call__(self, actor: Actor, device_id: UUID) -> None:
        with self._uow as uow:
            device = uow.devices.get(device_id)
            if device is None or device.user_id != actor.user_id:
                raise DeviceNotFound()
            uow.devices.delete(device.id)
            uow.commit()
