"""The real Stripe and SSLCOMMERZ adapters, against their local API doubles, end to end over HTTP.

create -> the buyer pays at the gateway -> signed webhook or IPN -> enrolled, invoice, earning,
receipt with the PDF -> refund -> access ends; and forged webhooks that change nothing.
"""

from __future__ import annotations

from uuid import UUID

import pytest
from click.testing import CliRunner
from dependency_injector import providers

from skillwise.adapters.payments.sslcommerz_transactions import transaction_id
from skillwise.domain.catalog.course import Course
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.money import Money
from skillwise.entrypoints import cli
from tests.doubles.sslcommerz_api import SslcommerzApiDouble
from tests.factories import a_course
from tests.integration.payments.storefront import Storefront, enrollment_status, storefront

pytestmark = pytest.mark.integration

API = "/api/v1"


# --- Stripe ---


def test_stripe_purchase_from_payment_sheet_to_refund(
    stripe_store, stripe_api, shop, uow_factory, outbox_mailer
):
    created = stripe_store.create(shop.course)
    assert (created["gateway"], created["amount"], created["currency"]) == ("stripe", 1999, "USD")
    assert created["publishable_key"] == stripe_api.publishable_key
    assert created["customer"].startswith("cus_")
    assert created["ephemeral_key"].startswith("ek_test")
    [intent] = stripe_api.payment_intents.values()
    assert created["client_secret"] == intent["client_secret"]
    assert (intent["amount"], intent["currency"]) == (1999, "usd")
    assert intent["metadata"]["payment_id"] == created["id"]

    body, headers = stripe_api.webhook(stripe_api.succeed(intent["id"]))
    delivered = stripe_store.client.post(f"{API}/payments/webhook/", data=body, headers=headers)
    redelivered = stripe_store.client.post(
        f"{API}/payments/webhook/stripe/", data=body, headers=headers
    )

    assert stripe_store.outcomes(delivered) == ["applied"]
    assert stripe_store.outcomes(redelivered) == ["duplicate"]
    payment = stripe_store.payment(created["id"])
    assert payment["status"] == "succeeded" and payment["invoice_id"]
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.ACTIVE
    invoice = stripe_store.client.get(
        f"{API}/payments/invoices/{payment['invoice_id']}/", headers=stripe_store.buyer
    ).json
    assert (invoice["gateway"], invoice["gateway_reference"]) == ("stripe", intent["id"])
    [receipt] = outbox_mailer.to(shop.buyer.email.value)
    assert receipt.attachments[0].content.startswith(b"%PDF")
    earnings = stripe_store.client.get(
        f"{API}/instructors/earnings/", headers=stripe_store.instructor
    ).json
    assert [(e["gross"], e["net"]) for e in earnings["results"]] == [(1999, 1599)]

    refunded = stripe_store.refund(created["id"])

    assert (refunded.status_code, refunded.json["status"]) == (200, "refunded")
    [stripe_refund] = stripe_api.refunds.values()
    assert (stripe_refund["payment_intent"], stripe_refund["amount"]) == (intent["id"], 1999)
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.REFUNDED

    body, headers = stripe_api.webhook(stripe_api.charge_refunded_event(intent["id"]))
    late = stripe_store.client.post(f"{API}/payments/webhook/", data=body, headers=headers)

    assert stripe_store.outcomes(late) == ["ignored"]
    earnings = stripe_store.client.get(
        f"{API}/instructors/earnings/", headers=stripe_store.instructor
    ).json
    assert sorted(e["net"] for e in earnings["results"]) == [-1599, 1599]


def test_a_stripe_refund_made_at_stripe_first_makes_our_refund_a_no_op(
    stripe_store, stripe_api, stripe_gateway, shop, uow_factory
):
    created = stripe_store.create(shop.course)
    [intent_id] = stripe_api.payment_intents
    body, headers = stripe_api.webhook(stripe_api.succeed(intent_id))
    stripe_store.client.post(f"{API}/payments/webhook/", data=body, headers=headers)
    dashboard = stripe_api._create_refund({"payment_intent": intent_id})

    body, headers = stripe_api.webhook(stripe_api.charge_refunded_event(intent_id))
    charge_refunded = stripe_store.client.post(
        f"{API}/payments/webhook/", data=body, headers=headers
    )
    body, headers = stripe_api.webhook(stripe_api.refund_event(dashboard["id"]))
    refund_created = stripe_store.client.post(
        f"{API}/payments/webhook/", data=body, headers=headers
    )
    ours = stripe_store.refund(created["id"])

    assert stripe_store.outcomes(charge_refunded) == ["ignored"]
    assert stripe_store.outcomes(refund_created) == ["applied"]
    assert (ours.status_code, ours.json["status"]) == (200, "refunded")
    [recorded] = ours.json["refunds"]
    assert (recorded["gateway_reference"], recorded["status"]) == (dashboard["id"], "succeeded")
    assert len(stripe_api.refunds) == 1
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.REFUNDED


