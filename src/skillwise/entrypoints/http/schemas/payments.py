"""Schemas of payments, webhooks, invoices, refunds and earnings."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import fields, post_dump, validate

from skillwise.application.payments.use_cases.review_held_payment import (
    MAX_REVIEW_NOTE_LENGTH,
    ReviewDecision,
)
from skillwise.domain.payments import EarningKind, PaymentStatus
from skillwise.entrypoints.http.schemas.common import (
    BaseSchema,
    PaginationArgs,
    Timestamp,
    page_of,
)

AMOUNT_DESCRIPTION = "Integer amount in the currency's minor unit (1999 USD is 19.99 USD)."


def _money(attribute: str, description: str = AMOUNT_DESCRIPTION) -> fields.Function:
    return fields.Function(
        lambda obj: getattr(obj, attribute).amount_minor,
        required=True,
        metadata={"description": description},
    )


def _currency(attribute: str) -> fields.Function:
    return fields.Function(
        lambda obj: getattr(obj, attribute).currency,
        required=True,
        metadata={"description": "ISO 4217 code.", "example": "USD"},
    )


# --- starting a payment ---


class PaymentCreateSchema(BaseSchema):
    course_id = fields.UUID(required=True)
    gateway = fields.String(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "`fake`, `stripe` or `sslcommerz`; the configured default if absent."
        },
    )


class IdempotencyHeaderSchema(BaseSchema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        load_default=None,
        validate=validate.Length(min=1, max=255),
        metadata={"description": "Repeating a key returns the payment it first created."},
    )


_CHECKOUT_FIELDS = ("client_secret", "publishable_key", "customer", "ephemeral_key", "checkout_url")


def _checkout(attribute: str) -> fields.Function:
    return fields.Function(
        lambda payment: getattr(payment.checkout, attribute) if payment.checkout else None
    )


class CheckoutSchema(BaseSchema):
    """A payment just started, with what the app needs to collect it."""

    id = fields.UUID(required=True)
    status = fields.Enum(PaymentStatus, by_value=True, required=True)
    amount = _money("amount")
    currency = _currency("amount")
    gateway = fields.String(required=True)
    client_secret = _checkout("client_secret")
    publishable_key = _checkout("publishable_key")
    customer = _checkout("customer_reference")
    ephemeral_key = _checkout("ephemeral_key")
    checkout_url = _checkout("checkout_url")

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
    id = fields.Function(lambda listing: str(listing.payment.id), required=True)
    course_id = fields.Function(lambda listing: str(listing.payment.course_id), required=True)
    status = fields.Function(lambda listing: listing.payment.status.value, required=True)
    amount = fields.Function(
        lambda listing: listing.payment.amount.amount_minor,
        required=True,
        metadata={"description": AMOUNT_DESCRIPTION},
    )
    currency = fields.Function(lambda listing: listing.payment.amount.currency, required=True)
    gateway = fields.Function(lambda listing: listing.payment.gateway, required=True)
    created_at = Timestamp(attribute="payment.created_at", required=True)
    paid_at = Timestamp(attribute="payment.paid_at", allow_none=True, required=True)
    invoice_id = fields.UUID(allow_none=True, required=True)


class AdminPaymentSchema(PaymentSchema):
    user_id = fields.Function(lambda listing: str(listing.payment.user_id), required=True)
    gateway_reference = fields.Function(lambda listing: listing.payment.gateway_reference)
    transaction_reference = fields.Function(lambda listing: listing.payment.transaction_reference)
    needs_review = fields.Function(lambda listing: listing.payment.needs_review, required=True)
    review_reason = fields.Function(lambda listing: listing.payment.review_reason)
    refunded_at = Timestamp(attribute="payment.refunded_at", allow_none=True)


class PaymentEventSchema(BaseSchema):
    gateway = fields.String(required=True)
    event_id = fields.String(required=True)
    kind = fields.Function(lambda event: event.kind.value, required=True)
    outcome = fields.Function(lambda event: event.outcome.value if event.outcome else None)
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
    status = fields.Enum(PaymentStatus, by_value=True, load_default=None)
    gateway = fields.String(load_default=None)
    user_id = fields.UUID(load_default=None)
    course_id = fields.UUID(load_default=None)
    created_from = fields.AwareDateTime(
        load_default=None,
        default_timezone=UTC,
        metadata={"description": "Created at or after (ISO 8601; UTC unless a zone is given)."},
    )
    created_to = fields.AwareDateTime(
        load_default=None,
        default_timezone=UTC,
        metadata={"description": "Created before (ISO 8601; UTC unless a zone is given)."},
    )
    needs_review = fields.Boolean(
        load_default=None,
        metadata={"description": "true: only payments held for an admin's review decision."},
    )


class RefundSchema(BaseSchema):
    reason = fields.String(load_default="", validate=validate.Length(max=500))


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
    outcome = fields.Function(lambda result: result.outcome.value, required=True)
    payment_id = fields.UUID(allow_none=True)


class WebhookReceiptSchema(BaseSchema):
    received = fields.Integer(required=True)
    events = fields.List(fields.Nested(WebhookEventResultSchema), required=True)


# --- invoices ---


class InvoiceArgs(BaseSchema):
    format = fields.String(
        load_default=None,
        validate=validate.OneOf(["json", "pdf"]),
        metadata={"description": "`pdf` for the PDF document (as does `Accept: application/pdf`)."},
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
    gateway = fields.String(required=True)
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
    currency = fields.String(required=True)
    gross = fields.Integer(required=True)
    platform_fee = fields.Integer(required=True)
    net = fields.Integer(required=True)
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
