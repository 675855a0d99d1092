"""Over HTTP: a buyer's refund request from asking to the money back, and a Stripe dispute
from opened (lessons answer 403 payment_disputed) to won and to lost."""

from __future__ import annotations

from uuid import UUID

import pytest
from sqlalchemy import update

from skillwise.adapters.db.tables.payments import payments
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.money import Money
from tests.doubles.stripe_api import StripeApiDouble
from tests.factories import an_outline, bearer
from tests.integration.builders import store_outline
from tests.integration.payments.storefront import (
    Storefront,
    enrollment_status,
)

pytestmark = pytest.mark.integration

API = "/api/v1"


@pytest.fixture
def lesson_id(shop, uow_factory) -> UUID:
    """A lesson of the shop's course that only enrolled students may read."""
    outline = an_outline(shop.course)
    with uow_factory() as uow:
        store_outline(uow, outline)
        uow.commit()
    return outline[0].lessons[1].id


def kinds(client, headers) -> list[str]:
    answer = client.get(f"{API}/notifications/", headers=headers)
    assert answer.status_code == 200, answer.json
    return [n["kind"] for n in answer.json["results"]]


def test_a_refund_request_from_asking_to_the_money_back(app, client, container, shop, uow_factory):
    buyer, admin = bearer(app, shop.buyer), bearer(app, shop.admin)
    payment_id = client.post(
        f"{API}/payments/create/", json={"course_id": str(shop.course.id)}, headers=buyer
    ).json["id"]
    body, headers = container.infra.gateways.fake().sign_event(
        UUID(payment_id), GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )
    client.post(f"{API}/payments/webhook/", data=body, headers=headers)
    url = f"{API}/payments/{payment_id}/refund-request/"

    asked = client.post(url, json={"reason": "The course is not what it said"}, headers=buyer)
    twice = client.post(url, json={"reason": "Again"}, headers=buyer)
    blank = client.post(url, json={"reason": ""}, headers=buyer)
    stranger = client.post(url, json={"reason": "Mine?"}, headers=bearer(app, shop.instructor))

    assert asked.status_code == 201, asked.json
    assert (asked.json["status"], asked.json["payment_id"]) == ("open", payment_id)
    assert (twice.status_code, twice.json["error"]) == (409, "refund_request_open")
    assert blank.status_code == 422
    assert (stranger.status_code, stranger.json["error"]) == (404, "payment_not_found")

    queue = client.get(f"{API}/admin/refund-requests/?status=open", headers=admin)
    assert queue.status_code == 200
    assert (queue.json["count"], queue.json["results"][0]["id"]) == (1, asked.json["id"])
    assert client.get(f"{API}/admin/refund-requests/", headers=buyer).status_code == 403

    decided = client.post(
        f"{API}/admin/refund-requests/{asked.json['id']}/",
        json={"decision": "approve", "note": "Sorry to see you go"},
        headers=admin,
    )
    again = client.post(
        f"{API}/admin/refund-requests/{asked.json['id']}/",
        json={"decision": "reject"},
        headers=admin,
    )

    assert decided.status_code == 200, decided.json
    assert (decided.json["status"], decided.json["decided_by"]) == ("approved", str(shop.admin.id))
    assert decided.json["refund_id"] is not None
    assert (again.status_code, again.json["error"]) == (409, "refund_request_decided")
    payment = client.get(f"{API}/payments/{payment_id}/", headers=buyer).json
    assert (payment["status"], payment["refunded_amount"]) == ("refunded", 1999)
    assert [r["id"] for r in payment["refunds"]] == [decided.json["refund_id"]]
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.REFUNDED
    told = kinds(client, buyer)
    assert "refund_request_approved" in told and "payment_refunded" in told
    open_now = client.get(f"{API}/admin/refund-requests/?status=open", headers=admin).json
    assert open_now["count"] == 0


def deliver(store: Storefront, stripe_api: StripeApiDouble, event: dict) -> list[str]:
    body, headers = stripe_api.webhook(event)
    return store.outcomes(store.client.post(f"{API}/payments/webhook/", data=body, headers=headers))


