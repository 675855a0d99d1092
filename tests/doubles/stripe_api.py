"""A local double of the parts of Stripe's API that StripeGateway uses, written from its docs.

It speaks Stripe's wire format: form-encoded requests with bracket notation
(`metadata[payment_id]=...`, `expand[0]=...`), Bearer authentication, Idempotency-Key replay
and refusal of a reused key with other parameters, Stripe-shaped objects and errors, and
webhook events signed the way Stripe signs them.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
import secrets
import string
import time
from typing import Any

from werkzeug.wrappers import Request, Response

from tests.doubles import HttpDouble, ReceivedRequest, json_response

API_VERSION = "2024-06-20"

# The statuses Stripe lets a PaymentIntent be canceled from, and the reasons it takes.
CANCELABLE_STATUSES = (
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
)
CANCELLATION_REASONS = ("duplicate", "fraudulent", "requested_by_customer", "abandoned")

_ID_ALPHABET = string.ascii_letters + string.digits
_BRACKET_KEY = re.compile(r"([^\[\]]+)|\[([^\[\]]*)\]")


def random_token(length: int) -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def stripe_id(prefix: str, length: int = 24) -> str:
    return f"{prefix}_{random_token(length)}"


def decode_form(fields: dict[str, str]) -> dict[str, Any]:
    """Stripe's bracket notation back into nested values: `a[b][0]=c` -> {"a": {"b": ["c"]}}."""
    decoded: dict[str, Any] = {}
    for raw_key, value in fields.items():
        parts = [name or index for name, index in _BRACKET_KEY.findall(raw_key)]
        node = decoded
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists_from_indexed_dicts(decoded)


