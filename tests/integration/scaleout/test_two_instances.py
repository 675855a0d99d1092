"""Two web instances and two workers on one PostgreSQL and Redis, as behind a load balancer.

Each instance is a `skillwise serve` process of its own on a free loopback port; each worker a
`skillwise worker`. Nothing is shared between them but the database and Redis, so what one
instance does must be seen, and not repeated, by the other.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from uuid import UUID

import pytest
import requests
from sqlalchemy import func, select

from skillwise.adapters.db.tables.core import enrollments, outbox
from skillwise.adapters.db.tables.payments import invoices, payment_events
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.receipts import RECEIPT_TOPIC
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import a_course, a_user, bearer
from tests.integration.concurrency import all_at_once

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.redis]

BUYERS = 4
DELIVERIES = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            if requests.get(f"{url}/health/ready", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not become ready")


@pytest.fixture
def environment(settings, tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "SKILLWISE_ENV": "test",
        "SKILLWISE_DATABASE_URL": settings.database_url,
        "SKILLWISE_REDIS_URL": settings.redis_url or "",
        "SKILLWISE_REDIS_PREFIX": settings.redis_prefix,
        "SKILLWISE_SECRET_KEY": settings.secret_key,
        "SKILLWISE_PUBLIC_URL": settings.public_url,
        "SKILLWISE_VAR_DIR": str(tmp_path),
        "SKILLWISE_TASK_BACKEND": "dramatiq",
        "SKILLWISE_RATELIMIT_ENABLED": "false",
        "SKILLWISE_EMAIL_BACKEND": "console",
    }


@pytest.fixture
def instances(environment, tmp_path) -> Iterator[list[str]]:
    """Two web instances and two workers; yields the instances' base URLs."""
    cli = [sys.executable, "-m", "skillwise.entrypoints.cli"]
    processes, urls = [], []
    try:
        for index in range(2):
            port = free_port()
            env = {**environment, "HOST": "127.0.0.1", "PORT": str(port)}
            log = (tmp_path / f"web{index}.log").open("w")
            processes.append(
                subprocess.Popen(
                    [*cli, "serve", "--workers", "1", "--threads", "8", "--without-worker"],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for index in range(2):
            log = (tmp_path / f"worker{index}.log").open("w")
            processes.append(
                subprocess.Popen(
                    [*cli, "worker", "--processes", "1", "--threads", "2"],
                    env=environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        for url, process in zip(urls, processes, strict=False):
            wait_until_ready(url, process)
        yield urls
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def count(container, table, *conditions) -> int:
    with container.infra.engine().connect() as connection:
        return connection.execute(
            select(func.count()).select_from(table).where(*conditions)
        ).scalar_one()


def test_two_instances_and_two_workers_apply_each_purchase_once(
    instances, app, container, uow_factory
):
    started = time.monotonic()
    instructor = a_user(Role.INSTRUCTOR)
    course = a_course(instructor, price=Money(1999, "USD"), title="Practical Flask APIs")
    buyers = [a_user() for _ in range(BUYERS)]
    with uow_factory() as uow:
        for user in (instructor, *buyers):
            uow.users.add(user)
        uow.courses.add(course)
        uow.commit()

    # Every buyer pays at once, half through each instance.
    created = all_at_once(
        [
            lambda buyer=buyer, url=instances[index % 2]: requests.post(
                f"{url}/api/v1/payments/create/",
                json={"course_id": str(course.id)},
                headers=bearer(app, buyer),
                timeout=30,
            )
            for index, buyer in enumerate(buyers)
        ]
    )
    assert [answer.status_code for answer in created] == [201] * BUYERS, [a.text for a in created]
    payment_ids = [UUID(answer.json()["id"]) for answer in created]

    # Each payment's success event reaches both instances twenty times, all at once.
    fake = container.infra.gateways.fake()
    deliveries = []
    for payment_id in payment_ids:
        body, headers = fake.sign_event(payment_id, GatewayEventKind.SUCCEEDED, Money(1999, "USD"))
        deliveries += [
            lambda url=instances[n % 2], body=body, headers=headers: requests.post(
                f"{url}/api/v1/payments/webhook/", data=body, headers=headers, timeout=30
            )
            for n in range(DELIVERIES)
        ]
    answers = all_at_once(deliveries)
    assert [a.status_code for a in answers] == [200] * len(deliveries)
    outcomes = Counter(a.json()["events"][0]["outcome"] for a in answers)
    assert outcomes == {"applied": BUYERS, "duplicate": BUYERS * (DELIVERIES - 1)}

    assert count(container, payment_events) == BUYERS
    assert count(container, invoices) == BUYERS
    assert count(container, enrollments, enrollments.c.course_id == course.id) == BUYERS
    assert count(container, outbox, outbox.c.topic == RECEIPT_TOPIC) == BUYERS
    deadline = time.monotonic() + 30
    delivered = 0
    while time.monotonic() < deadline:
        delivered = count(
            container,
            outbox,
            outbox.c.topic == RECEIPT_TOPIC,
            outbox.c.delivered_at.is_not(None),
        )
        if delivered == BUYERS:
            break
        time.sleep(0.3)
    assert delivered == BUYERS
    with uow_factory() as uow:
        assert uow.courses.get(course.id).enrollment_count == BUYERS

    # A change made through one instance is what the other's guest cache answers next.
    detail = f"/api/v1/courses/{course.id}/"
    assert requests.get(instances[1] + detail, timeout=10).json()["title"] == course.title
    changed = requests.patch(
        instances[0] + detail,
        json={"title": "Flask APIs at scale"},
        headers=bearer(app, instructor),
        timeout=10,
    )
    assert changed.status_code == 200, changed.text
    assert requests.get(instances[1] + detail, timeout=10).json()["title"] == "Flask APIs at scale"

    print(
        f"\n{len(deliveries)} webhook deliveries ({DELIVERIES} per payment, split over 2 "
        f"instances) for {BUYERS} concurrent purchases: {dict(outcomes)}; "
        f"{BUYERS} enrollments, {BUYERS} invoices, {delivered} receipts delivered by the "
        f"workers; {time.monotonic() - started:.1f} s"
    )
