"""Bursts of distinct events and refunds for one payment on PostgreSQL, events for payments
this platform does not know, and signed events that are malformed.

Each thread sends its own request through its own test client, so each runs its own unit of
work on its own connection, as concurrent web requests do.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from uuid import UUID, uuid4

import pytest
from sqlalchemy import func, select

from skillwise.adapters.db.tables.payments import earnings, invoices, payment_events, refunds
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.domain.money import Money
from tests.factories import bearer
from tests.integration.concurrency import each_at_once

pytestmark = pytest.mark.integration

API = "/api/v1"


def rows(container, table, *conditions) -> int:
    with container.infra.engine().connect() as connection:
        return connection.execute(
            select(func.count()).select_from(table).where(*conditions)
        ).scalar_one()


def started_payment(app, client, shop) -> UUID:
    answer = client.post(
        f"{API}/payments/create/",
        json={"course_id": str(shop.course.id)},
        headers=bearer(app, shop.buyer),
    )
    assert answer.status_code == 201, answer.json
    return UUID(answer.json["id"])


def paid_payment(app, client, container, shop) -> UUID:
    payment_id = started_payment(app, client, shop)
    body, headers = container.infra.gateways.fake().sign_event(
        payment_id, GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )
    assert client.post(f"{API}/payments/webhook/", data=body, headers=headers).status_code == 200
    return payment_id


@pytest.mark.postgres
def test_twenty_concurrent_distinct_events_for_one_payment_all_answer_200_with_one_enrollment(
    app, client, container, shop, uow_factory
):
    payment_id = started_payment(app, client, shop)
    fake = container.infra.gateways.fake()
    # As Stripe bursts payment_intent.succeeded, charge.succeeded, charge.refunded ...: many
    # distinct events about one payment at the same moment.
    kinds = [GatewayEventKind.SUCCEEDED] * 12 + [GatewayEventKind.REFUNDED] * 4
    kinds += [GatewayEventKind.CANCELED] * 4
    signed = [
        fake.sign_event(payment_id, kind, Money(1999, "USD"), event_id=f"evt_burst_{index}")
        for index, kind in enumerate(kinds)
    ]

    answers = each_at_once(
        len(signed),
        lambda index: app.test_client().post(
            f"{API}/payments/webhook/", data=signed[index][0], headers=signed[index][1]
        ),
    )

    assert [answer.status_code for answer in answers] == [200] * len(signed)
    outcomes = Counter(answer.json["events"][0]["outcome"] for answer in answers)
    assert outcomes["applied"] in (1, 2), outcomes  # the success, and a cancel before it
    assert sum(outcomes.values()) == 20
    with uow_factory() as uow:
        assert uow.payments.get(payment_id).status.value == "succeeded"
        assert uow.courses.get(shop.course.id).enrollment_count == 1
        assert uow.enrollments.get_for(shop.buyer.id, shop.course.id).grants_access
    assert rows(container, payment_events) == 20
    assert rows(container, invoices) == 1
    assert rows(container, earnings) == 1


@pytest.mark.postgres
def test_ten_concurrent_partial_refunds_never_add_up_to_more_than_was_paid(
    app, client, container, shop, uow_factory
):
    payment_id = paid_payment(app, client, container, shop)
    admin = bearer(app, shop.admin)

    answers = each_at_once(
        10,
        lambda _: app.test_client().post(
            f"{API}/admin/payments/{payment_id}/refund/",
            json={"amount": 300, "currency": "USD", "reason": "partial"},
            headers=admin,
        ),
    )

    statuses = Counter(answer.status_code for answer in answers)
    assert statuses == {200: 6, 409: 4}, [a.json for a in answers]
    assert {a.json["error"] for a in answers if a.status_code == 409} == {"refund_exceeds_payment"}
    assert rows(container, refunds) == 6
    with uow_factory() as uow:
        payment = uow.payments.get(payment_id)
        assert (payment.status.value, payment.refunded_minor) == ("succeeded", 1800)
        assert uow.enrollments.get_for(shop.buyer.id, shop.course.id).grants_access
    with container.infra.engine().connect() as connection:
        reversed_gross = connection.execute(
            select(func.sum(earnings.c.gross_minor)).where(earnings.c.kind == "refund")
        ).scalar_one()
    assert reversed_gross == -1800
    last = client.post(
        f"{API}/admin/payments/{payment_id}/refund/", json={"amount": 199}, headers=admin
    )
    assert (last.status_code, last.json["status"], last.json["refunded_amount"]) == (
        200,
        "refunded",
        1999,
    )


def test_a_signed_event_for_a_payment_we_do_not_know_answers_200_and_is_logged(
    client, container, caplog
):
    stranger = uuid4()
    body, headers = container.infra.gateways.fake().sign_event(
        stranger, GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )

    with caplog.at_level(logging.WARNING):
        answer = client.post(f"{API}/payments/webhook/", data=body, headers=headers)
        again = client.post(f"{API}/payments/webhook/", data=body, headers=headers)

    assert answer.status_code == 200, answer.json
    assert answer.json["events"] == [
        {
            "event_id": f"evt_succeeded_{stranger.hex}",
            "outcome": "unknown_payment",
            "payment_id": None,
        }
    ]
    assert again.json["events"][0]["outcome"] == "duplicate"
    assert any(
        "names no payment of ours" in record.getMessage() and record.levelno == logging.WARNING
        for record in caplog.records
    )
    assert rows(container, payment_events, payment_events.c.payment_id.is_(None)) == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda event: event.update(created=1e300),
        lambda event: event.pop("payment_id"),
        lambda event: event.update(amount="lots"),
        lambda event: event.update(type="exploded"),
    ],
    ids=["created=1e300", "no payment", "amount not a number", "unknown type"],
)
def test_a_signed_event_that_is_malformed_answers_400_and_changes_nothing(
    client, container, app, shop, mangle
):
    payment_id = started_payment(app, client, shop)
    fake = container.infra.gateways.fake()
    body, _ = fake.sign_event(payment_id, GatewayEventKind.SUCCEEDED, Money(1999, "USD"))
    event = json.loads(body)
    mangle(event)
    mangled = json.dumps(event).encode()
    # Signed now, so only what the body says can make it fail.
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "skillwise-signature": f"t={timestamp},v1={fake._signature(timestamp, mangled)}",
    }

    answer = client.post(f"{API}/payments/webhook/", data=mangled, headers=headers)

    assert (answer.status_code, answer.json["error"]) == (400, "invalid_webhook")
    assert rows(container, payment_events) == 0
