import json
import logging
from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from skillwise.entrypoints.access_log import JsonAccessLogger


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_each_request_is_logged_as_one_json_object_whatever_its_headers_hold():
    config = Config()
    config.set("accesslog", "-")
    logger = JsonAccessLogger(config)
    captured = Captured()
    logger.access_log.addHandler(captured)
    response = SimpleNamespace(status="404 NOT FOUND", headers=[], sent=61)
    request = SimpleNamespace(
        headers=[("USER-AGENT", 'curl/8 "quoted"\nnext'), ("X-FORWARDED-FOR", "203.0.113.9")]
    )
    environ = {
        "REMOTE_ADDR": "10.0.0.2",
        "REQUEST_METHOD": "GET",
        "RAW_URI": '/api/v1/courses/"x"/?page=2',
        "PATH_INFO": '/api/v1/courses/"x"/',
        "QUERY_STRING": "page=2",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": 'curl/8 "quoted"\nnext',
    }

    logger.access(response, request, environ, timedelta(milliseconds=12, microseconds=345))

    [line] = captured.lines
    record = json.loads(line)
    assert "\n" not in line
    assert record["status"] == 404
    assert record["method"] == "GET"
    assert record["path"] == '/api/v1/courses/"x"/'
    assert record["query"] == "page=2"
    assert record["user_agent"] == 'curl/8 "quoted"\nnext'
    assert record["remote_addr"] == "10.0.0.2"
    assert record["forwarded_for"] == "203.0.113.9"
    assert record["bytes"] == 61
    assert record["duration_ms"] == 12.345
    assert record["time"].endswith("+00:00")
