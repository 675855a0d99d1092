"""Redis stopped under a running app and started again empty: a redis-server this test owns.

While it is down signed-in requests keep working (the database answers the blocklist), logout
and revocation still take effect, sign-in works (rate limits open), the catalog renders, and a
sign-up's email waits in the outbox. Once it is back, nothing revoked works again, readiness is
clean, and the queued email goes out through the broker and the outbox relay.
"""

from __future__ import annotations

import threading
import time

import dramatiq
import pytest
from dependency_injector import providers

from skillwise.adapters.redis_client import build_redis_client
from skillwise.entrypoints.http.app import create_app
from tests.integration.accounts.conftest import API, PASSWORD, bearer_of, log_in

pytestmark = pytest.mark.integration

BUDGET_SECONDS = 2.0


@pytest.fixture
def outage_app(container, settings_with, owned_redis):
    settings = settings_with(
        redis_url=owned_redis.url, task_backend="dramatiq", ratelimit_enabled=True
    )
    container.infra.settings.override(providers.Object(settings))
    app = create_app(container)
    app.config["TESTING"] = True
    yield app
    container.infra.broker().close()


def timed(label, call, budget=BUDGET_SECONDS):
    started = time.monotonic()
    response = call()
    elapsed = time.monotonic() - started
    print(f"{label:<40} {response.status_code} in {elapsed * 1000:7.1f} ms")
    assert elapsed < budget, label
    return response


def wait_for(label, condition, timeout):
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, f"{label} not within {timeout} s"
        time.sleep(0.2)
    print(f"{label:<40} after {time.monotonic() - started:5.1f} s")


def test_redis_down_and_back_loses_nothing_and_blocks_nobody(
    outage_app, container, owned_redis, make_account, outbox_mailer
):
    settings = container.infra.settings()
    client = outage_app.test_client()
    make_account()
    kept, logged_out, reused = log_in(client).json, log_in(client).json, log_in(client).json
    assert client.get(f"{API}/courses/").status_code == 200  # cached for guests

    owned_redis.stop()
    print()
    profile = lambda session: client.get(f"{API}/profile/", headers=bearer_of(session))  # noqa: E731
    assert timed("down: signed-in request", lambda: profile(kept)).status_code == 200
    assert timed("down: sign-in", lambda: log_in(client)).status_code == 200
    logout = lambda: client.post(f"{API}/auth/logout/", headers=bearer_of(logged_out))  # noqa: E731
    assert timed("down: logout", logout).status_code == 204
    assert timed("down: logged-out token", lambda: profile(logged_out)).status_code == 401
    client.post(f"{API}/auth/refresh/", json={"refresh": reused["refresh"]})
    again = lambda: client.post(f"{API}/auth/refresh/", json={"refresh": reused["refresh"]})  # noqa: E731
    assert timed("down: refresh token reused", again).status_code == 401
    assert timed("down: token of the reused family", lambda: profile(reused)).status_code == 401
    assert timed("down: guest catalog", lambda: client.get(f"{API}/courses/")).status_code == 200
    register = lambda: client.post(  # noqa: E731
        f"{API}/auth/register/",
        json={"email": "grace@example.com", "password": PASSWORD, "full_name": "Grace Hopper"},
    )
    assert timed("down: sign-up", register).status_code == 201
    ready = timed("down: readiness", lambda: client.get("/health/ready"))
    assert ready.status_code == 200
    assert ready.json == {
        "status": "degraded",
        "checks": {"database": "ok", "redis": "unavailable"},
    }
    assert outbox_mailer.to("grace@example.com") == []

    owned_redis.start()  # empty: no persistence
    restarted = time.monotonic()
    wait_for(
        "back: readiness clean", lambda: client.get("/health/ready").json["status"] == "ok", 30
    )
    assert timed("back: logged-out token", lambda: profile(logged_out)).status_code == 401
    assert timed("back: token of the reused family", lambda: profile(reused)).status_code == 401
    assert timed("back: signed-in request", lambda: profile(kept)).status_code == 200
    assert timed("back: sign-in", lambda: log_in(client)).status_code == 200
    assert timed("back: guest catalog", lambda: client.get(f"{API}/courses/")).status_code == 200

    # Once the breaker lets Redis in again, the blocklist cache is refilled from the database.
    redis = build_redis_client(owned_redis.url)
    marker = f"{settings.redis_prefix}blocklist:complete"
    wait_for(
        "back: blocklist cache refilled",
        lambda: profile(kept).status_code == 200 and redis.exists(marker),
        15,
    )
    assert timed("back: logged-out token, cached", lambda: profile(logged_out)).status_code == 401
    assert timed("back: reused family, cached", lambda: profile(reused)).status_code == 401
    redis.close()

    worker = dramatiq.Worker(container.infra.broker(), worker_threads=1, worker_timeout=100)
    worker.start()
    stopping = threading.Event()
    relay = container.infra.relay_stale_outbox

    def relay_loop() -> None:  # as `skillwise worker` runs it, on a short period
        while not stopping.is_set():
            relay()(older_than_seconds=1)
            stopping.wait(2)

    relaying = threading.Thread(target=relay_loop, daemon=True)
    relaying.start()
    try:
        wait_for("back: queued email delivered", lambda: outbox_mailer.to("grace@example.com"), 60)
    finally:
        stopping.set()
        relaying.join(timeout=5)
        worker.stop()
    print(f"{'back: everything, after the restart':<40} {time.monotonic() - restarted:5.1f} s")