def test_a_stripe_refund_while_stripe_is_down_answers_503_and_changes_nothing(
    stripe_store, stripe_api, shop, uow_factory
):
    created = stripe_store.create(shop.course)
    [intent_id] = stripe_api.payment_intents
    body, headers = stripe_api.webhook(stripe_api.succeed(intent_id))
    stripe_store.client.post(f"{API}/payments/webhook/", data=body, headers=headers)
    stripe_api.fail_next(1, status=500)

    refused = stripe_store.refund(created["id"])

    assert (refused.status_code, refused.json["error"]) == (503, "gateway_unavailable")
    payment = stripe_store.payment(created["id"])
    assert payment["status"] == "succeeded"
    assert [r["status"] for r in payment["refunds"]] == ["failed"]
    assert enrollment_status(uow_factory, shop, shop.course) is EnrollmentStatus.ACTIVE


def test_a_stripe_checkout_while_stripe_is_down_answers_503_and_a_retry_succeeds(
    stripe_store, stripe_api, shop
):
    stripe_api.fail_next(1, status=500)
    headers = {**stripe_store.buyer, "Idempotency-Key": "sheet-1"}
    url = f"{API}/payments/create/"

    down = stripe_store.client.post(url, json={"course_id": str(shop.course.id)}, headers=headers)
    retried = stripe_store.client.post(
        url, json={"course_id": str(shop.course.id)}, headers=headers
    )

    assert (down.status_code, down.json["error"]) == (503, "gateway_unavailable")
    assert retried.status_code == 201 and retried.json["client_secret"]
    assert len(stripe_api.payment_intents) == 1


def test_a_late_stripe_failure_never_undoes_the_success(stripe_store, stripe_api, shop):
    created = stripe_store.create(shop.course)
    [intent_id] = stripe_api.payment_intents
    failed_event = stripe_api.decline(intent_id)
    body, headers = stripe_api.webhook(stripe_api.succeed(intent_id))
    stripe_store.client.post(f"{API}/payments/webhook/", data=body, headers=headers)

    body, headers = stripe_api.webhook(failed_event)
    late = stripe_store.client.post(f"{API}/payments/webhook/", data=body, headers=headers)

    assert stripe_store.outcomes(late) == ["ignored"]
    assert stripe_store.payment(created["id"])["status"] == "succeeded"


@pytest.mark.parametrize("forgery", ["tampered body", "other secret", "no signature"])
def test_a_forged_stripe_webhook_changes_nothing(
    stripe_store, stripe_api, shop, uow_factory, forgery
):
    created = stripe_store.create(shop.course)
    [intent_id] = stripe_api.payment_intents
    event = stripe_api.succeed(intent_id)
    body, headers = stripe_api.webhook(
        event, secret="whsec_forger" if forgery == "other secret" else None
    )
    if forgery == "tampered body":
        body = body.replace(b'"amount_received": 1999', b'"amount_received": 1')
    if forgery == "no signature":
        headers = {"content-type": "application/json"}

    answer = stripe_store.client.post(f"{API}/payments/webhook/stripe/", data=body, headers=headers)

    assert (answer.status_code, answer.json["error"]) == (400, "invalid_webhook")
    assert stripe_store.payment(created["id"])["status"] == "pending"
    assert enrollment_status(uow_factory, shop, shop.course) is None
    with uow_factory() as uow:
        assert uow.payment_events.for_payment(UUID(created["id"])) == []


def test_reconcile_catches_up_on_a_stripe_payment_whose_webhook_never_came(
    stripe_store, stripe_api, container, shop, monkeypatch
):
    created = stripe_store.create(shop.course)
    [intent_id] = stripe_api.payment_intents
    stripe_api.succeed(intent_id)
    monkeypatch.setattr(cli, "_container", lambda: container)
    runner = CliRunner()

    report = runner.invoke(cli.main, ["payments", "reconcile", "--older-than", "0"])
    assert stripe_store.payment(created["id"])["status"] == "pending"
    applied = runner.invoke(cli.main, ["payments", "reconcile", "--older-than", "0", "--apply"])

    assert report.exit_code == 0, report.output
    assert f"{created['id']}  stripe" in report.output and "would apply" in report.output
    assert applied.exit_code == 0, applied.output
    assert "applied" in applied.output
    assert stripe_store.payment(created["id"])["status"] == "succeeded"