def _lists_from_indexed_dicts(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    converted = {key: _lists_from_indexed_dicts(item) for key, item in value.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted


def sign_payload(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A Stripe-Signature header: t=<ts>,v1=<hex HMAC-SHA256 of "<ts>.<payload>">."""
    signed_at = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{signed_at}.".encode() + payload, hashlib.sha256)
    return f"t={signed_at},v1={digest.hexdigest()}"


class StripeApiError(Exception):
    def __init__(self, status: int, error_type: str, message: str, **details: str) -> None:
        super().__init__(message)
        self.response = json_response(
            {"error": {"type": error_type, "message": message, **details}}, status
        )


def missing(status: int, kind: str, object_id: Any, *, param: str) -> StripeApiError:
    """Stripe's answer for an id it does not hold."""
    return StripeApiError(
        status,
        "invalid_request_error",
        f"No such {kind}: '{object_id}'",
        code="resource_missing",
        param=param,
    )


class StripeApiDouble(HttpDouble):
    """One Stripe test-mode account: its keys, webhook endpoint secret and objects, in memory."""

    def __init__(
        self,
        secret_key: str = "sk_test_51SkillWiseDoubleAccount",
        publishable_key: str = "pk_test_51SkillWiseDoubleAccount",
        webhook_secret: str = "whsec_skillwise_double_endpoint",
    ) -> None:
        super().__init__()
        self.secret_key = secret_key
        self.publishable_key = publishable_key
        self.webhook_secret = webhook_secret
        self.customers: dict[str, dict[str, Any]] = {}
        self.payment_intents: dict[str, dict[str, Any]] = {}
        self.charges: dict[str, dict[str, Any]] = {}
        self.ephemeral_keys: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.disputes: dict[str, dict[str, Any]] = {}
        # The intents canceled through the API, in order.
        self.cancellations: list[str] = []
        # What a new refund's status is: Stripe answers some methods' refunds as pending and
        # settles them later (settle_refund).
        self.next_refund_status = "succeeded"
        self._idempotent_results: dict[str, tuple[tuple[str, str, str], Response]] = {}
        self._answers_to_lose: list[str] = []

    @staticmethod
    def params(received: ReceivedRequest) -> dict[str, Any]:
        """What a request asked for, decoded from the query string (GET) or form (POST)."""
        return decode_form(received.form if received.method == "POST" else received.query)

    def handle(self, request: Request, received: ReceivedRequest) -> Response:
        if received.headers.get("authorization") != f"Bearer {self.secret_key}":
            return json_response(
                {
                    "error": {
                        "type": "invalid_request_error",
                        "message": "Invalid API Key provided.",
                    }
                },
                401,
            )
        key = received.headers.get("idempotency-key")
        if received.method != "POST" or key is None:
            return self._route(received)
        fingerprint = (received.method, received.path, json.dumps(received.form, sort_keys=True))
        if key in self._idempotent_results:
            first_fingerprint, first_response = self._idempotent_results[key]
            if first_fingerprint != fingerprint:
                return json_response(
                    {
                        "error": {
                            "type": "idempotency_error",
                            "message": "Keys for idempotent requests can only be used with the "
                            "same parameters they were first used with.",
                        }
                    },
                    400,
                )
            replay = Response(first_response.get_data(), first_response.status_code)
            replay.headers["Content-Type"] = "application/json"
            replay.headers["Idempotent-Replayed"] = "true"
            return replay
        response = self._route(received)
        if response.status_code < 500:
            self._idempotent_results[key] = (fingerprint, response)
        if received.path in self._answers_to_lose:
            self._answers_to_lose.remove(received.path)
            return json_response(
                {"error": {"type": "api_error", "message": "The answer was lost on the way."}},
                502,
            )
        return response

    def lose_next_answer(self, path: str) -> None:
        """Do the next idempotent request to `path`, then lose the answer (a proxy's 502), as a
        dropped connection would: the object exists at Stripe, the caller never heard."""
        self._answers_to_lose.append(path)

    def _route(self, received: ReceivedRequest) -> Response:
        params = self.params(received)
        routes = {
            ("POST", "/v1/customers"): lambda: self._create_customer(params),
            ("POST", "/v1/payment_intents"): lambda: self._create_payment_intent(params),
            ("POST", "/v1/ephemeral_keys"): lambda: self._create_ephemeral_key(received, params),
            ("POST", "/v1/refunds"): lambda: self._create_refund(params),
        }
        try:
            if (received.method, received.path) in routes:
                return json_response(routes[received.method, received.path]())
            match = re.fullmatch(r"/v1/payment_intents/([^/]+)/cancel", received.path)
            if received.method == "POST" and match:
                return json_response(self._cancel_payment_intent(match.group(1), params))
            match = re.fullmatch(r"/v1/payment_intents/([^/]+)", received.path)
            if received.method == "GET" and match:
                return json_response(self._retrieve_payment_intent(match.group(1), params))
            if received.method == "POST" and match:
                return json_response(self._update_payment_intent(match.group(1), params))
            match = re.fullmatch(r"/v1/refunds/([^/]+)", received.path)
            if received.method == "GET" and match:
                return json_response(self._retrieve_refund(match.group(1)))
            match = re.fullmatch(r"/v1/charges/([^/]+)", received.path)
            if received.method == "GET" and match:
                return json_response(self._retrieve_charge(match.group(1)))
            raise StripeApiError(
                404, "invalid_request_error", f"Unrecognized request URL ({received.path})."
            )
        except StripeApiError as error:
            return error.response

    def _create_customer(self, params: dict[str, Any]) -> dict[str, Any]:
        customer = {
            "id": stripe_id("cus", 14),
            "object": "customer",
            "created": int(time.time()),
            "email": params.get("email"),
            "name": params.get("name"),
            "metadata": params.get("metadata", {}),
            "livemode": False,
        }
        self.customers[customer["id"]] = customer
        return customer

    def _create_payment_intent(self, params: dict[str, Any]) -> dict[str, Any]:
        amount = params.get("amount", "")
        if not amount.isdigit() or int(amount) < 1:
            raise StripeApiError(
                400, "invalid_request_error", "Invalid positive integer", param="amount"
            )
        currency = params.get("currency", "")
        if not re.fullmatch(r"[a-z]{3}", currency):
            raise StripeApiError(
                400, "invalid_request_error", f"Invalid currency: {currency}", param="currency"
            )
        customer = params.get("customer")
        if customer is not None and customer not in self.customers:
            raise missing(400, "customer", customer, param="customer")
        intent_id = stripe_id("pi")
        intent = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": int(amount),
            "amount_received": 0,
            "automatic_payment_methods": {
                "enabled": params.get("automatic_payment_methods", {}).get("enabled") == "true"
            },
            "canceled_at": None,
            "cancellation_reason": None,
            "client_secret": f"{intent_id}_secret_{random_token(25)}",
            "created": int(time.time()),
            "currency": currency,
            "customer": customer,
            "description": params.get("description"),
            "last_payment_error": None,
            "latest_charge": None,
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "receipt_email": params.get("receipt_email"),
            "status": "requires_payment_method",
        }
        self.payment_intents[intent_id] = intent
        return intent

    def _create_ephemeral_key(
        self, received: ReceivedRequest, params: dict[str, Any]
    ) -> dict[str, Any]:
        if "stripe-version" not in received.headers:
            raise StripeApiError(
                400,
                "invalid_request_error",
                "Stripe-Version header is required to create an ephemeral key.",
            )
        customer = params.get("customer")
        if customer not in self.customers:
            raise missing(400, "customer", customer, param="customer")
        now = int(time.time())
        key = {
            "id": stripe_id("ephkey"),
            "object": "ephemeral_key",
            "associated_objects": [{"id": customer, "type": "customer"}],
            "created": now,
            "expires": now + 3600,
            "livemode": False,
            "secret": stripe_id("ek_test", 40),
        }
        self.ephemeral_keys[key["id"]] = key
        return key

    def _create_refund(self, params: dict[str, Any]) -> dict[str, Any]:
        intent = self.payment_intents.get(params.get("payment_intent", ""))
        if intent is None:
            raise missing(
                400, "payment_intent", params.get("payment_intent"), param="payment_intent"
            )
        charge = self.charges.get(intent["latest_charge"] or "")
        if charge is None:
            raise StripeApiError(
                400,
                "invalid_request_error",
                "This PaymentIntent does not have a successful charge to refund.",
                code="charge_not_refundable",
            )
        remaining = charge["amount"] - charge["amount_refunded"]
        amount = int(params.get("amount", remaining))
        if amount > remaining:
            raise StripeApiError(
                400,
                "invalid_request_error",
                "Refund amount is greater than the unrefunded amount on the charge.",
                code="amount_too_large",
                param="amount",
            )
        # Stripe counts a pending refund in the charge's amount_refunded already.
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        refund = {
            "id": stripe_id("re"),
            "object": "refund",
            "amount": amount,
            "balance_transaction": stripe_id("txn"),
            "charge": charge["id"],
            "created": int(time.time()),
            "currency": charge["currency"],
            "failure_reason": None,
            "metadata": params.get("metadata", {}),
            "payment_intent": intent["id"],
            "reason": params.get("reason"),
            "status": self.next_refund_status,
        }
        self.refunds[refund["id"]] = refund
        return refund

    def _update_payment_intent(self, intent_id: str, params: dict[str, Any]) -> dict[str, Any]:
        intent = self.payment_intents.get(intent_id)
        if intent is None:
            raise missing(404, "payment_intent", intent_id, param="intent")
        unknown = set(params) - {"receipt_email", "description", "metadata"}
        if unknown:
            raise StripeApiError(
                400,
                "invalid_request_error",
                f"Received unknown parameter: {sorted(unknown)[0]}",
            )
        intent.update(
            {name: params[name] for name in ("receipt_email", "description") if name in params}
        )
        intent["metadata"].update(params.get("metadata", {}))
        return copy.deepcopy(intent)

    def _cancel_payment_intent(self, intent_id: str, params: dict[str, Any]) -> dict[str, Any]:
        intent = self.payment_intents.get(intent_id)
        if intent is None:
            raise missing(404, "payment_intent", intent_id, param="intent")
        reason = params.get("cancellation_reason")
        if reason not in (None, *CANCELLATION_REASONS):
            raise StripeApiError(
                400,
                "invalid_request_error",
                f"Invalid cancellation_reason: must be one of {', '.join(CANCELLATION_REASONS)}",
                param="cancellation_reason",
            )
        if intent["status"] not in CANCELABLE_STATUSES:
            raise StripeApiError(
                400,
                "invalid_request_error",
                "You cannot cancel this PaymentIntent because it has a status of "
                f"{intent['status']}. Only a PaymentIntent with one of the following statuses "
                f"may be canceled: {', '.join(CANCELABLE_STATUSES)}.",
                code="payment_intent_unexpected_state",
            )
        intent.update(status="canceled", canceled_at=int(time.time()), cancellation_reason=reason)
        self.cancellations.append(intent_id)
        return copy.deepcopy(intent)

    def _retrieve_refund(self, refund_id: str) -> dict[str, Any]:
        if refund_id not in self.refunds:
            raise missing(404, "refund", refund_id, param="id")
        return copy.deepcopy(self.refunds[refund_id])

    def _retrieve_charge(self, charge_id: str) -> dict[str, Any]:
        if charge_id not in self.charges:
            raise missing(404, "charge", charge_id, param="id")
        return copy.deepcopy(self.charges[charge_id])

    def _retrieve_payment_intent(self, intent_id: str, params: dict[str, Any]) -> dict[str, Any]:
        intent = self.payment_intents.get(intent_id)
        if intent is None:
            raise missing(404, "payment_intent", intent_id, param="intent")
        shown = copy.deepcopy(intent)
        if "latest_charge" in params.get("expand", []) and intent["latest_charge"]:
            shown["latest_charge"] = copy.deepcopy(self.charges[intent["latest_charge"]])
        return shown

    def add_customer(self, user_id: str) -> dict[str, Any]:
        """A customer that exists already, as an earlier purchase left it."""
        return self._create_customer({"metadata": {"user_id": user_id}})

    def delete_customer(self, customer_id: str) -> None:
        """The customer is deleted (from the Dashboard, say): requests naming it now answer
        resource_missing."""
        del self.customers[customer_id]

    def succeed(self, intent_id: str) -> dict[str, Any]:
        """The customer pays in full: the intent succeeds with a charge. Returns the event."""
        intent = self.payment_intents[intent_id]
        assert intent["status"] != "canceled", "Stripe takes no payment on a canceled intent"
        charge = {
            "id": stripe_id("ch"),
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": intent["amount"],
            "amount_refunded": 0,
            "captured": True,
            "created": int(time.time()),
            "currency": intent["currency"],
            "customer": intent["customer"],
            # Stripe copies the PaymentIntent's metadata onto the charges it creates.
            "metadata": dict(intent["metadata"]),
            "paid": True,
            "payment_intent": intent_id,
            "refunded": False,
            "status": "succeeded",
        }
        self.charges[charge["id"]] = charge
        intent.update(status="succeeded", amount_received=intent["amount"])
        intent["latest_charge"] = charge["id"]
        return self.event("payment_intent.succeeded", intent)

    def decline(self, intent_id: str) -> dict[str, Any]:
        """The customer's card is declined; the intent waits for another payment method."""
        intent = self.payment_intents[intent_id]
        intent.update(
            status="requires_payment_method",
            last_payment_error={
                "type": "card_error",
                "code": "card_declined",
                "decline_code": "generic_decline",
                "message": "Your card was declined.",
            },
        )
        return self.event("payment_intent.payment_failed", intent)

    def cancel(self, intent_id: str) -> dict[str, Any]:
        intent = self.payment_intents[intent_id]
        intent.update(
            status="canceled",
            canceled_at=int(time.time()),
            cancellation_reason="requested_by_customer",
        )
        return self.event("payment_intent.canceled", intent)

    def charge_refunded_event(self, intent_id: str) -> dict[str, Any]:
        """The charge.refunded event Stripe sends once a refund of this intent's charge is made."""
        charge = self.charges[self.payment_intents[intent_id]["latest_charge"]]
        return self.event("charge.refunded", charge)

    def settle_refund(
        self,
        refund_id: str,
        status: str,
        *,
        failure_reason: str | None = None,
        event_type: str = "refund.updated",
    ) -> dict[str, Any]:
        """Stripe settles a refund (or a succeeded one bounces): returns the event it sends.

        A refund that fails or is canceled gives the charge its amount back."""
        refund = self.refunds[refund_id]
        if status in ("failed", "canceled") and refund["status"] not in ("failed", "canceled"):
            charge = self.charges[refund["charge"]]
            charge["amount_refunded"] -= refund["amount"]
            charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        refund.update(status=status, failure_reason=failure_reason)
        return self.event(event_type, refund)

    def refund_event(self, refund_id: str, event_type: str = "refund.created") -> dict[str, Any]:
        return self.event(event_type, self.refunds[refund_id])

    def open_dispute(
        self,
        intent_id: str,
        *,
        status: str = "needs_response",
        reason: str = "fraudulent",
        name_the_payment_intent: bool = True,
    ) -> dict[str, Any]:
        """The buyer disputes the charge at their bank: returns charge.dispute.created.

        Older API versions leave `payment_intent` out of the dispute; then only its charge
        names the payment."""
        charge = self.charges[self.payment_intents[intent_id]["latest_charge"]]
        charge["disputed"] = True
        return self._dispute_created(
            charge["id"],
            charge["amount"],
            charge["currency"],
            payment_intent=intent_id if name_the_payment_intent else None,
            status=status,
            reason=reason,
        )

    def dispute_of_another_account(self) -> dict[str, Any]:
        """charge.dispute.created naming only a charge this account never made (another
        integration's, say): retrieving that charge answers resource_missing."""
        return self._dispute_created(stripe_id("ch"), 1999, "usd", payment_intent=None)

    def _dispute_created(
        self,
        charge_id: str,
        amount: int,
        currency: str,
        *,
        payment_intent: str | None,
        status: str = "needs_response",
        reason: str = "fraudulent",
    ) -> dict[str, Any]:
        dispute = {
            "id": stripe_id("dp"),
            "object": "dispute",
            "amount": amount,
            "charge": charge_id,
            "created": int(time.time()),
            "currency": currency,
            "is_charge_refundable": False,
            "livemode": False,
            "metadata": {},
            "payment_intent": payment_intent,
            "reason": reason,
            "status": status,
        }
        self.disputes[dispute["id"]] = dispute
        return self.event("charge.dispute.created", dispute)

    def update_dispute(self, dispute_id: str, status: str) -> dict[str, Any]:
        dispute = self.disputes[dispute_id]
        dispute["status"] = status
        closed = status in ("won", "lost", "warning_closed")
        return self.event("charge.dispute.closed" if closed else "charge.dispute.updated", dispute)

    def event(self, event_type: str, subject: dict[str, Any]) -> dict[str, Any]:
        """A Stripe event carrying a snapshot of `subject`, as webhook endpoints receive it."""
        return {
            "id": stripe_id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": int(time.time()),
            "data": {"object": copy.deepcopy(subject)},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }

    def webhook(
        self, event: dict[str, Any], *, secret: str | None = None, timestamp: int | None = None
    ) -> tuple[bytes, dict[str, str]]:
        """The body and lower-cased headers Stripe would POST for `event` to the endpoint."""
        body = json.dumps(event, indent=2).encode()
        return body, {
            "content-type": "application/json; charset=utf-8",
            "stripe-signature": sign_payload(body, secret or self.webhook_secret, timestamp),
        }
