"""PostgreSQL advisory locks: one process at a time for migrations and the demo seed, and
one worker per tick of each scheduled job.

Every key here is a 64-bit number shared by all SkillWise processes on a database; each use
has its own, so they never wait on each other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, func, pool, select

from skillwise.adapters.db.engine import build_engine, normalise_url

MIGRATION_LOCK_KEY = 0x534B494C4C574953  # "SKILLWIS"
SEED_LOCK_KEY = MIGRATION_LOCK_KEY + 1


def is_postgres(database_url: str) -> bool:
    return normalise_url(database_url).get_backend_name() == "postgresql"


@contextmanager
def advisory_lock(database_url: str, key: int) -> Iterator[None]:
    """Wait for the lock, hold it for the block, on PostgreSQL; elsewhere just run the block.

    The lock is held by a connection of its own, outside any transaction of the work it
    guards, so it covers the whole run whatever that work commits; closing the connection
    (never pooled) releases it, even when the work fails. SQLite, the single-machine embedded
    default, has no other process to wait for.
    """
    if not is_postgres(database_url):
        yield
        return
    engine = build_engine(database_url, poolclass=pool.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(select(func.pg_advisory_lock(key)))
            yield
    finally:
        engine.dispose()


def tick_key(job: str, tick: int) -> int:
    digest = hashlib.blake2b(f"skillwise-job:{job}:{tick}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresTickClaims:
    """Claims a job's tick with pg_try_advisory_lock on a connection of its own.

    A claim is kept until two ticks later: a worker that reaches the same tick a little late
    (slow loop, clock skew under one period) still finds it taken, and would otherwise run the
    job a second time right after the winner finished. A lost connection drops every claim
    with it, so the next tick is free for another worker.
    """

    def __init__(self, database_url: str) -> None:
        self._engine = build_engine(
            database_url, poolclass=pool.NullPool, isolation_level="AUTOCOMMIT"
        )
        self._connection: Connection | None = None
        self._held: dict[str, list[tuple[int, int]]] = {}

    def claim(self, job: str, tick: int) -> bool:
        connection = self._connect()
        held = self._held.setdefault(job, [])
        for old_tick, key in [entry for entry in held if entry[0] < tick - 1]:
            connection.execute(select(func.pg_advisory_unlock(key)))
            held.remove((old_tick, key))
        key = tick_key(job, tick)
        if not connection.execute(select(func.pg_try_advisory_lock(key))).scalar_one():
            return False
        held.append((tick, key))
        return True

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._held.clear()
        self._engine.dispose()

    def _connect(self) -> Connection:
        if self._connection is not None and self._connection.closed:
            self._connection = None
        if self._connection is None:
            self._held.clear()
            self._connection = self._engine.connect()
        return self._connection


class UnsharedTickClaims:
    """SQLite: one machine, one worker, every tick is this process's."""

    def claim(self, job: str, tick: int) -> bool:
        return True

    def close(self) -> None:
        return None
