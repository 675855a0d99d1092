"""Versioned cache keys for the public catalog.

Guests' course list and course detail answers are cached under keys that embed a version
number. Any change to a course bumps its version and the list version, so stale entries are
never read again and simply expire.
"""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.cache import Cache

LIST_VERSION_KEY = "catalog:list:version"


def course_version_key(course_id: UUID) -> str:
    return f"catalog:course:{course_id}:version"


class CatalogCache:
    """Reads the current versions and bumps them when the catalog changes."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def list_version(self) -> int:
        return self._version(LIST_VERSION_KEY)

    def course_version(self, course_id: UUID) -> int:
        return self._version(course_version_key(course_id))

    def course_changed(self, course_id: UUID) -> None:
        """Call after the commit of any change to a course, its outline, rating or counters."""
        self._cache.incr(course_version_key(course_id))
        self._cache.incr(LIST_VERSION_KEY)

    def _version(self, key: str) -> int:
        raw = self._cache.get(key)
        return int(raw) if raw else 0
