"""Planner statistics after a bulk load.

Until the tables are analysed the planner guesses at their sizes and may sort a whole table
instead of reading an index, and until they are vacuumed an index-only scan still visits every
row it skips; autovacuum gets to both eventually, or never where it is off.
"""

from __future__ import annotations

from sqlalchemy import Engine, text


def refresh_statistics(engine: Engine) -> None:
    """VACUUM ANALYZE every table on PostgreSQL; ANALYZE on SQLite (whose VACUUM rewrites the
    whole file and helps no query)."""
    statement = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(statement))
