"""The fake gateway's webhook signature: Stripe's scheme, with the app's own secret."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from uuid import uuid4

import pytest

from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.application.payments.gateway import (
    CheckoutRequest,
    GatewayEventKind,
    InvalidWebhook,
    WebhookRequest,
)
from skillwise.domain.money import Money

SECRET = "unit-test-signing-key"


@pytest.fixture
def gateway() -> FakeGateway:
    return FakeGateway(secret_key=SECRET, public_url="http://127.0.0.1:8000/")


def sign(body: bytes, timestamp: int, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def test_the_header_carries_the_time_and_an_hmac_sha256_of_time_and_body(
    gateway: FakeGateway,
) -> None:
    body, headers = gateway.sign_event(
        uuid4(), GatewayEventKind.SUCCEEDED, Money(1999, "USD"), timestamp=1_750_000_000
    )

    assert headers["skillwise-signature"] == f"t=1750000000,v1={sign(body, 1_750_000_000)}"
    assert headers["content-type"] == "application/json"


def test_the_body_names_the_payment_the_outcome_and_the_money(gateway: FakeGateway) -> None:
    payment_id = uuid4()

    body, _ = gateway.sign_event(
        payment_id, GatewayEventKind.REFUNDED, Money(250, "JPY"), timestamp=1_750_000_000
    )

    assert json.loads(body) == {
        "id": f"evt_refunded_{payment_id.hex}",
        "type": "refunded",
        "payment_id": str(payment_id),
        "amount": 250,
        "currency": "JPY",
        "created": 1_750_000_000,
    }


def test_a_body_signed_by_hand_with_the_secret_is_accepted(gateway: FakeGateway) -> None:
    payment_id = uuid4()
    now = int(time.time())
    body = json.dumps(
        {
            "id": "evt_by_hand",
            "type": "failed",
            "payment_id": str(payment_id),
            "amount": 1000,
            "currency": "BDT",
            "created": now,
        }
    ).encode()
    headers = {"skillwise-signature": f"t={now},v1={sign(body, now)}"}

    [event] = gateway.parse_webhook(WebhookRequest(headers=headers, body=body))

    assert (event.event_id, event.kind, event.payment_id, event.amount) == (
        "evt_by_hand",
        GatewayEventKind.FAILED,
        payment_id,
        Money(1000, "BDT"),
    )


def test_one_matching_signature_among_several_is_enough(gateway: FakeGateway) -> None:
    body, headers = gateway.sign_event(uuid4(), GatewayEventKind.SUCCEEDED, Money(1, "USD"))
    timestamp, signature = headers["skillwise-signature"].split(",")
    headers["skillwise-signature"] = f"{timestamp},v1={'0' * 64},{signature}"

    assert len(gateway.parse_webhook(WebhookRequest(headers=headers, body=body))) == 1


@pytest.mark.parametrize("seconds_ago", [0, 299])
def test_a_signature_younger_than_five_minutes_is_accepted(
    gateway: FakeGateway, seconds_ago: int
) -> None:
    body, headers = gateway.sign_event(
        uuid4(),
        GatewayEventKind.SUCCEEDED,
        Money(1, "USD"),
        timestamp=int(time.time()) - seconds_ago,
    )

    assert len(gateway.parse_webhook(WebhookRequest(headers=headers, body=body))) == 1


@pytest.mark.parametrize("seconds_from_now", [-301, 301])
def test_a_signature_more_than_five_minutes_from_now_is_rejected(
    gateway: FakeGateway, seconds_from_now: int
) -> None:
    body, headers = gateway.sign_event(
        uuid4(),
        GatewayEventKind.SUCCEEDED,
        Money(1, "USD"),
        timestamp=int(time.time()) + seconds_from_now,
    )

    with pytest.raises(InvalidWebhook, match="tolerance"):
        gateway.parse_webhook(WebhookRequest(headers=headers, body=body))


@pytest.mark.parametrize(
    "header",
    ["", "v1=abc", "t=now,v1=abc", "t=1750000000", "t=1,t=2,v1=abc", "t=1750000000,v1=é"],
)
def test_a_malformed_signature_header_is_rejected(gateway: FakeGateway, header: str) -> None:
    body, _ = gateway.sign_event(uuid4(), GatewayEventKind.SUCCEEDED, Money(1, "USD"))

    with pytest.raises(InvalidWebhook):
        gateway.parse_webhook(WebhookRequest(headers={"skillwise-signature": header}, body=body))


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[]",
        b'{"id": "evt_1", "type": "teleported", "payment_id": "%s", "amount": 1, '
        b'"currency": "USD", "created": 1}',
        b'{"id": "evt_1", "type": "succeeded", "payment_id": "nope", "amount": 1, '
        b'"currency": "USD", "created": 1}',
        b'{"id": "evt_1", "type": "succeeded", "payment_id": "%s", "amount": 19.99, '
        b'"currency": "USD", "created": 1}',
    ],
    ids=["not-json", "not-an-object", "unknown-type", "bad-payment-id", "fractional-amount"],
)
def test_a_correctly_signed_body_that_is_not_an_event_is_rejected(
    gateway: FakeGateway, payload: bytes
) -> None:
    body = payload.replace(b"%s", str(uuid4()).encode())
    now = int(time.time())
    headers = {"skillwise-signature": f"t={now},v1={sign(body, now)}"}

    with pytest.raises(InvalidWebhook, match="not a fake gateway event"):
        gateway.parse_webhook(WebhookRequest(headers=headers, body=body))


def test_the_gateway_refuses_to_sign_with_an_empty_secret() -> None:
    with pytest.raises(ValueError, match="secret"):
        FakeGateway(secret_key="", public_url="http://127.0.0.1:8000")


def test_a_trailing_slash_in_the_public_url_does_not_double_up(gateway: FakeGateway) -> None:
    payment_id = uuid4()
    checkout = CheckoutRequest(
        payment_id=payment_id,
        amount=Money(1, "USD"),
        course_id=uuid4(),
        course_title="Intro",
        customer_id=uuid4(),
        customer_email="learner@example.com",
        customer_name="Learner",
    )

    assert gateway.start_checkout(checkout).checkout_url == (
        f"http://127.0.0.1:8000/api/v1/payments/fake/checkout/{payment_id}/"
    )
