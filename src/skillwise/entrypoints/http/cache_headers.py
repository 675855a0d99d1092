"""Which answers a CDN or a browser may keep: the guest catalog, for a while; nothing else.

Decided once for every answer by the edge rather than per view, so a new endpoint is private
unless it is added to the catalog here.
"""

from __future__ import annotations

from skillwise.settings import Settings

# The same for every guest, and cached by the API already (see courses.py).
GUEST_CATALOG_ENDPOINTS = frozenset({"courses.Courses", "courses.CourseById"})
PRIVATE = "private, no-store"


class CachePolicy:
    def __init__(self, settings: Settings) -> None:
        self._shared = (
            f"public, max-age={settings.catalog_max_age}, "
            f"stale-while-revalidate={settings.catalog_swr}"
        )

    def cache_control(self, method: str, endpoint: str | None, signed: bool, status: int) -> str:
        """`signed`: the request carried an Authorization header."""
        guest_catalog_read = (
            method in {"GET", "HEAD"}
            and endpoint in GUEST_CATALOG_ENDPOINTS
            and not signed
            and status in {200, 304}
        )
        return self._shared if guest_catalog_read else PRIVATE
