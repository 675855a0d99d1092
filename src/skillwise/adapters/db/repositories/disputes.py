"""Disputes as the gateways report them <-> disputes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import disputes
from skillwise.application.payments.ports import DisputeRepository
from skillwise.domain.disputes import Dispute, DisputeStatus
from skillwise.domain.money import Money


def _dispute_from_row(row: Any) -> Dispute:
    return Dispute(
        id=row.id,
        payment_id=row.payment_id,
        gateway=row.gateway,
        gateway_reference=row.gateway_reference,
        amount=Money(row.amount_minor, row.currency),
        status=DisputeStatus(row.status),
        reason=row.reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
    )


def _values(dispute: Dispute) -> dict[str, Any]:
    return {
        "payment_id": dispute.payment_id,
        "gateway": dispute.gateway,
        "gateway_reference": dispute.gateway_reference,
        "amount_minor": dispute.amount.amount_minor,
        "currency": dispute.amount.currency,
        "status": dispute.status.value,
        "reason": dispute.reason,
        "created_at": dispute.created_at,
        "updated_at": dispute.updated_at,
        "closed_at": dispute.closed_at,
    }


class SqlDisputeRepository(SqlRepository, implements=DisputeRepository):
    def add(self, dispute: Dispute) -> None:
        self._session.execute(insert(disputes).values(id=dispute.id, **_values(dispute)))

    def save(self, dispute: Dispute) -> None:
        self._session.execute(
            update(disputes).where(disputes.c.id == dispute.id).values(**_values(dispute))
        )

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Dispute | None:
        row = self._session.execute(
            select(disputes).where(
                disputes.c.gateway == gateway, disputes.c.gateway_reference == gateway_reference
            )
        ).first()
        return _dispute_from_row(row) if row else None

    def for_payment(self, payment_id: UUID) -> list[Dispute]:
        return self.for_payments([payment_id]).get(payment_id, [])

    def for_payments(self, payment_ids: list[UUID]) -> dict[UUID, list[Dispute]]:
        if not payment_ids:
            return {}
        rows = self._session.execute(
            select(disputes)
            .where(disputes.c.payment_id.in_(payment_ids))
            .order_by(disputes.c.created_at, disputes.c.id)
        )
        found: dict[UUID, list[Dispute]] = defaultdict(list)
        for row in rows:
            found[row.payment_id].append(_dispute_from_row(row))
        return dict(found)
