"""Planner statistics after a bulk load.

Until the tables are analysed the planner guesses at their sizes and may sort a whole table
instead of reading an index; autovacuum gets to it eventually, or never where it is off.
"""

from __future__ import annotations

from sqlalchemy import Engine, text


def refresh_statistics(engine: Engine) -> None:
    """ANALYZE every table (PostgreSQL and SQLite alike)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))
