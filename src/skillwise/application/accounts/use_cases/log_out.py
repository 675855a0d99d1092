"""LogOut: end the caller's session."""

from __future__ import annotations

from datetime import datetime

from skillwise.application.accounts.ports import TokenBlocklist, TokenIssuer
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.errors import InvalidCredentials
from skillwise.domain.identity import Actor


class LogOut:
    """Blocks the presented access token until it expires, and revokes the refresh token's
    family, with every access token of it, when that token is the caller's (someone else's, or
    an invalid one, is ignored). A device token of the caller's stops that device's pushes."""

    def __init__(
        self,
        uow: UnitOfWork,
        tokens: TokenIssuer,
        blocklist: TokenBlocklist,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._tokens = tokens
        self._blocklist = blocklist
        self._clock = clock

    def __call__(
        self,
        actor: Actor,
        *,
        access_jti: str,
        access_expires_at: datetime,
        refresh_token: str | None = None,
        device_token: str | None = None,
    ) -> None:
        if refresh_token:
            self._revoke_refresh_family(actor, refresh_token)
        if device_token:
            self._forget_device(actor, device_token)
        self._blocklist.revoke_token(access_jti, access_expires_at)

    def _forget_device(self, actor: Actor, device_token: str) -> None:
        with self._uow as uow:
            device = uow.devices.get_by_token(device_token)
            if device is None or device.user_id != actor.user_id:
                return
            uow.devices.delete(device.id)
            uow.commit()

    def _revoke_refresh_family(self, actor: Actor, refresh_token: str) -> None:
        try:
            claims = self._tokens.read_refresh_token(refresh_token)
        except InvalidCredentials:
            return
        now = self._clock.now()
        with self._uow as uow:
            stored = uow.refresh_tokens.get(claims.jti)
            if stored is None or stored.user_id != actor.user_id:
                return
            uow.refresh_tokens.revoke_family(stored.family_id, now)
            uow.commit()
        self._blocklist.revoke_family(stored.family_id, now)
