"""Read models of the coupons subject."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.domain.coupons import Coupon, CouponUses


@dataclass(frozen=True, slots=True)
class CouponListing:
    coupon: Coupon
    uses: CouponUses