def test_reconcile_leaves_payments_younger_than_the_cutoff(stripe_store, container, shop):
    created = stripe_store.create(shop.course)

    lines = container.payments.reconcile_payments()(older_than_minutes=30, apply=True)

    assert lines == []
    assert stripe_store.payment(created["id"])["status"] == "pending"


# --- SSLCOMMERZ ---


@pytest.fixture
def bdt_course(shop, uow_factory) -> Course:
    course = a_course(shop.instructor, price=Money(150000, "BDT"), title="Data Analysis in Bangla")
    with uow_factory() as uow:
        uow.courses.add(course)
        uow.commit()
    return course


@pytest.fixture
def ssl_store(
    container, settings_with, shop, sslcommerz_api: SslcommerzApiDouble, sslcommerz_gateway
) -> Storefront:
    container.infra.gateways.sslcommerz.override(providers.Object(sslcommerz_gateway))
    return storefront(
        container,
        settings_with(
            payment_gateway="sslcommerz",
            sslcommerz_store_id=sslcommerz_api.store_id,
            sslcommerz_store_password=sslcommerz_api.store_password,
            sslcommerz_api_base=sslcommerz_api.base_url,
        ),
        shop,
    )


def open_sslcommerz_payment(ssl_store, course) -> tuple[dict, str]:
    created = ssl_store.create(course)
    tran_id = transaction_id(UUID(created["id"]))
    return created, tran_id


def test_sslcommerz_purchase_from_gateway_page_to_refund(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory, outbox_mailer, container, monkeypatch
):
    created, tran_id = open_sslcommerz_payment(ssl_store, bdt_course)
    session = sslcommerz_api.session_for(tran_id)
    assert created["checkout_url"].startswith(sslcommerz_api.base_url)
    assert (session["total_amount"], session["currency"]) == ("1500.00", "BDT")
    assert session["ipn_url"].endswith("/api/v1/payments/webhook/sslcommerz/")

    ipn = sslcommerz_api.pay(tran_id)
    delivered = ssl_store.client.post(f"{API}/payments/webhook/sslcommerz/", data=ipn)
    landing = ssl_store.client.post(f"{API}/payments/sslcommerz/success/", data=ipn)
    shared = ssl_store.client.post(f"{API}/payments/webhook/", data=ipn)

    assert ssl_store.outcomes(delivered) == ["applied"]
    assert landing.status_code == 200 and "Payment succeeded" in landing.get_data(as_text=True)
    assert ssl_store.outcomes(shared) == ["duplicate"]
    payment = ssl_store.payment(created["id"])
    assert (payment["status"], payment["amount"], payment["currency"]) == (
        "succeeded",
        150000,
        "BDT",
    )
    assert enrollment_status(uow_factory, shop, bdt_course) is EnrollmentStatus.ACTIVE
    invoice = ssl_store.client.get(
        f"{API}/payments/invoices/{payment['invoice_id']}/", headers=ssl_store.buyer
    ).json
    assert invoice["gateway_reference"] == sslcommerz_api.attempts[-1]["bank_tran_id"]
    [receipt] = outbox_mailer.to(shop.buyer.email.value)
    assert receipt.attachments[0].filename == f"{invoice['number']}.pdf"

    processing = ssl_store.refund(created["id"])

    # SSLCOMMERZ answers APIConnect=DONE with status processing: the money is on its way.
    assert (processing.status_code, processing.json["status"]) == (200, "succeeded")
    [refund] = processing.json["refunds"]
    assert refund["status"] == "pending"
    [gateway_refund] = sslcommerz_api.refunds.values()
    assert gateway_refund["bank_tran_id"] == sslcommerz_api.attempts[-1]["bank_tran_id"]
    assert refund["gateway_reference"] == gateway_refund["refund_ref_id"]
    assert enrollment_status(uow_factory, shop, bdt_course) is EnrollmentStatus.ACTIVE
    again = ssl_store.refund(created["id"])
    assert (again.status_code, again.json["error"]) == (409, "refund_exceeds_payment")
    assert len(sslcommerz_api.refunds) == 1

    sslcommerz_api.settle_refund(gateway_refund["refund_ref_id"], "refunded")
    monkeypatch.setattr(cli, "_container", lambda: container)
    reconciled = CliRunner().invoke(
        cli.main, ["payments", "reconcile", "--older-than", "0", "--apply"]
    )

    assert reconciled.exit_code == 0, reconciled.output
    assert f"refund {refund['id']} applied" in reconciled.output
    assert ssl_store.payment(created["id"])["status"] == "refunded"
    assert enrollment_status(uow_factory, shop, bdt_course) is EnrollmentStatus.REFUNDED
    assert (
        sslcommerz_api.requests_to("/validator/api/merchantTransIDvalidationAPI.php")[-1].query[
            "refund_ref_id"
        ]
        == gateway_refund["refund_ref_id"]
    )


