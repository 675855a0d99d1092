"""Schemas of payments, webhooks, invoices, refunds and earnings."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import fields, post_dump, validate

from skillwise.adapters.payments.fake_gateway import FakeGateway
from skillwise.adapters.payments.sslcommerz_gateway import SslcommerzGateway
from skillwise.adapters.payments.stripe_gateway import StripeGateway
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import EventOutcome
from skillwise.application.payments.use_cases.review_held_payment import (
    MAX_REVIEW_NOTE_LENGTH,
    ReviewDecision,
)
from skillwise.domain.disputes import DisputeOutcome, DisputeStatus
from skillwise.domain.payments import EarningKind, PaymentStatus
from skillwise.domain.refunds import (
    MAX_DECISION_NOTE_LENGTH,
    MAX_REFUND_REQUEST_REASON_LENGTH,
    RefundDecision,
    RefundRequestStatus,
    RefundStatus,
)
from skillwise.entrypoints.http.schemas.common import BaseSchema, PaginationArgs, Timestamp, page_of

AMOUNT_DESCRIPTION = "Integer amount in the currency's minor unit (1999 USD is 19.99 USD)."

# The gateways this build knows; which of them are switched on is configuration.
GATEWAY_NAMES = (FakeGateway.name, StripeGateway.name, SslcommerzGateway.name)
GATEWAY = {"type": "string", "enum": list(GATEWAY_NAMES)}


def _money(attribute: str, description: str = AMOUNT_DESCRIPTION) -> fields.Integer:
    return fields.Integer(
        attribute=f"{attribute}.amount_minor",
        required=True,
        metadata={"description": description, "example": 1999},
    )


def _currency(attribute: str) -> fields.String:
    return fields.String(
        attribute=f"{attribute}.currency",
        required=True,
        metadata={"description": "ISO 4217 code.", "example": "USD"},
    )


def _gateway(attribute: str = "gateway") -> fields.String:
    return fields.String(attribute=attribute, required=True, metadata=GATEWAY)


# --- starting a payment ---


class PaymentCreateSchema(BaseSchema):
    course_id = fields.UUID(required=True)
    gateway = fields.String(
        load_default=None,
        allow_none=True,
        metadata={
            **GATEWAY,
            "description": "The configured default if absent or null; one not switched on "
            "here answers 422 `unknown_gateway`.",
        },
    )
    coupon = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=40),
        metadata={
            "description": "A coupon code, any case: the payment is for the total after its "
            "discount (see `GET /courses/{id}/quote/`)."
        },
    )


class IdempotencyHeaderSchema(BaseSchema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        load_default=None,
        validate=validate.Length(min=1, max=255),
        metadata={
            "description": "Any unique string per purchase attempt (a UUID is fine). "
            "Repeating a key returns the payment it first created; reusing it for another "
            "course answers 422 `idempotency_key_reused`.",
            "example": "5b0c5a52-2f7a-4f7e-9f57-3c1f3c1a9d10",
        },
    )


_CHECKOUT_FIELDS = ("client_secret", "publishable_key", "customer", "ephemeral_key", "checkout_url")


def _checkout(attribute: str, description: str) -> fields.String:
    return fields.String(attribute=f"checkout.{attribute}", metadata={"description": description})


class CheckoutSchema(BaseSchema):
    """A payment just started, with what the app needs to collect it. The Stripe fields come
    with the stripe gateway, `checkout_url` with the others; absent fields are left out."""

    id = fields.UUID(required=True)
    status = fields.Enum(PaymentStatus, by_value=True, required=True)
    amount = _money("amount", "What the gateway collects: the price minus the discount.")
    currency = _currency("amount")
    price = _money("price", "The course's price before the coupon.")
    discount = _money("discount", "What the coupon took off (0 without one).")
    coupon = fields.String(attribute="coupon_code", allow_none=True, required=True)
    gateway = _gateway()
    client_secret = _checkout("client_secret", "Stripe: the PaymentIntent's client secret.")
    publishable_key = _checkout("publishable_key", "Stripe: the publishable key.")
    customer = _checkout("customer_reference", "Stripe: the buyer's customer id.")
    ephemeral_key = _checkout("ephemeral_key", "Stripe: the customer's ephemeral key secret.")
    checkout_url = _checkout(
        "checkout_url", "SSLCOMMERZ and fake: the page to open in a browser or webview."
    )

    @post_dump
    def _leave_out_what_the_gateway_did_not_give(
        self, data: dict[str, Any], **_: Any
    ) -> dict[str, Any]:
        return {
            key: value
            for key, value in data.items()
            if key not in _CHECKOUT_FIELDS or value is not None
        }


# --- payments as lists show them (PaymentListing) ---


class RefundRecordSchema(BaseSchema):
    """One refund of a payment, as its gateway settles it: `pending` (or `requires_action`)
    until it `succeeded`, `failed` or was `canceled`. Only a succeeded refund moved money."""

    id = fields.UUID(required=True)
    payment_id = fields.UUID(required=True)
    amount = _money("amount")
    currency = _currency("amount")
    status = fields.Enum(RefundStatus, by_value=True, required=True)
    reason = fields.String(required=True)
    requested_by = fields.UUID(allow_none=True, required=True)
    created_at = Timestamp(required=True)
    settled_at = Timestamp(allow_none=True, required=True)
    gateway_reference = fields.String(allow_none=True, required=True)
    failure_reason = fields.String(allow_none=True)


class DisputeSchema(BaseSchema):
    id = fields.UUID(required=True)
    gateway_reference = fields.String(required=True)
    amount = _money("amount")
    currency = _currency("amount")
    status = fields.Enum(DisputeStatus, by_value=True, required=True)
    outcome = fields.Enum(
        DisputeOutcome,
        by_value=True,
        required=True,
        metadata={"description": "`open` suspends the buyer's access; `lost` ends it."},
    )
    reason = fields.String(required=True)
    created_at = Timestamp(required=True)
    closed_at = Timestamp(allow_none=True, required=True)


class PaymentSchema(BaseSchema):
    id = fields.UUID(attribute="payment.id", required=True)
    course_id = fields.UUID(attribute="payment.course_id", required=True)
    status = fields.Enum(PaymentStatus, by_value=True, attribute="payment.status", required=True)
    amount = _money("payment.amount", "What was charged: the price minus the discount.")
    currency = _currency("payment.amount")
    price = _money("payment.price", "The course's price before the coupon.")
    discount = _money("payment.discount", "What the coupon took off (0 without one).")
    coupon = fields.String(attribute="payment.coupon_code", allow_none=True, required=True)
    gateway = _gateway("payment.gateway")
    created_at = Timestamp(attribute="payment.created_at", required=True)
    paid_at = Timestamp(attribute="payment.paid_at", allow_none=True, required=True)
    invoice_id = fields.UUID(allow_none=True, required=True)
    refunded_amount = fields.Integer(
        attribute="payment.refunded_minor",
        required=True,
        metadata={
            "description": "What succeeded refunds gave back, in minor units; a payment "
            "refunded in part stays `succeeded`, one refunded in full is `refunded`."
        },
    )
    refunds = fields.List(fields.Nested(RefundRecordSchema), required=True)


class AdminPaymentSchema(PaymentSchema):
    user_id = fields.UUID(attribute="payment.user_id", required=True)
    gateway_reference = fields.String(attribute="payment.gateway_reference", allow_none=True)
    transaction_reference = fields.String(
        attribute="payment.transaction_reference", allow_none=True
    )
    needs_review = fields.Boolean(attribute="payment.needs_review", required=True)
    review_reason = fields.String(attribute="payment.review_reason", allow_none=True)
    refunded_at = Timestamp(attribute="payment.refunded_at", allow_none=True)
    charge_reference = fields.String(attribute="payment.charge_reference", allow_none=True)
    disputes = fields.List(fields.Nested(DisputeSchema), required=True)


class PaymentEventSchema(BaseSchema):
    gateway = fields.String(required=True, metadata=GATEWAY)
    event_id = fields.String(required=True)
    kind = fields.Enum(GatewayEventKind, by_value=True, required=True)
    outcome = fields.Enum(EventOutcome, by_value=True, allow_none=True)
    detail = fields.String()
    received_at = Timestamp(required=True)


class AdminPaymentDetailSchema(BaseSchema):
    payment = fields.Nested(AdminPaymentSchema, attribute="listing", required=True)
    events = fields.List(
        fields.Nested(PaymentEventSchema),
        required=True,
        metadata={"description": "Every gateway event about this payment and what it did."},
    )


class PaymentFilterArgs(PaginationArgs):
    status = fields.Enum(PaymentStatus, by_value=True)
    gateway = fields.String(metadata=GATEWAY)
    user_id = fields.UUID()
    course_id = fields.UUID()
    created_from = fields.AwareDateTime(
        default_timezone=UTC,
        metadata={"description": "Created at or after (ISO 8601; UTC unless a zone is given)."},
    )
    created_to = fields.AwareDateTime(
        default_timezone=UTC,
        metadata={"description": "Created before (ISO 8601; UTC unless a zone is given)."},
    )
    needs_review = fields.Boolean(
        metadata={"description": "true: only payments held for an admin's review decision."},
    )


class RefundSchema(BaseSchema):
    reason = fields.String(load_default="", validate=validate.Length(max=500))
    amount = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={
            "description": "Minor units to refund; what is left of the payment when absent. "
            "Less than paid keeps the buyer's access; more than is left answers 409 "
            "`refund_exceeds_payment`."
        },
    )
    currency = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(r"^[A-Z]{3}$"),
        metadata={
            "description": "The payment's ISO 4217 code, to say which currency `amount` is "
            "in; another one answers 422 `currency_mismatch`.",
            "example": "USD",
        },
    )


# --- refund requests by buyers ---


class RefundRequestCreateSchema(BaseSchema):
    reason = fields.String(
        required=True, validate=validate.Length(min=1, max=MAX_REFUND_REQUEST_REASON_LENGTH)
    )


class RefundRequestSchema(BaseSchema):
    id = fields.UUID(required=True)
    payment_id = fields.UUID(required=True)
    user_id = fields.UUID(required=True)
    reason = fields.String(required=True)
    status = fields.Enum(RefundRequestStatus, by_value=True, required=True)
    created_at = Timestamp(required=True)
    decided_at = Timestamp(allow_none=True, required=True)
    decided_by = fields.UUID(allow_none=True, required=True)
    note = fields.String(required=True)
    refund_id = fields.UUID(
        allow_none=True,
        required=True,
        metadata={"description": "The refund an approval started (see the payment)."},
    )


class RefundRequestFilterArgs(PaginationArgs):
    status = fields.Enum(RefundRequestStatus, by_value=True)


class RefundRequestDecisionSchema(BaseSchema):
    decision = fields.Enum(
        RefundDecision,
        by_value=True,
        required=True,
        metadata={"description": "`approve` starts a refund of what is left; `reject` does not."},
    )
    note = fields.String(
        load_default="",
        validate=validate.Length(max=MAX_DECISION_NOTE_LENGTH),
        metadata={"description": "Told to the buyer with a rejection."},
    )


class ReviewDecisionSchema(BaseSchema):
    decision = fields.Enum(
        ReviewDecision,
        by_value=True,
        required=True,
        metadata={"description": "`approve` applies the success; `reject` fails the payment."},
    )
    note = fields.String(
        load_default="",
        validate=validate.Length(max=MAX_REVIEW_NOTE_LENGTH),
        metadata={"description": "Why; required to reject. Kept in the audit trail only."},
    )


# --- webhooks ---


class WebhookEventResultSchema(BaseSchema):
    event_id = fields.String(required=True)
    outcome = fields.Enum(EventOutcome, by_value=True, required=True)
    payment_id = fields.UUID(allow_none=True)


class WebhookReceiptSchema(BaseSchema):
    received = fields.Integer(required=True)
    events = fields.List(fields.Nested(WebhookEventResultSchema), required=True)


# --- invoices ---


class InvoiceArgs(BaseSchema):
    format = fields.String(
        validate=validate.OneOf(["json", "pdf"]),
        metadata={
            "description": "`pdf` for the PDF document, `json` for JSON whatever `Accept` says; "
            "left out, `Accept: application/pdf` asks for the PDF."
        },
    )


class InvoiceSchema(BaseSchema):
    id = fields.UUID(required=True)
    number = fields.String(required=True, metadata={"example": "INV-2026-000001"})
    payment_id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    buyer_name = fields.String(required=True)
    buyer_email = fields.String(required=True)
    course_title = fields.String(required=True)
    amount = _money("amount")
    currency = _currency("amount")
    gateway = _gateway()
    gateway_reference = fields.String(allow_none=True, required=True)
    paid_at = Timestamp(required=True)
    issued_at = Timestamp(required=True)


# --- earnings ---


class EarningEntrySchema(BaseSchema):
    id = fields.UUID(required=True)
    payment_id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    kind = fields.Enum(EarningKind, by_value=True, required=True)
    gross = _money("gross", "What the buyer paid (negative for a refund), in minor units.")
    platform_fee = _money("platform_fee", "The platform's share, in minor units.")
    net = _money("net", "The instructor's share (gross minus fee), in minor units.")
    currency = _currency("gross")
    created_at = Timestamp(required=True)


class EarningTotalsSchema(BaseSchema):
    currency = fields.String(required=True, metadata={"description": "ISO 4217 code."})
    gross = fields.Integer(required=True, metadata={"description": "Minor units."})
    platform_fee = fields.Integer(required=True, metadata={"description": "Minor units."})
    net = fields.Integer(required=True, metadata={"description": "Minor units."})
    sales = fields.Integer(required=True)
    refunds = fields.Integer(required=True)


class EarningsPageSchema(page_of(EarningEntrySchema)):
    totals = fields.List(
        fields.Nested(EarningTotalsSchema),
        required=True,
        metadata={"description": "The whole ledger summed per currency (not only this page)."},
    )


# --- the fake gateway's checkout page ---


class FakeCheckoutOutcomeSchema(BaseSchema):
    outcome = fields.String(required=True, validate=validate.OneOf(["succeeded", "canceled"]))
