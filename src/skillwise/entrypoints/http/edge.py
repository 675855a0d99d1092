"""The first and last code every request meets, as WSGI middleware around the Flask app.

It names the request (request_ids.py), starts its clock, adds the headers every answer
carries (security, caching, the request id), and once the answer has started writes the
access line and the request's metrics. Done here on the raw header list, once per request,
rather than in Flask hooks through request proxies and werkzeug header objects: that was
most of what a request to a cheap endpoint cost. Timing from here also covers Flask's own
set-up and tear-down of the request.
"""

from __future__ import annotations

from collections.abc import Iterable
from time import perf_counter
from typing import TYPE_CHECKING, Any

from flask import Flask

from skillwise.entrypoints.http.access_lines import AccessLog
from skillwise.entrypoints.http.cache_headers import CachePolicy
from skillwise.entrypoints.http.metrics import RequestMetrics
from skillwise.entrypoints.http.request_ids import ENVIRON_KEY, HEADER, request_id_for
from skillwise.entrypoints.http.security_headers import answer_headers
from skillwise.settings import Settings

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# Every answer varies by caller: a cache in front must never hand one caller's answer to another.
VARY_BY = "Authorization"
_SERVER_ERROR = 500


class Edge:
    def __init__(self, app: WSGIApplication, settings: Settings, access_log: AccessLog) -> None:
        self._app = app
        self._defaults = [(name.lower(), name, value) for name, value in answer_headers(settings)]
        self._cache_policy = CachePolicy(settings)
        self._access_log = access_log
        self._metrics = RequestMetrics()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = perf_counter()
        request_id = request_id_for(environ.get("HTTP_X_REQUEST_ID"))
        environ[ENVIRON_KEY] = request_id
        method = environ.get("REQUEST_METHOD", "GET")
        answered: list[tuple[int, str | None, str]] = []

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            # Flask's request object is still in the environ while the answer starts.
            request = environ.get("werkzeug.request")
            rule = request.url_rule if request is not None else None
            code = int(status[:3])
            signed = "HTTP_AUTHORIZATION" in environ
            cache_control = self._cache_policy.cache_control(
                method, rule.endpoint if rule is not None else None, signed, code
            )
            self._complete(headers, request_id, cache_control)
            path = request.path if request is not None else environ.get("PATH_INFO", "")
            answered.append((code, rule.rule if rule is not None else None, path))
            return start_response(status, headers, exc_info)

        try:
            return self._app(environ, start)
        finally:
            seconds = perf_counter() - started
            # Nothing answered means the app raised through (only when testing propagates).
            code, rule, path = answered[-1] if answered else (_SERVER_ERROR, None, "")
            self._access_log.write(
                request_id, method, path or environ.get("PATH_INFO", ""), code, seconds
            )
            self._metrics.record(rule, method, code, seconds)

    def _complete(
        self, headers: list[tuple[str, str]], request_id: str, cache_control: str
    ) -> None:
        kept, present, vary = [], set(), []
        for name, value in headers:
            lowered = name.lower()
            if lowered == "vary":
                vary.extend(token.strip() for token in value.split(",") if token.strip())
            elif lowered != "cache-control":
                kept.append((name, value))
                present.add(lowered)
        kept.extend(
            (name, value) for lowered, name, value in self._defaults if lowered not in present
        )
        if VARY_BY.lower() not in {token.lower() for token in vary}:
            vary.append(VARY_BY)
        kept.append(("Vary", ", ".join(vary)))
        kept.append(("Cache-Control", cache_control))
        kept.append((HEADER, request_id))
        headers[:] = kept


def install_edge(app: Flask, settings: Settings, access_log: AccessLog) -> None:
    """Wrap the app last, so the edge is outermost: ahead of any other middleware."""
    app.wsgi_app = Edge(app.wsgi_app, settings, access_log)  # type: ignore[method-assign]
