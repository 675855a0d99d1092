"""How fast the catalog answers, through the Flask test client (no network, no server).

    .venv/bin/python benchmarks/catalog_list.py [--courses 1000] [--requests 300]

Seeds the demo catalog into a temporary SQLite database and, when SKILLWISE_TEST_DATABASE_URL
is set, into a temporary PostgreSQL database beside it (with Redis as the cache when
SKILLWISE_TEST_REDIS_URL is set too), then prints requests per second and p50/p95 latency for:
guests' list (served from the cache, and with a query the cache has not seen), a signed-in
list (always fresh), and a course detail for guests and signed-in users. It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from uuid import uuid4

from dependency_injector import providers
from flask.testing import FlaskClient
from flask_jwt_extended import create_access_token
from harness import measure, postgres_database, sqlite_database
from sqlalchemy import text

from skillwise.adapters.db.migrate import upgrade
from skillwise.adapters.redis_client import build_redis_client
from skillwise.containers import Container
from skillwise.entrypoints.demo.seeder import DemoSeeder
from skillwise.entrypoints.http.app import create_app
from skillwise.settings import Settings


def run(name: str, database_url: str, redis_url: str | None, workdir: Path, args) -> None:
    settings = Settings(
        env="benchmark",
        database_url=database_url,
        redis_url=redis_url,
        redis_prefix=f"skillwise-bench-{uuid4().hex[:12]}:",
        secret_key="benchmark-secret-key-that-is-long-enough-for-hs256",
        public_url="http://benchmark",
        var_dir=workdir,
        task_backend="in_process",
        ratelimit_enabled=False,
        password_hash_profile="fast",
    )
    upgrade(database_url)
    container = Container()
    container.infra.settings.override(providers.Object(settings))
    started = time.perf_counter()
    DemoSeeder(
        uow_factory=container.infra.uow,
        hasher=container.accounts.password_hasher(),
        clock=container.infra.clock(),
    )(courses=args.courses)
    seeded = time.perf_counter() - started
    if container.infra.engine().dialect.name == "postgresql":
        # Fresh statistics, as autovacuum would gather soon after a bulk load.
        with container.infra.engine().begin() as connection:
            connection.execute(text("ANALYZE"))
    cache = "Redis" if redis_url else "in-process"
    print(f"{name}: {args.courses} courses seeded in {seeded:.1f} s; cache {cache}")

    app = create_app(container)
    client: FlaskClient = app.test_client()
    with app.app_context():
        from skillwise.domain.email_address import Email

        with container.infra.uow() as uow:
            student = uow.users.get_by_email(Email("student@skillwise.local"))
        token = create_access_token(identity=str(student.id), additional_claims={"role": "student"})
    signed_in = {"Authorization": f"Bearer {token}"}
    page = {"page_size": args.page_size}
    listing = client.get("/api/v1/courses/", query_string={"page_size": 100}).json
    course_ids = [course["id"] for course in listing["results"]]

    def get(url: str, **kwargs) -> int:
        return client.get(url, **kwargs).status_code

    measure(
        "guest list (cached)",
        args.requests,
        lambda n: get("/api/v1/courses/", query_string=page),
    )
    measure(
        "guest list (uncached)",
        args.requests,
        lambda n: get("/api/v1/courses/", query_string={**page, "nonce": f"{name}-{n}"}),
    )
    measure(
        "signed-in list",
        args.requests,
        lambda n: get("/api/v1/courses/", query_string=page, headers=signed_in),
    )
    measure(
        "signed-in search + filter + -rating",
        args.requests,
        lambda n: get(
            "/api/v1/courses/",
            query_string={**page, "search": "python", "is_free": "false", "ordering": "-rating"},
            headers=signed_in,
        ),
    )
    measure(
        "guest detail (cached)",
        args.requests,
        lambda n: get(f"/api/v1/courses/{course_ids[n % len(course_ids)]}/"),
    )
    measure(
        "signed-in detail",
        args.requests,
        lambda n: get(f"/api/v1/courses/{course_ids[n % len(course_ids)]}/", headers=signed_in),
    )
    container.infra.engine().dispose()
    if redis_url:
        client_redis = build_redis_client(redis_url)
        keys = list(client_redis.scan_iter(match=f"{settings.redis_prefix}*", count=1000))
        if keys:
            client_redis.delete(*keys)
        client_redis.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--page-size", type=int, default=20)
    args = parser.parse_args()
    print(
        f"python {sys.version.split()[0]}, {args.requests} requests per line, page_size "
        f"{args.page_size}"
    )
    with tempfile.TemporaryDirectory() as workdir:
        with sqlite_database(Path(workdir)) as url:
            run("SQLite", url, None, Path(workdir), args)
        postgres_url = os.environ.get("SKILLWISE_TEST_DATABASE_URL")
        if postgres_url:
            with postgres_database(postgres_url) as url:
                redis_url = os.environ.get("SKILLWISE_TEST_REDIS_URL")
                run("PostgreSQL", url, redis_url, Path(workdir), args)


if __name__ == "__main__":
    main()
