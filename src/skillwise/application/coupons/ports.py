"""Ports of the coupons subject: the repository and the read side."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from skillwise.application.coupons.views import CouponListing
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.coupons import Coupon


class CouponRepository(Protocol):
    def add(self, coupon: Coupon) -> bool:
        """Insert unless another coupon has the same code; returns whether it was new."""
        ...

    def get(self, coupon_id: UUID, *, lock: bool = False) -> Coupon | None:
        """With `lock`, its row stays locked until commit, as for `find_by_code`."""
        ...

    def find_by_code(self, code: str, *, lock: bool = False) -> Coupon | None:
        """The coupon with this (normalized) code; with `lock`, its row stays locked until
        commit, so purchases counting its uses do so one at a time."""
        ...

    def unannounced_started(self, now: datetime, limit: int) -> list[Coupon]:
        """Active coupons not announced yet that have started and not ended by `now`,
        earliest start first."""
        ...

    def mark_announced(self, coupon_id: UUID, now: datetime) -> bool:
        """Set `announced_at` unless it is set; True for the one transaction that set it (a
        concurrent one waits for it to commit and then gets False)."""
        ...

    def save(self, coupon: Coupon) -> None: ...

    def delete(self, coupon_id: UUID) -> bool:
        """Delete a coupon no payment refers to; False (nothing deleted) when one does."""
        ...


class CouponQueries(Protocol):
    """A fixed number of statements per call, whatever the page size."""

    def coupons(self, created_by: UUID | None, request: PageRequest) -> Page[CouponListing]:
        """Coupons newest first, each with its uses; only those `created_by` made unless None."""
        ...
