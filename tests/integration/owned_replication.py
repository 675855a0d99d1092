"""A primary and its streaming replica, both throwaway clusters a test owns.

The primary keeps WAL for replication and lets one role, `replicator`, connect for it from
loopback; the standby is a `pg_basebackup -R` copy of it, started as a hot standby on a port
of its own, so it follows the primary over the replication protocol as a managed replica does.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, create_engine, text

from tests.integration.owned_servers import OwnedPostgres

REPLICATION_USER = "replicator"


def replicating_primary() -> OwnedPostgres:
    """A started primary with the replication role in place; removed again if setting up fails."""
    primary = OwnedPostgres(settings={"wal_level": "replica", "max_wal_senders": "4"})
    try:
        hba = primary.data / "pg_hba.conf"
        # First match wins: this line, not initdb's catch-all ones, admits the standby.
        rule = f"host replication {REPLICATION_USER} 127.0.0.1/32 trust\n"
        hba.write_text(rule + hba.read_text())
        primary.start()
        with autocommit_engine(primary.url).connect() as connection:
            connection.execute(text(f"CREATE ROLE {REPLICATION_USER} WITH REPLICATION LOGIN"))
    except BaseException:
        primary.remove()
        raise
    return primary


class OwnedStandby(OwnedPostgres):
    """A hot standby of `primary`, copied from it with pg_basebackup when built."""

    def __init__(self, primary: OwnedPostgres) -> None:
        self._primary = primary
        super().__init__(settings={"hot_standby": "on"})

    def _create_data(self) -> None:
        self._run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(self._primary.port),
            "-U",
            REPLICATION_USER,
            "-D",
            str(self.data),
            "-R",  # standby.signal and primary_conninfo: start as a replica of the primary
            "-X",
            "stream",
            "-c",
            "fast",
        )


def autocommit_engine(url: str) -> Engine:
    return create_engine(
        url, isolation_level="AUTOCOMMIT", pool_size=1, max_overflow=0, pool_pre_ping=True
    )


def wait_until_replayed(primary: Engine, standby: Engine, timeout: float = 10.0) -> float:
    """Seconds until the standby has replayed everything the primary had written when called."""
    started = time.monotonic()
    with primary.connect() as connection:
        position = connection.execute(text("SELECT pg_current_wal_lsn()")).scalar_one()
    with standby.connect() as connection:
        while True:
            caught_up = connection.execute(
                text("SELECT pg_last_wal_replay_lsn() >= CAST(:position AS pg_lsn)"),
                {"position": position},
            ).scalar_one()
            elapsed = time.monotonic() - started
            if caught_up:
                return elapsed
            if elapsed > timeout:
                raise TimeoutError(f"the standby has not replayed {position} after {timeout} s")
            time.sleep(0.001)
