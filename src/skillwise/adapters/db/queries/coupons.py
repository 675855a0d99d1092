"""Read side of coupons: a page of coupons with their uses, in three statements."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.repositories.coupons import coupon_from_row
from skillwise.adapters.db.repositories.payments import COUPON_USES, coupon_uses_from
from skillwise.adapters.db.tables.coupons import coupons
from skillwise.adapters.db.tables.payments import payments
from skillwise.application.coupons.views import CouponListing
from skillwise.application.shared.pagination import Page, PageRequest


class SqlCouponQueries:
    """Each call reads in a short session of its own."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def coupons(self, created_by: UUID | None, request: PageRequest) -> Page[CouponListing]:
        where = true() if created_by is None else coupons.c.created_by == created_by
        with self._session_factory() as session:
            total = session.execute(
                select(func.count()).select_from(coupons).where(where)
            ).scalar_one()
            rows = session.execute(
                select(coupons)
                .where(where)
                .order_by(coupons.c.created_at.desc(), coupons.c.id.desc())
                .limit(request.page_size)
                .offset(request.offset)
            ).all()
            counts: dict[UUID, dict[str, int]] = defaultdict(dict)
            if rows:
                for coupon_id, status, count in session.execute(
                    select(payments.c.coupon_id, payments.c.status, func.count())
                    .where(
                        payments.c.coupon_id.in_([row.id for row in rows]),
                        payments.c.status.in_(COUPON_USES),
                        payments.c.coupon_beyond_limit.is_(False),
                    )
                    .group_by(payments.c.coupon_id, payments.c.status)
                ):
                    counts[coupon_id][status] = count
        items = [
            CouponListing(coupon_from_row(row), coupon_uses_from(counts[row.id])) for row in rows
        ]
        return Page(items=items, total=total, request=request)