def test_an_ipn_with_a_bad_verify_sign_changes_nothing(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory
):
    created, tran_id = open_sslcommerz_payment(ssl_store, bdt_course)
    sslcommerz_api.pay(tran_id)
    forged = sslcommerz_api.ipn(sslcommerz_api.attempts[-1], store_password="guessed")

    answer = ssl_store.client.post(f"{API}/payments/webhook/sslcommerz/", data=forged)
    landing = ssl_store.client.post(f"{API}/payments/sslcommerz/success/", data=forged)

    assert (answer.status_code, answer.json["error"]) == (400, "invalid_webhook")
    assert "Confirming your payment" in landing.get_data(as_text=True)
    assert ssl_store.payment(created["id"])["status"] == "pending"
    assert enrollment_status(uow_factory, shop, bdt_course) is None


def test_an_ipn_the_validation_api_does_not_confirm_changes_nothing(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory
):
    created, tran_id = open_sslcommerz_payment(ssl_store, bdt_course)
    sslcommerz_api.pay(tran_id)
    # Correctly signed (the forger knows the form) but naming a validation that never was.
    forged = sslcommerz_api.ipn({**sslcommerz_api.attempts[-1], "val_id": "2611261234forged"})

    answer = ssl_store.client.post(f"{API}/payments/webhook/", data=forged)

    assert (answer.status_code, answer.json["error"]) == (400, "invalid_webhook")
    assert ssl_store.payment(created["id"])["status"] == "pending"
    assert enrollment_status(uow_factory, shop, bdt_course) is None


def test_an_ipn_validated_for_another_amount_changes_nothing_and_is_recorded(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory
):
    created, tran_id = open_sslcommerz_payment(ssl_store, bdt_course)
    ipn = sslcommerz_api.pay(tran_id)
    sslcommerz_api.attempts[-1].update(currency_amount="15.00", amount="15.00")

    answer = ssl_store.client.post(f"{API}/payments/webhook/sslcommerz/", data=ipn)

    assert ssl_store.outcomes(answer) == ["amount_mismatch"]
    assert ssl_store.payment(created["id"])["status"] == "pending"
    assert enrollment_status(uow_factory, shop, bdt_course) is None
    audit = ssl_store.client.get(
        f"{API}/admin/payments/{created['id']}/", headers=ssl_store.admin
    ).json
    assert audit["payment"]["needs_review"] is True
    assert [e["outcome"] for e in audit["events"]] == ["amount_mismatch"]


def test_a_risky_sslcommerz_payment_stays_pending_for_review(
    ssl_store, sslcommerz_api, shop, bdt_course, uow_factory
):
    created, tran_id = open_sslcommerz_payment(ssl_store, bdt_course)

    answer = ssl_store.client.post(
        f"{API}/payments/webhook/sslcommerz/", data=sslcommerz_api.pay(tran_id, risk_level="1")
    )

    assert ssl_store.outcomes(answer) == ["held_for_review"]
    assert ssl_store.payment(created["id"])["status"] == "pending"
    assert enrollment_status(uow_factory, shop, bdt_course) is None


def test_a_failed_sslcommerz_payment_is_failed_and_its_page_says_so(
    ssl_store, sslcommerz_api, bdt_course
):
    created, tran_id = open_sslcommerz_payment(ssl_store, bdt_course)
    ipn = sslcommerz_api.decline(tran_id)

    landing = ssl_store.client.post(f"{API}/payments/sslcommerz/fail/", data=ipn)
    bare = ssl_store.client.get(f"{API}/payments/sslcommerz/cancel/")

    assert "Payment failed" in landing.get_data(as_text=True)
    assert ssl_store.payment(created["id"])["status"] == "failed"
    assert bare.status_code == 200 and "Payment canceled" in bare.get_data(as_text=True)
