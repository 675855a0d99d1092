"""Gunicorn's access log as one JSON object per request, for log shippers to parse."""

from __future__ import annotations

import json
import traceback
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger


class JsonAccessLogger(Logger):
    """Builds each line with `json.dumps`, so quotes or newlines in a path or a user agent
    cannot break a record (a JSON `access_log_format` template does not escape them)."""

    def access(self, resp: Any, req: Any, environ: dict, request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        record = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "remote_addr": atoms["h"],
            "forwarded_for": atoms.get("{x-forwarded-for}i"),
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"] or None,
            "protocol": atoms["H"],
            "status": int(atoms["s"]),
            "bytes": atoms["B"],
            "duration_ms": round(atoms["D"] / 1000, 3),
            "referer": None if atoms["f"] == "-" else atoms["f"],
            "user_agent": None if atoms["a"] == "-" else atoms["a"],
            "pid": int(atoms["p"].strip("<>")),
        }
        try:
            self.access_log.info("%s", json.dumps(record, ensure_ascii=False))
        except Exception:
            self.error(traceback.format_exc())
