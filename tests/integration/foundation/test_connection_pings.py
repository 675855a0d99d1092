"""Pooled connections are pinged before use only after sitting idle, and a dropped one is
replaced: by the ping when idle, by the pool's invalidation when it dies in use."""

import pytest
from sqlalchemy import exc, text

from skillwise.adapters.db import engine as engine_module
from skillwise.adapters.db.engine import build_engine

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture
def engine(stack):
    engine = build_engine(stack.database_url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def drop(engine, pid: int) -> None:
    """The server ends that session, as a restart or an idle timeout would."""
    other = build_engine(engine.url.render_as_string(hide_password=False))
    with other.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    other.dispose()


def count_pings(engine, monkeypatch) -> list[object]:
    pings = []
    real = engine.dialect.do_ping

    def ping(dbapi_connection):
        pings.append(dbapi_connection)
        return real(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", ping)
    return pings


def test_a_connection_used_moments_ago_is_not_pinged(engine, monkeypatch):
    pings = count_pings(engine, monkeypatch)
    first = backend_pid(engine)
    assert backend_pid(engine) == first
    assert pings == []


def test_an_idle_connection_is_pinged_and_replaced_when_the_server_dropped_it(engine, monkeypatch):
    pings = count_pings(engine, monkeypatch)
    dropped = backend_pid(engine)
    drop(engine, dropped)
    monkeypatch.setattr(engine_module, "IDLE_BEFORE_PING_SECONDS", 0.0)
    assert backend_pid(engine) != dropped
    assert pings[0].broken, "the ping found the dropped connection"


def test_a_connection_dropped_while_in_use_fails_once_and_the_next_use_reconnects(engine):
    dropped = backend_pid(engine)
    drop(engine, dropped)
    with pytest.raises(exc.OperationalError) as failed:
        backend_pid(engine)
    assert failed.value.connection_invalidated
    assert backend_pid(engine) != dropped
