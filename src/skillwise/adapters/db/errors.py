"""Driver errors that mean "the database is not there" told apart from every other failure.

Only a connection that cannot be made or was lost is `database_unavailable`; a deadlock or a
serialization failure (SQLSTATE class 40) is a collision with another transaction, which the
caller may simply try again, and anything else is a bug that must not hide behind a 503.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from sqlalchemy import exc
from sqlalchemy.orm import Session, sessionmaker

from skillwise.domain.errors import ServiceUnavailable, TransientConflict

Failure = Literal["unavailable", "conflict"]

# Connection exceptions (08), operator intervention: shutdown, crash, starting up (57P0x),
# insufficient resources such as too many connections (53).
_UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P01", "57P02", "57P03", "53")
# Transaction rollback: serialization failure, deadlock (40); lock not available (55P03).
_CONFLICT_SQLSTATE_PREFIXES = ("40", "55P03")
_SQLITE_CONFLICTS = {"SQLITE_BUSY", "SQLITE_LOCKED"}
_SQLITE_UNAVAILABLE = {"SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_NOTADB"}


def classify(error: BaseException) -> Failure | None:
    if isinstance(error, exc.TimeoutError):  # no pooled connection came free in time
        return "unavailable"
    if not isinstance(error, exc.DBAPIError):
        return None
    if error.connection_invalidated:
        return "unavailable"
    original = error.orig
    sqlite_name = getattr(original, "sqlite_errorname", None)
    if sqlite_name is not None:
        if sqlite_name in _SQLITE_CONFLICTS:
            return "conflict"
        return "unavailable" if sqlite_name in _SQLITE_UNAVAILABLE else None
    if not isinstance(error, exc.OperationalError | exc.InterfaceError):
        return None
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is None:  # refused, unreachable or dropped before the server said anything
        return "unavailable"
    if sqlstate.startswith(_CONFLICT_SQLSTATE_PREFIXES):
        return "conflict"
    if sqlstate.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES):
        return "unavailable"
    return None


def database_unavailable() -> ServiceUnavailable:
    return ServiceUnavailable(
        "The database is not reachable right now; try again shortly.",
        code="database_unavailable",
    )


def translated(error: BaseException) -> ServiceUnavailable | None:
    """The domain error to raise in place of a driver error, or None to let it propagate."""
    match classify(error):
        case "unavailable":
            return database_unavailable()
        case "conflict":
            return TransientConflict("The request collided with a concurrent one; try again.")
    return None


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn an unreachable database (or a collision) into a domain error inside this block."""
    try:
        yield
    except exc.SQLAlchemyError as error:
        replacement = translated(error)
        if replacement is None:
            raise
        raise replacement from error


@contextmanager
def read_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A short session for a read model, with the unit of work's error translation."""
    with database_errors(), session_factory() as session:
        yield session
