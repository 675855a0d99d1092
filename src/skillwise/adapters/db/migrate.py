"""Apply Alembic migrations programmatically (used by `skillwise db upgrade` and the tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import func, pool, select

from skillwise.adapters.db.engine import build_engine, normalise_url

MIGRATIONS = Path(__file__).with_name("migrations")

# One fixed key for every SkillWise process on a database; any other advisory lock the
# application takes must use another number.
MIGRATION_LOCK_KEY = 0x534B494C4C574953  # "SKILLWIS"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    with _migration_lock(database_url):
        command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    with _migration_lock(database_url):
        command.downgrade(alembic_config(database_url), revision)


@contextmanager
def _migration_lock(database_url: str) -> Iterator[None]:
    """On PostgreSQL, one process migrates while the others wait, then find nothing left to do.

    The lock is held by a connection of its own, outside the migration's transaction, so it
    covers the whole run whatever Alembic commits on the way; closing that connection (never
    pooled) releases it, even when the migration fails. SQLite, the single-machine embedded
    default, migrates as before.
    """
    if normalise_url(database_url).get_backend_name() != "postgresql":
        yield
        return
    engine = build_engine(database_url, poolclass=pool.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(select(func.pg_advisory_lock(MIGRATION_LOCK_KEY)))
            yield
    finally:
        engine.dispose()
