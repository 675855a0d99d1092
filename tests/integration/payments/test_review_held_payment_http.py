"""POST /admin/payments/{id}/review/: an admin settles a payment SSLCOMMERZ held for review.

The hold comes from a risk_level 1 IPN through the real SSLCOMMERZ adapter and its API double.
"""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from skillwise.domain.enrollments import EnrollmentStatus
from tests.integration.payments.storefront import API, Storefront, enrollment_status
from tests.integration.payments.test_gateway_journeys import (
    bdt_course,
    open_sslcommerz_payment,
    ssl_store,
)

pytestmark = pytest.mark.integration

# Fixtures shared with the gateway journeys: pytest finds them by name in this module.
__all__ = ["bdt_course", "ssl_store"]


def held_payment(store: Storefront, sslcommerz_api, course) -> str:
    created, tran_id = open_sslcommerz_payment(store, course)
    answer = store.client.post(
        f"{API}/payments/webhook/sslcommerz/", data=sslcommerz_api.pay(tran_id, risk_level="1")
    )
    assert store.outcomes(answer) == ["held_for_review"]
    return created["id"]


def review(store: Storefront, payment_id: str, headers=None, **body):
    return store.client.post(
        f"{API}/admin/payments/{payment_id}/review/",
        json=body,
        headers=headers or store.admin,
    )


def audit(store: Storefront, payment_id: str) -> dict:
    answer = store.client.get(f"{API}/admin/payments/{payment_id}/", headers=store.admin)
    assert answer.status_code == 200, answer.json
    return answer.json


def test_a_risky_payment_approved_by_an_admin_enrolls_the_buyer_with_an_invoice(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory, outbox_mailer
):
    payment_id = held_payment(ssl_store, sslcommerz_api, bdt_course)
    held = audit(ssl_store, payment_id)["payment"]
    assert (held["status"], held["needs_review"]) == ("pending", True)
    assert held["review_reason"] == "the gateway holds the payment for a risk review"
    assert enrollment_status(uow_factory, shop, bdt_course) is None

    approved = review(ssl_store, payment_id, decision="approve", note="Confirmed with the bank")
    again = review(ssl_store, payment_id, decision="approve")

    assert approved.status_code == 200, approved.json
    body = approved.json
    assert (body["id"], body["status"], body["needs_review"]) == (payment_id, "succeeded", False)
    assert body["invoice_id"] is not None and body["paid_at"] is not None
    assert (again.status_code, again.json["invoice_id"]) == (200, body["invoice_id"])
    assert enrollment_status(uow_factory, shop, bdt_course) is EnrollmentStatus.ACTIVE
    bank_tran_id = sslcommerz_api.attempts[-1]["bank_tran_id"]
    invoice = ssl_store.client.get(
        f"{API}/payments/invoices/{body['invoice_id']}/", headers=ssl_store.buyer
    ).json
    assert (invoice["payment_id"], invoice["gateway_reference"]) == (payment_id, bank_tran_id)
    [receipt] = outbox_mailer.to(shop.buyer.email.value)
    assert receipt.attachments[0].filename == f"{invoice['number']}.pdf"
    events = audit(ssl_store, payment_id)["events"]
    assert [(e["gateway"], e["event_id"], e["outcome"]) for e in events][-1] == (
        "sslcommerz",
        f"admin-review:{payment_id}",
        "applied",
    )
    assert events[-1]["detail"].startswith(f"approved by admin {shop.admin.id}; succeeded")
    assert events[-1]["detail"].endswith("note: Confirmed with the bank")


def test_an_approved_payment_is_refunded_at_the_gateway_under_its_bank_transaction(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory
):
    payment_id = held_payment(ssl_store, sslcommerz_api, bdt_course)
    review(ssl_store, payment_id, decision="approve")
    sslcommerz_api.next_refund_status = "success"

    refunded = ssl_store.refund(payment_id)

    assert (refunded.status_code, refunded.json["status"]) == (200, "refunded")
    [gateway_refund] = sslcommerz_api.refunds.values()
    assert gateway_refund["bank_tran_id"] == sslcommerz_api.attempts[-1]["bank_tran_id"]
    assert enrollment_status(uow_factory, shop, bdt_course) is EnrollmentStatus.REFUNDED


