"""Schemas of invoices and the instructor's ledger."""

from __future__ import annotations

from marshmallow import fields, validate

from skillwise.domain.earnings import EarningKind
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp, page_of
from skillwise.entrypoints.http.schemas.money_fields import (
    currency_field,
    gateway_field,
    money_field,
)


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
    price = money_field("price", "The course's price before the coupon.")
    discount = money_field("discount", "What the coupon took off (0 without one).")
    coupon = fields.String(
        attribute="coupon_code",
        allow_none=True,
        required=True,
        metadata={"description": "The coupon code behind the discount.", "example": "WELCOME10"},
    )
    # Read-only: `amount` already names the same value for loading.
    total = fields.Integer(
        attribute="amount.amount_minor",
        required=True,
        dump_only=True,
        metadata={"description": "What was paid: the price minus the discount.", "example": 1499},
    )
    amount = money_field("amount", "What was paid (the same as `total`).")
    currency = currency_field("amount")
    gateway = gateway_field()
    gateway_reference = fields.String(allow_none=True, required=True)
    paid_at = Timestamp(required=True)
    issued_at = Timestamp(required=True)


class EarningEntrySchema(BaseSchema):
    id = fields.UUID(required=True)
    payment_id = fields.UUID(required=True)
    course_id = fields.UUID(required=True)
    kind = fields.Enum(EarningKind, by_value=True, required=True)
    gross = money_field("gross", "What the buyer paid (negative for a refund), in minor units.")
    platform_fee = money_field("platform_fee", "The platform's share, in minor units.")
    net = money_field("net", "The instructor's share (gross minus fee), in minor units.")
    currency = currency_field("gross")
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
