"""A small key-value cache (Redis when configured, in-process otherwise)."""

from typing import Protocol


class Cache(Protocol):
    """Bytes by key with a time to live; a miss or an unreachable cache returns None."""

    def get(self, key: str) -> bytes | None: ...

    def get_many(self, keys: list[str]) -> list[bytes | None]:
        """Several keys in one round trip, in their order; all misses when unreachable."""
        ...

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None: ...

    def delete(self, key: str) -> None: ...

    def incr(self, key: str) -> int:
        """Atomically add one and return the new value (a missing key counts from 0)."""
        ...

    def ping(self) -> bool: ...
