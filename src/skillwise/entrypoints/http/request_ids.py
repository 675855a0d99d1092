"""The request id of each request: named by the edge before Flask sees the request.

A client (or the load balancer) may send `X-Request-ID` to follow one call across systems;
we keep it only when it is a short plain token, so it can be logged and echoed without
escaping, and generate one otherwise. Every answer echoes it (see edge.py).
"""

from __future__ import annotations

import re
from secrets import token_hex

from flask import has_request_context, request

HEADER = "X-Request-ID"
ENVIRON_KEY = "skillwise.request_id"
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def request_id_for(offered: str | None) -> str:
    """The client's id when it is a sane token, else a new one."""
    if offered and _SANE.fullmatch(offered):
        return offered
    return token_hex(16)


def current_request_id() -> str | None:
    """The id of the request being served, or None outside a request."""
    if not has_request_context():
        return None
    return request.environ.get(ENVIRON_KEY)
