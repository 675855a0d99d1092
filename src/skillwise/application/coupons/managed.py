"""Finding a coupon for the one who may change it."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.coupons import Coupon, CouponNotFound
from skillwise.domain.identity import Actor


def managed_coupon(uow: UnitOfWork, actor: Actor, coupon_id: UUID) -> Coupon:
    """The coupon when the caller made it or is an admin; CouponNotFound for anyone else, who
    need not learn that it exists."""
    coupon = uow.coupons.get(coupon_id)
    if coupon is None or not actor.owns_or_administers(coupon.created_by):
        raise CouponNotFound()
    return coupon
