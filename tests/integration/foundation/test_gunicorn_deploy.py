"""The production gunicorn configuration serves the app and logs each request as JSON."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def deployed(tmp_path: Path, environ: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    """gunicorn with deploy/gunicorn.conf.py on a fresh SQLite database and a free port; yields
    its base URL and, once the block ends, a graceful stop's output under "stdout"/"stderr"."""
    database_url = f"sqlite:///{tmp_path / 'skillwise.db'}"
    upgrade(database_url)
    port = free_port()
    base_environ = {
        key: value for key, value in os.environ.items() if not key.startswith("SKILLWISE_")
    } | {
        "SKILLWISE_DATABASE_URL": database_url,
        "SKILLWISE_VAR_DIR": str(tmp_path),
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    base_environ.pop("WEB_CONCURRENCY", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "skillwise.entrypoints.wsgi:app"],
        env=base_environ | environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    output: dict[str, str] = {}
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(f"{base}/health/live", server)
        yield base, output
    finally:
        server.send_signal(signal.SIGTERM)
        output["stdout"], output["stderr"] = server.communicate(timeout=40)
        output["returncode"] = str(server.returncode)


def test_gunicorn_serves_health_checks_logs_json_and_stops_gracefully(tmp_path):
    with deployed(tmp_path, {}) as (base, output):
        assert requests.get(f"{base}/health/ready", timeout=5).status_code == 200
        assert requests.get(f"{base}/health/live", timeout=5).json()["status"] == "ok"

    assert output["returncode"] == "0", output["stderr"]
    records = [json.loads(line) for line in output["stdout"].splitlines() if line.startswith("{")]
    ready = [record for record in records if record["path"] == "/health/ready"]
    assert len(ready) == 1 and ready[0]["status"] == 200
    assert ready[0]["remote_addr"] == "127.0.0.1"


def test_in_production_each_request_leaves_one_json_access_line_written_in_batches(tmp_path):
    production = {"SKILLWISE_ENV": "production", "SKILLWISE_SECRET_KEY": secrets.token_urlsafe(48)}
    sent = [f"deploy-{n}" for n in range(3)]
    # Lines still waiting in the buffer are written as the worker stops.
    with deployed(tmp_path, production) as (base, output):
        for request_id in sent:
            requests.get(f"{base}/health/live", headers={"X-Request-ID": request_id}, timeout=5)

    lines = [json.loads(line) for line in output["stderr"].splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "skillwise.http.access"]
    ours = [line for line in access if line["request_id"] in sent]
    assert [line["request_id"] for line in ours] == sent
    assert all(line["status"] == 200 and line["path"] == "/health/live" for line in ours)
    assert all(line["message"] == "GET /health/live 200" for line in ours)


def test_the_served_app_sets_its_start_up_objects_aside_from_the_collector(tmp_path):
    environ = {
        key: value for key, value in os.environ.items() if not key.startswith("SKILLWISE_")
    } | {"SKILLWISE_VAR_DIR": str(tmp_path)}
    probe = (
        "import gc; import skillwise.entrypoints.wsgi; "
        "frozen = gc.get_freeze_count(); gc.collect(); "
        "print(frozen, len(gc.get_objects()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=environ, capture_output=True, text=True, check=True
    )
    frozen, still_tracked = map(int, done.stdout.split())
    # The app's objects are frozen; what a full collection still walks is what came after.
    assert frozen > 100_000
    assert still_tracked < frozen / 10
