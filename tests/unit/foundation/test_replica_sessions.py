"""Read models' sessions: the replica while it answers, the primary when told or when it is not."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import event, text

from skillwise.adapters.circuit_breaker import CircuitBreaker
from skillwise.adapters.db.engine import build_engine, build_session_factory
from skillwise.adapters.db.replica import ReplicaFirstSessions, read_sessions, reading_the_primary


class Ticking:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def named_database(path, name: str):
    engine = build_engine(f"sqlite:///{path / name}.db")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE whoami (name TEXT)"))
        connection.execute(text("INSERT INTO whoami VALUES (:name)"), {"name": name})
    return engine


def answered_by(sessions) -> str:
    with sessions() as session:
        return session.execute(text("SELECT name FROM whoami")).scalar_one()


def unreachable_postgres():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return build_engine(f"postgresql+psycopg://nobody@127.0.0.1:{port}/none")


@pytest.fixture
def primary(tmp_path):
    return build_session_factory(named_database(tmp_path, "primary"))


def test_without_a_replica_the_read_models_share_the_primarys_sessions(primary):
    assert read_sessions(None, primary) is primary


def test_reads_go_to_the_replica_except_inside_reading_the_primary(tmp_path, primary):
    sessions = read_sessions(named_database(tmp_path, "replica"), primary)
    assert answered_by(sessions) == "replica"
    with reading_the_primary():
        assert answered_by(sessions) == "primary"
    assert answered_by(sessions) == "replica"


def test_an_unreachable_replica_sends_reads_to_the_primary_and_is_skipped_for_a_pause(primary):
    clock = Ticking()
    breaker = CircuitBreaker("replica", pause_seconds=5, monotonic=clock)
    replica = unreachable_postgres()
    attempts = []
    event.listen(replica, "do_connect", lambda *_: attempts.append(1))
    sessions = ReplicaFirstSessions(build_session_factory(replica), primary, breaker)
    assert answered_by(sessions) == "primary"
    assert answered_by(sessions) == "primary"
    assert len(attempts) == 1
    clock.now += 5
    assert answered_by(sessions) == "primary"
    assert len(attempts) == 2
