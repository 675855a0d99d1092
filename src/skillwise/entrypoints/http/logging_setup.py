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
from typing import TextIO

from flask import Flask, Response, has_request_context, request

from skillwise.entrypoints.http.request_ids import current_request_id, elapsed_ms
from skillwise.settings import Settings

ACCESS_LOGGER = "skillwise.http.access"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"

_SECRETS = re.compile(r"(?i:bearer)\s+[\w.~+/=-]+|eyJ[\w-]+\.[\w-]+(?:\.[\w-]*)?", re.ASCII)
_CONTEXT_FIELDS = ("request_id", "method", "path", "status", "duration_ms")


class RequestContextFilter(logging.Filter):
    """Puts the request's id, method and path on every record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        in_request = has_request_context()
        record.request_id = current_request_id() if in_request else None
        record.method = request.method if in_request else None
        record.path = request.path if in_request else None
        for name in ("status", "duration_ms"):
            if not hasattr(record, name):
                setattr(record, name, None)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _masked(record.getMessage()),
            **{name: getattr(record, name, None) for name in _CONTEXT_FIELDS},
        }
        if record.exc_info:
            line["exception"] = _masked(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class MaskingTextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return _masked(super().format(record))


def build_handler(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(
        JsonFormatter() if settings.is_production else MaskingTextFormatter(TEXT_FORMAT)
    )
    return handler


def install_logging(app: Flask, settings: Settings) -> None:
    """Log through our handler unless the host already configured logging (pytest, a
    logging config file); then log one access line per request."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(build_handler(settings))
        root.setLevel(logging.INFO)
    access = logging.getLogger(ACCESS_LOGGER)

    def log_access(response: Response) -> Response:
        duration = elapsed_ms()
        access.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "status": response.status_code,
                "duration_ms": None if duration is None else round(duration, 2),
            },
        )
        return response

    app.after_request(log_access)


def _masked(text: str) -> str:
    return _SECRETS.sub("[redacted]", text)
