"""The one way a repository learns that a row it inserts exists already.

A duplicate the application expects (a second sign-up with one email, a replayed webhook, two
taps on "enroll") is settled by the unique constraint that defines it, named as the conflict
target of `INSERT ... ON CONFLICT DO NOTHING`: never by catching an error and reading its text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_unless_exists(
    session: Session,
    table: Table,
    values: Mapping[str, Any],
    *,
    unique: Sequence[str],
    where: ColumnElement[bool] | None = None,
) -> bool:
    """Insert the row unless one with the same `unique` columns exists; True when it was new.

    `unique` names the columns of a unique constraint or index of `table` (and `where` the
    predicate of a partial unique index); both databases refuse a target that matches none.
    A conflict on any other constraint still raises. On PostgreSQL an insert that meets a
    concurrent one of the same key waits for that transaction and then does nothing, so
    exactly one writes; either way the transaction stays usable and the caller may read the
    row that won.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(unique), index_where=where)
        .returning(*table.primary_key.columns)
    )
    # RETURNING rather than rowcount, which the session does not report for this statement.
    return session.execute(statement).first() is not None
