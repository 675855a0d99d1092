"""Telling the students who wish for a course that a new coupon makes it cheaper."""

from __future__ import annotations

from datetime import datetime

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.application.wishlist.price_drops import PriceDrop, tell_wishers
from skillwise.domain.catalog.course import Course
from skillwise.domain.coupons import Coupon


def announce_coupon(uow: UnitOfWork, coupon: Coupon, course: Course | None, now: datetime) -> int:
    """Called once per coupon, when it is created or (starting later) when it starts, so each
    wisher hears of it once per course it lowers: the coupon's own course, or for a site-wide
    one every wished-for course it can be used on now. Returns how many were told."""
    if course is not None:
        courses = [course]
    else:
        found = (uow.courses.get(course_id) for course_id in uow.wishlist.wished_course_ids())
        courses = [course for course in found if course is not None]
    told = 0
    for candidate in courses:
        discount = coupon.discount_on(candidate.price)
        if candidate.is_free or discount.is_zero or not coupon.is_usable(candidate, now):
            continue
        drop = PriceDrop(
            was=candidate.price, now=candidate.price - discount, coupon_code=coupon.code
        )
        told += tell_wishers(uow, course=candidate, drop=drop, now=now)
    return told
