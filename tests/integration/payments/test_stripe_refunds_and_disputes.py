"""StripeGateway's refunds, refund events, dispute events and malformed events, against the
Stripe API double, every event signed as Stripe signs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from uuid import uuid4

import pytest

from skillwise.adapters.payments.stripe_gateway import StripeGateway
from skillwise.application.payments.gateway import (
    CheckoutRequest,
    GatewayEventKind,
    GatewayUnavailable,
    InvalidWebhook,
    RefundInstruction,
    WebhookRequest,
)
from skillwise.domain.disputes import DisputeStatus
from skillwise.domain.money import Money
from skillwise.domain.refunds import RefundStatus
from tests.doubles.stripe_api import StripeApiDouble, sign_payload

pytestmark = pytest.mark.integration

MakeCheckout = Callable[..., CheckoutRequest]


def webhook_request(stripe_api: StripeApiDouble, event: dict) -> WebhookRequest:
    body, headers = stripe_api.webhook(event)
    return WebhookRequest(headers=headers, body=body)


def paid_intent(stripe_gateway, stripe_api, make_checkout) -> tuple[CheckoutRequest, str]:
    checkout = make_checkout()
    session = stripe_gateway.start_checkout(checkout)
    stripe_api.succeed(session.gateway_reference)
    return checkout, session.gateway_reference


def test_a_pending_refund_is_answered_pending(stripe_gateway, stripe_api, make_checkout):
    checkout, intent = paid_intent(stripe_gateway, stripe_api, make_checkout)
    stripe_api.next_refund_status = "pending"

    result = stripe_gateway.refund(
        RefundInstruction(uuid4(), checkout.payment_id, intent, Money(500, "USD"))
    )

    assert result.status is RefundStatus.PENDING
    assert stripe_api.refunds[result.refund_reference]["amount"] == 500


def test_each_refund_attempt_is_a_new_refund_at_stripe(stripe_gateway, stripe_api, make_checkout):
    checkout, intent = paid_intent(stripe_gateway, stripe_api, make_checkout)
    stripe_api.next_refund_status = "pending"
    first = stripe_gateway.refund(
        RefundInstruction(uuid4(), checkout.payment_id, intent, Money(1999, "USD"))
    )
    stripe_api.settle_refund(first.refund_reference, "failed", failure_reason="lost_or_stolen_card")
    stripe_api.next_refund_status = "succeeded"

    second = stripe_gateway.refund(
        RefundInstruction(uuid4(), checkout.payment_id, intent, Money(1999, "USD"))
    )

    assert second.refund_reference != first.refund_reference
    assert second.status is RefundStatus.SUCCEEDED
    keys = [sent.headers["idempotency-key"] for sent in stripe_api.requests_to("/v1/refunds")]
    assert len(set(keys)) == 2


def test_refund_status_asks_stripe_for_the_refund(stripe_gateway, stripe_api, make_checkout):
    checkout, intent = paid_intent(stripe_gateway, stripe_api, make_checkout)
    stripe_api.next_refund_status = "pending"
    refund_id = uuid4()
    made = stripe_gateway.refund(
        RefundInstruction(refund_id, checkout.payment_id, intent, Money(1999, "USD"))
    )
    stripe_api.settle_refund(made.refund_reference, "succeeded")

    now = stripe_gateway.refund_status(made.refund_reference, refund_id)

    assert (now.refund_reference, now.status) == (made.refund_reference, RefundStatus.SUCCEEDED)
    assert stripe_api.requests_to(f"/v1/refunds/{made.refund_reference}")


@pytest.mark.parametrize(
    "event_type", ["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"]
)
def test_refund_events_carry_the_refund_its_status_and_our_ids(
    stripe_gateway, stripe_api, make_checkout, event_type
):
    checkout, intent = paid_intent(stripe_gateway, stripe_api, make_checkout)
    stripe_api.next_refund_status = "pending"
    refund_id = uuid4()
    made = stripe_gateway.refund(
        RefundInstruction(refund_id, checkout.payment_id, intent, Money(700, "USD"))
    )
    event = stripe_api.settle_refund(
        made.refund_reference,
        "failed",
        failure_reason="expired_or_canceled_card",
        event_type=event_type,
    )

    [parsed] = stripe_gateway.parse_webhook(webhook_request(stripe_api, event))

    assert parsed.kind is GatewayEventKind.REFUND_UPDATED
    assert (parsed.payment_id, parsed.gateway_reference) == (checkout.payment_id, intent)
    assert parsed.refund is not None
    assert parsed.refund.gateway_reference == made.refund_reference
    assert parsed.refund.status is RefundStatus.FAILED
    assert parsed.refund.amount == Money(700, "USD")
    assert parsed.refund.refund_id == refund_id
    assert parsed.refund.failure_reason == "expired_or_canceled_card"


@pytest.mark.parametrize("names_the_intent", [True, False])
def test_dispute_events_name_the_payment_intent_or_only_the_charge(
    stripe_gateway, stripe_api, make_checkout, names_the_intent
):
    _, intent = paid_intent(stripe_gateway, stripe_api, make_checkout)
    opened = stripe_api.open_dispute(intent, name_the_payment_intent=names_the_intent)
    dispute_id = opened["data"]["object"]["id"]
    closed = stripe_api.update_dispute(dispute_id, "lost")

    [first] = stripe_gateway.parse_webhook(webhook_request(stripe_api, opened))
    [last] = stripe_gateway.parse_webhook(webhook_request(stripe_api, closed))

    charge = stripe_api.payment_intents[intent]["latest_charge"]
    assert first.kind is GatewayEventKind.DISPUTE_UPDATED
    assert first.gateway_reference == (intent if names_the_intent else None)
    assert first.charge_reference == charge
    assert first.dispute is not None and last.dispute is not None
    assert (first.dispute.gateway_reference, first.dispute.status) == (
        dispute_id,
        DisputeStatus.NEEDS_RESPONSE,
    )
    assert first.dispute.amount == Money(1999, "USD")
    assert first.dispute.reason == "fraudulent"
    assert closed["type"] == "charge.dispute.closed"
    assert last.dispute.status is DisputeStatus.LOST


def signed(stripe_api: StripeApiDouble, body: bytes) -> WebhookRequest:
    return WebhookRequest(
        headers={
            "content-type": "application/json",
            "stripe-signature": sign_payload(body, stripe_api.webhook_secret),
        },
        body=body,
    )


@pytest.mark.parametrize(
    "mangle",
    [
        lambda event: event["data"].pop("object"),
        lambda event: event.pop("data"),
        lambda event: event.update(created=1e300),
        lambda event: event.update(created="yesterday"),
        lambda event: event["data"].update(object="pi_123"),
        lambda event: event["data"]["object"].pop("currency"),
        lambda event: event["data"]["object"].update(amount_received="lots"),
    ],
    ids=[
        "no data.object",
        "no data",
        "created=1e300",
        "created not a number",
        "object not an object",
        "no currency",
        "amount not an integer",
    ],
)
def test_a_signed_event_that_is_malformed_is_refused_as_invalid(
    stripe_gateway, stripe_api, make_checkout, mangle
):
    session = stripe_gateway.start_checkout(make_checkout())
    event = stripe_api.succeed(session.gateway_reference)
    mangle(event)

    with pytest.raises(InvalidWebhook):
        stripe_gateway.parse_webhook(signed(stripe_api, json.dumps(event).encode()))


def test_a_charge_is_asked_for_the_payment_intent_it_collected(
    stripe_gateway, stripe_api, make_checkout
):
    _, intent = paid_intent(stripe_gateway, stripe_api, make_checkout)
    charge = stripe_api.payment_intents[intent]["latest_charge"]

    assert stripe_gateway.payment_reference_of_charge(charge) == intent
    assert stripe_api.requests_to(f"/v1/charges/{charge}")


def test_a_charge_stripe_does_not_know_names_no_payment(stripe_gateway, stripe_api):
    assert stripe_gateway.payment_reference_of_charge("ch_3NotOfThisAccount") is None


def test_asking_about_a_charge_when_stripe_is_down_is_unavailable(closed_port_url):
    gateway = StripeGateway(
        "sk_test_x", "pk_test_x", "whsec_x", api_base=closed_port_url, max_network_retries=0
    )

    with pytest.raises(GatewayUnavailable):
        gateway.payment_reference_of_charge("ch_1")
