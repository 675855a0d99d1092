"""Concurrent purchases with one coupon on PostgreSQL: its limit holds under the row lock.

Each thread sends its own request through its own test client, so each runs its own unit of
work on its own connection, as concurrent web requests do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from skillwise.adapters.db.tables.payments import invoices, payments
from tests.factories import a_user, bearer
from tests.integration.concurrency import all_at_once

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

API = "/api/v1"
BUYERS = 10
LIMIT = 3


def test_ten_buyers_at_once_never_use_a_coupon_more_than_its_limit(app, container, shop):
    buyers = [a_user() for _ in range(BUYERS)]
    with container.infra.uow() as uow:
        for buyer in buyers:
            uow.users.add(buyer)
        uow.commit()
    made = app.test_client().post(
        f"{API}/coupons/",
        json={
            "code": "FIRST3",
            "kind": "percent",
            "value": 30,
            "course_id": str(shop.course.id),
            "max_redemptions": LIMIT,
        },
        headers=bearer(app, shop.instructor),
    )
    assert made.status_code == 201, made.json
    answers = all_at_once([purchase(app, shop, "first3", bearer(app, buyer)) for buyer in buyers])

    outcomes = Counter(
        (answer.status_code, answer.json.get("error") or answer.json["amount"])
        for answer in answers
    )
    assert outcomes == {(201, 1399): LIMIT, (422, "coupon_used_up"): BUYERS - LIMIT}
    with container.infra.engine().connect() as connection:
        carrying = connection.execute(
            select(func.count()).select_from(payments).where(payments.c.coupon_code == "FIRST3")
        ).scalar_one()
    assert carrying == LIMIT
    listed = app.test_client().get(f"{API}/coupons/", headers=bearer(app, shop.instructor)).json
    assert listed["results"][0]["reserved"] == LIMIT


TAPS = 5


def purchase(app, shop, coupon: str, headers: dict) -> Callable:
    """One buyer's tap on Buy with a coupon, through a test client of its own."""
    return lambda: app.test_client().post(
        f"{API}/payments/create/",
        json={"course_id": str(shop.course.id), "coupon": coupon},
        headers=headers,
    )


def free_coupon(app, shop) -> None:
    made = app.test_client().post(
        f"{API}/coupons/",
        json={"code": "ONUS", "kind": "percent", "value": 100},
        headers=bearer(app, shop.admin),
    )
    assert made.status_code == 201, made.json


def test_taps_at_once_on_a_free_purchase_enroll_once_with_one_invoice(app, container, shop):
    free_coupon(app, shop)
    keyed_headers = {**bearer(app, shop.buyer), "Idempotency-Key": "tap"}
    keyed = all_at_once([purchase(app, shop, "onus", keyed_headers)] * TAPS)

    assert [answer.status_code for answer in keyed] == [201] * TAPS
    assert len({answer.json["id"] for answer in keyed}) == 1
    assert keyed[0].json["status"] == "succeeded"
    with container.infra.engine().connect() as connection:
        assert connection.execute(select(func.count()).select_from(invoices)).scalar_one() == 1
        assert connection.execute(select(func.count()).select_from(payments)).scalar_one() == 1


def test_taps_at_once_without_a_key_on_a_free_purchase_enroll_once(app, container, shop):
    free_coupon(app, shop)
    answers = all_at_once([purchase(app, shop, "onus", bearer(app, shop.buyer))] * TAPS)

    assert sorted(answer.status_code for answer in answers) == [201] + [409] * (TAPS - 1)
    with container.infra.engine().connect() as connection:
        assert connection.execute(select(func.count()).select_from(invoices)).scalar_one() == 1
