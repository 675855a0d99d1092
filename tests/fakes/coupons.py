"""In-memory fakes of the coupons ports (queries answered from a FakeUnitOfWork's rows)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from skillwise.application.coupons.ports import CouponRepository
from skillwise.application.coupons.views import CouponListing
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.coupons import Coupon
from tests.fakes.base import FakeRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeCouponRepository(FakeRepository, implements=CouponRepository):
    """Deleting never meets the payments' foreign key here: DeleteCoupon asks for the uses
    first, and the SQL adapter's refusal is tested against the databases."""

    def __init__(self) -> None:
        self.rows: dict[UUID, Coupon] = {}

    def add(self, coupon: Coupon) -> bool:
        if self.find_by_code(coupon.code) is not None:
            return False
        self.rows[coupon.id] = dataclasses.replace(coupon)
        return True

    def get(self, coupon_id: UUID, *, lock: bool = False) -> Coupon | None:
        row = self.rows.get(coupon_id)
        return dataclasses.replace(row) if row else None

    def find_by_code(self, code: str, *, lock: bool = False) -> Coupon | None:
        return next((dataclasses.replace(c) for c in self.rows.values() if c.code == code), None)

    def unannounced_started(self, now: datetime, limit: int) -> list[Coupon]:
        due = sorted(
            (
                c
                for c in self.rows.values()
                if c.announced_at is None
                and c.is_active
                and c.starts_at is not None
                and c.starts_at <= now
                and (c.ends_at is None or c.ends_at > now)
            ),
            key=lambda c: (c.starts_at, str(c.id)),
        )
        return [dataclasses.replace(c) for c in due[:limit]]

    def mark_announced(self, coupon_id: UUID, now: datetime) -> bool:
        coupon = self.rows.get(coupon_id)
        if coupon is None or coupon.announced_at is not None:
            return False
        coupon.announced_at = now
        return True

    def save(self, coupon: Coupon) -> None:
        self.rows[coupon.id] = dataclasses.replace(coupon)

    def delete(self, coupon_id: UUID) -> bool:
        return self.rows.pop(coupon_id, None) is not None


class FakeCouponQueries:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    def coupons(self, created_by: UUID | None, request: PageRequest) -> Page[CouponListing]:
        found = sorted(
            (
                c
                for c in self._uow.coupons.rows.values()
                if created_by is None or c.created_by == created_by
            ),
            key=lambda c: (c.created_at, str(c.id)),
            reverse=True,
        )
        listings = [
            CouponListing(c, self._uow.payments.coupon_uses(c.id))
            for c in found[request.offset : request.offset + request.page_size]
        ]
        return Page(items=listings, total=len(found), request=request)
