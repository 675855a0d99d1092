"""Concurrent requests on PostgreSQL: one event, one key, one invoice sequence.

Each thread sends its own request through its own test client, so each runs its own unit of
work on its own connection, as concurrent web requests do.
"""

from __future__ import annotations

from collections import Counter
from uuid import UUID

import pytest
from sqlalchemy import func, select

from skillwise.adapters.db.tables.payments import (
    earnings,
    invoices,
    payment_events,
    payment_idempotency_keys,
    payments,
)
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.domain.money import Money
from tests.factories import a_course, a_user, bearer
from tests.integration.concurrency import each_at_once

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

API = "/api/v1"
CONCURRENCY = 20


def count(container, table, *conditions) -> int:
    with container.infra.engine().connect() as connection:
        return connection.execute(
            select(func.count()).select_from(table).where(*conditions)
        ).scalar_one()


def test_twenty_concurrent_deliveries_of_one_event_apply_it_once(
    app, client, container, shop, uow_factory, outbox_mailer
):
    payment_id = client.post(
        f"{API}/payments/create/",
        json={"course_id": str(shop.course.id)},
        headers=bearer(app, shop.buyer),
    ).json["id"]
    body, headers = container.infra.gateways.fake().sign_event(
        UUID(payment_id), GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )

    answers = each_at_once(
        CONCURRENCY,
        lambda _: app.test_client().post(f"{API}/payments/webhook/", data=body, headers=headers),
    )

    assert [answer.status_code for answer in answers] == [200] * CONCURRENCY
    outcomes = Counter(answer.json["events"][0]["outcome"] for answer in answers)
    assert outcomes == {"applied": 1, "duplicate": CONCURRENCY - 1}
    with uow_factory() as uow:
        assert uow.payments.get(UUID(payment_id)).status.value == "succeeded"
        assert uow.courses.get(shop.course.id).enrollment_count == 1
        assert uow.enrollments.get_for(shop.buyer.id, shop.course.id) is not None
    assert count(container, payment_events) == 1
    assert count(container, invoices) == 1
    assert count(container, earnings) == 1
    assert len(outbox_mailer.to(shop.buyer.email.value)) == 1


def test_twenty_concurrent_creates_with_one_key_make_one_payment(app, container, shop):
    headers = {**bearer(app, shop.buyer), "Idempotency-Key": "tap-tap-tap"}

    answers = each_at_once(
        CONCURRENCY,
        lambda _: app.test_client().post(
            f"{API}/payments/create/", json={"course_id": str(shop.course.id)}, headers=headers
        ),
    )

    assert [answer.status_code for answer in answers] == [201] * CONCURRENCY
    bodies = {tuple(sorted(answer.json.items())) for answer in answers}
    assert len(bodies) == 1
    assert count(container, payments) == 1
    assert count(container, payment_idempotency_keys) == 1


def test_twenty_concurrent_creates_without_a_key_meet_on_one_open_payment(app, container, shop):
    headers = bearer(app, shop.buyer)

    answers = each_at_once(
        CONCURRENCY,
        lambda _: app.test_client().post(
            f"{API}/payments/create/", json={"course_id": str(shop.course.id)}, headers=headers
        ),
    )

    assert [answer.status_code for answer in answers] == [201] * CONCURRENCY
    assert len({answer.json["id"] for answer in answers}) == 1
    assert count(container, payments) == 1


def test_invoice_numbers_stay_gapless_and_unique_under_twenty_concurrent_purchases(
    app, container, shop, uow_factory
):
    buyers = [a_user() for _ in range(CONCURRENCY)]
    courses = [
        a_course(shop.instructor, price=Money(1000 + index, "USD")) for index in range(CONCURRENCY)
    ]
    with uow_factory() as uow:
        for buyer, course in zip(buyers, courses, strict=True):
            uow.users.add(buyer)
            uow.courses.add(course)
        uow.commit()
    client = app.test_client()
    signed = []
    for buyer, course in zip(buyers, courses, strict=True):
        payment_id = client.post(
            f"{API}/payments/create/",
            json={"course_id": str(course.id)},
            headers=bearer(app, buyer),
        ).json["id"]
        signed.append(
            container.infra.gateways.fake().sign_event(
                UUID(payment_id), GatewayEventKind.SUCCEEDED, course.price
            )
        )

    answers = each_at_once(
        CONCURRENCY,
        lambda index: app.test_client().post(
            f"{API}/payments/webhook/", data=signed[index][0], headers=signed[index][1]
        ),
    )

    assert [answer.json["events"][0]["outcome"] for answer in answers] == ["applied"] * 20
    with container.infra.engine().connect() as connection:
        numbers = sorted(connection.execute(select(invoices.c.number)).scalars())
    year = numbers[0][4:8]
    assert numbers == [f"INV-{year}-{sequence:06d}" for sequence in range(1, CONCURRENCY + 1)]
