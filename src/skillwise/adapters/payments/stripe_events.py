"""Stripe's verified webhook events, translated into the events the payments act on."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from skillwise.adapters.payments.stripe_amounts import from_stripe_amount
from skillwise.adapters.payments.stripe_objects import (
    money_from_stripe,
    object_id,
    payment_id_in,
    uuid_or_none,
)
from skillwise.application.payments.gateway import (
    DisputeUpdate,
    GatewayEvent,
    GatewayEventKind,
    RefundUpdate,
)
from skillwise.domain.disputes import DisputeStatus
from skillwise.domain.refunds import RefundStatus

_PAYMENT_INTENT_EVENTS = {
    "payment_intent.succeeded": GatewayEventKind.SUCCEEDED,
    "payment_intent.payment_failed": GatewayEventKind.FAILED,
    "payment_intent.canceled": GatewayEventKind.CANCELED,
}
# Every event about a Refund object: Stripe sends refund.* for refunds of PaymentIntents and
# charge.refund.updated as well; either may come first, and both settle the same refund.
_REFUND_EVENTS = frozenset(
    {"refund.created", "refund.updated", "refund.failed", "charge.refund.updated"}
)
_DISPUTE_EVENTS = frozenset(
    {"charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed"}
)


def translate_event(gateway: str, payload: Mapping[str, Any]) -> list[GatewayEvent]:
    """The gateway events a verified Stripe event means; none for types we do not act on."""
    event_type = payload["type"]
    subject = payload["data"]["object"]
    if not isinstance(subject, Mapping):
        raise TypeError("data.object is not an object")
    occurred_at = datetime.fromtimestamp(payload["created"], UTC)
    event_id = str(payload["id"])
    if event_type in _PAYMENT_INTENT_EVENTS:
        kind = _PAYMENT_INTENT_EVENTS[event_type]
        amount_field = "amount_received" if kind is GatewayEventKind.SUCCEEDED else "amount"
        return [
            GatewayEvent(
                gateway=gateway,
                event_id=event_id,
                kind=kind,
                payment_id=payment_id_in(subject.get("metadata")),
                gateway_reference=subject["id"],
                amount=from_stripe_amount(subject[amount_field], subject["currency"]),
                occurred_at=occurred_at,
                charge_reference=object_id(subject.get("latest_charge")),
            )
        ]
    if event_type == "charge.refunded":
        return [
            GatewayEvent(
                gateway=gateway,
                event_id=event_id,
                kind=GatewayEventKind.REFUNDED,
                payment_id=payment_id_in(subject.get("metadata")),
                gateway_reference=object_id(subject.get("payment_intent")),
                occurred_at=occurred_at,
                charge_reference=subject["id"],
            )
        ]
    if event_type in _REFUND_EVENTS:
        return _refund_event(gateway, event_id, subject, occurred_at)
    if event_type in _DISPUTE_EVENTS:
        return _dispute_event(gateway, event_id, subject, occurred_at)
    return []


def _refund_event(
    gateway: str, event_id: str, refund: Mapping[str, Any], occurred_at: datetime
) -> list[GatewayEvent]:
    if refund["status"] not in RefundStatus.__members__.values():
        # A status newer than this code: the refund's next event or reconciliation tells.
        return []
    metadata = refund.get("metadata")
    return [
        GatewayEvent(
            gateway=gateway,
            event_id=event_id,
            kind=GatewayEventKind.REFUND_UPDATED,
            payment_id=payment_id_in(metadata),
            gateway_reference=object_id(refund.get("payment_intent")),
            occurred_at=occurred_at,
            charge_reference=object_id(refund.get("charge")),
            refund=RefundUpdate(
                gateway_reference=refund["id"],
                status=RefundStatus(refund["status"]),
                amount=money_from_stripe(refund["amount"], refund["currency"]),
                refund_id=uuid_or_none((metadata or {}).get("refund_id")),
                failure_reason=refund.get("failure_reason"),
            ),
        )
    ]


def _dispute_event(
    gateway: str, event_id: str, dispute: Mapping[str, Any], occurred_at: datetime
) -> list[GatewayEvent]:
    if dispute["status"] not in DisputeStatus.__members__.values():
        return []
    charge = object_id(dispute.get("charge"))
    return [
        GatewayEvent(
            gateway=gateway,
            event_id=event_id,
            kind=GatewayEventKind.DISPUTE_UPDATED,
            payment_id=None,
            gateway_reference=object_id(dispute.get("payment_intent")),
            occurred_at=occurred_at,
            charge_reference=charge,
            dispute=DisputeUpdate(
                gateway_reference=dispute["id"],
                status=DisputeStatus(dispute["status"]),
                amount=money_from_stripe(dispute["amount"], dispute["currency"]),
                charge_reference=charge,
                reason=str(dispute.get("reason") or ""),
            ),
        )
    ]
