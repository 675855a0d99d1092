"""Local HTTP doubles of the payment gateways' public APIs, served on 127.0.0.1 for tests."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response


@dataclass(frozen=True, slots=True)
class ReceivedRequest:
    """One request as a double received it: header names lower-cased, fields decoded."""

    method: str
    path: str
    headers: dict[str, str]
    query: dict[str, str]
    form: dict[str, str]


class HttpDouble:
    """Serves `handle` over real HTTP on a free port until stopped, recording every request."""

    def __init__(self) -> None:
        self.received: list[ReceivedRequest] = []
        self._failures_to_serve: list[int] = []
        # One request at a time: the doubles' state stays simple and consistent.
        self._lock = threading.Lock()
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("The double is not serving; start it first.")
        return f"http://127.0.0.1:{self._server.port}"

    def start(self) -> Self:
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        # A short poll interval lets stop() return at once instead of after half a second.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def fail_next(self, count: int = 1, status: int = 500) -> None:
        """Answer the next `count` requests with `status`, as an outage would."""
        self._failures_to_serve.extend([status] * count)

    def requests_to(self, path: str) -> list[ReceivedRequest]:
        return [request for request in self.received if request.path == path]

    def handle(self, request: Request, received: ReceivedRequest) -> Response:
        raise NotImplementedError

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        received = ReceivedRequest(
            method=request.method,
            path=request.path,
            headers={name.lower(): value for name, value in request.headers.items()},
            query=request.args.to_dict(),
            form=request.form.to_dict(),
        )
        with self._lock:
            self.received.append(received)
            if self._failures_to_serve:
                response = json_response(
                    {"error": {"type": "api_error", "message": "Simulated outage."}},
                    self._failures_to_serve.pop(0),
                )
            else:
                response = self.handle(request, received)
        return response(environ, start_response)


def json_response(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, mimetype="application/json")
