"""ServeCachedCatalog: guests' catalog answers from the cache, under versioned keys."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from uuid import UUID

from skillwise.application.catalog.cache import LIST_VERSION_KEY, course_version_key
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

    def packed(self, version: bytes) -> bytes:
        return version + b"\n" + self.etag.encode() + b"\n" + self.body

    @classmethod
    def unpacked(cls, raw: bytes, version: bytes) -> CachedAnswer | None:
        """None when the entry was stored under another version of the catalog."""
        stored_version, _, rest = raw.partition(b"\n")
        if stored_version != version:
            return None
        etag, _, body = rest.partition(b"\n")
        return cls(body, etag.decode())


class ServeCachedCatalog:
    """Keeps each rendered answer for five minutes, stamped with the catalog version.

    The version and the entry are read together (one round trip) and the entry is served only
    when its stamp is the current version. The version is read before rendering: an answer
    rendered while a change commits is stamped with the old version, which
    `CatalogCache.course_changed` has already left behind, so a stale answer is never served
    after the change, by this process or any other sharing the cache. That holds only if the
    rendering reads see that change: `fresh_reads` wraps each rendering so that read models
    read the primary database rather than a replica that may not have replayed it yet.
    """

    def __init__(
        self,
        cache: Cache,
        ttl_seconds: int = ANSWER_TTL_SECONDS,
        fresh_reads: Callable[[], AbstractContextManager[object]] = nullcontext,
    ) -> None:
        self._cache = cache
        self._ttl_seconds = ttl_seconds
        self._fresh_reads = fresh_reads

    def course_list(self, query_key: str, render: Callable[[], bytes]) -> CachedAnswer:
        """`query_key` names the question (normalised query); equal keys share one answer."""
        return self._answer(*self._list_keys(query_key), render)

    def course_detail(self, course_id: UUID, render: Callable[[], bytes]) -> CachedAnswer:
        return self._answer(*self._detail_keys(course_id), render)

    def categories(self, render: Callable[[], bytes]) -> CachedAnswer:
        """Counted over the published list, so any course change moves it on too."""
        return self._answer(LIST_VERSION_KEY, "catalog:page:categories", render)

    def cached_course_list(self, query_key: str) -> CachedAnswer | None:
        """The stored answer, without rendering one on a miss."""
        return self._stored(*self._list_keys(query_key))[0]

    def cached_course_detail(self, course_id: UUID) -> CachedAnswer | None:
        return self._stored(*self._detail_keys(course_id))[0]

    @staticmethod
    def _list_keys(query_key: str) -> tuple[str, str]:
        digest = hashlib.sha256(query_key.encode()).hexdigest()
        return LIST_VERSION_KEY, f"catalog:page:list:{digest}"

    @staticmethod
    def _detail_keys(course_id: UUID) -> tuple[str, str]:
        return course_version_key(course_id), f"catalog:page:course:{course_id}"

    def _stored(self, version_key: str, key: str) -> tuple[CachedAnswer | None, bytes]:
        version, raw = self._cache.get_many([version_key, key])
        version = version or b"0"
        return (None if raw is None else CachedAnswer.unpacked(raw, version)), version

    def _answer(self, version_key: str, key: str, render: Callable[[], bytes]) -> CachedAnswer:
        stored, version = self._stored(version_key, key)
        if stored is not None:
            return stored
        with self._fresh_reads():
            answer = CachedAnswer.of(render())
        self._cache.set(key, answer.packed(version), self._ttl_seconds)
        return answer
