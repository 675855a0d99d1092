"""The access log: one line per answered request, written by the edge once it has started.

Where production logging is ours (logging_setup.install_logging), the line is formatted here
and handed to the access log's buffered handler as text: the same JSON a record would give,
without building a LogRecord and passing it through the logger tree for every request.
Anywhere else (development, a host's logging configuration, tests) it is a normal record of
the `skillwise.http.access` logger, so every handler and filter configured there sees it.
"""

from __future__ import annotations

import logging
import time

from skillwise.entrypoints.http.buffered_log import BufferedStreamHandler
from skillwise.entrypoints.http.logging_setup import ACCESS_LOGGER, json_line


class AccessLog:
    def __init__(self, direct: BufferedStreamHandler | None = None) -> None:
        self._logger = logging.getLogger(ACCESS_LOGGER)
        self._direct = direct

    def write(self, request_id: str, method: str, path: str, status: int, seconds: float) -> None:
        logger = self._logger
        if not logger.isEnabledFor(logging.INFO):
            return
        context = {
            "request_id": request_id,
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
        }
        if self._direct is not None:
            message = f"{method} {path} {status}"
            self._direct.write_line(json_line(time.time(), "INFO", ACCESS_LOGGER, message, context))
            return
        # Made directly rather than through `info()`: that walks the stack to find the
        # caller's file and line, which an access line does not show, on every request.
        record = logger.makeRecord(
            logger.name,
            logging.INFO,
            __file__,
            0,
            "%s %s %s",
            (method, path, status),
            None,
            extra=context,
        )
        logger.handle(record)
