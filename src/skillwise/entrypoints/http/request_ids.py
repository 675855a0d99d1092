"""The request id and start time of each request: set before any other hook runs.

A client (or the load balancer) may send `X-Request-ID` to follow one call across systems;
we keep it only when it is a short plain token, so it can be logged and echoed without
escaping, and generate one otherwise. Every answer echoes it.
"""

from __future__ import annotations

import re
import time
from uuid import uuid4

from flask import Flask, Response, g, has_request_context, request

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def current_request_id() -> str | None:
    """The id of the request being served, or None outside a request."""
    if not has_request_context():
        return None
    if "request_id" not in g:
        offered = request.headers.get(HEADER, "")
        g.request_id = offered if _SANE.fullmatch(offered) else uuid4().hex
    return g.request_id


def elapsed_ms() -> float | None:
    started = g.get("request_started") if has_request_context() else None
    return None if started is None else (time.perf_counter() - started) * 1000


def install_request_ids(app: Flask) -> None:
    def start_request() -> None:
        g.request_started = time.perf_counter()
        current_request_id()

    def echo_request_id(response: Response) -> Response:
        response.headers[HEADER] = current_request_id() or ""
        return response

    # First of all hooks, so that a request refused by an earlier one is timed and named too.
    app.before_request_funcs.setdefault(None, []).insert(0, start_request)
    app.after_request(echo_request_id)
