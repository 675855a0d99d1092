"""Schemas of payments, webhooks, invoices, refunds and earnings."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import fields, post_dump, validate

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import EventOutcome
from skillwise.application.payments.use_cases.review_held_payment import (
    MAX_REVIEW_NOTE_LENGTH,
    ReviewDecision,
)
from skillwise.domain.payments import PaymentStatus
from skillwise.entrypoints.http.schemas.common import BaseSchema, PaginationArgs, Timestamp
from skillwise.entrypoints.http.schemas.money_fields import (
    GATEWAY,
    currency_field,
    gateway_field,
    money_field,
)
from skillwise.entrypoints.http.schemas.refunds import DisputeSchema, RefundRecordSchema

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
    amount = money_field("amount", "What the gateway collects: the price minus the discount.")
    currency = currency_field("amount")
    price = money_field("price", "The course's price before the coupon.")
    discount = money_field("discount", "What the coupon took off (0 without one).")
    coupon = fields.String(attribute="coupon_code", allow_none=True, required=True)
    gateway = gateway_field()
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


class PaymentSchema(BaseSchema):
    id = fields.UUID(attribute="payment.id", required=True)
    course_id = fields.UUID(attribute="payment.course_id", required=True)
    status = fields.Enum(PaymentStatus, by_value=True, attribute="payment.status", required=True)
    amount = money_field("payment.amount", "What was charged: the price minus the discount.")
    currency = currency_field("payment.amount")
    price = money_field("payment.price", "The course's price before the coupon.")
    discount = money_field("payment.discount", "What the coupon took off (0 without one).")
    coupon = fields.String(attribute="payment.coupon_code", allow_none=True, required=True)
    coupon_beyond_limit = fields.Boolean(
        attribute="payment.coupon_beyond_limit",
        required=True,
        metadata={
            "description": "Paid after its coupon use had lapsed, when the coupon had none "
            "left: the buyer kept the discount paid for, and it is not counted as a use."
        },
    )
    gateway = gateway_field("payment.gateway")
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
    disputes = fields.List(
        fields.Nested(DisputeSchema),
        required=True,
        metadata={
            "description": "Chargebacks and inquiries at the buyer's bank, oldest first; while "
            "one is `open` the course's lessons answer 403 `payment_disputed`."
        },
    )


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


# --- refund requests by buyers ---


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


# --- earnings ---


# --- the fake gateway's checkout page ---


class FakeCheckoutOutcomeSchema(BaseSchema):
    outcome = fields.String(required=True, validate=validate.OneOf(["succeeded", "canceled"]))
