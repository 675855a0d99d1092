"""A market (tests/fakes/payments.py) with coupons: made, quoted and paid with by use cases."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from skillwise.application.coupons.use_cases.announce_started_coupons import (
    AnnounceStartedCoupons,
)
from skillwise.application.coupons.use_cases.create_coupon import CouponDraft, CreateCoupon
from skillwise.application.coupons.use_cases.delete_coupon import DeleteCoupon
from skillwise.application.coupons.use_cases.list_coupons import ListCoupons
from skillwise.application.coupons.use_cases.quote_course import QuoteCourse
from skillwise.application.coupons.use_cases.update_coupon import UpdateCoupon
from skillwise.application.payments.use_cases.expire_open_payments import ExpireOpenPayments
from skillwise.domain.catalog.course import Course
from skillwise.domain.coupons import CouponKind
from skillwise.domain.identity import Actor
from skillwise.domain.notifications import Notification
from skillwise.domain.payments import Payment
from skillwise.domain.users import User
from skillwise.domain.wishlist import WishlistItem
from tests.factories import a_user
from tests.fakes.coupons import FakeCouponQueries
from tests.fakes.payments import Market, a_market


@dataclass
class CouponMarket:
    market: Market

    def create(self, actor: User | None = None, **fields):
        """A coupon made by the course's instructor unless `actor` says who."""
        draft = {"code": "SAVE20", "kind": CouponKind.PERCENT, "value": 20, **fields}
        if "course_id" not in fields:
            draft["course_id"] = self.market.course.id
        by = actor or self.market.instructor
        return CreateCoupon(self.market.uow, self.market.clock)(by.as_actor(), CouponDraft(**draft))

    def quote(self, code: str | None, buyer: User | None = None):
        actor: Actor | None = (buyer or self.market.buyer).as_actor()
        return QuoteCourse(self.market.uow, self.market.clock)(actor, self.market.course.id, code)

    def pay(self, code: str | None, buyer: User | None = None, **options) -> Payment:
        buyer = buyer or self.market.buyer
        return self.market.start_payment()(
            buyer.as_actor(), self.market.course.id, coupon=code, **options
        )

    def another_buyer(self) -> User:
        buyer = a_user()
        self.market.add(buyer)
        return buyer

    def wisher(self, course: Course | None = None) -> User:
        """A new student wishing for `course` (the market's course unless told)."""
        student = self.another_buyer()
        self.market.uow.wishlist.add(
            WishlistItem(
                user_id=student.id,
                course_id=(course or self.market.course).id,
                added_at=self.market.clock.now(),
            )
        )
        return student

    def price_drops(self, student: User) -> list[Notification]:
        return [
            n for n in self.market.uow.notifications.for_user(student.id) if n.kind == "price_drop"
        ]

    def announce(self) -> list:
        return AnnounceStartedCoupons(self.market.uow, self.market.clock)()

    def list(self, actor: User):
        from skillwise.application.shared.pagination import PageRequest

        return ListCoupons(FakeCouponQueries(self.market.uow))(actor.as_actor(), PageRequest())

    def update(self, actor: User, coupon_id, **changes):
        return UpdateCoupon(self.market.uow, self.market.clock)(
            actor.as_actor(), coupon_id, changes
        )

    def delete(self, actor: User, coupon_id):
        return DeleteCoupon(self.market.uow, self.market.clock)(actor.as_actor(), coupon_id)

    def expire(self, minutes: int = 60) -> list:
        return ExpireOpenPayments(
            self.market.uow,
            self.market.gateways,
            self.market.handle_event(),
            self.market.clock,
            minutes,
        )()


@pytest.fixture
def coupons() -> CouponMarket:
    return CouponMarket(a_market())