def my_enrollment_access(store: Storefront) -> tuple[str, str | None]:
    """The access the buyer's one enrollment shows, the same in the list and the detail."""
    listed = store.client.get(f"{API}/enrollments/", headers=store.buyer)
    assert listed.status_code == 200, listed.json
    [enrollment] = listed.json["results"]
    detail = store.client.get(f"{API}/enrollments/{enrollment['id']}/", headers=store.buyer)
    assert detail.status_code == 200, detail.json
    shown = (enrollment["access"], enrollment["suspension_reason"])
    assert (detail.json["access"], detail.json["suspension_reason"]) == shown
    return shown


def paid_at_stripe(store: Storefront, stripe_api: StripeApiDouble, shop) -> tuple[str, str]:
    created = store.create(shop.course)
    [intent_id] = stripe_api.payment_intents
    assert deliver(store, stripe_api, stripe_api.succeed(intent_id)) == ["applied"]
    return created["id"], intent_id


def test_a_dispute_suspends_the_lessons_and_winning_it_gives_them_back(
    stripe_store, stripe_api, shop, lesson_id, uow_factory
):
    payment_id, intent_id = paid_at_stripe(stripe_store, stripe_api, shop)
    lesson_url = f"{API}/lessons/{lesson_id}/"
    assert stripe_store.client.get(lesson_url, headers=stripe_store.buyer).status_code == 200
    # Named by its charge only, as disputes of older API versions are.
    opened = stripe_api.open_dispute(intent_id, name_the_payment_intent=False)
    dispute_id = opened["data"]["object"]["id"]

    assert deliver(stripe_store, stripe_api, opened) == ["applied"]
    assert deliver(stripe_store, stripe_api, opened) == ["duplicate"]
    held = stripe_store.client.get(lesson_url, headers=stripe_store.buyer)
    assert (held.status_code, held.json["error"]) == (403, "payment_disputed")
    assert my_enrollment_access(stripe_store) == ("suspended", "payment_disputed")
    audit = stripe_store.client.get(
        f"{API}/admin/payments/{payment_id}/", headers=stripe_store.admin
    ).json
    [dispute] = audit["payment"]["disputes"]
    assert (dispute["gateway_reference"], dispute["outcome"]) == (dispute_id, "open")

    assert deliver(
        stripe_store, stripe_api, stripe_api.update_dispute(dispute_id, "under_review")
    ) == ["applied"]
    assert deliver(stripe_store, stripe_api, stripe_api.update_dispute(dispute_id, "won")) == [
        "applied"
    ]

    assert stripe_store.client.get(lesson_url, headers=stripe_store.buyer).status_code == 200
    assert my_enrollment_access(stripe_store) == ("active", None)
    assert stripe_store.payment(payment_id)["status"] == "succeeded"
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.ACTIVE


def test_a_lost_dispute_ends_access_for_good_and_tells_the_admins(
    stripe_store, stripe_api, shop, lesson_id, uow_factory
):
    payment_id, intent_id = paid_at_stripe(stripe_store, stripe_api, shop)
    opened = stripe_api.open_dispute(intent_id)
    dispute_id = opened["data"]["object"]["id"]
    deliver(stripe_store, stripe_api, opened)

    assert deliver(stripe_store, stripe_api, stripe_api.update_dispute(dispute_id, "lost")) == [
        "applied"
    ]

    refused = stripe_store.client.get(f"{API}/lessons/{lesson_id}/", headers=stripe_store.buyer)
    assert (refused.status_code, refused.json["error"]) == (403, "not_enrolled")
    assert my_enrollment_access(stripe_store) == ("revoked", None)
    assert stripe_store.payment(payment_id)["status"] == "refunded"
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.REFUNDED
    earnings = stripe_store.client.get(
        f"{API}/instructors/earnings/", headers=stripe_store.instructor
    ).json
    assert sorted((e["kind"], e["net"]) for e in earnings["results"]) == [
        ("chargeback", -1599),
        ("sale", 1599),
    ]
    assert "dispute_lost" in kinds(stripe_store.client, stripe_store.admin)


