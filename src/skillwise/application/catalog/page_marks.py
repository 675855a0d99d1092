"""Where each numbered page of the catalog starts, kept under the catalog's list version.

A numbered page deep in the list is an OFFSET: the database walks past every row before it,
so page 500 of 10,000 courses reads 9,980 index entries to answer 20. Once page N-1 has been
answered, the row it ended on is known, and page N is the rows right after that row, which an
index reads directly. That mark holds exactly as long as the rows and their order do; every
change to a course (its status, price, rating or counters) bumps the list version, so a mark
stamped with the version read before the page was is used only while that version stands.
The rows themselves are always read fresh: only where to start is remembered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from skillwise.application.catalog.cache import LIST_VERSION_KEY
from skillwise.application.catalog.ports import CourseFilters, CourseOrdering
from skillwise.application.shared.cache import Cache
from skillwise.application.shared.cursors import pack_position, unpack_position
from skillwise.application.shared.pagination import PageRequest, Position

# Marks cost a few dozen bytes each; they go stale with the version long before this.
MARK_TTL_SECONDS = 30 * 60


@dataclass(frozen=True, slots=True)
class KnownMarks:
    """What the cache knew of one page: where it starts, if current, and whether the
    following page's start is already kept."""

    version: bytes
    start: Position | None
    next_key: str
    next_kept: bool


class PageMarks:
    def __init__(self, cache: Cache, ttl_seconds: int = MARK_TTL_SECONDS) -> None:
        self._cache = cache
        self._ttl_seconds = ttl_seconds

    def read(
        self, filters: CourseFilters, ordering: CourseOrdering | None, page: PageRequest
    ) -> KnownMarks:
        """The version, this page's mark and the next page's, in one read, before the page is:
        a page read while a change commits leaves a mark stamped with the version that change
        then bumps, so nobody uses it."""
        question = repr((ordering, filters, page.page_size)).encode()
        prefix = f"catalog:mark:{hashlib.sha256(question).hexdigest()}:"
        this_key, next_key = f"{prefix}{page.page}", f"{prefix}{page.page + 1}"
        version, this_mark, next_mark = self._cache.get_many([LIST_VERSION_KEY, this_key, next_key])
        version = version or b"0"
        start = None
        if page.page > 1:
            start = self._current(this_mark, version)
        return KnownMarks(version, start, next_key, self._current(next_mark, version) is not None)

    def keep_next(self, known: KnownMarks, end: Position) -> None:
        """Mark where the page after the one just read starts: right after its last row."""
        if not known.next_kept:
            self._cache.set(
                known.next_key, known.version + b"\n" + pack_position(end), self._ttl_seconds
            )

    @staticmethod
    def _current(raw: bytes | None, version: bytes) -> Position | None:
        if raw is None:
            return None
        stamp, _, packed = raw.partition(b"\n")
        return unpack_position(packed) if stamp == version else None
