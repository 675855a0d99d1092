"""How fast a purchase goes through, step by step, via the Flask test client.

    .venv/bin/python benchmarks/purchase_flow.py [--buyers 100]

For each of N new, verified buyers: log in (argon2id at its production cost), start a payment
for a paid course with the fake gateway, then pay on the fake checkout page, which signs a
webhook and runs it through the real handler (payment, enrollment, invoice, earning,
notification and receipt in one transaction; the receipt PDF is rendered by the in-process
task). Prints requests per second and p50/p95 latency per step on SQLite, and on PostgreSQL
(with Redis when SKILLWISE_TEST_REDIS_URL is set) when SKILLWISE_TEST_DATABASE_URL is set.
It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from dependency_injector import providers
from harness import measure, postgres_database, sqlite_database

from skillwise.adapters.db.migrate import upgrade
from skillwise.application.shared.mailer import EmailMessage
from skillwise.containers import Container
from skillwise.domain.catalog.course import Course, CourseLevel, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User
from skillwise.entrypoints.http.app import create_app
from skillwise.settings import Settings

PASSWORD = "Benchmark-password-1"


class DiscardingMailer:
    """Receipts are rendered and handed over as in production, then dropped."""

    def send(self, message: EmailMessage) -> None:
        assert message.attachments


def paid_course(teacher: User, now: datetime) -> tuple[Course, list[Module]]:
    course = Course(
        instructor_id=teacher.id,
        title="Benchmark course",
        slug=f"benchmark-{uuid4().hex[:8]}",
        category="programming",
        level=CourseLevel.BEGINNER,
        language="en",
        price=Money(1999, "USD"),
        created_at=now,
        updated_at=now,
        status=CourseStatus.PUBLISHED,
        published_at=now,
    )
    modules = []
    for m in range(2):
        module = Module(course_id=course.id, title=f"Module {m + 1}", position=m + 1)
        module.lessons = [
            Lesson(
                module_id=module.id,
                course_id=course.id,
                title=f"Lesson {n + 1}",
                position=n + 1,
                created_at=now,
                updated_at=now,
            )
            for n in range(3)
        ]
        modules.append(module)
    return course, modules


def run(name: str, database_url: str, redis_url: str | None, workdir: Path, buyers: int) -> None:
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
    )
    upgrade(database_url)
    container = Container()
    container.infra.settings.override(providers.Object(settings))
    container.infra.mailer.override(providers.Object(DiscardingMailer()))
    hasher = container.accounts.password_hasher()
    now = datetime.now(UTC)
    people = [
        User(
            email=Email(f"buyer-{n}-{uuid4().hex[:6]}@example.com"),
            full_name=f"Buyer {n}",
            password_hash=hasher.hash(PASSWORD),
            date_joined=now,
            email_verified=True,
        )
        for n in range(buyers + 20)
    ]
    teacher = User(
        email=Email(f"teacher-{uuid4().hex[:6]}@example.com"),
        full_name="Teacher",
        password_hash=hasher.hash(PASSWORD),
        date_joined=now,
        role=Role.INSTRUCTOR,
    )
    course, modules = paid_course(teacher, now)
    with container.infra.uow() as uow:
        uow.users.add(teacher)
        for person in people:
            uow.users.add(person)
        uow.courses.add(course)
        for module in modules:
            uow.modules.add(module)
            for lesson in module.lessons:
                uow.lessons.add(lesson)
        uow.commit()
    cache = "Redis" if redis_url else "in-process"
    print(f"{name}: {len(people)} buyers, one paid course; cache {cache}, tasks in-process")

    client = create_app(container).test_client()
    tokens: dict[int, str] = {}
    payments: dict[int, str] = {}

    def buyer(n: int) -> User:
        return people[n if n >= 0 else buyers - 1 - n]

    def log_in(n: int) -> int:
        answer = client.post(
            "/api/v1/auth/login/", json={"email": buyer(n).email.value, "password": PASSWORD}
        )
        tokens[n] = answer.json["access"]
        return answer.status_code

    def start(n: int) -> int:
        answer = client.post(
            "/api/v1/payments/create/",
            json={"course_id": str(course.id)},
            headers={"Authorization": f"Bearer {tokens[n]}"},
        )
        payments[n] = answer.json["id"]
        return answer.status_code

    def pay(n: int) -> int:
        return client.post(
            f"/api/v1/payments/fake/checkout/{payments[n]}/complete/",
            data={"outcome": "succeeded"},
        ).status_code

    measure("log in (argon2id)", buyers, log_in)
    measure("start a payment", buyers, start, expect=201)
    measure("pay: webhook to enrollment", buyers, pay)
    container.infra.engine().dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=100)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {args.buyers} buyers per step")
    with tempfile.TemporaryDirectory() as workdir:
        with sqlite_database(Path(workdir)) as url:
            run("SQLite", url, None, Path(workdir), args.buyers)
        postgres_url = os.environ.get("SKILLWISE_TEST_DATABASE_URL")
        if postgres_url:
            with postgres_database(postgres_url) as url:
                redis_url = os.environ.get("SKILLWISE_TEST_REDIS_URL")
                run("PostgreSQL", url, redis_url, Path(workdir), args.buyers)


if __name__ == "__main__":
    main()
