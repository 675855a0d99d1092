"""StripeGateway, through the official stripe library, against the Stripe API double."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from skillwise.adapters.payments.stripe_gateway import MOBILE_SDK_API_VERSION, StripeGateway
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
from tests.doubles.stripe_api import StripeApiDouble

pytestmark = pytest.mark.integration

MakeCheckout = Callable[..., CheckoutRequest]


def webhook_request(stripe_api: StripeApiDouble, event: dict, **signing: object) -> WebhookRequest:
    body, headers = stripe_api.webhook(event, **signing)
    return WebhookRequest(headers=headers, body=body)


def params_intent_id(stripe_api: StripeApiDouble) -> str:
    [intent_id] = stripe_api.payment_intents
    return intent_id


def test_checkout_creates_a_payment_intent_for_the_course_price_in_lower_case_currency(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout(amount=Money(4999, "EUR"))

    stripe_gateway.start_checkout(checkout)

    [sent] = stripe_api.requests_to("/v1/payment_intents")
    params = stripe_api.params(sent)
    assert params["amount"] == "4999"
    assert params["currency"] == "eur"
    assert params["automatic_payment_methods"] == {"enabled": "true"}
    assert "receipt_email" not in params
    assert stripe_api.payment_intents[params_intent_id(stripe_api)]["receipt_email"] == (
        "learner@example.com"
    )
    assert params["metadata"] == {
        "payment_id": str(checkout.payment_id),
        "course_id": str(checkout.course_id),
        "user_id": str(checkout.customer_id),
    }
    assert sent.headers["idempotency-key"] == f"skillwise-payment-{checkout.payment_id}"
    assert sent.headers["authorization"] == f"Bearer {stripe_api.secret_key}"


def test_checkout_returns_what_the_payment_sheet_needs(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())

    [intent] = stripe_api.payment_intents.values()
    [customer] = stripe_api.customers.values()
    [ephemeral_key] = stripe_api.ephemeral_keys.values()
    assert session.gateway_reference == intent["id"]
    assert session.client_secret == intent["client_secret"]
    assert session.client_secret.startswith(f"{intent['id']}_secret_")
    assert session.publishable_key == stripe_api.publishable_key
    assert session.customer_reference == customer["id"]
    assert session.ephemeral_key == ephemeral_key["secret"]
    assert intent["customer"] == customer["id"]
    assert session.checkout_url is None


def test_ephemeral_key_is_pinned_to_the_mobile_sdk_api_version(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())

    [sent] = stripe_api.requests_to("/v1/ephemeral_keys")
    assert sent.headers["stripe-version"] == MOBILE_SDK_API_VERSION
    assert stripe_api.params(sent) == {"customer": session.customer_reference}


def test_a_user_buying_twice_in_a_day_keeps_one_customer_even_without_a_known_one(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    first = make_checkout()
    second = make_checkout(customer_id=first.customer_id)

    first_session = stripe_gateway.start_checkout(first)
    second_session = stripe_gateway.start_checkout(second)

    assert len(stripe_api.customers) == 1
    assert first_session.customer_reference == second_session.customer_reference
    assert [
        sent.headers["idempotency-key"] for sent in stripe_api.requests_to("/v1/customers")
    ] == [f"skillwise-customer-{first.customer_id}"] * 2
    assert len(stripe_api.payment_intents) == 2


def test_a_known_customer_is_used_as_it_is_and_no_customer_is_created(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    customer = stripe_api.add_customer(str(checkout.customer_id))

    session = stripe_gateway.start_checkout(replace(checkout, customer_reference=customer["id"]))

    assert stripe_api.requests_to("/v1/customers") == []
    assert list(stripe_api.customers) == [customer["id"]]
    [intent] = stripe_api.payment_intents.values()
    [ephemeral_key] = stripe_api.ephemeral_keys.values()
    assert intent["customer"] == customer["id"]
    assert ephemeral_key["associated_objects"] == [{"id": customer["id"], "type": "customer"}]
    assert (session.gateway_reference, session.customer_reference, session.ephemeral_key) == (
        intent["id"],
        customer["id"],
        ephemeral_key["secret"],
    )
    [sent] = stripe_api.requests_to("/v1/payment_intents")
    assert sent.headers["idempotency-key"] == f"skillwise-payment-{checkout.payment_id}"


def test_a_known_customer_deleted_at_stripe_is_replaced_by_one_new_customer(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    deleted = stripe_api.add_customer(str(checkout.customer_id))["id"]
    stripe_api.delete_customer(deleted)

    session = stripe_gateway.start_checkout(replace(checkout, customer_reference=deleted))

    [replacement] = stripe_api.customers.values()
    [intent] = stripe_api.payment_intents.values()
    [ephemeral_key] = stripe_api.ephemeral_keys.values()
    assert replacement["id"] != deleted
    assert replacement["metadata"] == {"user_id": str(checkout.customer_id)}
    assert intent["customer"] == replacement["id"]
    assert ephemeral_key["associated_objects"] == [{"id": replacement["id"], "type": "customer"}]
    assert (session.gateway_reference, session.customer_reference, session.ephemeral_key) == (
        intent["id"],
        replacement["id"],
        ephemeral_key["secret"],
    )
    [refused, created] = stripe_api.requests_to("/v1/payment_intents")
    assert stripe_api.params(refused)["customer"] == deleted
    assert stripe_api.params(created)["customer"] == replacement["id"]
    assert len(stripe_api.requests_to("/v1/customers")) == 1


def test_repeating_a_checkout_whose_customer_was_deleted_meets_the_same_replacement_and_intent(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    deleted = stripe_api.add_customer(str(checkout.customer_id))["id"]
    stripe_api.delete_customer(deleted)
    checkout = replace(checkout, customer_reference=deleted)

    first = stripe_gateway.start_checkout(checkout)
    again = stripe_gateway.start_checkout(checkout)

    assert len(stripe_api.customers) == 1
    assert len(stripe_api.payment_intents) == 1
    assert (again.gateway_reference, again.customer_reference) == (
        first.gateway_reference,
        first.customer_reference,
    )


def test_a_customer_deleted_within_a_day_of_its_creation_is_replaced_too(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    first = make_checkout()
    deleted = stripe_gateway.start_checkout(first).customer_reference
    assert deleted is not None
    stripe_api.delete_customer(deleted)

    # Without a known reference the creation's idempotency key still answers the deleted one.
    session = stripe_gateway.start_checkout(make_checkout(customer_id=first.customer_id))

    [replacement] = stripe_api.customers.values()
    assert session.customer_reference == replacement["id"] != deleted
    assert stripe_api.payment_intents[session.gateway_reference]["customer"] == replacement["id"]


def test_a_refusal_other_than_a_missing_customer_creates_no_customer(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    customer = stripe_api.add_customer(str(checkout.customer_id))["id"]

    with pytest.raises(GatewayUnavailable, match="Invalid positive integer"):
        stripe_gateway.start_checkout(
            replace(checkout, customer_reference=customer, amount=Money(0, "USD"))
        )

    assert stripe_api.requests_to("/v1/customers") == []
    assert list(stripe_api.customers) == [customer]


def test_renewing_a_checkout_issues_a_new_ephemeral_key_for_its_customer(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())

    renewed = stripe_gateway.renew_checkout(session)

    [_, sent] = stripe_api.requests_to("/v1/ephemeral_keys")
    assert stripe_api.params(sent) == {"customer": session.customer_reference}
    assert sent.headers["stripe-version"] == MOBILE_SDK_API_VERSION
    assert renewed.ephemeral_key in {key["secret"] for key in stripe_api.ephemeral_keys.values()}
    assert renewed.ephemeral_key != session.ephemeral_key
    assert replace(renewed, ephemeral_key=session.ephemeral_key) == session
    assert len(stripe_api.payment_intents) == 1


def test_renewing_a_checkout_without_a_customer_asks_stripe_nothing(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble
) -> None:
    session = CheckoutSession(gateway_reference="pi_3Elsewhere", client_secret="pi_secret")

    assert stripe_gateway.renew_checkout(session) == session
    assert stripe_api.received == []


def test_a_user_who_changed_their_email_and_name_can_still_check_out(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    first = make_checkout()
    renamed = make_checkout(
        customer_id=first.customer_id,
        customer_email="nadia.r@example.org",
        customer_name="Nadia R.",
    )
    stripe_gateway.start_checkout(first)

    session = stripe_gateway.start_checkout(renamed)

    assert len(stripe_api.customers) == 1
    assert stripe_api.payment_intents[session.gateway_reference]["receipt_email"] == (
        "nadia.r@example.org"
    )


def test_repeating_checkout_for_one_payment_yields_one_payment_intent(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()

    first = stripe_gateway.start_checkout(checkout)
    again = stripe_gateway.start_checkout(checkout)

    assert len(stripe_api.payment_intents) == 1
    assert again.gateway_reference == first.gateway_reference
    assert again.client_secret == first.client_secret


def test_a_server_error_is_retried_with_the_same_idempotency_key(
    stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    gateway = StripeGateway(
        secret_key=stripe_api.secret_key,
        publishable_key=stripe_api.publishable_key,
        webhook_secret=stripe_api.webhook_secret,
        api_base=stripe_api.base_url,
        max_network_retries=1,
    )
    checkout = make_checkout()

    stripe_api.fail_next(1)
    session = gateway.start_checkout(checkout)

    [customer_attempt, customer_retry] = stripe_api.requests_to("/v1/customers")
    assert customer_attempt.headers["idempotency-key"] == customer_retry.headers["idempotency-key"]
    assert len(stripe_api.customers) == 1
    assert session.gateway_reference in stripe_api.payment_intents


def test_a_signed_payment_intent_succeeded_event_becomes_a_succeeded_event(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    session = stripe_gateway.start_checkout(checkout)
    event = stripe_api.succeed(session.gateway_reference)

    events = stripe_gateway.parse_webhook(webhook_request(stripe_api, event))

    assert events == [
        GatewayEvent(
            gateway="stripe",
            event_id=event["id"],
            kind=GatewayEventKind.SUCCEEDED,
            payment_id=checkout.payment_id,
            gateway_reference=session.gateway_reference,
            amount=Money(1999, "USD"),
            occurred_at=datetime.fromtimestamp(event["created"], UTC),
            # Disputes name the charge; the payment keeps it to be found by it.
            charge_reference=event["data"]["object"]["latest_charge"],
        )
    ]


def test_a_succeeded_event_reports_the_amount_received_rather_than_the_amount_asked(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())
    event = stripe_api.succeed(session.gateway_reference)
    event["data"]["object"]["amount_received"] = 1500

    [parsed] = stripe_gateway.parse_webhook(webhook_request(stripe_api, event))

    assert parsed.amount == Money(1500, "USD")


@pytest.mark.parametrize(
    ("outcome", "kind"),
    [
        (StripeApiDouble.decline, GatewayEventKind.FAILED),
        (StripeApiDouble.cancel, GatewayEventKind.CANCELED),
    ],
)
def test_declined_and_canceled_payment_intents_become_failed_and_canceled_events(
    stripe_gateway: StripeGateway,
    stripe_api: StripeApiDouble,
    make_checkout: MakeCheckout,
    outcome: Callable[[StripeApiDouble, str], dict],
    kind: GatewayEventKind,
) -> None:
    checkout = make_checkout(amount=Money(2500, "GBP"))
    session = stripe_gateway.start_checkout(checkout)
    event = outcome(stripe_api, session.gateway_reference)

    [parsed] = stripe_gateway.parse_webhook(webhook_request(stripe_api, event))

    assert parsed.kind is kind
    assert parsed.event_id == event["id"]
    assert parsed.payment_id == checkout.payment_id
    assert parsed.gateway_reference == session.gateway_reference
    assert parsed.amount == Money(2500, "GBP")


def test_a_charge_refunded_event_names_the_payment_and_its_charge_but_no_amount_to_apply(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    session = stripe_gateway.start_checkout(checkout)
    stripe_api.succeed(session.gateway_reference)
    stripe_gateway.refund(
        RefundInstruction(
            uuid4(), checkout.payment_id, session.gateway_reference, Money(1999, "USD")
        )
    )
    event = stripe_api.charge_refunded_event(session.gateway_reference)

    [parsed] = stripe_gateway.parse_webhook(webhook_request(stripe_api, event))

    assert parsed.kind is GatewayEventKind.REFUNDED
    assert parsed.event_id == event["id"]
    assert parsed.payment_id == checkout.payment_id
    assert parsed.gateway_reference == session.gateway_reference
    assert parsed.charge_reference == event["data"]["object"]["id"]
    # Sent as soon as a refund is created, still pending: refunds settle by their own events.
    assert parsed.amount is None


def test_a_refunded_charge_without_metadata_is_matched_by_its_payment_intent(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())
    stripe_api.succeed(session.gateway_reference)
    event = stripe_api.charge_refunded_event(session.gateway_reference)
    event["data"]["object"]["metadata"] = {}

    [parsed] = stripe_gateway.parse_webhook(webhook_request(stripe_api, event))

    assert parsed.payment_id is None
    assert parsed.gateway_reference == session.gateway_reference


def test_event_types_the_app_does_not_follow_are_acknowledged_and_ignored(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())
    event = stripe_api.event("customer.created", stripe_api.customers[session.customer_reference])

    assert stripe_gateway.parse_webhook(webhook_request(stripe_api, event)) == []


def test_a_tampered_body_is_rejected(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())
    body, headers = stripe_api.webhook(stripe_api.succeed(session.gateway_reference))
    tampered = body.replace(b'"amount_received": 1999', b'"amount_received": 1')
    assert tampered != body

    with pytest.raises(InvalidWebhook):
        stripe_gateway.parse_webhook(WebhookRequest(headers=headers, body=tampered))


def test_an_event_signed_with_another_endpoint_secret_is_rejected(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())
    event = stripe_api.succeed(session.gateway_reference)

    with pytest.raises(InvalidWebhook):
        stripe_gateway.parse_webhook(
            webhook_request(stripe_api, event, secret="whsec_someone_elses_endpoint")
        )


def test_an_event_signed_more_than_five_minutes_ago_is_rejected(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())
    event = stripe_api.succeed(session.gateway_reference)

    with pytest.raises(InvalidWebhook):
        stripe_gateway.parse_webhook(
            webhook_request(stripe_api, event, timestamp=int(time.time()) - 301)
        )


@pytest.mark.parametrize("signature", [None, "", "t=soon,v1=abc", "v1=deadbeef"])
def test_an_event_without_a_usable_signature_header_is_rejected(
    stripe_gateway: StripeGateway,
    stripe_api: StripeApiDouble,
    make_checkout: MakeCheckout,
    signature: str | None,
) -> None:
    session = stripe_gateway.start_checkout(make_checkout())
    body, headers = stripe_api.webhook(stripe_api.succeed(session.gateway_reference))
    del headers["stripe-signature"]
    if signature is not None:
        headers["stripe-signature"] = signature

    with pytest.raises(InvalidWebhook):
        stripe_gateway.parse_webhook(WebhookRequest(headers=headers, body=body))


def test_refund_creates_one_refund_of_the_payment_intent_however_often_asked(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    session = stripe_gateway.start_checkout(checkout)
    stripe_api.succeed(session.gateway_reference)
    refund = RefundInstruction(
        uuid4(),
        checkout.payment_id,
        session.gateway_reference,
        Money(1999, "USD"),
        "Course withdrawn",
    )

    first = stripe_gateway.refund(refund)
    again = stripe_gateway.refund(refund)

    [stored] = stripe_api.refunds.values()
    assert first.refund_reference == stored["id"]
    assert first.refund_reference.startswith("re_")
    assert first.status is RefundStatus.SUCCEEDED
    assert again == first
    sent = stripe_api.requests_to("/v1/refunds")[0]
    assert sent.headers["idempotency-key"] == f"skillwise-refund-{refund.refund_id}"
    assert stripe_api.params(sent) == {
        "payment_intent": session.gateway_reference,
        "amount": "1999",
        "metadata": {
            "payment_id": str(checkout.payment_id),
            "refund_id": str(refund.refund_id),
            "reason": "Course withdrawn",
        },
    }


def test_refund_of_an_unpaid_payment_intent_is_refused_as_gateway_unavailable(
    stripe_gateway: StripeGateway, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    session = stripe_gateway.start_checkout(checkout)

    with pytest.raises(GatewayUnavailable, match="successful charge"):
        stripe_gateway.refund(
            RefundInstruction(
                uuid4(), checkout.payment_id, session.gateway_reference, Money(1999, "USD")
            )
        )


@pytest.mark.parametrize(
    ("outcomes", "kind", "amount_minor"),
    [
        ([], None, 1999),
        ([StripeApiDouble.succeed], GatewayEventKind.SUCCEEDED, 1999),
        ([StripeApiDouble.decline], GatewayEventKind.FAILED, 1999),
        ([StripeApiDouble.cancel], GatewayEventKind.CANCELED, 1999),
    ],
    ids=["pending", "succeeded", "declined", "canceled"],
)
def test_lookup_reports_the_payment_intent_state(
    stripe_gateway: StripeGateway,
    stripe_api: StripeApiDouble,
    make_checkout: MakeCheckout,
    outcomes: list[Callable[[StripeApiDouble, str], dict]],
    kind: GatewayEventKind | None,
    amount_minor: int,
) -> None:
    checkout = make_checkout()
    session = stripe_gateway.start_checkout(checkout)
    for outcome in outcomes:
        outcome(stripe_api, session.gateway_reference)

    state = stripe_gateway.lookup(checkout.payment_id, session.gateway_reference)

    assert state.kind is kind
    assert state.gateway_reference == session.gateway_reference
    assert state.amount == Money(amount_minor, "USD")


def test_lookup_reports_a_refunded_charge_as_refunded(
    stripe_gateway: StripeGateway, stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    checkout = make_checkout()
    session = stripe_gateway.start_checkout(checkout)
    stripe_api.succeed(session.gateway_reference)
    stripe_gateway.refund(
        RefundInstruction(
            uuid4(), checkout.payment_id, session.gateway_reference, Money(1999, "USD")
        )
    )

    state = stripe_gateway.lookup(checkout.payment_id, session.gateway_reference)

    assert state.kind is GatewayEventKind.REFUNDED
    [sent] = [
        sent
        for sent in stripe_api.requests_to(f"/v1/payment_intents/{session.gateway_reference}")
        if sent.method == "GET"
    ]
    assert stripe_api.params(sent) == {"expand": ["latest_charge"]}


def test_lookup_of_an_unknown_payment_intent_raises_gateway_unavailable(
    stripe_gateway: StripeGateway, make_checkout: MakeCheckout
) -> None:
    with pytest.raises(GatewayUnavailable, match="No such payment_intent"):
        stripe_gateway.lookup(make_checkout().payment_id, "pi_3NeverCreated")


def test_a_stripe_api_that_is_down_raises_gateway_unavailable(
    stripe_api: StripeApiDouble, closed_port_url: str, make_checkout: MakeCheckout
) -> None:
    gateway = StripeGateway(
        secret_key=stripe_api.secret_key,
        publishable_key=stripe_api.publishable_key,
        webhook_secret=stripe_api.webhook_secret,
        api_base=closed_port_url,
        max_network_retries=0,
    )

    with pytest.raises(GatewayUnavailable):
        gateway.start_checkout(make_checkout())


def test_a_rejected_api_key_raises_gateway_unavailable(
    stripe_api: StripeApiDouble, make_checkout: MakeCheckout
) -> None:
    gateway = StripeGateway(
        secret_key="sk_test_revoked",
        publishable_key=stripe_api.publishable_key,
        webhook_secret=stripe_api.webhook_secret,
        api_base=stripe_api.base_url,
        max_network_retries=0,
    )

    with pytest.raises(GatewayUnavailable, match="Invalid API Key"):
        gateway.start_checkout(make_checkout())
    assert stripe_api.payment_intents == {}
