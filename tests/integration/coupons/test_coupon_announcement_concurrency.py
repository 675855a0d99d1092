"""Coupons that start later are announced exactly once, even by runs of the job at once on
several workers: on PostgreSQL, where those runs really overlap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dependency_injector import providers

from skillwise.adapters.clock import SystemClock
from tests.factories import bearer
from tests.fakes.basics import FixedClock
from tests.integration.builders import a_coupon_over_http
from tests.integration.concurrency import all_at_once

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

API = "/api/v1"
COUPONS = 6
RUNS = 4


def test_runs_at_once_announce_each_started_coupon_once(app, container, shop):
    client = app.test_client()
    assert client.post(
        f"{API}/wishlist/",
        json={"course_id": str(shop.course.id)},
        headers=bearer(app, shop.buyer),
    ).status_code in (200, 201)
    starts = (SystemClock().now() + timedelta(hours=1)).isoformat()
    made = {
        a_coupon_over_http(
            client,
            bearer(app, shop.instructor),
            code=f"SOON{index}",
            kind="percent",
            value=10 + index,
            course_id=str(shop.course.id),
            starts_at=starts,
        )["id"]
        for index in range(COUPONS)
    }
    container.infra.clock.override(
        providers.Object(FixedClock(SystemClock().now() + timedelta(hours=2)))
    )
    try:
        runs = all_at_once(
            [lambda: container.coupons.announce_started_coupons()() for _ in range(RUNS)]
        )
        again = container.coupons.announce_started_coupons()()
    finally:
        container.infra.clock.reset_override()

    announced = [str(coupon_id) for ids in runs for coupon_id in ids]
    assert sorted(announced) == sorted(made)
    assert again == []
    inbox = client.get(f"{API}/notifications/?page_size=100", headers=bearer(app, shop.buyer)).json[
        "results"
    ]
    drops = [n["data"]["coupon"] for n in inbox if n["kind"] == "price_drop"]
    assert sorted(drops) == sorted(f"SOON{i}" for i in range(COUPONS))