def test_a_dispute_of_a_payment_that_kept_no_charge_id_is_found_by_asking_stripe(
    stripe_store, stripe_api, shop, uow_factory
):
    payment_id, intent_id = paid_at_stripe(stripe_store, stripe_api, shop)
    # As payments made before charge ids were kept have it.
    with uow_factory() as uow:
        uow.session.execute(
            update(payments).where(payments.c.id == UUID(payment_id)).values(charge_reference=None)
        )
        uow.commit()
    charge = stripe_api.payment_intents[intent_id]["latest_charge"]
    opened = stripe_api.open_dispute(intent_id, name_the_payment_intent=False)
    dispute_id = opened["data"]["object"]["id"]

    assert deliver(stripe_store, stripe_api, opened) == ["applied"]
    assert deliver(stripe_store, stripe_api, opened) == ["duplicate"]
    audit = stripe_store.client.get(
        f"{API}/admin/payments/{payment_id}/", headers=stripe_store.admin
    ).json
    assert audit["payment"]["charge_reference"] == charge
    [dispute] = audit["payment"]["disputes"]
    assert (dispute["gateway_reference"], dispute["outcome"]) == (dispute_id, "open")
    assert my_enrollment_access(stripe_store) == ("suspended", "payment_disputed")

    won = stripe_api.update_dispute(dispute_id, "won")
    assert deliver(stripe_store, stripe_api, won) == ["applied"]
    assert my_enrollment_access(stripe_store) == ("active", None)
    # Asked once: the payment kept the charge id for every later event.
    assert len(stripe_api.requests_to(f"/v1/charges/{charge}")) == 1


def test_a_dispute_of_a_charge_stripe_does_not_know_is_an_unknown_payment_once(
    stripe_store, stripe_api, shop
):
    paid_at_stripe(stripe_store, stripe_api, shop)
    stranger = stripe_api.dispute_of_another_account()

    assert deliver(stripe_store, stripe_api, stranger) == ["unknown_payment"]
    assert deliver(stripe_store, stripe_api, stranger) == ["duplicate"]
    assert my_enrollment_access(stripe_store) == ("active", None)


def test_a_pending_stripe_refund_keeps_access_until_stripe_says_it_succeeded(
    stripe_store, stripe_api, shop, uow_factory
):
    payment_id, _ = paid_at_stripe(stripe_store, stripe_api, shop)
    stripe_api.next_refund_status = "pending"

    answer = stripe_store.refund(payment_id)
    [stripe_refund] = stripe_api.refunds.values()
    charge_refunded = deliver(
        stripe_store, stripe_api, stripe_api.charge_refunded_event(stripe_refund["payment_intent"])
    )

    assert (answer.status_code, answer.json["status"]) == (200, "succeeded")
    assert [r["status"] for r in answer.json["refunds"]] == ["pending"]
    assert charge_refunded == ["ignored"]
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.ACTIVE

    settled = stripe_api.settle_refund(stripe_refund["id"], "succeeded")
    assert deliver(stripe_store, stripe_api, settled) == ["applied"]
    assert deliver(stripe_store, stripe_api, settled) == ["duplicate"]

    assert stripe_store.payment(payment_id)["status"] == "refunded"
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.REFUNDED


def test_a_pending_stripe_refund_that_fails_leaves_the_payment_succeeded_and_tells_the_admin(
    stripe_store, stripe_api, shop, uow_factory
):
    payment_id, _ = paid_at_stripe(stripe_store, stripe_api, shop)
    stripe_api.next_refund_status = "pending"
    stripe_store.refund(payment_id)
    [stripe_refund] = stripe_api.refunds.values()

    failed = stripe_api.settle_refund(
        stripe_refund["id"],
        "failed",
        failure_reason="expired_or_canceled_card",
        event_type="charge.refund.updated",
    )

    assert deliver(stripe_store, stripe_api, failed) == ["applied"]
    payment = stripe_store.payment(payment_id)
    assert (payment["status"], payment["refunded_amount"]) == ("succeeded", 0)
    assert payment["refunds"][0]["status"] == "failed"
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.ACTIVE
    assert "refund_failed" in kinds(stripe_store.client, stripe_store.admin)
    stripe_api.next_refund_status = "succeeded"
    retried = stripe_store.refund(payment_id)
    assert (retried.status_code, retried.json["status"]) == (200, "refunded")
    assert len(stripe_api.refunds) == 2
