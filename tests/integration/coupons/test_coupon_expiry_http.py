"""Expiry and late successes through the Stripe double, on SQLite and PostgreSQL: an expired
payment's PaymentIntent is canceled at Stripe, an intent paid before the cancel is
fulfilled, and a success after the coupon's last use went to someone else enrolls the buyer
without the coupon ever counting more uses than `max_redemptions`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dependency_injector import providers

from skillwise.adapters.clock import SystemClock
from skillwise.domain.enrollments import EnrollmentStatus
from tests.factories import a_user, bearer
from tests.fakes.basics import FixedClock
from tests.integration.builders import a_coupon_over_http

pytestmark = pytest.mark.integration

API = "/api/v1"


@pytest.fixture
def one_use(stripe_app, shop):
    """A coupon with a single use on the shop's course (1999 USD, 500 off)."""
    a_coupon_over_http(
        stripe_app.test_client(),
        bearer(stripe_app, shop.instructor),
        code="ONLYONE",
        kind="fixed",
        value=500,
        currency="USD",
        course_id=str(shop.course.id),
        max_redemptions=1,
    )
    return {"course_id": str(shop.course.id), "coupon": "ONLYONE"}


def another_buyer(uow_factory):
    buyer = a_user()
    with uow_factory() as uow:
        uow.users.add(buyer)
        uow.commit()
    return buyer


def expire_an_hour_on(container) -> list:
    container.infra.clock.override(
        providers.Object(FixedClock(SystemClock().now() + timedelta(minutes=61)))
    )
    try:
        return container.payments.expire_open_payments()()
    finally:
        container.infra.clock.reset_override()


def coupon_uses(client, headers) -> tuple[int, int]:
    listed = client.get(f"{API}/coupons/", headers=headers).json["results"][0]
    return listed["redeemed"], listed["reserved"]


def deliver(client, stripe_api, event) -> list[str]:
    body, headers = stripe_api.webhook(event)
    answer = client.post(f"{API}/payments/webhook/stripe/", data=body, headers=headers)
    assert answer.status_code == 200, answer.json
    return [e["outcome"] for e in answer.json["events"]]


def test_expiry_cancels_the_payment_intent_at_stripe_and_frees_the_use(
    stripe_app, stripe_api, shop, container, uow_factory, one_use
):
    client = stripe_app.test_client()
    created = client.post(
        f"{API}/payments/create/", json=one_use, headers=bearer(stripe_app, shop.buyer)
    ).json
    [intent] = stripe_api.payment_intents.values()

    assert [str(p) for p in expire_an_hour_on(container)] == [created["id"]]

    assert stripe_api.cancellations == [intent["id"]]
    assert (intent["status"], intent["cancellation_reason"]) == ("canceled", "abandoned")
    mine = client.get(f"{API}/payments/{created['id']}/", headers=bearer(stripe_app, shop.buyer))
    assert mine.json["status"] == "canceled"
    later = bearer(stripe_app, another_buyer(uow_factory))
    retried = client.post(f"{API}/payments/create/", json=one_use, headers=later)
    assert (retried.status_code, retried.json["amount"]) == (201, 1499)


def test_an_intent_paid_before_the_cancel_is_fulfilled_rather_than_expired(
    stripe_app, stripe_api, shop, container, uow_factory, one_use
):
    client = stripe_app.test_client()
    teacher = bearer(stripe_app, shop.instructor)
    created = client.post(
        f"{API}/payments/create/", json=one_use, headers=bearer(stripe_app, shop.buyer)
    ).json
    [intent] = stripe_api.payment_intents.values()
    # Paid at Stripe, but the webhook is still on its way when the expiry runs.
    delayed = stripe_api.succeed(intent["id"])

    assert expire_an_hour_on(container) == []

    assert stripe_api.cancellations == [] and intent["status"] == "succeeded"
    paid = client.get(f"{API}/payments/{created['id']}/", headers=bearer(stripe_app, shop.buyer))
    assert (paid.json["status"], paid.json["invoice_id"] is not None) == ("succeeded", True)
    with uow_factory() as uow:
        enrollment = uow.enrollments.get_for(shop.buyer.id, shop.course.id)
    assert enrollment.status is EnrollmentStatus.ACTIVE
    assert deliver(client, stripe_api, delayed) == ["ignored"]
    assert coupon_uses(client, teacher) == (1, 0)


def test_a_late_success_after_the_use_went_to_someone_else_never_exceeds_the_limit(
    stripe_app, stripe_api, shop, container, uow_factory, one_use
):
    client = stripe_app.test_client()
    teacher, admin = bearer(stripe_app, shop.instructor), bearer(stripe_app, shop.admin)
    first = client.post(
        f"{API}/payments/create/", json=one_use, headers=bearer(stripe_app, shop.buyer)
    ).json
    first_intent = stripe_api.payment_intents[first["client_secret"].split("_secret_")[0]]
    # The first card is declined: the payment fails and its use is free again.
    assert deliver(client, stripe_api, stripe_api.decline(first_intent["id"])) == ["applied"]
    other = bearer(stripe_app, another_buyer(uow_factory))
    second = client.post(f"{API}/payments/create/", json=one_use, headers=other).json
    second_intent = second["client_secret"].split("_secret_")[0]
    assert deliver(client, stripe_api, stripe_api.succeed(second_intent)) == ["applied"]
    assert coupon_uses(client, teacher) == (1, 0)

    # The first buyer retries another card on the same PaymentIntent, and it goes through.
    assert deliver(client, stripe_api, stripe_api.succeed(first_intent["id"])) == ["applied"]

    assert coupon_uses(client, teacher) == (1, 0)
    paid = client.get(f"{API}/payments/{first['id']}/", headers=bearer(stripe_app, shop.buyer))
    assert (paid.json["status"], paid.json["amount"], paid.json["coupon_beyond_limit"]) == (
        "succeeded",
        1499,
        True,
    )
    with uow_factory() as uow:
        enrollment = uow.enrollments.get_for(shop.buyer.id, shop.course.id)
    assert enrollment.status is EnrollmentStatus.ACTIVE
    invoice = client.get(
        f"{API}/payments/invoices/{paid.json['invoice_id']}/",
        headers=bearer(stripe_app, shop.buyer),
    ).json
    assert (invoice["price"], invoice["discount"], invoice["total"]) == (1999, 500, 1499)
    audit = client.get(f"{API}/admin/payments/{first['id']}/", headers=admin).json
    assert "coupon ONLYONE honoured beyond its limit" in audit["events"][-1]["detail"]
    assert stripe_api.refunds == {}
