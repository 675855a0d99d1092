"""Reading Stripe's objects: ids, amounts, refund results and PaymentIntent states."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from skillwise.adapters.payments.stripe_amounts import (
    from_stripe_amount,
)
from skillwise.application.payments.gateway import (
    GatewayEventKind,
    RefundResult,
)
from skillwise.domain.money import Money
from skillwise.domain.refunds import RefundStatus


def payment_id_in(metadata: Mapping[str, Any] | None) -> UUID | None:
    return uuid_or_none((metadata or {}).get("payment_id"))


def uuid_or_none(raw: Any) -> UUID | None:
    if not raw or not isinstance(raw, str):
        return None
    try:
        return UUID(raw)
    except ValueError:
        # Metadata written by another integration on the same account is not ours to follow.
        return None


def object_id(value: Any) -> str | None:
    """An id Stripe gives as a string, or inside the object when it was expanded."""
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def money_from_stripe(amount: Any, currency: Any) -> Money:
    """An amount a refund or dispute reports, in Stripe's unit, back in our minor units."""
    if not isinstance(amount, int) or isinstance(amount, bool) or not isinstance(currency, str):
        raise TypeError("an amount is an integer and a currency a string")
    return from_stripe_amount(amount, currency)


def refund_result(refund: Mapping[str, Any]) -> RefundResult:
    try:
        status = RefundStatus(refund["status"])
    except ValueError:
        status = RefundStatus.PENDING
    return RefundResult(
        refund_reference=refund["id"], status=status, failure_reason=refund.get("failure_reason")
    )


def intent_kind(intent: Mapping[str, Any]) -> GatewayEventKind | None:
    charge = intent.get("latest_charge")
    if isinstance(charge, Mapping) and charge.get("refunded"):
        return GatewayEventKind.REFUNDED
    status = intent["status"]
    if status == "succeeded":
        return GatewayEventKind.SUCCEEDED
    if status == "canceled":
        return GatewayEventKind.CANCELED
    if status == "requires_payment_method" and intent.get("last_payment_error"):
        return GatewayEventKind.FAILED
    return None
