"""UpdateCoupon: change a coupon's amount, dates, limits or switch it on and off."""

from __future__ import annotations

import dataclasses
from typing import Any
from uuid import UUID

from skillwise.application.coupons.managed import managed_coupon
from skillwise.application.coupons.views import CouponListing
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.identity import Actor

# The code, kind, currency and course stay as created: payments and announcements name them.
CHANGEABLE = frozenset(
    {"value", "starts_at", "ends_at", "max_redemptions", "per_user_limit", "is_active"}
)


class UpdateCoupon:
    """Its maker or an admin. Payments opened already keep the discount they were given; a
    limit lowered below the uses so far only stops further uses."""

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor, coupon_id: UUID, changes: dict[str, Any]) -> CouponListing:
        with self._uow as uow:
            coupon = managed_coupon(uow, actor, coupon_id)
            wanted = {name: value for name, value in changes.items() if name in CHANGEABLE}
            # replace() runs the coupon's own checks on the changed values.
            changed = dataclasses.replace(coupon, **wanted, updated_at=self._clock.now())
            uow.coupons.save(changed)
            uses = uow.payments.coupon_uses(coupon.id)
            uow.commit()
        return CouponListing(changed, uses)
