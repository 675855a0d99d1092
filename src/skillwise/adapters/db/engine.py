"""Engine and session factory for PostgreSQL (production) and SQLite (embedded default)."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker


def normalise_url(database_url: str) -> URL:
    """`postgresql://` and `postgres://` mean psycopg 3, the driver this project ships with."""
    url = make_url(database_url.replace("postgres://", "postgresql://", 1))
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def pool_size(environ: Mapping[str, str] = os.environ) -> int:
    """At least one connection per request thread of the worker (GUNICORN_THREADS, as
    deploy/gunicorn.conf.py reads it), so no request waits for another's connection."""
    return max(10, int(environ.get("GUNICORN_THREADS", "4")))


def build_engine(database_url: str, **options: Any) -> Engine:
    url = normalise_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False}, **options
        )
        _configure_sqlite(engine)
        return engine
    # A server that does not answer must fail the request within the 2 s budget (libpq's
    # minimum), not hang on the operating system's TCP timeout.
    options.setdefault("connect_args", {"connect_timeout": 2})
    if "poolclass" not in options:
        options.setdefault("pool_size", pool_size())
        options.setdefault("max_overflow", 10)
    engine = create_engine(url, **options)
    if not options.get("pool_pre_ping"):
        _ping_idle_connections(engine)
    return engine


IDLE_BEFORE_PING_SECONDS = 1.0


def _ping_idle_connections(engine: Engine) -> None:
    """Check a pooled connection before use only when it sat idle for a while.

    A ping on every checkout (`pool_pre_ping`) is one more round trip per request. A connection
    handed back moments ago was working then; one idle longer may have been dropped by a
    restarted server or a firewall, and is pinged. A connection that dies while in use fails
    its statement, and SQLAlchemy then invalidates the whole pool, so the next checkouts
    connect afresh.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is not None and time.monotonic() - returned_at < IDLE_BEFORE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out another (a new one if need be).
            raise exc.DisconnectionError("an idle connection no longer answers") from error


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, WAL, and BEGIN IMMEDIATE.

    SQLite would otherwise start a read transaction and fail with 'database is locked' when two
    threads later try to upgrade to a write; taking the write lock up front serialises them.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def build_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
