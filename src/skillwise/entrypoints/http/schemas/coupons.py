"""Schemas of coupons and quotes."""

from __future__ import annotations

from datetime import UTC

from marshmallow import fields, validate

from skillwise.domain.coupons import CouponKind
from skillwise.entrypoints.http.schemas.catalog import CURRENCY, UpperCaseString
from skillwise.entrypoints.http.schemas.common import BaseSchema, Timestamp

CODE = validate.Regexp(
    r"^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$",
    error="3 to 40 letters, digits, '-' or '_', starting with a letter or digit.",
)
VALUE_DESCRIPTION = (
    "percent: 1 to 100 (percent off). fixed: the amount off in minor units of `currency` "
    "(500 USD is 5.00 USD)."
)
LIMIT = validate.Range(min=1)


def _moment(description: str) -> fields.AwareDateTime:
    return fields.AwareDateTime(
        default_timezone=UTC,
        allow_none=True,
        metadata={"description": f"{description} (ISO 8601; UTC unless a zone is given)."},
    )


class CouponCreateSchema(BaseSchema):
    code = fields.String(
        required=True,
        validate=CODE,
        metadata={"description": "Case-insensitive and unique; kept upper-cased."},
    )
    kind = fields.Enum(CouponKind, by_value=True, required=True)
    value = fields.Integer(
        strict=True,
        required=True,
        validate=validate.Range(min=1),
        metadata={"description": VALUE_DESCRIPTION},
    )
    currency = UpperCaseString(
        load_default=None,
        allow_none=True,
        validate=CURRENCY,
        metadata={"description": "fixed coupons only: the course's currency (ISO 4217)."},
    )
    course_id = fields.UUID(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "The one course it is for; absent for a site-wide coupon (admins)."
        },
    )
    starts_at = _moment("Usable from")
    ends_at = _moment("Usable until, exclusive")
    max_redemptions = fields.Integer(
        strict=True,
        allow_none=True,
        validate=LIMIT,
        metadata={"description": "Uses in all: succeeded payments plus those still open."},
    )
    per_user_limit = fields.Integer(
        strict=True, allow_none=True, validate=LIMIT, metadata={"description": "Uses per buyer."}
    )


class CouponUpdateSchema(BaseSchema):
    value = fields.Integer(
        strict=True, validate=validate.Range(min=1), metadata={"description": VALUE_DESCRIPTION}
    )
    starts_at = _moment("Usable from")
    ends_at = _moment("Usable until, exclusive")
    max_redemptions = fields.Integer(strict=True, allow_none=True, validate=LIMIT)
    per_user_limit = fields.Integer(strict=True, allow_none=True, validate=LIMIT)
    is_active = fields.Boolean(metadata={"description": "false switches the coupon off."})


class CouponSchema(BaseSchema):
    id = fields.UUID(attribute="coupon.id", required=True)
    code = fields.String(attribute="coupon.code", required=True)
    kind = fields.Enum(CouponKind, by_value=True, attribute="coupon.kind", required=True)
    value = fields.Integer(
        attribute="coupon.value", required=True, metadata={"description": VALUE_DESCRIPTION}
    )
    currency = fields.String(attribute="coupon.currency", allow_none=True, required=True)
    course_id = fields.UUID(attribute="coupon.course_id", allow_none=True, required=True)
    starts_at = Timestamp(attribute="coupon.starts_at", allow_none=True, required=True)
    ends_at = Timestamp(attribute="coupon.ends_at", allow_none=True, required=True)
    max_redemptions = fields.Integer(
        attribute="coupon.max_redemptions", allow_none=True, required=True
    )
    per_user_limit = fields.Integer(
        attribute="coupon.per_user_limit", allow_none=True, required=True
    )
    is_active = fields.Boolean(attribute="coupon.is_active", required=True)
    redeemed = fields.Integer(
        attribute="uses.redeemed",
        required=True,
        metadata={"description": "Succeeded payments that used it."},
    )
    reserved = fields.Integer(
        attribute="uses.reserved",
        required=True,
        metadata={"description": "Open payments holding a use until they succeed, fail or expire."},
    )
    created_at = Timestamp(attribute="coupon.created_at", required=True)


class QuoteArgs(BaseSchema):
    coupon = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "A coupon code, any case."},
    )


MINOR_UNITS = "Integer amount in the currency's minor unit."


class QuoteSchema(BaseSchema):
    """Percent discounts are rounded half up to the minor unit; the total is never below 0."""

    price = fields.Integer(
        attribute="price.amount_minor", required=True, metadata={"description": MINOR_UNITS}
    )
    discount = fields.Integer(
        attribute="discount.amount_minor", required=True, metadata={"description": MINOR_UNITS}
    )
    total = fields.Integer(
        attribute="total.amount_minor",
        required=True,
        metadata={"description": "What paying now costs: price minus discount."},
    )
    currency = fields.String(attribute="price.currency", required=True)
    coupon = fields.String(
        attribute="coupon_code",
        allow_none=True,
        required=True,
        metadata={"description": "The code applied, upper-cased."},
    )
