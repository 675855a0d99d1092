"""Catalog answers as HTTP: ETags, 304s, and guests' cache hits served before any view runs.

A guest's `GET /courses/` or `GET /courses/{id}/` whose answer is cached is answered from a
before-request hook with the stored bytes and ETag, so no query parsing, view dispatch or
serialisation runs for it; a miss goes on to the view, which renders and stores the answer.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

from skillwise.application.catalog.use_cases.serve_cached_catalog import (
    CachedAnswer,
    ServeCachedCatalog,
)
from skillwise.containers import Container

COURSE_LIST_ENDPOINT = "courses.Courses"
COURSE_DETAIL_ENDPOINT = "courses.CourseById"
_CACHED_ENDPOINTS = frozenset({COURSE_LIST_ENDPOINT, COURSE_DETAIL_ENDPOINT})


def catalog_question() -> str:
    """The request as a cache key: same host, path and query in any parameter order (the
    answer's links carry the host). The query's parameters are sorted as sent, undecoded: a
    value spelled two ways is two keys for one answer, which costs a render, never a wrong
    answer."""
    query = "&".join(sorted(request.environ.get("QUERY_STRING", "").split("&")))
    return f"{request.scheme}://{request.host}{request.root_path}{request.path}?{query}"


def catalog_response(answer: CachedAnswer) -> Response:
    """The stored bytes and their ETag, or a bodiless 304 to a caller that holds the ETag.

    Only If-None-Match is weighed: these answers carry no Last-Modified and take no ranges,
    which spares a hit werkzeug's general conditional handling. The edge adds `Vary`.
    """
    if request.if_none_match.contains_weak(answer.etag):
        # A JSON answer still, though bodiless: its headers are a JSON answer's.
        response = current_app.response_class(status=304, mimetype="application/json")
    else:
        response = current_app.response_class(answer.body, mimetype="application/json")
    response.set_etag(answer.etag)
    return response


def answer_guests_from_cache() -> Response | None:
    """before_request hook; None lets the request go on to its view. Every other request
    leaves after two comparisons, before anything is resolved."""
    if request.method != "GET" or request.endpoint not in _CACHED_ENDPOINTS:
        return None
    if "Authorization" in request.headers:
        return None
    # Asked of the container directly: @inject's wiring was a tenth of a cache hit's CPU.
    container: Container = current_app.container  # type: ignore[attr-defined]
    serve_cached_catalog: ServeCachedCatalog = container.catalog.serve_cached_catalog()
    if request.endpoint == COURSE_LIST_ENDPOINT:
        answer = serve_cached_catalog.cached_course_list(catalog_question())
    elif request.endpoint == COURSE_DETAIL_ENDPOINT and request.view_args:
        answer = serve_cached_catalog.cached_course_detail(request.view_args["course_id"])
    else:
        return None
    return None if answer is None else catalog_response(answer)


def serve_guests_from_cache(app: Flask) -> None:
    """Register after the access hook, which still runs first for every request."""
    app.before_request(answer_guests_from_cache)
