"""Log lines that name their request: text in development, one JSON object a line in production.

Only what this module puts on a record is written: method and path (never the query string,
which may carry a reset token), status and timing; never headers or bodies. As a last guard,
anything shaped like a bearer token or a JWT is masked in every message.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

import orjson
from flask import has_request_context, request

from skillwise.entrypoints.http.buffered_log import BufferedStreamHandler
from skillwise.entrypoints.http.request_ids import current_request_id
from skillwise.settings import Settings

ACCESS_LOGGER = "skillwise.http.access"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"

_SECRETS = re.compile(r"(?i:bearer)\s+[\w.~+/=-]+|eyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?", re.ASCII)
_CONTEXT_FIELDS = ("request_id", "method", "path", "status", "duration_ms")


class RequestContextFilter(logging.Filter):
    """Puts the request's id, method and path on every record (None outside a request).

    A record that names its request already (the edge's access line, written after the
    request context is gone) keeps what it says.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        fields = record.__dict__
        if "request_id" not in fields:
            in_request = has_request_context()
            record.request_id = current_request_id() if in_request else None
            record.method = request.method if in_request else None
            record.path = request.path if in_request else None
        fields.setdefault("status", None)
        fields.setdefault("duration_ms", None)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        context = {name: getattr(record, name, None) for name in _CONTEXT_FIELDS}
        exception = self.formatException(record.exc_info) if record.exc_info else None
        return json_line(
            record.created, record.levelname, record.name, record.getMessage(), context, exception
        )


def json_line(
    created: float,
    level: str,
    logger: str,
    message: str,
    context: dict[str, Any],
    exception: str | None = None,
) -> str:
    """One production log line; `context` holds the request's fields (_CONTEXT_FIELDS)."""
    line = {
        "time": datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "logger": logger,
        "message": _masked(message),
        **context,
    }
    if exception is not None:
        line["exception"] = _masked(exception)
    try:
        return orjson.dumps(line, default=str).decode()
    except orjson.JSONEncodeError:
        # A lone surrogate in a message: the standard encoder escapes what orjson refuses.
        return json.dumps(line, ensure_ascii=False, default=str)


class MaskingTextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return _masked(super().format(record))


def build_handler(
    settings: Settings, stream: TextIO | None = None, buffered: bool = False
) -> logging.Handler:
    target = stream or sys.stderr
    handler = BufferedStreamHandler(target) if buffered else logging.StreamHandler(target)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(
        JsonFormatter() if settings.is_production else MaskingTextFormatter(TEXT_FORMAT)
    )
    return handler


def install_logging(settings: Settings) -> BufferedStreamHandler | None:
    """Log through our handler unless the host already configured logging (pytest, a
    logging config file). In production access lines are written in batches through a
    handler of their own (buffered_log.py), returned for the edge; everything else at once."""
    root = logging.getLogger()
    if root.handlers:
        return None
    root.addHandler(build_handler(settings))
    root.setLevel(logging.INFO)
    # Neither of our formats shows threads or processes: spare every record looking them up.
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    if not settings.is_production:
        return None
    handler = build_handler(settings, buffered=True)
    access = logging.getLogger(ACCESS_LOGGER)
    access.addHandler(handler)
    access.propagate = False
    return handler  # type: ignore[return-value]


def _masked(text: str) -> str:
    return _SECRETS.sub("[redacted]", text)
