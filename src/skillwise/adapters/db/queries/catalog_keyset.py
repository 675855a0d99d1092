"""Keyset pages of courses: the rows after a position, read from the ordering's index.

A page is one statement: `(sort key, id)` compared as a row value with the last row's, ordered
by both in the ordering's direction, so on PostgreSQL the comparison is where an index scan
starts (forwards or backwards) and the page reads only its own rows plus one, which tells
whether another page follows. Ties are broken by id in the ordering's direction rather than
always ascending as numbered pages do: a row value compares every member one way, and only
then does one index range serve the condition and the order together.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select, tuple_
from sqlalchemy.orm import Session

from skillwise.adapters.db.queries.course_rows import SUMMARY_COLUMNS, summary_of_row
from skillwise.adapters.db.tables.core import courses, users
from skillwise.application.catalog.views import CourseSummary
from skillwise.application.shared.pagination import KeysetPage, KeysetRequest, Position


def keyset_page(
    session: Session,
    conditions: list[ColumnElement[bool]],
    sort_key: ColumnElement[Any],
    descending: bool,
    keyset: KeysetRequest,
) -> KeysetPage[CourseSummary]:
    where = list(conditions)
    if keyset.after is not None:
        # Typed as the key and the id, so a timestamp or an id is bound the way the database
        # stores it (SQLite keeps both as text).
        boundary = tuple_(
            bindparam("after_key", keyset.after.key, type_=sort_key.type),
            bindparam("after_id", keyset.after.id, type_=courses.c.id.type),
        )
        row = tuple_(sort_key, courses.c.id)
        where.append(row < boundary if descending else row > boundary)
    direction = (lambda column: column.desc()) if descending else (lambda column: column.asc())
    query: Select[Any] = (
        select(*SUMMARY_COLUMNS, sort_key.label("sort_key"))
        .join(users, users.c.id == courses.c.instructor_id)
        .where(*where)
        .order_by(direction(sort_key), direction(courses.c.id))
        .limit(keyset.page_size + 1)
    )
    rows = session.execute(query).all()
    shown = rows[: keyset.page_size]
    following = None
    if len(rows) > keyset.page_size:
        last = shown[-1]
        following = Position(key=last.sort_key, id=last.id)
    return KeysetPage(items=[summary_of_row(row) for row in shown], request=keyset, next=following)
