"""The benchmark's two PostgreSQL databases: made, migrated and seeded once per parameter set.

Each database carries the fingerprint of the parameters it was seeded with as its comment; a
run that finds the same fingerprint keeps the data, any other state is dropped and rebuilt.
Rows go in with COPY into the schema each app migrated for itself, then VACUUM ANALYZE, as a
deployment would after a bulk load; every run vacuums again after the migrations, which may
have rewritten rows, as autovacuum would have on a live server.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from catalog_data import Catalog, Parameters, generate
from psycopg import sql

SKILLWISE_DATABASE = "skillwise_bench"
DRF_DATABASE = "drf_bench"


def database_url(server_url: str, name: str, *, driver: str = "") -> str:
    parts = urlsplit(server_url)
    scheme = "postgresql" + (f"+{driver}" if driver else "")
    return urlunsplit((scheme, parts.netloc, f"/{name}", parts.query, ""))


def _fingerprint(server_url: str, name: str) -> str | None:
    with psycopg.connect(server_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (name,),
        ).fetchone()
    return None if row is None else (row[0] or "")


def _recreate(server_url: str, name: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _mark(url: str, name: str, fingerprint: str) -> None:
    _vacuum(url)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(fingerprint)
            )
        )


def _vacuum(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def _copy(cursor: psycopg.Cursor, table: str, columns: tuple[str, ...], rows) -> None:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


COURSE_COLUMNS = (
    "id",
    "instructor_id",
    "title",
    "slug",
    "subtitle",
    "description",
    "category",
    "level",
    "language",
    "price_minor",
    "currency",
    "thumbnail_url",
    "status",
    "published_at",
    "created_at",
    "updated_at",
    "rating_count",
    "rating_sum",
    "enrollment_count",
    "lesson_count",
    "total_duration_seconds",
)


def _seed_skillwise(url: str, catalog: Catalog) -> None:
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        _copy(
            cursor,
            "users",
            (
                "id",
                "email",
                "full_name",
                "password_hash",
                "role",
                "email_verified",
                "is_active",
                "bio",
                "avatar_url",
                "date_joined",
            ),
            catalog.users,
        )
        _copy(
            cursor,
            "courses",
            COURSE_COLUMNS,
            ([course[name] for name in COURSE_COLUMNS] for course in catalog.courses),
        )
        _copy(cursor, "modules", ("id", "course_id", "title", "position"), catalog.modules)
        _copy(
            cursor,
            "lessons",
            (
                "id",
                "module_id",
                "course_id",
                "title",
                "content",
                "video_url",
                "duration_seconds",
                "position",
                "is_preview",
                "created_at",
                "updated_at",
            ),
            catalog.lessons,
        )
        _copy(
            cursor,
            "enrollments",
            ("id", "user_id", "course_id", "status", "started_at", "completed_at", "updated_at"),
            catalog.enrollments,
        )
        _copy(
            cursor,
            "reviews",
            ("id", "user_id", "course_id", "rating", "comment", "created_at", "updated_at"),
            catalog.reviews,
        )


DRF_COURSE_COLUMNS = (
    "id",
    "instructor_id",
    "title",
    "slug",
    "subtitle",
    "category",
    "level",
    "language",
    "price_minor",
    "currency",
    "thumbnail_url",
    "status",
    "published_at",
    "created_at",
    "rating_count",
    "rating_sum",
    "enrollment_count",
    "lesson_count",
    "total_duration_seconds",
)


def _seed_drf(url: str, catalog: Catalog) -> None:
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        _copy(
            cursor,
            "drf_instructors",
            ("id", "full_name"),
            catalog.instructor_names.items(),
        )
        _copy(
            cursor,
            "drf_courses",
            DRF_COURSE_COLUMNS,
            ([course[name] for name in DRF_COURSE_COLUMNS] for course in catalog.courses),
        )


def prepare(
    server_url: str, parameters: Parameters, skillwise_bin: Path, apps_dir: Path
) -> tuple[str, str]:
    """Both databases migrated and seeded; returns their URLs (SkillWise's, DRF's)."""
    fingerprint = parameters.fingerprint()
    skillwise_url = database_url(server_url, SKILLWISE_DATABASE, driver="psycopg")
    drf_url = database_url(server_url, DRF_DATABASE)
    stale = [
        name
        for name in (SKILLWISE_DATABASE, DRF_DATABASE)
        if _fingerprint(server_url, name) != fingerprint
    ]
    for name in stale:
        _recreate(server_url, name)
    # Migrations run every time, so a schema change in the app (a new index) is measured.
    subprocess.run(
        [str(skillwise_bin / "skillwise"), "db", "upgrade"],
        env={**os.environ, "SKILLWISE_DATABASE_URL": skillwise_url},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--run-syncdb", "--no-input", "-v", "0"],
        env={**os.environ, **drf_environment(drf_url)},
        cwd=apps_dir,
        check=True,
    )
    if not stale:
        print(f"databases already seeded: {fingerprint}")
        _vacuum(database_url(server_url, SKILLWISE_DATABASE))
        _vacuum(drf_url)
        return skillwise_url, drf_url
    started = time.perf_counter()
    catalog = generate(parameters)
    print(
        f"seeding {len(catalog.courses):,} courses, {len(catalog.users):,} users, "
        f"{len(catalog.modules):,} modules, {len(catalog.lessons):,} lessons, "
        f"{len(catalog.enrollments):,} enrollments, {len(catalog.reviews):,} reviews"
    )
    if SKILLWISE_DATABASE in stale:
        _seed_skillwise(database_url(server_url, SKILLWISE_DATABASE), catalog)
        _mark(database_url(server_url, SKILLWISE_DATABASE), SKILLWISE_DATABASE, fingerprint)
    if DRF_DATABASE in stale:
        _seed_drf(drf_url, catalog)
        _mark(drf_url, DRF_DATABASE, fingerprint)
    print(f"seeded in {time.perf_counter() - started:.1f} s")
    return skillwise_url, drf_url


def drf_environment(drf_url: str) -> dict[str, str]:
    return {"DJANGO_SETTINGS_MODULE": "drf_courses.settings", "DRF_DATABASE_URL": drf_url}
