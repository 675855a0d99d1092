"""What each gateway is asked to charge, over HTTP: Stripe's units, the gateways' limits, and
retries that stay one idempotent request at Stripe."""

from __future__ import annotations

from dataclasses import replace

import pytest
from dependency_injector import providers

from skillwise.application.payments.gateway import GatewayUnavailable
from skillwise.domain.catalog.course import Course
from skillwise.domain.email_address import Email
from skillwise.domain.money import Money
from skillwise.entrypoints.http.app import create_app
from tests.doubles.sslcommerz_api import SslcommerzApiDouble
from tests.factories import a_course, bearer

pytestmark = pytest.mark.integration

API = "/api/v1"


def a_course_priced(uow_factory, shop, price: Money) -> Course:
    course = a_course(shop.instructor, price=price)
    with uow_factory() as uow:
        uow.courses.add(course)
        uow.commit()
    return course


@pytest.fixture
def stripe_client(container, stripe_settings, shop, stripe_gateway):
    container.infra.gateways.stripe.override(providers.Object(stripe_gateway))
    container.infra.settings.override(providers.Object(stripe_settings))
    app = create_app(container)
    return app.test_client(), bearer(app, shop.buyer)


@pytest.fixture
def sslcommerz_client(
    container, settings_with, shop, sslcommerz_api: SslcommerzApiDouble, sslcommerz_gateway
):
    container.infra.gateways.sslcommerz.override(providers.Object(sslcommerz_gateway))
    container.infra.settings.override(
        providers.Object(
            settings_with(
                payment_gateway="sslcommerz",
                sslcommerz_store_id=sslcommerz_api.store_id,
                sslcommerz_store_password=sslcommerz_api.store_password,
                sslcommerz_api_base=sslcommerz_api.base_url,
            )
        )
    )
    app = create_app(container)
    return app.test_client(), bearer(app, shop.buyer)


def create(client, buyer, course: Course, **headers):
    return client.post(
        f"{API}/payments/create/",
        json={"course_id": str(course.id)},
        headers={**buyer, **headers},
    )


@pytest.mark.parametrize(
    ("price", "sent"),
    [(Money(500000, "MGA"), (5000, "mga")), (Money(500, "JPY"), (500, "jpy"))],
)
def test_a_course_reaches_stripe_as_the_amount_stripe_means_and_its_payment_applies(
    stripe_client, stripe_api, shop, uow_factory, price, sent
):
    client, buyer = stripe_client
    course = a_course_priced(uow_factory, shop, price)

    created = create(client, buyer, course)

    assert created.status_code == 201, created.json
    assert (created.json["amount"], created.json["currency"]) == (
        price.amount_minor,
        price.currency,
    )
    [intent] = stripe_api.payment_intents.values()
    assert (intent["amount"], intent["currency"]) == sent
    body, headers = stripe_api.webhook(stripe_api.succeed(intent["id"]))
    delivered = client.post(f"{API}/payments/webhook/stripe/", data=body, headers=headers)
    assert [event["outcome"] for event in delivered.json["events"]] == ["applied"]
    payment = client.get(f"{API}/payments/{created.json['id']}/", headers=buyer).json
    assert payment["status"] == "succeeded"


@pytest.mark.parametrize(
    ("price", "reason"),
    [
        (Money(30, "USD"), "amount_out_of_range"),
        (Money(100_000_000, "USD"), "amount_out_of_range"),
        (Money(1234, "KWD"), "amount_not_chargeable"),
        (Money(100000, "IRR"), "currency_not_supported"),
    ],
)
def test_a_price_stripe_would_refuse_answers_422_and_asks_stripe_nothing(
    stripe_client, stripe_api, shop, uow_factory, price, reason
):
    client, buyer = stripe_client
    course = a_course_priced(uow_factory, shop, price)

    refused = create(client, buyer, course)

    assert (refused.status_code, refused.json["error"]) == (422, reason)
    assert stripe_api.received == []
    assert client.get(f"{API}/payments/history/", headers=buyer).json["count"] == 0


@pytest.mark.parametrize(
    ("price", "status", "reason"),
    [
        (Money(9_99, "BDT"), 422, "amount_out_of_range"),
        (Money(500_000_01, "BDT"), 422, "amount_out_of_range"),
        (Money(500, "JPY"), 422, "currency_not_supported"),
        (Money(10_00, "BDT"), 201, None),
        (Money(500, "USD"), 201, None),
    ],
)
def test_sslcommerz_takes_10_to_500000_bdt_and_the_currencies_it_converts(
    sslcommerz_client, sslcommerz_api, shop, uow_factory, price, status, reason
):
    client, buyer = sslcommerz_client
    course = a_course_priced(uow_factory, shop, price)

    answer = create(client, buyer, course)

    assert answer.status_code == status, answer.json
    assert answer.json.get("error") == reason
    assert len(sslcommerz_api.received) == (1 if status == 201 else 0)


def test_a_buyer_whose_email_changed_between_retries_gets_the_one_payment_intent(
    stripe_client, stripe_api, shop, uow_factory
):
    client, buyer = stripe_client
    stripe_api.lose_next_answer("/v1/payment_intents")
    retry = {"Idempotency-Key": "sheet-1"}

    lost = create(client, buyer, shop.course, **retry)
    with uow_factory() as uow:
        user = uow.users.get(shop.buyer.id)
        user.email = Email("nadia.new@example.org")
        uow.users.save(user)
        uow.commit()
    retried = create(client, buyer, shop.course, **retry)

    assert (lost.status_code, retried.status_code) == (503, 201), retried.json
    [intent] = stripe_api.payment_intents.values()
    assert retried.json["client_secret"] == intent["client_secret"]
    assert intent["receipt_email"] == "nadia.new@example.org"
    replayed = [
        sent
        for sent in stripe_api.requests_to("/v1/payment_intents")
        if sent.headers.get("idempotency-key") == f"skillwise-payment-{retried.json['id']}"
    ]
    assert len(replayed) == 2


def test_the_stripe_double_refuses_a_reused_key_with_other_parameters_as_stripe_does(
    stripe_api, stripe_gateway, make_checkout
):
    checkout = make_checkout()
    stripe_gateway.start_checkout(checkout)

    with pytest.raises(GatewayUnavailable, match="same parameters"):
        stripe_gateway.start_checkout(replace(checkout, amount=Money(2999, "USD")))
