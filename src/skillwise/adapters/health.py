"""Readiness probes for the backing services."""

from __future__ import annotations

import redis
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

# Without the database nothing works; without Redis the app degrades (the database answers
# the blocklist, the cache misses, rate limits open, queued work waits in the outbox).
REQUIRED = ("database",)


class ReadinessCheck:
    """Pings the database, and Redis where configured; names what is down."""

    def __init__(self, engine: Engine, redis_client: redis.Redis | None) -> None:
        self._engine = engine
        self._redis = redis_client

    def __call__(self) -> dict[str, str]:
        checks = {"database": "ok"}
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            checks["database"] = "unavailable"
        if self._redis is not None:
            try:
                self._redis.ping()
                checks["redis"] = "ok"
            except redis.RedisError:
                checks["redis"] = "unavailable"
        return checks
