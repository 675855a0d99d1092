"""ServeCachedCatalog: guests' catalog answers from the cache, under versioned keys."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from uuid import UUID

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.shared.cache import Cache

ANSWER_TTL_SECONDS = 5 * 60


class ServeCachedCatalog:
    """Keeps each rendered answer (bytes) for five minutes under the current catalog version.

    The version is read before rendering: an answer rendered while a change commits lands under
    the old version, which `CatalogCache.course_changed` has already left behind, so a stale
    answer is never served after the change.
    """

    def __init__(
        self, cache: Cache, catalog_cache: CatalogCache, ttl_seconds: int = ANSWER_TTL_SECONDS
    ) -> None:
        self._cache = cache
        self._catalog_cache = catalog_cache
        self._ttl_seconds = ttl_seconds

    def course_list(self, query_key: str, render: Callable[[], bytes]) -> bytes:
        """`query_key` names the question (normalised query); equal keys share one answer."""
        digest = hashlib.sha256(query_key.encode()).hexdigest()
        version = self._catalog_cache.list_version()
        return self._answer(f"catalog:answer:list:{version}:{digest}", render)

    def categories(self, render: Callable[[], bytes]) -> bytes:
        """Counted over the published list, so any course change moves it on too."""
        version = self._catalog_cache.list_version()
        return self._answer(f"catalog:answer:categories:{version}", render)

    def course_detail(self, course_id: UUID, render: Callable[[], bytes]) -> bytes:
        version = self._catalog_cache.course_version(course_id)
        return self._answer(f"catalog:answer:course:{course_id}:{version}", render)

    def _answer(self, key: str, render: Callable[[], bytes]) -> bytes:
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        answer = render()
        self._cache.set(key, answer, self._ttl_seconds)
        return answer
