"""Telling the students who wish for a course that it became cheaper.

Anything that lowers what a course costs calls `tell_wishers` inside its own transaction, so
the notifications commit with the change: UpdateCourse when the price goes down, and a course
or site-wide coupon when one is created (it passes its code in `PriceDrop.coupon_code`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.money import Money
from skillwise.domain.notifications import Notification


@dataclass(frozen=True, slots=True)
class PriceDrop:
    was: Money
    now: Money
    coupon_code: str | None = None

    @classmethod
    def between(cls, was: Money, now: Money) -> PriceDrop | None:
        """The drop from `was` to `now`; None unless it is cheaper in the same currency."""
        if now.currency != was.currency or now >= was:
            return None
        return cls(was=was, now=now)


def tell_wishers(uow: UnitOfWork, *, course: Course, drop: PriceDrop, now: datetime) -> int:
    """One `price_drop` notification per wisher for this one change; returns how many.

    Only a published course is news: a hidden one is not on sale to them.
    """
    if not course.is_published:
        return 0
    # Notification data is a map of strings (as push payloads require); prices in minor units.
    data = {
        "course_id": str(course.id),
        "old_price": str(drop.was.amount_minor),
        "new_price": str(drop.now.amount_minor),
        "currency": drop.now.currency,
    }
    if drop.coupon_code is not None:
        data["coupon"] = drop.coupon_code
    body = f"It was {drop.was}." + (f" Use coupon {drop.coupon_code}." if drop.coupon_code else "")
    price = "free" if drop.now.is_zero else str(drop.now)
    notifications = [
        Notification(
            user_id=user_id,
            kind="price_drop",
            title=f"{course.title} is now {price}",
            body=body,
            data=dict(data),
            created_at=now,
        )
        for user_id in uow.wishlist.wishers_to_tell(course.id)
    ]
    uow.notifications.add_many(notifications)
    return len(notifications)
