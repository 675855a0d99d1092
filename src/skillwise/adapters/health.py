"""Readiness probes for the backing services."""

from __future__ import annotations

import redis
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

# Without the database nothing works; without Redis the app degrades (the database answers
# the blocklist, the cache misses, rate limits open, queued work waits in the outbox), and
# without the read replica the primary answers its reads.
REQUIRED = ("database",)


class ReadinessCheck:
    """Pings the database, and Redis and the read replica where configured; names what is
    down."""

    def __init__(
        self,
        engine: Engine,
        redis_client: redis.Redis | None,
        replica_engine: Engine | None = None,
    ) -> None:
        self._engine = engine
        self._redis = redis_client
        self._replica_engine = replica_engine

    def __call__(self) -> dict[str, str]:
        checks = {"database": _ping(self._engine)}
        if self._replica_engine is not None:
            checks["replica"] = _ping(self._replica_engine)
        if self._redis is not None:
            try:
                self._redis.ping()
                checks["redis"] = "ok"
            except redis.RedisError:
                checks["redis"] = "unavailable"
        return checks


def _ping(engine: Engine) -> str:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return "unavailable"
    return "ok"
