"""Expired tokens are deleted from the real tables, and only those."""

from datetime import timedelta

import pytest
from dependency_injector import providers
from sqlalchemy import func, select

from skillwise.adapters.db.tables.accounts import one_time_tokens, refresh_tokens
from tests.fakes.basics import FixedClock
from tests.integration.accounts.conftest import API, PASSWORD, log_in

pytestmark = pytest.mark.integration


def count(container, table) -> int:
    with container.infra.engine().connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_purging_deletes_expired_tokens_and_keeps_live_ones(client, container):
    body = {"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada Lovelace"}
    assert client.post(f"{API}/auth/register/", json=body).status_code == 201
    assert log_in(client).status_code == 200
    assert (count(container, one_time_tokens), count(container, refresh_tokens)) == (1, 1)

    purged_now = container.accounts.purge_expired_tokens()()
    assert (purged_now.one_time_tokens, purged_now.refresh_tokens) == (0, 0)

    later = FixedClock(container.infra.clock().now() + timedelta(days=3))
    with container.infra.clock.override(providers.Object(later)):
        purged = container.accounts.purge_expired_tokens()()
    assert (purged.one_time_tokens, purged.refresh_tokens) == (1, 0)
    assert (count(container, one_time_tokens), count(container, refresh_tokens)) == (0, 1)


def test_the_purge_command_reports_what_it_deleted(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from skillwise.entrypoints.cli import main

    monkeypatch.setenv("SKILLWISE_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("SKILLWISE_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(main, ["accounts", "purge-tokens"])
    assert result.exit_code == 0, result.output
    assert "purged 0 one-time and 0 refresh token(s)" in result.output
