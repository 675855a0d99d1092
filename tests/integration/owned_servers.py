"""Servers a test starts, stops and starts again on a free loopback port: never the shared ones.

`OwnedRedis` runs redis-server without persistence, so a restart forgets every key, as a
cache server restarted in production would. `OwnedPostgres` is a throwaway cluster in a
temporary directory (initdb refuses root, so it runs as the `postgres` account when the
tests run as root). Both skip the test when their binaries are missing.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class OwnedRedis:
    def __init__(self, directory: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        self._binary = binary
        self._directory = directory
        self.port = free_port()
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                self._binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self._directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_until_listening(self.port)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def pause(self) -> None:
        """Still listening, never answering: a peer gone quiet without closing."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found and shutil.which("initdb"):
        found = [shutil.which("initdb") or ""]
    if not found:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    return Path(found[-1]).parent


class OwnedPostgres:
    """`settings` are server parameters (`-c name=value`) on top of loopback-only, no fsync."""

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self._bin = _postgres_bin()
        self._settings = {"listen_addresses": "127.0.0.1", "fsync": "off", **(settings or {})}
        self._as_root = os.geteuid() == 0
        if self._as_root:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no `postgres` account for initdb")
            self._uid, self._gid = account.pw_uid, account.pw_gid
        self.directory = Path(tempfile.mkdtemp(prefix="skillwise-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        if self._as_root:
            os.chown(self.directory, self._uid, self._gid)
        self._create_data()

    def _create_data(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self._bin / tool), *args]
        if self._as_root:
            command = [
                "setpriv",
                f"--reuid={self._uid}",
                f"--regid={self._gid}",
                "--clear-groups",
                *command,
            ]
        subprocess.run(command, check=True, capture_output=True, cwd=self.directory, timeout=60)

    def start(self) -> None:
        settings = " ".join(f"-c {name}={value}" for name, value in self._settings.items())
        options = f"-p {self.port} -k {self.directory} {settings}"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.directory / "log"),
            "-w",
            "start",
        )
        _wait_until_listening(self.port)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
