"""The shared Redis cache, with process-local copies of the keys under one prefix.

A guest's catalog answer is read from the cache on every request: the catalog version and
the stored page, one round trip each time. Those keys change only when the catalog does,
so each process keeps copies of what it read (absent keys too), and drops a copy as soon as
the invalidation feed says anyone changed it. Reads of copies cost no round trip; every
process still sees every change (see invalidation_feed.py for why in time).

A copy read from Redis is kept only if no change arrived while it was being read, since the
change may have been to that key and sent before the read answered. Copies are bounded by
their total size, least recently used first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from skillwise.adapters.cache.invalidation_feed import InvalidationFeed
from skillwise.adapters.cache.redis_cache import CacheUnavailable, RedisCache

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
_NOT_HELD = object()
# What a copy costs beyond its bytes (the dict slot, the key, the bytes object's header).
_OVERHEAD_BYTES = 200


class LocallyCopiedCache:
    def __init__(
        self,
        shared: RedisCache,
        feed_for: Callable[[str], InvalidationFeed],
        prefix: str = "catalog:",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self._shared = shared
        self._prefix = prefix
        self._redis_prefix = shared.redis_key(prefix)
        self._redis_prefix_length = len(shared.redis_key(""))
        self._feed = feed_for(self._redis_prefix)
        self._max_bytes = max_bytes
        self._copies: OrderedDict[str, bytes | None] = OrderedDict()
        self._bytes = 0
        # Moves on every change applied, so a read can tell whether one arrived meanwhile.
        self._generation = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        return self.get_many([key])[0]

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        try:
            return self.fetch_many(keys)
        except CacheUnavailable:
            return [None] * len(keys)

    def fetch_many(self, keys: list[str]) -> list[bytes | None]:
        """As `get_many`, but raising CacheUnavailable when neither a copy nor Redis answers,
        for callers that must tell an outage from absent keys."""
        if not all(key.startswith(self._prefix) for key in keys):
            return self._shared.fetch_many(keys)
        with self._lock:
            live = self._catch_up()
            if live:
                held = [self._held(key) for key in keys]
                if not any(copy is _NOT_HELD for copy in held):
                    return held  # type: ignore[return-value]
            generation = self._generation
        values = self._shared.fetch_many(keys)
        if live:
            with self._lock:
                if generation == self._generation:
                    for key, value in zip(keys, values, strict=True):
                        self._keep(key, value)
        return values

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        self._shared.set(key, value, ttl_seconds)
        self._forget(key)

    def delete(self, key: str) -> None:
        self._shared.delete(key)
        self._forget(key)

    def incr(self, key: str) -> int:
        try:
            return self._shared.incr(key)
        finally:
            self._forget(key)

    def ping(self) -> bool:
        return self._shared.ping()

    def _catch_up(self) -> bool:
        changes = self._feed.poll()
        if changes.everything:
            self._copies.clear()
            self._bytes = 0
            self._generation += 1
        for redis_key in changes.keys:
            self._drop(redis_key[self._redis_prefix_length :])
        return changes.live

    def _held(self, key: str) -> bytes | object | None:
        """The copy (None for a key known to be absent), or _NOT_HELD."""
        if key not in self._copies:
            return _NOT_HELD
        self._copies.move_to_end(key)
        return self._copies[key]

    def _keep(self, key: str, value: bytes | None) -> None:
        self._drop(key)
        size = len(key) + len(value or b"") + _OVERHEAD_BYTES
        if size > self._max_bytes:
            return
        self._copies[key] = value
        self._bytes += size
        while self._bytes > self._max_bytes:
            oldest, dropped = self._copies.popitem(last=False)
            self._bytes -= len(oldest) + len(dropped or b"") + _OVERHEAD_BYTES

    def _drop(self, key: str) -> None:
        self._generation += 1
        if key in self._copies:
            value = self._copies.pop(key)
            self._bytes -= len(key) + len(value or b"") + _OVERHEAD_BYTES

    def _forget(self, key: str) -> None:
        if key.startswith(self._prefix):
            with self._lock:
                self._drop(key)
