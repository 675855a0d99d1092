"""Apply Alembic migrations programmatically (used by `skillwise db upgrade` and the tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from skillwise.adapters.db.locks import MIGRATION_LOCK_KEY, advisory_lock

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """On PostgreSQL one process migrates while the others wait, then find nothing to do."""
    with advisory_lock(database_url, MIGRATION_LOCK_KEY):
        command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    with advisory_lock(database_url, MIGRATION_LOCK_KEY):
        command.downgrade(alembic_config(database_url), revision)
