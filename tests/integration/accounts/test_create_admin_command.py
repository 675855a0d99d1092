"""`skillwise create-admin` against the embedded SQLite database."""

import pytest
from click.testing import CliRunner

from skillwise.adapters.security import argon2_hasher
from skillwise.entrypoints.cli import main

pytestmark = pytest.mark.integration

PASSWORD = "Correct-horse-7"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    # The command builds its own container from the environment; hashing cost is not under test.
    monkeypatch.setitem(argon2_hasher.PROFILES, "default", argon2_hasher.PROFILES["fast"])
    monkeypatch.setenv("SKILLWISE_VAR_DIR", str(tmp_path))
    for name in ("SKILLWISE_DATABASE_URL", "SKILLWISE_REDIS_URL", "SKILLWISE_ENV"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0

    def run(*args: str, **kwargs):
        return runner.invoke(main, list(args), **kwargs)

    return run


def log_in_status(email: str, password: str) -> tuple[int, str | None]:
    from skillwise.entrypoints.http.app import create_app

    app = create_app()
    response = app.test_client().post(
        "/api/v1/auth/login/", json={"email": email, "password": password}
    )
    role = response.json["user"]["role"] if response.status_code == 200 else None
    return response.status_code, role


def test_create_admin_creates_a_verified_admin_who_can_log_in(cli):
    result = cli("create-admin", "--email", "Root@Example.com", "--password", PASSWORD)
    assert result.exit_code == 0, result.output
    assert "created admin root@example.com" in result.output
    assert log_in_status("root@example.com", PASSWORD) == (200, "admin")


def test_create_admin_promotes_an_existing_account_when_the_password_matches(cli):
    from skillwise.entrypoints.http.app import create_app

    create_app().test_client().post(
        "/api/v1/auth/register/",
        json={"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada"},
    )
    refused = cli("create-admin", "--email", "ada@example.com", "--password", "Wrong-pass-12")
    assert refused.exit_code != 0
    assert "does not match" in refused.output
    assert log_in_status("ada@example.com", PASSWORD) == (200, "student")

    promoted = cli("create-admin", "--email", "ada@example.com", "--password", PASSWORD)
    assert promoted.exit_code == 0, promoted.output
    assert "promoted to admin ada@example.com" in promoted.output
    assert log_in_status("ada@example.com", PASSWORD) == (200, "admin")


def test_create_admin_refuses_a_weak_password_with_the_reason(cli):
    result = cli("create-admin", "--email", "root@example.com", "--password", "root")
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output


def test_create_admin_asks_for_the_password_when_it_is_not_given(cli):
    result = cli("create-admin", "--email", "root@example.com", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert log_in_status("root@example.com", PASSWORD) == (200, "admin")
