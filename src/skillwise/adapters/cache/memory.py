"""In-process cache: the embedded default (one process, so no sharing is needed)."""

from __future__ import annotations

import threading
import time


class InMemoryCache:
    def __init__(self, max_entries: int = 10_000) -> None:
        self._entries: dict[str, tuple[float | None, bytes]] = {}
        self._counters: dict[str, int] = {}
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                counter = self._counters.get(key)
                return None if counter is None else str(counter).encode()
            expires_at, value = entry
            if expires_at is not None and expires_at < time.monotonic():
                del self._entries[key]
                return None
            return value

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        return [self.get(key) for key in keys]

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        with self._lock:
            if len(self._entries) >= self._max_entries:
                self._evict_expired_or_oldest()
            self._entries[key] = (time.monotonic() + ttl_seconds, value)

    def delete(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)
            self._counters.pop(key, None)

    def incr(self, key: str) -> int:
        with self._lock:
            value = self._counters.get(key, 0) + 1
            self._counters[key] = value
            return value

    def ping(self) -> bool:
        return True

    def _evict_expired_or_oldest(self) -> None:
        now = time.monotonic()
        expired = [k for k, (at, _) in self._entries.items() if at is not None and at < now]
        for key in expired:
            del self._entries[key]
        if len(self._entries) >= self._max_entries:
            del self._entries[next(iter(self._entries))]
