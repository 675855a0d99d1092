"""The production gunicorn configuration serves the app and logs each request as JSON."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from skillwise.adapters.db.migrate import upgrade

pytestmark = pytest.mark.integration

CONFIG = Path(__file__).resolve().parents[3] / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited with {server.returncode}")
        try:
            requests.get(url, timeout=5)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {url}")


def test_gunicorn_serves_health_checks_logs_json_and_stops_gracefully(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'skillwise.db'}"
    upgrade(database_url)
    port = free_port()
    environ = {
        key: value for key, value in os.environ.items() if not key.startswith("SKILLWISE_")
    } | {
        "SKILLWISE_DATABASE_URL": database_url,
        "SKILLWISE_VAR_DIR": str(tmp_path),
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    environ.pop("WEB_CONCURRENCY", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "skillwise.entrypoints.wsgi:app"],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(f"{base}/health/live", server)
        assert requests.get(f"{base}/health/ready", timeout=5).status_code == 200
        assert requests.get(f"{base}/health/live", timeout=5).json()["status"] == "ok"
    finally:
        server.send_signal(signal.SIGTERM)
        stdout, stderr = server.communicate(timeout=40)

    assert server.returncode == 0, stderr
    records = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    ready = [record for record in records if record["path"] == "/health/ready"]
    assert len(ready) == 1 and ready[0]["status"] == 200
    assert ready[0]["remote_addr"] == "127.0.0.1"
