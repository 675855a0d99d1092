"""Access lines written in batches, and the same line whether or not it goes through a record."""

import io
import json
import logging
import time

from skillwise.entrypoints.http.access_lines import AccessLog
from skillwise.entrypoints.http.buffered_log import BufferedStreamHandler
from skillwise.entrypoints.http.logging_setup import ACCESS_LOGGER, JsonFormatter


class CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_lines_wait_until_the_buffer_is_full_then_go_out_in_one_write():
    stream = CountingStream()
    handler = BufferedStreamHandler(stream, capacity=30, interval=60)
    handler.write_line("first line")
    handler.write_line("second line")
    assert stream.getvalue() == ""
    handler.write_line("third line")
    assert stream.getvalue() == "first line\nsecond line\nthird line\n"
    assert stream.writes == 1
    handler.close()


def test_a_waiting_line_is_written_within_the_interval():
    stream = CountingStream()
    handler = BufferedStreamHandler(stream, capacity=1 << 20, interval=0.05)
    handler.write_line("lonely line")
    deadline = time.monotonic() + 5
    while not stream.getvalue():
        assert time.monotonic() < deadline, "the line was never written"
        time.sleep(0.01)
    assert stream.getvalue() == "lonely line\n"
    handler.close()


def test_closing_writes_what_waits():
    stream = CountingStream()
    handler = BufferedStreamHandler(stream, capacity=1 << 20, interval=60)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.handle(logging.makeLogRecord({"msg": "from a record"}))
    handler.write_line("from the edge")
    handler.close()
    assert stream.getvalue() == "from a record\nfrom the edge\n"


def test_the_direct_access_line_is_the_line_a_record_would_give():
    direct = io.StringIO()
    handler = BufferedStreamHandler(direct, capacity=1, interval=60)
    through_records = io.StringIO()
    record_handler = logging.StreamHandler(through_records)
    record_handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.addHandler(record_handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        AccessLog(direct=handler).write("req-1", "GET", "/health/live", 200, 0.00123)
        AccessLog().write("req-1", "GET", "/health/live", 200, 0.00123)
    finally:
        logger.removeHandler(record_handler)
        logger.setLevel(previous)
    handler.close()

    written = json.loads(direct.getvalue())
    expected = json.loads(through_records.getvalue().splitlines()[-1])
    assert written.pop("time")[:4] == expected.pop("time")[:4]
    assert written == expected
    assert written["message"] == "GET /health/live 200"
    assert written["duration_ms"] == 1.23
