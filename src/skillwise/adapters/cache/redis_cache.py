"""Redis cache. A cache that is down degrades to misses instead of failing requests.

After a failure the circuit breaker skips Redis for a few seconds, so requests served while it
is down do not each wait for a connection attempt.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TypeVar

import redis

from skillwise.adapters.circuit_breaker import CircuitBreaker

log = logging.getLogger(__name__)

T = TypeVar("T")


class CacheUnavailable(RuntimeError):
    """The cache could not be changed; the caller decides whether that matters."""


class RedisCache:
    def __init__(
        self,
        client: redis.Redis,
        prefix: str = "skillwise:",
        breaker: CircuitBreaker | None = None,
        namespace: str = "cache:",
    ) -> None:
        self._client = client
        # Other subjects keep keys beside the cache's (the token blocklist's under
        # "blocklist:"); a reader of theirs names its own namespace.
        self._prefix = f"{prefix}{namespace}"
        self._breaker = breaker or CircuitBreaker("Redis (cache)")

    def _call(self, operation: Callable[[], T], what: str, key: str) -> T:
        if not self._breaker.allows_call():
            raise CacheUnavailable(f"cache {what} skipped for {key}: Redis is unreachable")
        try:
            result = operation()
        except redis.RedisError as error:
            self._breaker.failed()
            log.warning("cache %s failed for %s", what, key, exc_info=True)
            raise CacheUnavailable(f"cache {what} failed for {key}") from error
        self._breaker.succeeded()
        return result

    def get(self, key: str) -> bytes | None:
        try:
            return self._call(lambda: self._client.get(self._prefix + key), "read", key)
        except CacheUnavailable:
            return None

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        try:
            return self.fetch_many(keys)
        except CacheUnavailable:
            return [None] * len(keys)

    def fetch_many(self, keys: list[str]) -> list[bytes | None]:
        """As `get_many`, but raising CacheUnavailable where that answers all misses: a
        holder of local copies must not take an outage for keys that do not exist."""
        try:
            return self._client.mget([self.redis_key(key) for key in keys])
        except redis.RedisError as error:
            log.warning("cache read failed for %s", keys, exc_info=True)
            raise CacheUnavailable(f"cache read failed for {keys}") from error

    def redis_key(self, key: str) -> str:
        """The name Redis knows the key by."""
        return self._prefix + key

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        with contextlib.suppress(CacheUnavailable):
            self._call(
                lambda: self._client.set(self._prefix + key, value, ex=ttl_seconds), "write", key
            )

    def delete(self, key: str) -> None:
        with contextlib.suppress(CacheUnavailable):
            self._call(lambda: self._client.delete(self._prefix + key), "delete", key)

    def incr(self, key: str) -> int:
        # Version counters must move even if a write fails silently elsewhere; let this raise.
        return int(self._call(lambda: self._client.incr(self._prefix + key), "increment", key))

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False
