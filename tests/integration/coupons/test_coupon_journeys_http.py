"""Coupons over HTTP, end to end: made by the instructor, quoted, paid through Stripe's double
at the discounted total, webhook, enrollment with the discounted invoice; a coupon taking the
whole price off; an expired payment giving its use back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dependency_injector import providers

from skillwise.adapters.clock import SystemClock
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.entrypoints.schedule import worker_scheduler
from tests.factories import a_user, bearer
from tests.fakes.basics import FixedClock
from tests.integration.builders import a_coupon_over_http
from tests.integration.pdfs import pdf_text

pytestmark = pytest.mark.integration

API = "/api/v1"


def enrollment_status(uow_factory, user, course):
    with uow_factory() as uow:
        enrollment = uow.enrollments.get_for(user.id, course.id)
    return enrollment.status if enrollment else None


def test_coupon_quote_discounted_stripe_payment_webhook_and_the_discounted_invoice(
    stripe_app, stripe_api, shop, uow_factory
):
    client = stripe_app.test_client()
    teacher, buyer = bearer(stripe_app, shop.instructor), bearer(stripe_app, shop.buyer)
    coupon = a_coupon_over_http(
        client, teacher, code="flask25", kind="percent", value=25, course_id=str(shop.course.id)
    )
    assert (coupon["code"], coupon["redeemed"], coupon["reserved"]) == ("FLASK25", 0, 0)

    quote = client.get(f"{API}/courses/{shop.course.id}/quote/?coupon=Flask25", headers=buyer)
    # 25% of 1999 is 499.75, rounded half up to 500.
    assert quote.json == {
        "price": 1999,
        "discount": 500,
        "total": 1499,
        "currency": "USD",
        "coupon": "FLASK25",
    }

    created = client.post(
        f"{API}/payments/create/",
        json={"course_id": str(shop.course.id), "coupon": "flask25"},
        headers=buyer,
    )
    assert created.status_code == 201, created.json
    assert (created.json["amount"], created.json["price"], created.json["discount"]) == (
        1499,
        1999,
        500,
    )
    [intent] = stripe_api.payment_intents.values()
    assert (intent["amount"], intent["currency"]) == (1499, "usd")
    reserved = client.get(f"{API}/coupons/", headers=teacher).json["results"][0]
    assert (reserved["redeemed"], reserved["reserved"]) == (0, 1)

    body, headers = stripe_api.webhook(stripe_api.succeed(intent["id"]))
    delivered = client.post(f"{API}/payments/webhook/stripe/", data=body, headers=headers)

    assert [e["outcome"] for e in delivered.json["events"]] == ["applied"]
    payment = client.get(f"{API}/payments/{created.json['id']}/", headers=buyer).json
    assert (payment["status"], payment["amount"], payment["coupon"]) == (
        "succeeded",
        1499,
        "FLASK25",
    )
    assert enrollment_status(uow_factory, shop.buyer, shop.course) is EnrollmentStatus.ACTIVE
    invoice_url = f"{API}/payments/invoices/{payment['invoice_id']}/"
    invoice = client.get(invoice_url, headers=buyer).json
    assert {k: invoice[k] for k in ("price", "discount", "coupon", "total", "amount")} == {
        "price": 1999,
        "discount": 500,
        "coupon": "FLASK25",
        "total": 1499,
        "amount": 1499,
    }
    _, text = pdf_text(client.get(f"{invoice_url}?format=pdf", headers=buyer).data)
    assert "19.99 USD" in text
    assert "Discount (coupon FLASK25)" in text and "-5.00 USD" in text
    assert "Total" in text and "14.99 USD" in text
    earnings = client.get(f"{API}/instructors/earnings/", headers=teacher).json
    # The platform's 20% of 1499 is 299.8, rounded half up to 300.
    assert [(e["gross"], e["platform_fee"], e["net"]) for e in earnings["results"]] == [
        (1499, 300, 1199)
    ]
    redeemed = client.get(f"{API}/coupons/", headers=teacher).json["results"][0]
    assert (redeemed["redeemed"], redeemed["reserved"]) == (1, 0)


def test_a_coupon_taking_the_whole_price_off_enrolls_at_once_with_a_zero_invoice(
    stripe_app, stripe_api, shop, uow_factory
):
    client = stripe_app.test_client()
    admin, buyer = bearer(stripe_app, shop.admin), bearer(stripe_app, shop.buyer)
    a_coupon_over_http(client, admin, code="ONUS", kind="percent", value=100)

    created = client.post(
        f"{API}/payments/create/",
        json={"course_id": str(shop.course.id), "coupon": "onus"},
        headers=buyer,
    )

    assert created.status_code == 201, created.json
    assert (created.json["status"], created.json["amount"], created.json["discount"]) == (
        "succeeded",
        0,
        1999,
    )
    assert "client_secret" not in created.json
    assert stripe_api.payment_intents == {}
    assert enrollment_status(uow_factory, shop.buyer, shop.course) is EnrollmentStatus.ACTIVE
    payment = client.get(f"{API}/payments/{created.json['id']}/", headers=buyer).json
    invoice_url = f"{API}/payments/invoices/{payment['invoice_id']}/"
    invoice = client.get(invoice_url, headers=buyer)
    assert invoice.status_code == 200
    assert [invoice.json[k] for k in ("price", "discount", "coupon", "total")] == [
        1999,
        1999,
        "ONUS",
        0,
    ]
    _, text = pdf_text(client.get(f"{invoice_url}?format=pdf", headers=buyer).data)
    assert "Discount (coupon ONUS)" in text and "-19.99 USD" in text
    assert "0.00 USD" in text
    again = client.post(
        f"{API}/payments/create/",
        json={"course_id": str(shop.course.id), "coupon": "onus"},
        headers=buyer,
    )
    assert (again.status_code, again.json["error"]) == (409, "already_enrolled")


def test_an_expired_payment_gives_its_coupon_use_back(app, container, shop, uow_factory):
    client = app.test_client()
    teacher = bearer(app, shop.instructor)
    a_coupon_over_http(
        client,
        teacher,
        code="ONLYONE",
        kind="fixed",
        value=500,
        currency="USD",
        course_id=str(shop.course.id),
        max_redemptions=1,
    )
    create = {"course_id": str(shop.course.id), "coupon": "ONLYONE"}
    first = client.post(f"{API}/payments/create/", json=create, headers=bearer(app, shop.buyer))
    assert (first.status_code, first.json["amount"]) == (201, 1499)
    later = a_user()
    with uow_factory() as uow:
        uow.users.add(later)
        uow.commit()
    refused = client.post(f"{API}/payments/create/", json=create, headers=bearer(app, later))
    assert (refused.status_code, refused.json["error"]) == (422, "coupon_used_up")

    an_hour_on = FixedClock(SystemClock().now() + timedelta(minutes=61))
    container.infra.clock.override(providers.Object(an_hour_on))
    try:
        ran = worker_scheduler(container, relay_every=30).run_due()
    finally:
        container.infra.clock.reset_override()

    assert "payments-expire" in ran
    expired = client.get(f"{API}/payments/{first.json['id']}/", headers=bearer(app, shop.buyer))
    assert expired.json["status"] == "canceled"
    audit = client.get(
        f"{API}/admin/payments/{first.json['id']}/", headers=bearer(app, shop.admin)
    ).json
    assert [e["event_id"] for e in audit["events"]] == [f"expire:{first.json['id']}"]
    retried = client.post(f"{API}/payments/create/", json=create, headers=bearer(app, later))
    assert (retried.status_code, retried.json["amount"]) == (201, 1499)


def test_quote_refusals_answer_422_with_their_reason(client, app, shop):
    teacher = bearer(app, shop.instructor)
    a_coupon_over_http(
        client,
        teacher,
        code="USEDUP",
        kind="percent",
        value=10,
        course_id=str(shop.course.id),
        max_redemptions=1,
    )
    client.post(
        f"{API}/payments/create/",
        json={"course_id": str(shop.course.id), "coupon": "USEDUP"},
        headers=bearer(app, shop.buyer),
    )
    url = f"{API}/courses/{shop.course.id}/quote/"

    unknown = client.get(f"{url}?coupon=NOSUCH")
    used_up = client.get(f"{url}?coupon=usedup")
    plain = client.get(url)

    assert (unknown.status_code, unknown.json["error"]) == (422, "coupon_not_found")
    assert (used_up.status_code, used_up.json["error"]) == (422, "coupon_used_up")
    assert plain.json == {
        "price": 1999,
        "discount": 0,
        "total": 1999,
        "currency": "USD",
        "coupon": None,
    }
    assert plain.headers["Cache-Control"] == "private, no-store"
