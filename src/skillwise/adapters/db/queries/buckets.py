"""Calendar buckets of a UTC timestamp column as text, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class _Bucket(FunctionElement[str]):
    type = String()
    inherit_cache = True
    sqlite_format = ""
    postgresql_format = ""


class day_of(_Bucket):
    """`YYYY-MM-DD` of a timestamp, in UTC."""

    name = "day_of"
    inherit_cache = True
    sqlite_format = "%Y-%m-%d"
    postgresql_format = "YYYY-MM-DD"


class month_of(_Bucket):
    """`YYYY-MM` of a timestamp, in UTC."""

    name = "month_of"
    inherit_cache = True
    sqlite_format = "%Y-%m"
    postgresql_format = "YYYY-MM"


@compiles(_Bucket, "sqlite")
def _sqlite(element: _Bucket, compiler: Any, **kw: Any) -> str:
    # SQLite keeps these columns as UTC text, so strftime reads them as stored.
    return f"strftime('{element.sqlite_format}', {compiler.process(element.clauses, **kw)})"


@compiles(_Bucket, "postgresql")
def _postgresql(element: _Bucket, compiler: Any, **kw: Any) -> str:
    # The session's TimeZone setting must not move a sale into the next day.
    column = compiler.process(element.clauses, **kw)
    return f"to_char(({column}) AT TIME ZONE 'UTC', '{element.postgresql_format}')"
