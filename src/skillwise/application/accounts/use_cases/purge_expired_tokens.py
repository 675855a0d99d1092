"""PurgeExpiredTokens: forget verification, reset and refresh tokens nobody can use any more."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class PurgedTokens:
    one_time_tokens: int
    refresh_tokens: int


class PurgeExpiredTokens:
    """Deletes tokens past their expiry; run it from cron (`skillwise accounts purge-tokens`).

    Spent refresh tokens are kept until they expire because presenting one is how reuse of a
    stolen token is detected; after expiry the signature check refuses them anyway.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self) -> PurgedTokens:
        now = self._clock.now()
        with self._uow as uow:
            purged = PurgedTokens(
                one_time_tokens=uow.one_time_tokens.delete_expired(now),
                refresh_tokens=uow.refresh_tokens.delete_expired(now),
            )
            uow.commit()
        return purged
