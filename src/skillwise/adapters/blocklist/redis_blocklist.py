"""The access token blocklist in Redis: keys expire with the tokens they refuse.

An unreachable Redis answers 503 rather than letting revoked tokens through.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from uuid import UUID

import redis

from skillwise.application.shared.clock import Clock
from skillwise.domain.errors import ServiceUnavailable


@contextmanager
def _reachable() -> Iterator[None]:
    try:
        yield
    except redis.RedisError as error:
        raise ServiceUnavailable("The token blocklist is not reachable right now.") from error


class RedisTokenBlocklist:
    def __init__(
        self,
        client: redis.Redis,
        clock: Clock,
        access_lifetime: timedelta,
        prefix: str = "skillwise:",
    ) -> None:
        self._client = client
        self._clock = clock
        self._access_lifetime = access_lifetime
        self._prefix = f"{prefix}blocklist:"

    def _seconds_until(self, moment: datetime) -> int:
        return max(1, math.ceil((moment - self._clock.now()).total_seconds()))

    def revoke_token(self, jti: str, expires_at: datetime) -> None:
        with _reachable():
            self._client.set(f"{self._prefix}jti:{jti}", b"1", ex=self._seconds_until(expires_at))

    def revoke_tokens_of(self, user_id: UUID, issued_before: datetime) -> None:
        # Every token issued before this instant is dead once the longest lifetime has passed.
        with _reachable():
            self._client.set(
                f"{self._prefix}user:{user_id}",
                repr(issued_before.timestamp()),
                ex=self._seconds_until(issued_before + self._access_lifetime),
            )

    def is_revoked(self, jti: str, user_id: UUID, issued_at: datetime) -> bool:
        with _reachable():
            by_token, by_user = self._client.mget(
                [f"{self._prefix}jti:{jti}", f"{self._prefix}user:{user_id}"]
            )
        if by_token is not None:
            return True
        if by_user is None:
            return False
        revoked_before = datetime.fromtimestamp(float(by_user), UTC)
        return issued_at < revoked_before
