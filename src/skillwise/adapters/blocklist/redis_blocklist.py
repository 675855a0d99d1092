"""The access token blocklist with Redis in front of the database.

Every revocation is written to the database first (the record), then to Redis, under keys
that expire with the tokens they refuse. A check is one Redis round trip; it falls back to
the database while Redis is down (the circuit breaker keeps requests from waiting on it) or
when Redis does not hold the whole record: a marker key says it does, so a Redis restarted
without persistence (marker gone) is refilled from the database instead of forgetting
revocations, and so is a Redis that missed writes while this process could not reach it.

With local copies (`copies`), a check that Redis already answered for these keys is answered
from the process's copy, and every revocation written anywhere drops the copies of its key
in every process before the revoking request has answered (see adapters/cache/local_copies.py
and invalidation_feed.py): a token stays refused everywhere at once, and a signed-in request
costs no round trip. While the invalidation feed is down, checks go to Redis as before.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

import redis

from skillwise.adapters.blocklist.database import (
    DatabaseTokenBlocklist,
    Revocation,
    keys_for,
    refused_by,
)
from skillwise.adapters.cache.local_copies import LocallyCopiedCache
from skillwise.adapters.cache.redis_cache import CacheUnavailable
from skillwise.adapters.circuit_breaker import CircuitBreaker
from skillwise.application.shared.clock import Clock

log = logging.getLogger(__name__)

_NO_CUTOFF = b"-"
# Under the Redis prefix, as the shared cache names its keys.
KEY_PREFIX = "blocklist:"


class RedisTokenBlocklist:
    def __init__(
        self,
        database: DatabaseTokenBlocklist,
        client: redis.Redis,
        clock: Clock,
        prefix: str = "skillwise:",
        breaker: CircuitBreaker | None = None,
        copies: LocallyCopiedCache | None = None,
    ) -> None:
        self._database = database
        self._client = client
        self._clock = clock
        self._prefix = f"{prefix}{KEY_PREFIX}"
        self._complete_key = f"{self._prefix}complete"
        self._copies = copies
        self._breaker = breaker or CircuitBreaker("Redis (token blocklist)")
        # Set when an exchange failed: writes may have been missed, here or by other processes.
        self._stale = False

    def revoke_token(self, jti: str, expires_at: datetime) -> None:
        self._store(self._database.revocation_for_token(jti, expires_at))

    def revoke_tokens_of(self, user_id: UUID, issued_before: datetime) -> None:
        self._store(self._database.revocation_for_user(user_id, issued_before))

    def revoke_family(self, family_id: UUID, at: datetime) -> None:
        self._store(self._database.revocation_for_family(family_id, at))

    def is_revoked(
        self, jti: str, user_id: UUID, issued_at: datetime, family_id: UUID | None = None
    ) -> bool:
        cached = self._cached(keys_for(jti, user_id, family_id))
        if cached is None:
            return self._database.is_revoked(jti, user_id, issued_at, family_id)
        return refused_by(cached, issued_at)

    def refill(self) -> None:
        """Copy every live revocation from the database, then mark the cache complete."""
        revocations = self._database.active()
        pipeline = self._client.pipeline(transaction=False)
        for revocation in revocations:
            self._put(pipeline, revocation)
        pipeline.set(self._complete_key, b"1")
        pipeline.execute()
        log.info("token blocklist cache refilled with %d revocation(s)", len(revocations))

    def _store(self, revocation: Revocation) -> None:
        self._database.record(revocation)
        # When Redis does not take it, the database has it and the cache is refilled later.
        self._talk(lambda: self._put(self._client, revocation))

    def _cached(self, keys: list[str]) -> list[Revocation] | None:
        """The revocations Redis holds for these keys; None when it cannot tell."""
        if self._stale and not self._talk(self._refill_stale):
            return None
        answer: list[bytes | None] = []
        if not self._talk(lambda: answer.extend(self._read(["complete", *keys]))):
            return None
        complete, *values = answer
        if complete is None:
            self._talk(self.refill)
            return None
        return [
            self._revocation(key, value) for key, value in zip(keys, values, strict=True) if value
        ]

    def _read(self, keys: list[str]) -> list[bytes | None]:
        if self._copies is not None:
            return self._copies.fetch_many([KEY_PREFIX + key for key in keys])
        return self._client.mget([self._prefix + key for key in keys])

    def _talk(self, call: Callable[[], object]) -> bool:
        """Run one exchange with Redis unless the breaker is open; False when it did not work."""
        if not self._breaker.allows_call():
            return False
        try:
            call()
        except (redis.RedisError, CacheUnavailable):
            log.warning("token blocklist cache unreachable; the database answers", exc_info=True)
            self._breaker.failed()
            self._stale = True
            return False
        self._breaker.succeeded()
        return True

    def _refill_stale(self) -> None:
        self.refill()
        self._stale = False

    def _put(self, target: redis.Redis | redis.client.Pipeline, revocation: Revocation) -> None:
        seconds = math.ceil((revocation.expires_at - self._clock.now()).total_seconds())
        if seconds <= 0:
            return
        value = (
            _NO_CUTOFF
            if revocation.revoked_before is None
            else repr(revocation.revoked_before.timestamp()).encode()
        )
        target.set(self._prefix + revocation.key, value, ex=seconds)

    def _revocation(self, key: str, value: bytes) -> Revocation:
        cutoff = None if value == _NO_CUTOFF else datetime.fromtimestamp(float(value), UTC)
        return Revocation(key, cutoff, self._clock.now())
