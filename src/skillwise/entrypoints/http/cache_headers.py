"""Which answers a CDN or a browser may keep: the guest catalog, for a while; nothing else.

Set in one after-request hook rather than per view, so a new endpoint is private unless it
is added to the catalog here.
"""

from __future__ import annotations

from flask import Flask, Response, request

from skillwise.settings import Settings

# The same for every guest, and cached by the API already (see courses.py).
GUEST_CATALOG_ENDPOINTS = frozenset({"courses.Courses", "courses.CourseById"})
PRIVATE = "private, no-store"


def is_guest_catalog_read(response: Response) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and request.endpoint in GUEST_CATALOG_ENDPOINTS
        and "Authorization" not in request.headers
        and response.status_code in {200, 304}
    )


def register_cache_headers(app: Flask, settings: Settings) -> None:
    shared = (
        f"public, max-age={settings.catalog_max_age}, stale-while-revalidate={settings.catalog_swr}"
    )

    @app.after_request
    def set_cache_control(response: Response) -> Response:
        # A cache in front must never hand one caller's answer to another.
        response.vary.add("Authorization")
        response.headers["Cache-Control"] = shared if is_guest_catalog_read(response) else PRIVATE
        return response
