"""FakeGateway through the PaymentGateway port, as the app's embedded default gateway."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.application.payments.gateway import (
    CheckoutRequest,
    GatewayEvent,
    GatewayEventKind,
    GatewayPaymentState,
    InvalidWebhook,
    RefundInstruction,
    RefundResult,
    WebhookRequest,
)
from skillwise.domain.money import Money
from skillwise.domain.refunds import RefundStatus

pytestmark = pytest.mark.integration

MakeCheckout = Callable[..., CheckoutRequest]


def test_checkout_points_at_this_apps_fake_checkout_page(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout, public_url: str
) -> None:
    checkout = make_checkout()

    session = fake_gateway.start_checkout(checkout)

    assert session.gateway_reference == f"fake_{checkout.payment_id.hex}"
    assert session.checkout_url == (
        f"{public_url}/api/v1/payments/fake/checkout/{checkout.payment_id}/"
    )
    assert session.client_secret is None


def test_repeating_checkout_for_one_payment_answers_the_same_session(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()

    assert fake_gateway.start_checkout(checkout) == fake_gateway.start_checkout(checkout)


@pytest.mark.parametrize("kind", list(GatewayEventKind))
def test_a_signed_event_of_every_kind_is_parsed_back(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout, kind: GatewayEventKind
) -> None:
    checkout = make_checkout()
    signed_at = int(time.time())
    body, headers = fake_gateway.sign_event(
        checkout.payment_id, kind, Money(1999, "USD"), timestamp=signed_at
    )

    events = fake_gateway.parse_webhook(WebhookRequest(headers=headers, body=body))

    assert events == [
        GatewayEvent(
            gateway="fake",
            event_id=f"evt_{kind.value}_{checkout.payment_id.hex}",
            kind=kind,
            payment_id=checkout.payment_id,
            gateway_reference=f"fake_{checkout.payment_id.hex}",
            amount=Money(1999, "USD"),
            occurred_at=datetime.fromtimestamp(signed_at, UTC),
        )
    ]


def test_signing_one_outcome_twice_gives_one_event_id(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout
) -> None:
    payment_id = make_checkout().payment_id
    now = int(time.time())
    deliveries = [
        fake_gateway.sign_event(
            payment_id, GatewayEventKind.SUCCEEDED, Money(500, "EUR"), timestamp=signed_at
        )
        for signed_at in (now - 1, now)
    ]

    event_ids = {
        event.event_id
        for body, headers in deliveries
        for event in fake_gateway.parse_webhook(WebhookRequest(headers=headers, body=body))
    }

    assert event_ids == {f"evt_succeeded_{payment_id.hex}"}


def test_a_tampered_body_is_rejected(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout
) -> None:
    body, headers = fake_gateway.sign_event(
        make_checkout().payment_id, GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )
    tampered = body.replace(b'"amount": 1999', b'"amount": 1')
    assert tampered != body

    with pytest.raises(InvalidWebhook):
        fake_gateway.parse_webhook(WebhookRequest(headers=headers, body=tampered))


def test_an_event_signed_with_another_secret_is_rejected(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout, public_url: str
) -> None:
    impostor = FakeGateway(secret_key="not-the-apps-key", public_url=public_url)
    body, headers = impostor.sign_event(
        make_checkout().payment_id, GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )

    with pytest.raises(InvalidWebhook, match="signature"):
        fake_gateway.parse_webhook(WebhookRequest(headers=headers, body=body))


def test_an_event_signed_more_than_five_minutes_ago_is_rejected(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout
) -> None:
    body, headers = fake_gateway.sign_event(
        make_checkout().payment_id,
        GatewayEventKind.SUCCEEDED,
        Money(1999, "USD"),
        timestamp=int(time.time()) - 301,
    )

    with pytest.raises(InvalidWebhook, match="tolerance"):
        fake_gateway.parse_webhook(WebhookRequest(headers=headers, body=body))


def test_an_event_without_a_signature_header_is_rejected(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout
) -> None:
    body, _ = fake_gateway.sign_event(
        make_checkout().payment_id, GatewayEventKind.SUCCEEDED, Money(1999, "USD")
    )

    with pytest.raises(InvalidWebhook, match="missing"):
        fake_gateway.parse_webhook(
            WebhookRequest(headers={"content-type": "application/json"}, body=body)
        )


def test_refund_succeeds_at_once(fake_gateway: FakeGateway, make_checkout: MakeCheckout) -> None:
    payment_id = make_checkout().payment_id
    refund_id = uuid4()

    result = fake_gateway.refund(
        RefundInstruction(refund_id, payment_id, f"fake_{payment_id.hex}", Money(1999, "USD"))
    )

    assert result == RefundResult(
        refund_reference=f"fake_re_{refund_id.hex}", status=RefundStatus.SUCCEEDED
    )


def test_lookup_leaves_the_outcome_to_the_webhooks(
    fake_gateway: FakeGateway, make_checkout: MakeCheckout
) -> None:
    payment_id = make_checkout().payment_id

    state = fake_gateway.lookup(payment_id, f"fake_{payment_id.hex}")

    assert state == GatewayPaymentState(kind=None, gateway_reference=f"fake_{payment_id.hex}")
