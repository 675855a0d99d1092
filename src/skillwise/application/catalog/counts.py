"""How many published courses match a filter, kept under the catalog's list version.

Counting every matching course on each page request costs a scan of the matches; the count
only changes when a course does, and every such change bumps the list version, so a count
stored under that version is exact for as long as it is read.
"""

from __future__ import annotations

import hashlib

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.catalog.ports import CourseFilters
from skillwise.application.shared.cache import Cache

COUNT_TTL_SECONDS = 5 * 60


class CatalogCounts:
    def __init__(
        self, cache: Cache, catalog_cache: CatalogCache, ttl_seconds: int = COUNT_TTL_SECONDS
    ) -> None:
        self._cache = cache
        self._catalog_cache = catalog_cache
        self._ttl_seconds = ttl_seconds

    def key(self, filters: CourseFilters) -> str:
        """Read before counting: a count taken while a change commits lands under the version
        that change has already left behind."""
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()
        return f"catalog:count:{self._catalog_cache.list_version()}:{digest}"

    def get(self, key: str) -> int | None:
        raw = self._cache.get(key)
        return int(raw) if raw is not None else None

    def put(self, key: str, total: int) -> None:
        self._cache.set(key, str(total).encode(), self._ttl_seconds)
