"""The app on a primary and a real streaming replica of it, both clusters this module owns.

The primary is migrated; the standby, a `pg_basebackup -R` copy, follows it. Pausing the
standby's replay shows which reads it answers: signed-in catalog reads miss a new course until
replay resumes, while the writer's own answers and guests' cache fills, read on the primary,
see it at once. The lag is measured over twenty writes; a stopped replica only degrades
readiness, and its reads go to the primary.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

import pytest
from dependency_injector import providers
from sqlalchemy import text

from skillwise.adapters.db.migrate import upgrade
from skillwise.adapters.db.replica import reading_the_primary
from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.app import create_app
from skillwise.entrypoints.http.examples import NEW_COURSE_REQUEST
from skillwise.settings import Settings
from tests.fakes.basics import RecordingMailer
from tests.integration.builders import Builder
from tests.integration.owned_replication import (
    OwnedStandby,
    autocommit_engine,
    replicating_primary,
    wait_until_replayed,
)

pytestmark = pytest.mark.integration

API = "/api/v1"
WRITES = 20
VISIBLE_WITHIN_SECONDS = 5.0


@pytest.fixture(scope="module")
def clusters() -> Iterator[tuple]:
    primary = replicating_primary()
    try:
        standby = OwnedStandby(primary)
        try:
            standby.start()
            upgrade(primary.url)
            yield primary, standby
        finally:
            standby.remove()
    finally:
        primary.remove()


@pytest.fixture(scope="module")
def servers(clusters):
    """Direct connections to each server, for replay control and replay positions."""
    primary, standby = clusters
    on_primary, on_standby = autocommit_engine(primary.url), autocommit_engine(standby.url)
    wait_until_replayed(on_primary, on_standby)
    yield on_primary, on_standby
    on_primary.dispose()
    on_standby.dispose()


@pytest.fixture(scope="module")
def replicated_app(clusters, tmp_path_factory):
    primary, standby = clusters
    settings = Settings(
        env="test",
        database_url=primary.url,
        database_replica_url=standby.url,
        secret_key="test-secret-key-that-is-long-enough-for-hs256",
        public_url="http://testserver",
        var_dir=tmp_path_factory.mktemp("var"),
        task_backend="in_process",
        ratelimit_enabled=False,
        password_hash_profile="fast",
    )
    container = Container()
    container.infra.settings.override(providers.Object(settings))
    container.infra.mailer.override(providers.Object(RecordingMailer()))
    app = create_app(container)
    app.config["TESTING"] = True
    yield app, container
    container.infra.engine().dispose()
    container.infra.replica_engine().dispose()
    container.unwire()


@pytest.fixture
def build(replicated_app) -> Builder:
    app, container = replicated_app
    return Builder(container.infra.uow, app)


def in_recovery(session_factory) -> bool:
    with session_factory() as session:
        return session.execute(text("SELECT pg_is_in_recovery()")).scalar_one()


def test_read_models_read_the_replica_and_the_unit_of_work_the_primary(replicated_app):
    _, container = replicated_app
    read_sessions = container.infra.read_session_factory()
    assert in_recovery(read_sessions) is True
    assert in_recovery(container.infra.session_factory()) is False
    with reading_the_primary():
        assert in_recovery(read_sessions) is False
    with container.infra.uow() as uow:
        assert uow.session.execute(text("SELECT pg_is_in_recovery()")).scalar_one() is False


def test_while_replay_is_paused_signed_in_reads_miss_a_new_course_its_writer_and_guests_see(
    replicated_app, servers, build
):
    app, _ = replicated_app
    on_primary, on_standby = servers
    client = app.test_client()
    instructor = build.user(Role.INSTRUCTOR)
    as_instructor, as_student = build.auth(instructor), build.auth(build.user(Role.STUDENT))
    wait_until_replayed(on_primary, on_standby)

    with on_standby.connect() as connection:
        connection.execute(text("SELECT pg_wal_replay_pause()"))
    try:
        course = build.course(instructor, title="Streaming replication in practice")
        url = f"{API}/courses/{course.id}/"

        signed_in = client.get(f"{API}/courses/?page_size=100", headers=as_student)
        assert signed_in.status_code == 200
        assert str(course.id) not in {item["id"] for item in signed_in.json["results"]}
        assert client.get(url, headers=as_student).status_code == 404

        updated = client.patch(
            url, json={"subtitle": "Read your own writes"}, headers=as_instructor
        )
        assert updated.status_code == 200, updated.json
        assert updated.json["subtitle"] == "Read your own writes"
        created = client.post(f"{API}/courses/", json=NEW_COURSE_REQUEST, headers=as_instructor)
        assert created.status_code == 201, created.json
        assert created.json["title"] == NEW_COURSE_REQUEST["title"]

        guest = client.get(url)  # rendered for the shared cache: on the primary
        assert guest.status_code == 200
        assert guest.json["subtitle"] == "Read your own writes"
    finally:
        with on_standby.connect() as connection:
            connection.execute(text("SELECT pg_wal_replay_resume()"))

    deadline = time.monotonic() + VISIBLE_WITHIN_SECONDS
    while (seen := client.get(url, headers=as_student)).status_code == 404:
        assert time.monotonic() < deadline, "the replica never showed the course"
        time.sleep(0.01)
    assert seen.status_code == 200
    assert seen.json["subtitle"] == "Read your own writes"


def test_the_replica_shows_a_committed_course_within_milliseconds(replicated_app, build):
    _, container = replicated_app
    read_sessions = container.infra.read_session_factory()
    instructor = build.user(Role.INSTRUCTOR)
    lags = []
    # One replica connection for all the writes, so that only replay is timed, not connecting.
    with read_sessions() as session:
        assert session.execute(text("SELECT pg_is_in_recovery()")).scalar_one()
        for _ in range(WRITES):
            course = build.course(instructor, modules=0)
            committed = time.monotonic()
            while not session.execute(
                text("SELECT EXISTS (SELECT 1 FROM courses WHERE id = :id)"), {"id": course.id}
            ).scalar_one():
                assert time.monotonic() - committed < VISIBLE_WITHIN_SECONDS
            lags.append(time.monotonic() - committed)
    median, worst = statistics.median(lags) * 1000, max(lags) * 1000
    print(f"\nreplica lag over {WRITES} writes: median {median:.2f} ms, max {worst:.2f} ms")
    assert worst < VISIBLE_WITHIN_SECONDS * 1000


def test_a_stopped_replica_degrades_readiness_and_its_reads_go_to_the_primary(
    clusters, replicated_app, servers, build
):
    app, _ = replicated_app
    _, standby = clusters
    client = app.test_client()
    assert client.get("/health/ready").json == {
        "status": "ok",
        "checks": {"database": "ok", "replica": "ok"},
    }
    standby.stop()
    try:
        course = build.course()
        as_student = build.auth(build.user(Role.STUDENT))
        started = time.monotonic()
        detail = client.get(f"{API}/courses/{course.id}/", headers=as_student)
        assert detail.status_code == 200, detail.json
        assert time.monotonic() - started < 2.0
        ready = client.get("/health/ready")
        assert ready.status_code == 200
        assert ready.json == {
            "status": "degraded",
            "checks": {"database": "ok", "replica": "unavailable"},
        }
    finally:
        standby.start()
    wait_until_replayed(*servers)
    assert client.get("/health/ready").json["checks"]["replica"] == "ok"
