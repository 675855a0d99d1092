"""RegisterDevice: the caller's app install starts receiving pushes."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import TransientConflict
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import Device, Platform


@dataclass(frozen=True, slots=True)
class DeviceRegistration:
    device: Device
    created: bool


class RegisterDevice:
    """Registers a push token for the caller. A token already known is updated instead, and
    moves to the caller if another account had it (one phone, a different user signed in):
    pushes follow whoever is signed in on the device now."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(
        self,
        actor: Actor,
        *,
        platform: Platform,
        token: str,
        app_version: str | None = None,
        locale: str | None = None,
    ) -> DeviceRegistration:
        now = self._clock.now()
        with self._uow as uow:
            device = uow.devices.get_by_token(token)
            if device is None:
                device = Device(
                    user_id=actor.user_id,
                    platform=platform,
                    token=token,
                    created_at=now,
                    last_seen_at=now,
                    app_version=app_version,
                    locale=locale,
                )
                if uow.devices.add(device):
                    uow.commit()
                    return DeviceRegistration(device=device, created=True)
                device = self._registered_meanwhile(uow, token)
            device.user_id = actor.user_id
            device.platform = platform
            device.app_version = app_version
            device.locale = locale
            device.last_seen_at = now
            uow.devices.save(device)
            uow.commit()
        return DeviceRegistration(device=device, created=False)

    @staticmethod
    def _registered_meanwhile(uow: UnitOfWork, token: str) -> Device:
        """The row a concurrent registration stored after our read found none: the insert
        waited for that transaction to commit, so it is readable now, and ours updates it."""
        device = uow.devices.get_by_token(token)
        if device is None:
            # Removed again in the same instant; nothing was written, so trying again is safe.
            raise TransientConflict("The device changed while it was being registered; try again.")
        return device
