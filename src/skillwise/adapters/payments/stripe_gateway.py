"""PaymentGateway adapter for Stripe PaymentIntents and the mobile PaymentSheet."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from uuid import UUID

import stripe

from skillwise.adapters.payments.stripe_amounts import (
    CURRENCIES,
    ensure_stripe_charges,
    from_stripe_amount,
    to_stripe_amount,
)
from skillwise.adapters.payments.stripe_events import translate_event
from skillwise.adapters.payments.stripe_objects import intent_kind, object_id, refund_result
from skillwise.application.payments.gateway import (
    CancelOutcome,
    CancelResult,
    CheckoutRequest,
    CheckoutSession,
    GatewayEvent,
    GatewayEventKind,
    GatewayPaymentState,
    GatewayUnavailable,
    InvalidWebhook,
    RefundInstruction,
    RefundResult,
    WebhookRequest,
)
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import Money

# The PaymentSheet reads the ephemeral key with the API version of the mobile SDK, which is
# pinned by the app and not by this server, so the key is created for that version.
MOBILE_SDK_API_VERSION = "2020-08-27"


# Stripe keeps metadata values to 500 characters.
_METADATA_VALUE_LIMIT = 500


class StripeGateway:
    """Collects card payments with Stripe through the official stripe library."""

    name = "stripe"

    def __init__(
        self,
        secret_key: str,
        publishable_key: str,
        webhook_secret: str,
        api_base: str | None = None,
        timeout_seconds: float = 10,
        *,
        max_network_retries: int = 2,
        mobile_sdk_api_version: str = MOBILE_SDK_API_VERSION,
    ) -> None:
        self._publishable_key = publishable_key
        self._webhook_secret = webhook_secret
        self._mobile_sdk_api_version = mobile_sdk_api_version
        self._client = stripe.StripeClient(
            secret_key,
            # An "api" entry of None would replace Stripe's default address rather than keep it.
            base_addresses={"api": api_base.rstrip("/")} if api_base else None,
            max_network_retries=max_network_retries,
            http_client=stripe.RequestsClient(timeout=timeout_seconds),
        )

    def charges_in(self, currency: str) -> bool:
        return currency in CURRENCIES

    def ensure_chargeable(self, amount: Money) -> None:
        ensure_stripe_charges(amount)

    def start_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        with _gateway_errors():
            customer = request.customer_reference or self._create_customer(
                request, f"skillwise-customer-{request.customer_id}"
            )
            try:
                return self._checkout_for(
                    request, customer, f"skillwise-payment-{request.payment_id}"
                )
            except stripe.InvalidRequestError as error:
                # The only object these calls name is the customer: it was deleted at Stripe.
                if error.code != "resource_missing":
                    raise
            # New keys for the retry: Stripe may keep the failed answer under the first ones,
            # and a repeat of this checkout still meets the same replacement and intent.
            replacement = self._create_customer(
                request, f"skillwise-customer-{request.customer_id}-replacing-{customer}"
            )
            return self._checkout_for(
                request, replacement, f"skillwise-payment-{request.payment_id}-{replacement}"
            )

    def renew_checkout(self, session: CheckoutSession) -> CheckoutSession:
        if session.customer_reference is None:
            return session
        with _gateway_errors():
            ephemeral_key = self._ephemeral_key(session.customer_reference)
        return replace(session, ephemeral_key=ephemeral_key)

    def _create_customer(self, request: CheckoutRequest, idempotency_key: str) -> str:
        # Only stable fields go into idempotent calls: Stripe refuses a replayed idempotency
        # key whose parameters changed, as they would after a profile edit.
        customer = self._client.v1.customers.create(
            {"metadata": {"user_id": str(request.customer_id)}},
            {"idempotency_key": idempotency_key},
        )
        return customer.id

    def _checkout_for(
        self, request: CheckoutRequest, customer: str, idempotency_key: str
    ) -> CheckoutSession:
        payment_id = str(request.payment_id)
        # Only stable fields go into this idempotent call: the buyer may change their email
        # between two attempts, so the receipt address is set by an update of its own.
        intent = self._client.v1.payment_intents.create(
            {
                "amount": to_stripe_amount(request.amount),
                "currency": request.amount.currency.lower(),
                "customer": customer,
                "automatic_payment_methods": {"enabled": True},
                "metadata": {
                    "payment_id": payment_id,
                    "course_id": str(request.course_id),
                    "user_id": str(request.customer_id),
                },
            },
            {"idempotency_key": idempotency_key},
        )
        if intent.receipt_email != request.customer_email:
            intent = self._client.v1.payment_intents.update(
                intent.id, {"receipt_email": request.customer_email}
            )
        return CheckoutSession(
            gateway_reference=intent.id,
            client_secret=intent.client_secret,
            publishable_key=self._publishable_key,
            customer_reference=customer,
            ephemeral_key=self._ephemeral_key(customer),
        )

    def _ephemeral_key(self, customer: str) -> str:
        ephemeral_key = self._client.v1.ephemeral_keys.create(
            {"customer": customer}, {"stripe_version": self._mobile_sdk_api_version}
        )
        return ephemeral_key.secret

    def parse_webhook(self, request: WebhookRequest) -> list[GatewayEvent]:
        try:
            event = self._client.construct_event(
                request.body, request.headers.get("stripe-signature"), self._webhook_secret
            )
        except (stripe.SignatureVerificationError, ValueError) as error:
            raise InvalidWebhook("The Stripe-Signature header does not verify.") from error
        try:
            return translate_event(self.name, event.to_dict())
        except (
            KeyError,
            TypeError,
            ValueError,
            OverflowError,
            OSError,
            DomainValidationError,
        ) as error:
            # Signed, so from Stripe, but not the shape its events have: refusing it (400)
            # beats a 500 that Stripe would retry for days.
            raise InvalidWebhook("The Stripe event is not one this app can read.") from error

    def refund(self, instruction: RefundInstruction) -> RefundResult:
        with _gateway_errors():
            refund = self._client.v1.refunds.create(
                {
                    "payment_intent": instruction.gateway_reference,
                    "amount": to_stripe_amount(instruction.amount),
                    "metadata": {
                        "payment_id": str(instruction.payment_id),
                        "refund_id": str(instruction.refund_id),
                        "reason": instruction.reason[:_METADATA_VALUE_LIMIT],
                    },
                },
                # One key per refund attempt: a new attempt after a failed refund must be a
                # new refund, not the failed one replayed.
                {"idempotency_key": f"skillwise-refund-{instruction.refund_id}"},
            )
        return refund_result(refund.to_dict())

    def refund_status(self, refund_reference: str, refund_id: UUID) -> RefundResult:
        with _gateway_errors():
            refund = self._client.v1.refunds.retrieve(refund_reference)
        return refund_result(refund.to_dict())

    def lookup(self, payment_id: UUID, gateway_reference: str | None) -> GatewayPaymentState:
        if gateway_reference is None:
            # Without a PaymentIntent id there is nothing at Stripe to ask about.
            return GatewayPaymentState(kind=None, gateway_reference=None)
        with _gateway_errors():
            intent = self._client.v1.payment_intents.retrieve(
                gateway_reference, {"expand": ["latest_charge"]}
            ).to_dict()
        kind = intent_kind(intent)
        received = kind in (GatewayEventKind.SUCCEEDED, GatewayEventKind.REFUNDED)
        return GatewayPaymentState(
            kind=kind,
            gateway_reference=intent["id"],
            amount=from_stripe_amount(
                intent["amount_received"] if received else intent["amount"], intent["currency"]
            ),
        )

    def payment_reference_of_charge(self, charge_reference: str) -> str | None:
        with _gateway_errors():
            try:
                charge = self._client.v1.charges.retrieve(charge_reference).to_dict()
            except stripe.InvalidRequestError as error:
                # Not a charge of this account (another integration's, or made up): no
                # payment of ours, which is not a reason for Stripe to deliver it again.
                if error.code != "resource_missing":
                    raise
                return None
        return object_id(charge.get("payment_intent"))

    def cancel(self, payment_id: UUID, gateway_reference: str | None) -> CancelResult:
        if gateway_reference is None:
            # No PaymentIntent was ever made, so nothing at Stripe can take the money.
            return CancelResult(CancelOutcome.CANCELED)
        with _gateway_errors():
            try:
                intent = self._client.v1.payment_intents.cancel(
                    gateway_reference, {"cancellation_reason": "abandoned"}
                ).to_dict()
            except stripe.InvalidRequestError as error:
                if error.code == "resource_missing":
                    return CancelResult(CancelOutcome.CANCELED, gateway_reference)
                if error.code != "payment_intent_unexpected_state":
                    raise
                # Succeeded, canceled already or processing: Stripe refuses, the intent says.
                intent = self._client.v1.payment_intents.retrieve(gateway_reference).to_dict()
        return _cancel_result(intent)


def _cancel_result(intent: dict) -> CancelResult:
    status = intent["status"]
    if status == "succeeded":
        return CancelResult(
            CancelOutcome.SUCCEEDED,
            intent["id"],
            from_stripe_amount(intent["amount_received"], intent["currency"]),
        )
    if status == "canceled":
        return CancelResult(CancelOutcome.CANCELED, intent["id"])
    return CancelResult(CancelOutcome.IN_PROGRESS, intent["id"])


@contextmanager
def _gateway_errors() -> Iterator[None]:
    try:
        yield
    except stripe.StripeError as error:
        raise GatewayUnavailable(
            f"Stripe could not be reached or refused the request: {error.user_message or error}"
        ) from error
