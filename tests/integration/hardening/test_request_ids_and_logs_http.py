"""X-Request-ID on every answer and in every log line; JSON logs in production, without secrets."""

import io
import json
import logging
import re
from collections.abc import Iterator

import pytest

from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import public
from skillwise.entrypoints.http.logging_setup import build_handler
from tests.factories import a_user, bearer

pytestmark = pytest.mark.integration

API = "/api/v1"
JSON_FIELDS = {
    "time",
    "level",
    "logger",
    "message",
    "request_id",
    "method",
    "path",
    "status",
    "duration_ms",
}


@pytest.fixture
def log_lines(settings_with) -> Iterator[io.StringIO]:
    """What the production log handler writes while the test runs."""
    stream = io.StringIO()
    handler = build_handler(settings_with(env="production"), stream)
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous_level)


def records(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_sane_request_id_from_the_client_is_echoed(client):
    response = client.get("/health/live", headers={"X-Request-ID": "app-7f3a9c.42:retry-1"})
    assert response.headers["X-Request-ID"] == "app-7f3a9c.42:retry-1"


@pytest.mark.parametrize(
    "offered", ["", "has space", "<script>", "x" * 129, "semi;colon", "caf\u00e9"]
)
def test_an_unsafe_request_id_is_replaced_by_a_generated_one(client, offered):
    response = client.get("/health/live", headers={"X-Request-ID": offered})
    assert response.headers["X-Request-ID"] != offered
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_each_request_without_one_gets_its_own(client):
    first = client.get("/health/live").headers["X-Request-ID"]
    second = client.get("/health/live").headers["X-Request-ID"]
    assert first != second


def test_refused_requests_carry_a_request_id_too(client):
    unauthenticated = client.get(f"{API}/profile/", headers={"X-Request-ID": "req-401"})
    assert unauthenticated.status_code == 401
    assert unauthenticated.headers["X-Request-ID"] == "req-401"
    hostile = client.get(f"{API}/courses/?search=%00", headers={"X-Request-ID": "req-422"})
    assert hostile.headers["X-Request-ID"] == "req-422"


def test_every_log_line_of_a_request_is_one_json_object_with_its_request_id(app, log_lines):
    @public
    def chatty():
        logging.getLogger("skillwise.somewhere").warning("doing %s", "work")
        raise RuntimeError("boom")

    app.add_url_rule("/chatty", "chatty", chatty)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/chatty?secret=1", headers={"X-Request-ID": "req-abc"})
    assert response.status_code == 500

    lines = records(log_lines)
    assert len(lines) >= 3
    for line in lines:
        assert set(line) >= JSON_FIELDS
        assert line["request_id"] == "req-abc"
        assert line["method"] == "GET"
        assert line["path"] == "/chatty"
    assert [line["message"] for line in lines[:1]] == ["doing work"]
    assert "RuntimeError: boom" in next(line["exception"] for line in lines if "exception" in line)
    access = lines[-1]
    assert access["logger"] == "skillwise.http.access"
    assert access["status"] == 500
    assert access["duration_ms"] >= 0


def test_logs_never_hold_passwords_tokens_or_bodies(app, client, uow_factory, log_lines):
    user = a_user(Role.STUDENT)
    with uow_factory() as uow:
        uow.users.add(user)
        uow.commit()
    headers = bearer(app, user)
    token = headers["Authorization"].removeprefix("Bearer ")
    client.get(f"{API}/profile/", headers=headers)
    client.post(
        f"{API}/auth/login/", json={"email": user.email.value, "password": "Hunter2-secret-pw"}
    )
    logging.getLogger("skillwise.careless").info("header was Bearer %s", token)

    written = log_lines.getvalue()
    assert written
    assert token not in written
    assert token.split(".")[1] not in written
    assert "Hunter2-secret-pw" not in written


def test_outside_production_log_lines_are_text_with_the_request_id(app, settings):
    stream = io.StringIO()
    handler = build_handler(settings, stream)
    logger = logging.getLogger("skillwise.http.access")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        app.test_client().get("/health/live", headers={"X-Request-ID": "req-text"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    line = stream.getvalue().splitlines()[-1]
    assert "req-text" in line and "GET /health/live 200" in line
    assert not line.startswith("{")
