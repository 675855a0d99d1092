"""Gateway events delivered by webhook show on /metrics by what applying them did."""

from uuid import UUID

import pytest
from dependency_injector import providers

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.domain.money import Money
from skillwise.entrypoints.http.app import create_app
from tests.factories import bearer
from tests.integration.hardening.test_metrics_http import TOKEN, sample, scrape

pytestmark = pytest.mark.integration

API = "/api/v1"
EVENTS = "skillwise_payment_events_total"


def test_webhook_events_are_counted_by_outcome(container, settings_with, shop):
    container.infra.settings.override(providers.Object(settings_with(metrics_token=TOKEN)))
    app = create_app(container)
    app.config["TESTING"] = True
    client = app.test_client()
    buyer = bearer(app, shop.buyer)
    payment_id = client.post(
        f"{API}/payments/create/", json={"course_id": str(shop.course.id)}, headers=buyer
    ).json["id"]
    body, headers = container.infra.gateways.fake().sign_event(
        UUID(payment_id), GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )
    before = scrape(client)

    client.post(f"{API}/payments/webhook/", data=body, headers=headers)
    client.post(f"{API}/payments/webhook/", data=body, headers=headers)
    after = scrape(client)

    def grew(outcome: str) -> float:
        return sample(after, EVENTS, outcome=outcome) - sample(before, EVENTS, outcome=outcome)

    assert (grew("applied"), grew("duplicate"), grew("ignored")) == (1, 1, 0)
