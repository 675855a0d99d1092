"""The instructors' ledger of sales and refunds <-> earnings."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import case, func, insert, select

from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.payments import earnings
from skillwise.application.payments.ports import EarningRepository
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.earnings import EarningEntry, EarningKind, EarningTotals
from skillwise.domain.money import Money


def earning_from_row(row: Any) -> EarningEntry:
    return EarningEntry(
        id=row.id,
        instructor_id=row.instructor_id,
        payment_id=row.payment_id,
        course_id=row.course_id,
        kind=EarningKind(row.kind),
        gross=Money(row.gross_minor, row.currency),
        platform_fee=Money(row.fee_minor, row.currency),
        net=Money(row.net_minor, row.currency),
        created_at=row.created_at,
        refund_id=row.refund_id,
    )


def entry_key(entry: EarningEntry) -> str:
    """What the ledger keeps unique per payment: a sale or chargeback once, a refund entry
    and its reversal once per refund."""
    if entry.refund_id is None:
        return entry.kind.value
    return f"{entry.kind.value}:{entry.refund_id}"


class SqlEarningRepository(SqlRepository, implements=EarningRepository):
    def add(self, entry: EarningEntry) -> None:
        self._session.execute(
            insert(earnings).values(
                id=entry.id,
                instructor_id=entry.instructor_id,
                payment_id=entry.payment_id,
                course_id=entry.course_id,
                kind=entry.kind.value,
                gross_minor=entry.gross.amount_minor,
                fee_minor=entry.platform_fee.amount_minor,
                net_minor=entry.net.amount_minor,
                currency=entry.gross.currency,
                created_at=entry.created_at,
                refund_id=entry.refund_id,
                entry_key=entry_key(entry),
            )
        )

    def sale_for(self, payment_id: UUID) -> EarningEntry | None:
        row = self._session.execute(
            select(earnings).where(
                earnings.c.payment_id == payment_id, earnings.c.kind == EarningKind.SALE.value
            )
        ).first()
        return earning_from_row(row) if row else None

    def refund_entry_for(self, refund_id: UUID) -> EarningEntry | None:
        row = self._session.execute(
            select(earnings).where(
                earnings.c.refund_id == refund_id, earnings.c.kind == EarningKind.REFUND.value
            )
        ).first()
        return earning_from_row(row) if row else None

    def for_instructor(self, instructor_id: UUID, page: PageRequest) -> Page[EarningEntry]:
        where = earnings.c.instructor_id == instructor_id
        total = self._session.execute(
            select(func.count()).select_from(earnings).where(where)
        ).scalar_one()
        rows = self._session.execute(
            select(earnings)
            .where(where)
            .order_by(earnings.c.created_at.desc(), earnings.c.id.desc())
            .limit(page.page_size)
            .offset(page.offset)
        )
        return Page(items=[earning_from_row(row) for row in rows], total=total, request=page)

    def totals_for(self, instructor_id: UUID) -> list[EarningTotals]:
        rows = self._session.execute(
            select(
                earnings.c.currency,
                func.sum(earnings.c.gross_minor).label("gross"),
                func.sum(earnings.c.fee_minor).label("fee"),
                func.sum(earnings.c.net_minor).label("net"),
                func.sum(case((earnings.c.kind == EarningKind.SALE.value, 1), else_=0)).label(
                    "sales"
                ),
                func.sum(case((earnings.c.kind == EarningKind.REFUND.value, 1), else_=0)).label(
                    "refunds"
                ),
            )
            .where(earnings.c.instructor_id == instructor_id)
            .group_by(earnings.c.currency)
            .order_by(earnings.c.currency)
        )
        return [
            EarningTotals(
                currency=row.currency,
                gross=int(row.gross),
                platform_fee=int(row.fee),
                net=int(row.net),
                sales=int(row.sales),
                refunds=int(row.refunds),
            )
            for row in rows
        ]
