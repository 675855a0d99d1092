"""How many published courses match a filter, kept under the catalog's list version.

Counting every matching course on each page request costs a scan of the matches; the count
only changes when a course does, and every such change bumps the list version, so a count
stamped with that version is exact for as long as the version stands.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from skillwise.application.catalog.cache import LIST_VERSION_KEY
from skillwise.application.catalog.ports import CourseFilters
from skillwise.application.shared.cache import Cache

COUNT_TTL_SECONDS = 5 * 60


@dataclass(frozen=True, slots=True)
class KnownCount:
    """What the cache knew of one filter's count: the total if current, and the version."""

    key: str
    version: bytes
    total: int | None


class CatalogCounts:
    def __init__(self, cache: Cache, ttl_seconds: int = COUNT_TTL_SECONDS) -> None:
        self._cache = cache
        self._ttl_seconds = ttl_seconds

    def read(self, filters: CourseFilters) -> KnownCount:
        """The version and the stored count in one round trip, read before counting: a count
        taken while a change commits is stamped with the version that change leaves behind."""
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()
        key = f"catalog:count:{digest}"
        version, raw = self._cache.get_many([LIST_VERSION_KEY, key])
        version = version or b"0"
        stamp, _, total = (raw or b"").partition(b"\n")
        current = raw is not None and stamp == version
        return KnownCount(key, version, int(total) if current else None)

    def put(self, known: KnownCount, total: int) -> None:
        self._cache.set(known.key, known.version + b"\n" + str(total).encode(), self._ttl_seconds)
