"""Schemas of refunds, refund requests and disputes."""

from __future__ import annotations

from marshmallow import fields, validate

from skillwise.domain.disputes import DisputeOutcome, DisputeStatus
from skillwise.domain.refunds import (
    MAX_DECISION_NOTE_LENGTH,
    MAX_REFUND_REQUEST_REASON_LENGTH,
    RefundDecision,
    RefundRequestStatus,
    RefundStatus,
)
from skillwise.entrypoints.http.schemas.common import BaseSchema, PaginationArgs, Timestamp
from skillwise.entrypoints.http.schemas.money_fields import currency_field, money_field


class RefundRecordSchema(BaseSchema):
    """One refund of a payment, as its gateway settles it: `pending` (or `requires_action`)
    until it `succeeded`, `failed` or was `canceled`. Only a succeeded refund moved money."""

    id = fields.UUID(required=True)
    payment_id = fields.UUID(required=True)
    amount = money_field("amount")
    currency = currency_field("amount")
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
    amount = money_field("amount")
    currency = currency_field("amount")
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
