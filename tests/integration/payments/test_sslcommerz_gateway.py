"""SslcommerzGateway over HTTP against the SSLCOMMERZ API double."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from uuid import uuid4

import pytest

from skillwise.adapters.payments.sslcommerz_gateway import SslcommerzGateway
from skillwise.adapters.payments.sslcommerz_transactions import (
    payment_id_from_transaction_id,
    transaction_id,
)
from skillwise.application.payments.gateway import (
    CheckoutRequest,
    CheckoutSession,
    GatewayEvent,
    GatewayEventKind,
    GatewayUnavailable,
    InvalidWebhook,
    RefundInstruction,
    WebhookRequest,
)
from skillwise.domain.money import Money
from skillwise.domain.refunds import RefundStatus
from tests.doubles.sslcommerz_api import (
    IPN_SIGNED_FIELDS,
    SESSION_PATH,
    VALIDATION_PATH,
    SslcommerzApiDouble,
)

pytestmark = pytest.mark.integration

MakeCheckout = Callable[..., CheckoutRequest]

BDT_COURSE = Money(150000, "BDT")


def ipn(form: dict[str, str]) -> WebhookRequest:
    body = "&".join(f"{key}={value}" for key, value in form.items()).encode()
    return WebhookRequest(
        headers={"content-type": "application/x-www-form-urlencoded"}, body=body, form=form
    )


@pytest.fixture
def opened(
    sslcommerz_gateway: SslcommerzGateway, make_checkout: MakeCheckout
) -> tuple[CheckoutRequest, CheckoutSession]:
    """A BDT course checkout whose SSLCOMMERZ session is open."""
    checkout = make_checkout(amount=BDT_COURSE)
    return checkout, sslcommerz_gateway.start_checkout(checkout)


def test_checkout_opens_a_session_for_the_exact_price_with_this_apps_callback_urls(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    make_checkout: MakeCheckout,
    public_url: str,
) -> None:
    checkout = make_checkout(amount=Money(150050, "BDT"))

    session = sslcommerz_gateway.start_checkout(checkout)

    [sent] = sslcommerz_api.requests_to(SESSION_PATH)
    assert sent.method == "POST"
    assert sent.form["store_id"] == sslcommerz_api.store_id
    assert sent.form["store_passwd"] == sslcommerz_api.store_password
    assert sent.form["total_amount"] == "1500.50"
    assert sent.form["currency"] == "BDT"
    assert sent.form["tran_id"] == session.gateway_reference
    assert sent.form["success_url"] == f"{public_url}/api/v1/payments/sslcommerz/success/"
    assert sent.form["fail_url"] == f"{public_url}/api/v1/payments/sslcommerz/fail/"
    assert sent.form["cancel_url"] == f"{public_url}/api/v1/payments/sslcommerz/cancel/"
    assert sent.form["ipn_url"] == f"{public_url}/api/v1/payments/webhook/sslcommerz/"
    assert sent.form["cus_name"] == "Nadia Rahman"
    assert sent.form["cus_email"] == "learner@example.com"
    assert sent.form["shipping_method"] == "NO"
    assert sent.form["num_of_item"] == "1"
    assert sent.form["product_name"] == "Practical Flask APIs"
    assert sent.form["product_category"] == "Online course"
    assert sent.form["product_profile"] == "non-physical-goods"
    assert sent.form["value_a"] == str(checkout.payment_id)


def test_checkout_sends_the_customer_fields_sslcommerz_insists_on(
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    [sent] = sslcommerz_api.requests_to(SESSION_PATH)

    for field in ("cus_add1", "cus_city", "cus_postcode", "cus_country", "cus_phone"):
        assert sent.form[field], field


def test_checkout_sends_users_to_the_gateway_page_under_a_short_transaction_id(
    sslcommerz_api: SslcommerzApiDouble, opened: tuple[CheckoutRequest, CheckoutSession]
) -> None:
    checkout, session = opened

    [(session_key, _)] = sslcommerz_api.sessions.items()
    assert session.checkout_url == f"{sslcommerz_api.base_url}/EasyCheckOut/testcde{session_key}"
    assert len(session.gateway_reference) <= 30
    assert payment_id_from_transaction_id(session.gateway_reference) == checkout.payment_id


def test_a_transaction_id_maps_back_to_its_payment_only_when_spelled_as_issued() -> None:
    payment_id = uuid4()
    tran_id = transaction_id(payment_id)
    # The last base32 character carries two spare bits; setting one spells the same bytes.
    base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    other_spelling = tran_id[:-1] + base32[base32.index(tran_id[-1]) + 1]

    assert payment_id_from_transaction_id(tran_id) == payment_id
    assert payment_id_from_transaction_id(other_spelling) is None
    assert payment_id_from_transaction_id(str(payment_id)) is None
    assert payment_id_from_transaction_id("") is None


def test_a_session_sslcommerz_refuses_raises_gateway_unavailable_with_its_reason(
    sslcommerz_api: SslcommerzApiDouble, make_checkout: MakeCheckout, public_url: str
) -> None:
    gateway = SslcommerzGateway(
        sslcommerz_api.store_id, "wrong-password", sslcommerz_api.base_url, public_url=public_url
    )

    with pytest.raises(GatewayUnavailable, match="Store Credential Error"):
        gateway.start_checkout(make_checkout(amount=BDT_COURSE))


def test_a_validated_ipn_becomes_a_succeeded_event_with_what_the_validation_api_says(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    checkout, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    attempt = sslcommerz_api.attempt_by_val_id(form["val_id"])
    assert attempt is not None

    events = sslcommerz_gateway.parse_webhook(ipn(form))

    paid_at = datetime.strptime(attempt["tran_date"], "%Y-%m-%d %H:%M:%S")
    assert events == [
        GatewayEvent(
            gateway="sslcommerz",
            event_id=f"val:{form['val_id']}",
            kind=GatewayEventKind.SUCCEEDED,
            payment_id=checkout.payment_id,
            gateway_reference=attempt["bank_tran_id"],
            amount=BDT_COURSE,
            occurred_at=paid_at.replace(tzinfo=timezone(timedelta(hours=6))).astimezone(UTC),
        )
    ]
    [validation] = sslcommerz_api.requests_to(VALIDATION_PATH)
    assert validation.query["val_id"] == form["val_id"]
    assert validation.query["store_id"] == sslcommerz_api.store_id
    assert validation.query["store_passwd"] == sslcommerz_api.store_password
    assert validation.query["format"] == "json"


def test_an_ipn_delivered_again_is_still_validated_and_keeps_its_event_id(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)

    [first] = sslcommerz_gateway.parse_webhook(ipn(form))
    [again] = sslcommerz_gateway.parse_webhook(ipn(form))

    assert again == first
    assert len(sslcommerz_api.requests_to(VALIDATION_PATH)) == 2


def test_the_amount_comes_from_the_validation_api_not_from_the_ipn(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    attempt = sslcommerz_api.attempt_by_val_id(form["val_id"])
    assert attempt is not None
    attempt.update(amount="10.00", currency_amount="10.00")

    [event] = sslcommerz_gateway.parse_webhook(ipn(form))

    assert form["amount"] == "1500.00"
    assert event.amount == Money(1000, "BDT")


def test_a_foreign_currency_payment_reports_the_amount_and_currency_it_was_opened_with(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    make_checkout: MakeCheckout,
) -> None:
    session = sslcommerz_gateway.start_checkout(make_checkout(amount=Money(2500, "USD")))
    form = sslcommerz_api.pay(session.gateway_reference)

    [event] = sslcommerz_gateway.parse_webhook(ipn(form))

    assert (form["amount"], form["currency"]) == ("2987.50", "BDT")
    assert event.amount == Money(2500, "USD")


def test_a_risky_payment_is_held_for_review(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    checkout, session = opened
    form = sslcommerz_api.pay(session.gateway_reference, risk_level="1")

    [event] = sslcommerz_gateway.parse_webhook(ipn(form))

    assert event.kind is GatewayEventKind.PENDING_REVIEW
    assert event.payment_id == checkout.payment_id


def test_an_ipn_the_validation_api_does_not_confirm_is_rejected(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    attempt = sslcommerz_api.attempt_by_val_id(form["val_id"])
    assert attempt is not None
    attempt["status"] = "INVALID_TRANSACTION"

    with pytest.raises(InvalidWebhook, match="INVALID_TRANSACTION"):
        sslcommerz_gateway.parse_webhook(ipn(form))


def test_an_ipn_with_a_val_id_sslcommerz_never_issued_is_rejected(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    forged = sslcommerz_api.ipn({**form, "val_id": "250101120000deadbeef0000"})

    with pytest.raises(InvalidWebhook):
        sslcommerz_gateway.parse_webhook(ipn(forged))


def test_an_ipn_with_a_wrong_verify_sign_is_rejected_before_asking_the_validation_api(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    form["amount"] = "15.00"

    with pytest.raises(InvalidWebhook, match="verify_sign"):
        sslcommerz_gateway.parse_webhook(ipn(form))
    assert sslcommerz_api.requests_to(VALIDATION_PATH) == []


def test_an_ipn_signed_with_another_store_password_is_rejected(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    resigned = sslcommerz_api.ipn(form, store_password="someone-elses@ssl")

    with pytest.raises(InvalidWebhook):
        sslcommerz_gateway.parse_webhook(ipn(resigned))
    assert sslcommerz_api.requests_to(VALIDATION_PATH) == []


@pytest.mark.parametrize("missing", ["verify_sign", "verify_key"])
def test_an_unsigned_ipn_is_rejected(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
    missing: str,
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    del form[missing]

    with pytest.raises(InvalidWebhook):
        sslcommerz_gateway.parse_webhook(ipn(form))
    assert sslcommerz_api.requests_to(VALIDATION_PATH) == []


def test_an_ipn_whose_signature_leaves_out_the_status_is_rejected(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    declined = sslcommerz_api.decline(session.gateway_reference)
    unsigned_status = [key for key in IPN_SIGNED_FIELDS if key != "status"]
    form = sslcommerz_api.ipn(declined, signed_keys=unsigned_status)
    form["status"] = "CANCELLED"

    with pytest.raises(InvalidWebhook, match="status"):
        sslcommerz_gateway.parse_webhook(ipn(form))


@pytest.mark.parametrize(
    ("outcome", "status", "kind"),
    [
        (SslcommerzApiDouble.decline, "FAILED", GatewayEventKind.FAILED),
        (SslcommerzApiDouble.cancel, "CANCELLED", GatewayEventKind.CANCELED),
    ],
)
def test_failed_and_cancelled_ipns_become_events_without_a_validation_call(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
    outcome: Callable[[SslcommerzApiDouble, str], dict[str, str]],
    status: str,
    kind: GatewayEventKind,
) -> None:
    checkout, session = opened
    form = outcome(sslcommerz_api, session.gateway_reference)

    [event] = sslcommerz_gateway.parse_webhook(ipn(form))

    assert event.kind is kind
    assert event.event_id == f"{status}:{session.gateway_reference}"
    assert event.payment_id == checkout.payment_id
    assert event.amount is None
    assert sslcommerz_api.requests_to(VALIDATION_PATH) == []


def test_an_expired_session_ipn_is_acknowledged_and_ignored(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    _, session = opened
    form = sslcommerz_api.ipn(
        {**sslcommerz_api.cancel(session.gateway_reference), "status": "EXPIRED"}
    )

    assert sslcommerz_gateway.parse_webhook(ipn(form)) == []


def test_refund_asks_sslcommerz_to_refund_the_bank_transaction_once(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    checkout, session = opened
    [paid] = sslcommerz_gateway.parse_webhook(ipn(sslcommerz_api.pay(session.gateway_reference)))
    assert paid.gateway_reference is not None
    refund = RefundInstruction(
        uuid4(), checkout.payment_id, paid.gateway_reference, BDT_COURSE, "Duplicate"
    )

    first = sslcommerz_gateway.refund(refund)
    again = sslcommerz_gateway.refund(refund)

    [(refund_trans_id, answer)] = sslcommerz_api.refunds.items()
    assert first.status is RefundStatus.PENDING
    assert first.refund_reference == answer["refund_ref_id"]
    assert again == first
    sent = sslcommerz_api.received[-1]
    assert sent.query["bank_tran_id"] == paid.gateway_reference
    assert sent.query["refund_amount"] == "1500.00"
    assert sent.query["refund_remarks"] == "Duplicate"
    assert sent.query["refe_id"] == str(checkout.payment_id)
    assert sent.query["refund_trans_id"] == refund_trans_id
    assert len(refund_trans_id) <= 30


def test_a_refund_sslcommerz_declines_is_reported_as_not_succeeded(
    sslcommerz_gateway: SslcommerzGateway, opened: tuple[CheckoutRequest, CheckoutSession]
) -> None:
    checkout, _ = opened

    result = sslcommerz_gateway.refund(
        RefundInstruction(uuid4(), checkout.payment_id, "2501011200000unknownbank", BDT_COURSE)
    )

    assert result.status is RefundStatus.FAILED
    assert result.failure_reason == "Invalid bank_tran_id"


@pytest.mark.parametrize(
    ("settled", "status"),
    [("refunded", RefundStatus.SUCCEEDED), ("cancelled", RefundStatus.CANCELED)],
)
def test_a_processing_refund_settles_through_the_refund_query(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
    settled: str,
    status: RefundStatus,
) -> None:
    checkout, session = opened
    [paid] = sslcommerz_gateway.parse_webhook(ipn(sslcommerz_api.pay(session.gateway_reference)))
    assert paid.gateway_reference is not None
    refund_id = uuid4()
    made = sslcommerz_gateway.refund(
        RefundInstruction(refund_id, checkout.payment_id, paid.gateway_reference, BDT_COURSE)
    )
    still = sslcommerz_gateway.refund_status(made.refund_reference, refund_id)
    sslcommerz_api.settle_refund(made.refund_reference, settled)

    now = sslcommerz_gateway.refund_status(made.refund_reference, refund_id)

    assert (made.status, still.status, now.status) == (
        RefundStatus.PENDING,
        RefundStatus.PENDING,
        status,
    )
    asked = sslcommerz_api.received[-1]
    assert asked.query["refund_ref_id"] == made.refund_reference
    assert asked.query["store_passwd"] == sslcommerz_api.store_password


def test_each_refund_attempt_is_its_own_refund_at_sslcommerz(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    checkout, session = opened
    [paid] = sslcommerz_gateway.parse_webhook(ipn(sslcommerz_api.pay(session.gateway_reference)))
    assert paid.gateway_reference is not None

    for _ in range(2):
        sslcommerz_gateway.refund(
            RefundInstruction(
                uuid4(), checkout.payment_id, paid.gateway_reference, Money(500, "BDT")
            )
        )

    assert len(sslcommerz_api.refunds) == 2


@pytest.mark.parametrize(
    ("outcome", "kind"),
    [
        (SslcommerzApiDouble.pay, GatewayEventKind.SUCCEEDED),
        (SslcommerzApiDouble.decline, GatewayEventKind.FAILED),
        (SslcommerzApiDouble.cancel, GatewayEventKind.CANCELED),
    ],
)
def test_lookup_reports_the_outcome_of_the_transaction(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
    outcome: Callable[[SslcommerzApiDouble, str], dict[str, str]],
    kind: GatewayEventKind,
) -> None:
    checkout, session = opened
    form = outcome(sslcommerz_api, session.gateway_reference)

    state = sslcommerz_gateway.lookup(checkout.payment_id, session.gateway_reference)

    assert state.kind is kind
    assert state.amount == BDT_COURSE
    assert state.gateway_reference == (form["bank_tran_id"] or None)
    assert sslcommerz_api.received[-1].query["tran_id"] == session.gateway_reference


def test_lookup_prefers_the_paid_attempt_over_earlier_failed_ones(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
) -> None:
    checkout, session = opened
    sslcommerz_api.decline(session.gateway_reference)
    sslcommerz_api.pay(session.gateway_reference)

    state = sslcommerz_gateway.lookup(checkout.payment_id, session.gateway_reference)

    assert state.kind is GatewayEventKind.SUCCEEDED


def test_lookup_of_a_payment_never_attempted_reports_nothing_yet(
    sslcommerz_gateway: SslcommerzGateway, opened: tuple[CheckoutRequest, CheckoutSession]
) -> None:
    checkout, session = opened

    state = sslcommerz_gateway.lookup(checkout.payment_id, session.gateway_reference)

    assert state.kind is None
    assert state.gateway_reference is None


def test_a_gateway_that_is_down_raises_gateway_unavailable_without_revealing_the_password(
    closed_port_url: str, make_checkout: MakeCheckout, public_url: str
) -> None:
    gateway = SslcommerzGateway(
        "skill65f0c0ffee", "store-secret@ssl", closed_port_url, public_url=public_url
    )
    checkout = make_checkout(amount=BDT_COURSE)

    with pytest.raises(GatewayUnavailable) as raised:
        gateway.lookup(checkout.payment_id, None)
    assert "store-secret" not in str(raised.value)


def test_an_ipn_that_cannot_be_validated_while_the_gateway_is_down_raises_gateway_unavailable(
    sslcommerz_api: SslcommerzApiDouble,
    opened: tuple[CheckoutRequest, CheckoutSession],
    closed_port_url: str,
    public_url: str,
) -> None:
    _, session = opened
    form = sslcommerz_api.pay(session.gateway_reference)
    unreachable = SslcommerzGateway(
        sslcommerz_api.store_id,
        sslcommerz_api.store_password,
        closed_port_url,
        public_url=public_url,
    )

    with pytest.raises(GatewayUnavailable):
        unreachable.parse_webhook(ipn(form))


def test_a_server_error_raises_gateway_unavailable(
    sslcommerz_gateway: SslcommerzGateway,
    sslcommerz_api: SslcommerzApiDouble,
    make_checkout: MakeCheckout,
) -> None:
    sslcommerz_api.fail_next(1, status=503)

    with pytest.raises(GatewayUnavailable, match="HTTP 503"):
        sslcommerz_gateway.start_checkout(make_checkout(amount=BDT_COURSE))