def test_a_rejected_payment_fails_without_enrolling_and_the_buyer_is_told(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory
):
    payment_id = held_payment(ssl_store, sslcommerz_api, bdt_course)

    without_note = review(ssl_store, payment_id, decision="reject")
    rejected = review(ssl_store, payment_id, decision="reject", note="Card reported stolen")
    then_approved = review(ssl_store, payment_id, decision="approve")

    assert (without_note.status_code, without_note.json["error"]) == (422, "note_required")
    assert rejected.status_code == 200, rejected.json
    assert (rejected.json["status"], rejected.json["needs_review"]) == ("failed", False)
    assert rejected.json["invoice_id"] is None
    assert (then_approved.status_code, then_approved.json["error"]) == (409, "already_reviewed")
    assert enrollment_status(uow_factory, shop, bdt_course) is None
    assert ssl_store.payment(payment_id)["status"] == "failed"
    with uow_factory() as uow:
        assert uow.invoices.get_for_payment(UUID(payment_id)) is None
    notices = ssl_store.client.get(f"{API}/notifications/", headers=ssl_store.buyer).json
    assert [n["kind"] for n in notices["results"]] == ["payment_rejected"]
    last = audit(ssl_store, payment_id)["events"][-1]
    assert (last["kind"], last["outcome"]) == ("failed", "applied")
    assert last["detail"].endswith("note: Card reported stolen")


def test_a_student_may_not_review_a_payment(ssl_store, sslcommerz_api, bdt_course):
    payment_id = held_payment(ssl_store, sslcommerz_api, bdt_course)

    answer = review(ssl_store, payment_id, ssl_store.buyer, decision="approve")

    assert answer.status_code == 403
    assert audit(ssl_store, payment_id)["payment"]["needs_review"] is True


def test_a_payment_not_held_for_review_is_a_conflict_and_an_unknown_one_is_not_found(
    ssl_store, bdt_course
):
    created, _ = open_sslcommerz_payment(ssl_store, bdt_course)

    not_held = review(ssl_store, created["id"], decision="approve")
    unknown = review(ssl_store, str(uuid4()), decision="approve")
    bad_decision = review(ssl_store, created["id"], decision="maybe")
    long_note = review(ssl_store, created["id"], decision="approve", note="x" * 501)

    assert (not_held.status_code, not_held.json["error"]) == (409, "not_held_for_review")
    assert unknown.status_code == 404
    assert (bad_decision.status_code, long_note.status_code) == (422, 422)
    assert ssl_store.payment(created["id"])["status"] == "pending"


def test_the_review_endpoint_is_in_the_openapi_spec(ssl_store):
    spec = ssl_store.client.get(f"{API}/openapi.json").json

    operation = spec["paths"]["/api/v1/admin/payments/{payment_id}/review/"]["post"]

    assert {"200", "404", "409", "422"} <= set(operation["responses"])
    assert operation["summary"].startswith("Decide a payment held for review")
    assert (
        "ReviewDecision"
        in operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    )


def test_admins_list_the_payments_waiting_for_their_decision(ssl_store, sslcommerz_api, bdt_course):
    payment_id = held_payment(ssl_store, sslcommerz_api, bdt_course)

    def waiting() -> list[str]:
        answer = ssl_store.client.get(
            f"{API}/admin/payments/?needs_review=true", headers=ssl_store.admin
        )
        assert answer.status_code == 200
        return [row["id"] for row in answer.json["results"]]

    assert waiting() == [payment_id]
    assert review(ssl_store, payment_id, decision="approve").status_code == 200
    assert waiting() == []
