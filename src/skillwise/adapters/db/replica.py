"""Read models on a streaming replica, with the primary behind it.

With `SKILLWISE_DATABASE_REPLICA_URL` set, the pure read models (catalog, categories, learning
lists, dashboards) take their sessions from `ReplicaFirstSessions`; the unit of work and every
repository keep the primary, so every write, and every read inside a write's unit of work, is
on the primary. Without the setting the read models get the primary's own session factory.

Read-your-writes, the simplest way that is always right: nothing ever waits for the replica.
- A use case that answers from a read model right after its own commit (CreateCourse,
  UpdateCourse, DeleteCourse, EnrollInCourse) is given read models on the primary.
- Guests' shared answers are rendered under `reading_the_primary()`: a cached answer outlives
  the replica's lag by minutes, so one rendered from a replica that has not yet replayed the
  change that bumped the cache version would stay stale under the new version. A cache miss is
  rare; a cache hit never reads a database.
- Everything else (signed-in browsing and search, enrollments, reviews, dashboards) may be
  behind the primary by the replica's lag, milliseconds on a healthy one.

A replica that cannot be reached costs one refused connection: the read goes to the primary
and the replica is skipped for a few seconds (a circuit breaker) before one read tries again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import Engine, exc
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.circuit_breaker import CircuitBreaker
from skillwise.adapters.db.engine import build_engine, build_session_factory
from skillwise.adapters.db.errors import classify

_on_the_primary: ContextVar[bool] = ContextVar("reads_on_the_primary", default=False)


@contextmanager
def reading_the_primary() -> Iterator[None]:
    """Read models called inside this block read the primary, replica or not."""
    token = _on_the_primary.set(True)
    try:
        yield
    finally:
        _on_the_primary.reset(token)


class ReplicaFirstSessions:
    """A session factory: on the replica while it answers, otherwise on the primary."""

    def __init__(
        self,
        replica: sessionmaker[Session],
        primary: sessionmaker[Session],
        breaker: CircuitBreaker,
    ) -> None:
        self._replica = replica
        self._primary = primary
        self._breaker = breaker

    def __call__(self) -> Session:
        if _on_the_primary.get() or not self._breaker.allows_call():
            return self._primary()
        session = self._replica()
        try:
            # Check out (and pre-ping) the replica's connection now, while the read can still
            # go elsewhere; the session's statements then run on this connection.
            session.connection()
        except exc.SQLAlchemyError as error:
            session.close()
            if classify(error) != "unavailable":
                raise
            self._breaker.failed()
            return self._primary()
        self._breaker.succeeded()
        return session


def build_replica_engine(replica_url: str | None) -> Engine | None:
    """The replica's engine, None without one. Every checkout pings: a replica that stopped
    answering must be found while the read can still go to the primary, not by the read's
    own statement."""
    return build_engine(replica_url, pool_pre_ping=True) if replica_url else None


def read_sessions(
    replica_engine: Engine | None, primary: sessionmaker[Session], *, autocommit: bool = True
) -> sessionmaker[Session] | ReplicaFirstSessions:
    """The read models' session factory: the primary's own when there is no replica.

    On PostgreSQL each statement of a read model runs in autocommit: at READ COMMITTED a
    transaction around reads gives each statement its own snapshot anyway, and BEGIN and
    ROLLBACK would be two more round trips per read. Streaming reads (server-side cursors)
    need a transaction and ask for `autocommit=False`.
    """
    primary_reads = _autocommitting(primary) if autocommit else primary
    if replica_engine is None:
        return primary_reads
    replica = build_session_factory(replica_engine)
    return ReplicaFirstSessions(
        _autocommitting(replica) if autocommit else replica,
        primary_reads,
        CircuitBreaker("The read replica"),
    )


def _autocommitting(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    engine = factory.kw["bind"]
    if engine.dialect.name != "postgresql":
        return factory
    return build_session_factory(engine.execution_options(isolation_level="AUTOCOMMIT"))
