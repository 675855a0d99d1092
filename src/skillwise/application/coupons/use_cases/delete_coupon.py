"""DeleteCoupon: take a coupon away; one that was ever used is only switched off."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.coupons.managed import managed_coupon
from skillwise.application.coupons.views import CouponListing
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor


class DeleteCoupon:
    """Returns None when the coupon is gone, or the deactivated coupon when payments carry it
    (redeemed, reserved or even failed ones keep naming the coupon they used)."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor, coupon_id: UUID) -> CouponListing | None:
        with self._uow as uow:
            coupon = managed_coupon(uow, actor, coupon_id)
            uses = uow.payments.coupon_uses(coupon.id)
            if uses.total == 0 and uow.coupons.delete(coupon.id):
                uow.commit()
                return None
            coupon.is_active = False
            coupon.updated_at = self._clock.now()
            uow.coupons.save(coupon)
            uow.commit()
        return CouponListing(coupon, uses)
