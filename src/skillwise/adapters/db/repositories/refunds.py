"""Refunds, each attempt a row <-> refunds."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import refunds
from skillwise.application.payments.ports import RefundRepository
from skillwise.domain.money import Money
from skillwise.domain.refunds import OPEN_REFUND_STATUSES, Refund, RefundStatus


def refund_from_row(row: Any) -> Refund:
    return Refund(
        id=row.id,
        payment_id=row.payment_id,
        amount=Money(row.amount_minor, row.currency),
        gateway=row.gateway,
        status=RefundStatus(row.status),
        reason=row.reason,
        requested_by=row.requested_by,
        refund_request_id=row.refund_request_id,
        gateway_reference=row.gateway_reference,
        failure_reason=row.failure_reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
        settled_at=row.settled_at,
    )


def _values(refund: Refund) -> dict[str, Any]:
    return {
        "payment_id": refund.payment_id,
        "gateway": refund.gateway,
        "amount_minor": refund.amount.amount_minor,
        "currency": refund.amount.currency,
        "status": refund.status.value,
        "reason": refund.reason,
        "requested_by": refund.requested_by,
        "refund_request_id": refund.refund_request_id,
        "gateway_reference": refund.gateway_reference,
        "failure_reason": refund.failure_reason,
        "created_at": refund.created_at,
        "updated_at": refund.updated_at,
        "settled_at": refund.settled_at,
    }


_OLDEST_FIRST = (refunds.c.created_at, refunds.c.id)


class SqlRefundRepository(SqlRepository, implements=RefundRepository):
    def add(self, refund: Refund) -> None:
        self._session.execute(insert(refunds).values(id=refund.id, **_values(refund)))

    def get(self, refund_id: UUID) -> Refund | None:
        row = self._session.execute(select(refunds).where(refunds.c.id == refund_id)).first()
        return refund_from_row(row) if row else None

    def save(self, refund: Refund) -> None:
        self._session.execute(
            update(refunds).where(refunds.c.id == refund.id).values(**_values(refund))
        )

    def for_payment(self, payment_id: UUID) -> list[Refund]:
        return self.for_payments([payment_id]).get(payment_id, [])

    def for_payments(self, payment_ids: list[UUID]) -> dict[UUID, list[Refund]]:
        if not payment_ids:
            return {}
        rows = self._session.execute(
            select(refunds).where(refunds.c.payment_id.in_(payment_ids)).order_by(*_OLDEST_FIRST)
        )
        found: dict[UUID, list[Refund]] = defaultdict(list)
        for row in rows:
            found[row.payment_id].append(refund_from_row(row))
        return dict(found)

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Refund | None:
        row = self._session.execute(
            select(refunds).where(
                refunds.c.gateway == gateway, refunds.c.gateway_reference == gateway_reference
            )
        ).first()
        return refund_from_row(row) if row else None

    def open_created_before(self, cutoff: datetime, limit: int) -> list[Refund]:
        rows = self._session.execute(
            select(refunds)
            .where(
                refunds.c.status.in_([status.value for status in OPEN_REFUND_STATUSES]),
                refunds.c.created_at < cutoff,
            )
            .order_by(*_OLDEST_FIRST)
            .limit(limit)
        )
        return [refund_from_row(row) for row in rows]
