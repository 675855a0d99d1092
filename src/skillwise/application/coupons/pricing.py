"""What a course costs with a coupon, shared by the quote and by starting a payment.

A coupon's uses are the payments that carry it and are succeeded (redeemed) or still pending
(reserved). A payment that fails, is canceled or expires stops counting by itself, so
nothing has to remember to give a reservation back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.coupons import Coupon, UnknownCoupon, normalize_code
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment, PaymentStatus


@dataclass(frozen=True, slots=True)
class Quote:
    price: Money
    discount: Money
    coupon: Coupon | None = None

    @property
    def total(self) -> Money:
        return self.price - self.discount

    @property
    def coupon_id(self) -> UUID | None:
        return self.coupon.id if self.coupon else None

    @property
    def coupon_code(self) -> str | None:
        return self.coupon.code if self.coupon else None

    def payment_for(self, buyer_id: UUID, course_id: UUID, gateway: str, now: datetime) -> Payment:
        """A new payment at this quote; one with nothing left to pay has succeeded already."""
        payment = Payment(
            user_id=buyer_id,
            course_id=course_id,
            amount=self.total,
            gateway=gateway,
            created_at=now,
            updated_at=now,
        )
        self.apply_to(payment, now)
        if self.total.is_zero:
            payment.move_to(PaymentStatus.SUCCEEDED, now)
        return payment

    def apply_to(self, payment: Payment, now: datetime) -> None:
        """Make an open payment for the same total carry this quote's coupon instead."""
        payment.discount_minor = self.discount.amount_minor
        payment.coupon_id = self.coupon_id
        payment.coupon_code = self.coupon_code
        payment.updated_at = now


def quote_for(
    uow: UnitOfWork, course: Course, code: str | None, *, now: datetime, lock: bool = False
) -> Quote:
    """The course's price with the coupon named by `code`, checked by every rule that does not
    count uses (see `ensure_uses_left`). With `lock`, the coupon's row stays locked until the
    caller's transaction ends, so that counting and adding a use is one step."""
    if code is None:
        return Quote(price=course.price, discount=Money.zero(course.price.currency))
    coupon = uow.coupons.find_by_code(normalize_code(code), lock=lock)
    if coupon is None:
        raise UnknownCoupon()
    coupon.ensure_usable(course, now)
    return Quote(price=course.price, discount=coupon.discount_on(course.price), coupon=coupon)


def ensure_uses_left(uow: UnitOfWork, quote: Quote, buyer_id: UUID | None) -> None:
    """Refuse a coupon used as often as it may be, overall or by this buyer."""
    coupon = quote.coupon
    if coupon is None:
        return
    uses = uow.payments.coupon_uses(coupon.id).total if coupon.max_redemptions else 0
    mine = (
        uow.payments.coupon_uses(coupon.id, user_id=buyer_id).total
        if coupon.per_user_limit and buyer_id
        else 0
    )
    coupon.ensure_uses_left(uses=uses, uses_by_buyer=mine)
