"""Integration fixtures: a migrated database per backend, the app wired to it, clean state.

Every test that asks for `app`, `client`, `container` or `uow_factory` runs once on the
embedded stack (SQLite, in-process cache) and, when SKILLWISE_TEST_DATABASE_URL is set, once
on the production stack (PostgreSQL, plus Redis when SKILLWISE_TEST_REDIS_URL is set).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from uuid import uuid4

import pytest
from dependency_injector import providers
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, create_engine, event, text

from skillwise.adapters.db.engine import normalise_url
from skillwise.adapters.db.migrate import upgrade
from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.redis_client import build_redis_client
from skillwise.containers import Container
from skillwise.entrypoints.http.app import create_app
from skillwise.settings import Settings
from tests.fakes.basics import RecordingMailer
from tests.integration.owned_servers import OwnedRedis

TEST_DATABASE_URL = os.environ.get("SKILLWISE_TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("SKILLWISE_TEST_REDIS_URL")

STACKS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])


@dataclass(frozen=True)
class Stack:
    name: str
    database_url: str
    redis_url: str | None

    @property
    def is_postgres(self) -> bool:
        return self.name == "postgresql"


@contextmanager
def _postgres_database() -> Iterator[str]:
    """A database of our own beside the configured one, so parallel runs never collide."""
    assert TEST_DATABASE_URL
    base = normalise_url(TEST_DATABASE_URL)
    name = f"skillwise_test_{os.getpid()}_{uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=STACKS)
def stack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "skillwise.db"
        url = f"sqlite:///{path}"
        upgrade(url)
        yield Stack("sqlite", url, None)
        return
    with _postgres_database() as url:
        upgrade(url)
        yield Stack("postgresql", url, TEST_REDIS_URL)


@pytest.fixture
def empty_database_url(stack: Stack, tmp_path: Path) -> Iterator[str]:
    """A database of the stack's kind holding nothing, not even a migration."""
    if not stack.is_postgres:
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    with _postgres_database() as url:
        yield url


@pytest.fixture(autouse=True)
def _only_on_marked_backends(request: pytest.FixtureRequest) -> None:
    """`@pytest.mark.postgres` / `redis` tests skip where that service is not configured."""
    if request.node.get_closest_marker("postgres"):
        if not TEST_DATABASE_URL:
            pytest.skip("needs SKILLWISE_TEST_DATABASE_URL")
        if "stack" in request.fixturenames and not request.getfixturevalue("stack").is_postgres:
            pytest.skip("PostgreSQL only")
    if request.node.get_closest_marker("redis") and not TEST_REDIS_URL:
        pytest.skip("needs SKILLWISE_TEST_REDIS_URL")


def wipe(engine: Engine) -> None:
    tables = [table.name for table in metadata.sorted_tables]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
        else:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())


def wipe_redis(url: str, prefix: str) -> None:
    client = build_redis_client(url)
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def settings(stack: Stack, tmp_path: Path) -> Settings:
    return Settings(
        env="test",
        database_url=stack.database_url,
        redis_url=stack.redis_url,
        redis_prefix=f"skillwise-test-{uuid4().hex[:12]}:",
        secret_key="test-secret-key-that-is-long-enough-for-hs256",
        public_url="http://testserver",
        var_dir=tmp_path,
        task_backend="in_process",
        ratelimit_enabled=False,
        password_hash_profile="fast",
    )


@pytest.fixture
def outbox_mailer() -> RecordingMailer:
    """Every email the app sends during a test (delivered through the real outbox)."""
    return RecordingMailer()


@pytest.fixture
def container(settings: Settings, outbox_mailer: RecordingMailer) -> Iterator[Container]:
    container = Container()
    container.infra.settings.override(providers.Object(settings))
    container.infra.mailer.override(providers.Object(outbox_mailer))
    yield container
    engine = container.infra.engine()
    wipe(engine)
    engine.dispose()
    if settings.redis_url:
        wipe_redis(settings.redis_url, settings.redis_prefix)
    container.unwire()


@pytest.fixture
def app(container: Container) -> Flask:
    app = create_app(container)
    app.config["TESTING"] = True
    # A running deployment has filled the blocklist cache long ago; the first request of a
    # test must not pay for it (tests that count statements compare requests).
    refill = getattr(container.accounts.token_blocklist(), "refill", None)
    if refill is not None:
        refill()
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def uow_factory(container: Container) -> Callable:
    return container.infra.uow


@dataclass
class StatementCounter:
    count: int = 0
    statements: list[str] | None = None


@pytest.fixture
def count_statements(container: Container) -> Callable:
    """`with count_statements() as counter:` counts the SQL statements run inside the block."""
    engine = container.infra.engine()

    @contextmanager
    def counting() -> Iterator[StatementCounter]:
        counter = StatementCounter(statements=[])

        def record(_conn, _cursor, statement, *_args) -> None:
            counter.count += 1
            counter.statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting


@pytest.fixture
def settings_with(settings: Settings) -> Callable[..., Settings]:
    """Variations of the test settings, e.g. `settings_with(ratelimit_enabled=True)`."""
    return lambda **changes: replace(settings, **changes)


@pytest.fixture
def owned_redis(tmp_path: Path) -> Iterator[OwnedRedis]:
    """A redis-server of the test's own on a free port, to stop, pause and start again."""
    server = OwnedRedis(tmp_path)
    server.start()
    yield server
    server.resume()
    server.stop()
