"""PostgreSQL stopped under a running app, then started again: a cluster this test owns.

Every path, read models included, answers 503 `database_unavailable` within 2 seconds while
the database is down, readiness names it, and the same app serves again once it is back.
"""

from __future__ import annotations

import time
from uuid import uuid4

import pytest
from dependency_injector import providers

from skillwise.adapters.db.migrate import upgrade
from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.app import create_app
from skillwise.settings import Settings
from tests.fakes.basics import RecordingMailer
from tests.integration.builders import Builder
from tests.integration.owned_servers import OwnedPostgres

pytestmark = pytest.mark.integration

API = "/api/v1"
BUDGET_SECONDS = 2.0


@pytest.fixture
def postgres():
    server = OwnedPostgres()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def outage_app(postgres, tmp_path):
    upgrade(postgres.url)
    settings = Settings(
        env="test",
        database_url=postgres.url,
        secret_key="test-secret-key-that-is-long-enough-for-hs256",
        public_url="http://testserver",
        var_dir=tmp_path,
        task_backend="in_process",
        ratelimit_enabled=False,
        password_hash_profile="fast",
    )
    container = Container()
    container.infra.settings.override(providers.Object(settings))
    container.infra.mailer.override(providers.Object(RecordingMailer()))
    app = create_app(container)
    app.config["TESTING"] = True
    yield app, container
    container.infra.engine().dispose()
    container.unwire()


def timed(label, call):
    started = time.monotonic()
    response = call()
    elapsed = time.monotonic() - started
    print(f"{label:<34} {response.status_code} in {elapsed * 1000:7.1f} ms")
    return response, elapsed


def test_a_stopped_database_answers_503_fast_everywhere_and_the_app_recovers(postgres, outage_app):
    app, container = outage_app
    client = app.test_client()
    build = Builder(container.infra.uow, app)
    student = build.user(Role.STUDENT)
    course = build.course()
    build.enroll(student, course)
    as_student = build.auth(student)
    requests = {
        "guest course list": lambda: client.get(f"{API}/courses/?search=python"),
        "student course list": lambda: client.get(f"{API}/courses/", headers=as_student),
        "course detail": lambda: client.get(f"{API}/courses/{course.id}/", headers=as_student),
        "sign-in": lambda: client.post(
            f"{API}/auth/login/", json={"email": student.email.value, "password": "whatever-1"}
        ),
        "enrollments": lambda: client.get(f"{API}/enrollments/", headers=as_student),
        "enroll": lambda: client.post(f"{API}/courses/{uuid4()}/enroll/", headers=as_student),
    }
    assert client.get(f"{API}/enrollments/", headers=as_student).status_code == 200

    postgres.stop()
    print()
    for label, call in requests.items():
        response, elapsed = timed(f"down: {label}", call)
        assert response.status_code == 503, (label, response.json)
        assert response.json["error"] == "database_unavailable", label
        assert elapsed < BUDGET_SECONDS, label
    ready, elapsed = timed("down: /health/ready", lambda: client.get("/health/ready"))
    assert ready.status_code == 503 and elapsed < BUDGET_SECONDS
    assert ready.json["checks"]["database"] == "unavailable"

    postgres.start()
    expected = {"guest course list": 200, "student course list": 200, "course detail": 200}
    expected |= {"sign-in": 401, "enrollments": 200, "enroll": 404}
    for label, call in requests.items():
        response, _ = timed(f"back: {label}", call)
        assert response.status_code == expected[label], (label, response.json)
    assert client.get("/health/ready").json == {"status": "ok", "checks": {"database": "ok"}}
