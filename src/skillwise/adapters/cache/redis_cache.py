"""Redis cache. A cache that is down degrades to misses instead of failing requests."""

from __future__ import annotations

import logging

import redis

log = logging.getLogger(__name__)


class RedisCache:
    def __init__(self, client: redis.Redis, prefix: str = "skillwise:") -> None:
        self._client = client
        self._prefix = f"{prefix}cache:"

    def get(self, key: str) -> bytes | None:
        try:
            return self._client.get(self._prefix + key)
        except redis.RedisError:
            log.warning("cache read failed for %s", key, exc_info=True)
            return None

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        try:
            self._client.set(self._prefix + key, value, ex=ttl_seconds)
        except redis.RedisError:
            log.warning("cache write failed for %s", key, exc_info=True)

    def delete(self, key: str) -> None:
        try:
            self._client.delete(self._prefix + key)
        except redis.RedisError:
            log.warning("cache delete failed for %s", key, exc_info=True)

    def incr(self, key: str) -> int:
        # Version counters must move even if a write fails silently elsewhere; let this raise.
        return int(self._client.incr(self._prefix + key))

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False
