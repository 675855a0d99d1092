"""A log handler that writes in batches, for the access log in production.

One line per request written straight through costs a system call per request, made while
the handler's lock is held, so the threads of a busy worker queue behind each other's
writes. Like nginx's buffered access log (`access_log ... buffer=64k flush=1s`), lines wait
in memory until 64 KiB are waiting, for at most a second, and are written when the process
exits; a worker killed outright loses at most that last second.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import TextIO

CAPACITY_CHARACTERS = 64 * 1024
INTERVAL_SECONDS = 1.0


class BufferedStreamHandler(logging.StreamHandler):
    def __init__(
        self,
        stream: TextIO,
        capacity: int = CAPACITY_CHARACTERS,
        interval: float = INTERVAL_SECONDS,
    ) -> None:
        super().__init__(stream)
        self._capacity = capacity
        self._interval = interval
        self._waiting: list[str] = []
        self._size = 0
        self._flusher_pid: int | None = None
        self._closing = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        # Handler.handle holds self.lock around this call.
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        self._queue(line, record)

    def write_line(self, line: str) -> None:
        """A line formatted by the caller, queued like a formatted record."""
        with self.lock:
            self._queue(line, None)

    def _queue(self, line: str, record: logging.LogRecord | None) -> None:
        self._start_flusher()
        self._waiting.append(line + self.terminator)
        self._size += len(line) + 1
        if self._size >= self._capacity:
            self._write_waiting(record)

    def flush(self) -> None:
        with self.lock:
            self._write_waiting(None)

    def close(self) -> None:
        self._closing.set()
        self.flush()
        super().close()

    def _write_waiting(self, record: logging.LogRecord | None) -> None:
        if not self._waiting:
            return
        text = "".join(self._waiting)
        self._waiting.clear()
        self._size = 0
        try:
            self.stream.write(text)
            self.stream.flush()
        except Exception:
            self.handleError(record or logging.makeLogRecord({"msg": "buffered log write"}))

    def _start_flusher(self) -> None:
        """A thread per process: one started before a fork does not run in the child, and
        lines waiting then are the parent's to write."""
        if self._flusher_pid == os.getpid():
            return
        self._flusher_pid = os.getpid()
        self._waiting.clear()
        self._size = 0
        threading.Thread(target=self._flush_regularly, name="log-flusher", daemon=True).start()

    def _flush_regularly(self) -> None:
        while not self._closing.wait(self._interval):
            self.flush()
