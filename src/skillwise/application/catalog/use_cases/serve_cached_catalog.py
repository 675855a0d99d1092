"""ServeCachedCatalog: guests' catalog answers from the cache, under versioned keys."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from skillwise.application.catalog.cache import CatalogCache
from skillwise.application.shared.cache import Cache

ANSWER_TTL_SECONDS = 5 * 60


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """An answer's final bytes with their ETag, stored together so a hit is served as is."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> CachedAnswer:
        return cls(body, hashlib.sha256(body).hexdigest()[:32])

    def packed(self) -> bytes:
        return self.etag.encode() + b"\n" + self.body

    @classmethod
    def unpacked(cls, raw: bytes) -> CachedAnswer:
        etag, _, body = raw.partition(b"\n")
        return cls(body, etag.decode())


class ServeCachedCatalog:
    """Keeps each rendered answer for five minutes under the current catalog version.

    The version is read before rendering: an answer rendered while a change commits lands under
    the old version, which `CatalogCache.course_changed` has already left behind, so a stale
    answer is never served after the change, by this process or any other sharing the cache.
    """

    def __init__(
        self, cache: Cache, catalog_cache: CatalogCache, ttl_seconds: int = ANSWER_TTL_SECONDS
    ) -> None:
        self._cache = cache
        self._catalog_cache = catalog_cache
        self._ttl_seconds = ttl_seconds

    def course_list(self, query_key: str, render: Callable[[], bytes]) -> CachedAnswer:
        """`query_key` names the question (normalised query); equal keys share one answer."""
        return self._answer(self._list_key(query_key), render)

    def course_detail(self, course_id: UUID, render: Callable[[], bytes]) -> CachedAnswer:
        return self._answer(self._detail_key(course_id), render)

    def categories(self, render: Callable[[], bytes]) -> CachedAnswer:
        """Counted over the published list, so any course change moves it on too."""
        return self._answer(f"catalog:page:categories:{self._catalog_cache.list_version()}", render)

    def cached_course_list(self, query_key: str) -> CachedAnswer | None:
        """The stored answer, without rendering one on a miss."""
        return self._stored(self._list_key(query_key))

    def cached_course_detail(self, course_id: UUID) -> CachedAnswer | None:
        return self._stored(self._detail_key(course_id))

    def _list_key(self, query_key: str) -> str:
        digest = hashlib.sha256(query_key.encode()).hexdigest()
        return f"catalog:page:list:{self._catalog_cache.list_version()}:{digest}"

    def _detail_key(self, course_id: UUID) -> str:
        return f"catalog:page:course:{course_id}:{self._catalog_cache.course_version(course_id)}"

    def _stored(self, key: str) -> CachedAnswer | None:
        raw = self._cache.get(key)
        return None if raw is None else CachedAnswer.unpacked(raw)

    def _answer(self, key: str, render: Callable[[], bytes]) -> CachedAnswer:
        stored = self._stored(key)
        if stored is not None:
            return stored
        answer = CachedAnswer.of(render())
        self._cache.set(key, answer.packed(), self._ttl_seconds)
        return answer
