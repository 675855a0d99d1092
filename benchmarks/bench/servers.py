"""The apps under test, each served by gunicorn in the same configuration on a free loopback port.

Every server runs in its own process group and is stopped when the `with` block ends, whatever
ended it; its output goes to a log file that is printed when it fails to start.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
THREADS = 4
# A worker is idle when it used at most this many clock ticks (1/100 s each) in that time:
# metrics and the access log's flush still wake it now and then.
IDLE_SECONDS = 0.5
IDLE_TICKS = 2


def workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY", "4"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    process: subprocess.Popen
    ready_path: str

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def settle(self, timeout: float = 120) -> None:
        """Wait until requests a finished wrk run left queued are done (slow logins linger).

        A quick answer to a probe shows only that one worker is free; the others may still be
        working through connections they accepted, so every worker must also use no CPU for
        a while. Memory read before that would count requests still in flight."""
        deadline, quick = time.monotonic() + timeout, 0
        while quick < 3 and time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(self.base_url + self.ready_path, timeout=timeout):
                pass
            quick = quick + 1 if time.monotonic() - started < 0.05 else 0
            time.sleep(0.1)
        busy = self._worker_cpu_ticks()
        while time.monotonic() < deadline:
            time.sleep(IDLE_SECONDS)
            now = self._worker_cpu_ticks()
            if all(now.get(pid, 0) - ticks <= IDLE_TICKS for pid, ticks in busy.items()):
                return
            busy = now

    def _worker_pids(self) -> list[str]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return children.read_text().split()

    def _worker_cpu_ticks(self) -> dict[str, int]:
        """CPU time each worker has used so far, in clock ticks (user and system)."""
        ticks = {}
        for pid in self._worker_pids():
            # The fields after the command's closing parenthesis; utime and stime are 12 and 13.
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            ticks[pid] = int(fields[11]) + int(fields[12])
        return ticks

    def worker_rss_kib(self) -> list[int]:
        """Resident memory of each gunicorn worker (the master's children)."""
        sizes = []
        for pid in self._worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]))
        return sorted(sizes)


def _wait_until_ready(server: Server, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited on start:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(server.base_url + server.ready_path, timeout=2) as answer:
                if answer.status == 200 and len(server.worker_rss_kib()) == workers():
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} not ready after {timeout:.0f} s:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def gunicorn(
    name: str,
    gunicorn_bin: Path,
    app: str,
    *,
    ready_path: str,
    logs: Path,
    env: dict[str, str] | None = None,
    chdir: Path | None = None,
) -> Iterator[Server]:
    port = free_port()
    log = logs / f"{name}.log"
    command = [
        str(gunicorn_bin),
        "--worker-class",
        "gthread",
        "--workers",
        str(workers()),
        "--threads",
        str(THREADS),
        "--bind",
        f"{HOST}:{port}",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]
    if chdir is not None:
        command += ["--chdir", str(chdir)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, app],
            env={**os.environ, **(env or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = Server(name, port, process, ready_path)
    try:
        _wait_until_ready(server, log)
        yield server
    finally:
        _stop(process)
