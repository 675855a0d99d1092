"""Gateway events as received, one row per gateway and event id <-> payment_events."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import select, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import payment_events
from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import EventOutcome, PaymentEventRepository, RecordedEvent


def _event_from_row(row: Any) -> RecordedEvent:
    return RecordedEvent(
        gateway=row.gateway,
        event_id=row.event_id,
        kind=GatewayEventKind(row.kind),
        payment_id=row.payment_id,
        received_at=row.received_at,
        outcome=EventOutcome(row.outcome) if row.outcome else None,
        detail=row.detail,
    )


class SqlPaymentEventRepository(SqlRepository, implements=PaymentEventRepository):
    def record(self, event: RecordedEvent) -> bool:
        return insert_unless_exists(
            self._session,
            payment_events,
            {
                "id": uuid4(),
                "gateway": event.gateway,
                "event_id": event.event_id,
                "kind": event.kind.value,
                "payment_id": event.payment_id,
                "outcome": event.outcome.value if event.outcome else None,
                "detail": event.detail,
                "received_at": event.received_at,
            },
            unique=("gateway", "event_id"),
        )

    def set_outcome(
        self,
        gateway: str,
        event_id: str,
        outcome: EventOutcome,
        payment_id: UUID | None,
        detail: str = "",
    ) -> None:
        self._session.execute(
            update(payment_events)
            .where(payment_events.c.gateway == gateway, payment_events.c.event_id == event_id)
            .values(outcome=outcome.value, payment_id=payment_id, detail=detail)
        )

    def for_payment(self, payment_id: UUID) -> list[RecordedEvent]:
        rows = self._session.execute(
            select(payment_events)
            .where(payment_events.c.payment_id == payment_id)
            .order_by(payment_events.c.received_at, payment_events.c.event_id)
        )
        return [_event_from_row(row) for row in rows]
