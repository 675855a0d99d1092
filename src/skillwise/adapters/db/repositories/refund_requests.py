"""Students' refund requests <-> refund_requests."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, select, true, update

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import OPEN_REFUND_REQUESTS, refund_requests
from skillwise.application.payments.ports import RefundRequestRepository
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.refunds import RefundRequest, RefundRequestStatus


def _request_from_row(row: Any) -> RefundRequest:
    return RefundRequest(
        id=row.id,
        payment_id=row.payment_id,
        user_id=row.user_id,
        reason=row.reason,
        status=RefundRequestStatus(row.status),
        note=row.note,
        decided_by=row.decided_by,
        refund_id=row.refund_id,
        created_at=row.created_at,
        decided_at=row.decided_at,
    )


def _values(request: RefundRequest) -> dict[str, Any]:
    return {
        "payment_id": request.payment_id,
        "user_id": request.user_id,
        "reason": request.reason,
        "status": request.status.value,
        "note": request.note,
        "decided_by": request.decided_by,
        "refund_id": request.refund_id,
        "created_at": request.created_at,
        "decided_at": request.decided_at,
    }


class SqlRefundRequestRepository(SqlRepository, implements=RefundRequestRepository):
    def add(self, request: RefundRequest) -> bool:
        return insert_unless_exists(
            self._session,
            refund_requests,
            {"id": request.id, **_values(request)},
            unique=("payment_id",),
            where=OPEN_REFUND_REQUESTS,
        )

    def get(self, request_id: UUID) -> RefundRequest | None:
        row = self._session.execute(
            select(refund_requests).where(refund_requests.c.id == request_id)
        ).first()
        return _request_from_row(row) if row else None

    def get_for_update(self, request_id: UUID) -> RefundRequest | None:
        query = select(refund_requests).where(refund_requests.c.id == request_id)
        if self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return _request_from_row(row) if row else None

    def save(self, request: RefundRequest) -> None:
        self._session.execute(
            update(refund_requests)
            .where(refund_requests.c.id == request.id)
            .values(**_values(request))
        )

    def page(self, status: RefundRequestStatus | None, page: PageRequest) -> Page[RefundRequest]:
        where = and_(
            true(), *([refund_requests.c.status == status.value] if status is not None else [])
        )
        total = self._session.execute(
            select(func.count()).select_from(refund_requests).where(where)
        ).scalar_one()
        rows = self._session.execute(
            select(refund_requests)
            .where(where)
            .order_by(refund_requests.c.created_at, refund_requests.c.id)
            .limit(page.page_size)
            .offset(page.offset)
        )
        return Page(items=[_request_from_row(row) for row in rows], total=total, request=page)
