"""Concurrent purchases with one coupon on PostgreSQL: its limit holds under the row lock.

Each thread sends its own request through its own test client, so each runs its own unit of
work on its own connection, as concurrent web requests do.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from skillwise.adapters.db.tables.payments import payments
from tests.factories import a_user, bearer

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
    tokens = [bearer(app, buyer) for buyer in buyers]
    barrier = threading.Barrier(BUYERS)

    def buy(index: int):
        barrier.wait()
        return app.test_client().post(
            f"{API}/payments/create/",
            json={"course_id": str(shop.course.id), "coupon": "first3"},
            headers=tokens[index],
        )

    with ThreadPoolExecutor(max_workers=BUYERS) as pool:
        answers = list(pool.map(buy, range(BUYERS)))

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
