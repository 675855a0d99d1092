"""Coupons table <-> Coupon entity."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from skillwise.adapters.db.inserts import insert_unless_exists
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.adapters.db.tables.coupons import coupons
from skillwise.application.coupons.ports import CouponRepository
from skillwise.domain.coupons import Coupon, CouponKind


def coupon_from_row(row: Any) -> Coupon:
    return Coupon(
        id=row.id,
        code=row.code,
        kind=CouponKind(row.kind),
        value=row.value,
        currency=row.currency,
        course_id=row.course_id,
        created_by=row.created_by,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        max_redemptions=row.max_redemptions,
        per_user_limit=row.per_user_limit,
        is_active=row.is_active,
        announced_at=row.announced_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _values(coupon: Coupon) -> dict[str, Any]:
    return {
        "code": coupon.code,
        "kind": coupon.kind.value,
        "value": coupon.value,
        "currency": coupon.currency,
        "course_id": coupon.course_id,
        "created_by": coupon.created_by,
        "starts_at": coupon.starts_at,
        "ends_at": coupon.ends_at,
        "max_redemptions": coupon.max_redemptions,
        "per_user_limit": coupon.per_user_limit,
        "is_active": coupon.is_active,
        "announced_at": coupon.announced_at,
        "created_at": coupon.created_at,
        "updated_at": coupon.updated_at,
    }


class SqlCouponRepository(SqlRepository, implements=CouponRepository):
    def add(self, coupon: Coupon) -> bool:
        return insert_unless_exists(
            self._session, coupons, {"id": coupon.id, **_values(coupon)}, unique=("code",)
        )

    def get(self, coupon_id: UUID, *, lock: bool = False) -> Coupon | None:
        query = select(coupons).where(coupons.c.id == coupon_id)
        if lock and self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return coupon_from_row(row) if row else None

    def find_by_code(self, code: str, *, lock: bool = False) -> Coupon | None:
        query = select(coupons).where(coupons.c.code == code)
        if lock and self._locks_rows:
            query = query.with_for_update()
        row = self._session.execute(query).first()
        return coupon_from_row(row) if row else None

    def unannounced_started(self, now: datetime, limit: int) -> list[Coupon]:
        rows = self._session.execute(
            select(coupons)
            .where(
                coupons.c.announced_at.is_(None),
                coupons.c.is_active.is_(True),
                coupons.c.starts_at <= now,
                or_(coupons.c.ends_at.is_(None), coupons.c.ends_at > now),
            )
            .order_by(coupons.c.starts_at, coupons.c.id)
            .limit(limit)
        )
        return [coupon_from_row(row) for row in rows]

    def mark_announced(self, coupon_id: UUID, now: datetime) -> bool:
        # The condition is checked again once a concurrent claimant's row lock is released,
        # so exactly one transaction gets the row.
        claimed = self._session.execute(
            update(coupons)
            .where(coupons.c.id == coupon_id, coupons.c.announced_at.is_(None))
            .values(announced_at=now)
        )
        return claimed.rowcount == 1

    def save(self, coupon: Coupon) -> None:
        self._session.execute(
            update(coupons).where(coupons.c.id == coupon.id).values(**_values(coupon))
        )

    def delete(self, coupon_id: UUID) -> bool:
        """Payments keep their coupon: the database refuses, and the savepoint leaves the
        transaction usable for deactivating it instead."""
        try:
            with self._session.begin_nested():
                self._session.execute(delete(coupons).where(coupons.c.id == coupon_id))
        except IntegrityError:
            return False
        return True
