"""The embedded database's stand-in for full-text search over a course's text."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_

from skillwise.adapters.db.tables.core import courses

MAX_SEARCH_TERMS = 10


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def text_contains_every_term(search: str) -> ColumnElement[bool]:
    """The embedded database's stand-in for full-text search: every word must appear in the
    title, subtitle or description, ignoring case."""
    terms = search.split()[:MAX_SEARCH_TERMS]
    return and_(
        *(
            or_(
                *(
                    column.ilike(f"%{_escape_like(term)}%", escape="\\")
                    for column in (courses.c.title, courses.c.subtitle, courses.c.description)
                )
            )
            for term in terms
        )
    )
