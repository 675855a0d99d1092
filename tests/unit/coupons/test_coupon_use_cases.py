"""Making, listing, changing and deleting coupons, quoting with them, and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest

from skillwise.domain.coupons import CouponKind
from skillwise.domain.errors import (
    Conflict,
    CourseNotFound,
    DomainValidationError,
    NotFound,
    PermissionDenied,
)
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from tests.factories import a_course, a_user


def reason(error_info) -> str:
    return error_info.value.code


def test_an_instructor_makes_a_coupon_for_their_own_course(coupons):
    made = coupons.create(code="flask20")

    assert (made.coupon.code, made.coupon.course_id) == ("FLASK20", coupons.market.course.id)
    assert (made.uses.redeemed, made.uses.reserved) == (0, 0)


def test_codes_are_unique_whatever_their_case(coupons):
    coupons.create(code="flask20")

    with pytest.raises(Conflict) as refused:
        coupons.create(code="FLASK20", value=30)
    assert reason(refused) == "coupon_code_taken"


def test_only_admins_make_site_wide_coupons(coupons):
    with pytest.raises(PermissionDenied) as refused:
        coupons.create(course_id=None)
    assert reason(refused) == "admin_only"

    made = coupons.create(coupons.market.admin, code="WELCOME10", course_id=None, value=10)
    assert made.coupon.is_site_wide


def test_an_instructor_cannot_make_a_coupon_for_someone_elses_course(coupons):
    other = a_user(Role.INSTRUCTOR)
    coupons.market.add(other)

    with pytest.raises(PermissionDenied) as refused:
        coupons.create(other)
    assert reason(refused) == "not_course_owner"


def test_an_admin_makes_a_coupon_for_any_course(coupons):
    made = coupons.create(coupons.market.admin)
    assert made.coupon.created_by == coupons.market.admin.id


def test_a_coupon_for_a_course_nobody_may_see_is_course_not_found(coupons):
    hidden = a_course(a_user(Role.INSTRUCTOR), price=Money(999, "USD"), published=False)
    coupons.market.add(hidden)

    with pytest.raises(CourseNotFound):
        coupons.create(course_id=hidden.id)


def test_a_fixed_course_coupon_is_in_the_courses_currency(coupons):
    with pytest.raises(DomainValidationError) as refused:
        coupons.create(kind=CouponKind.FIXED, value=500, currency="EUR")
    assert reason(refused) == "currency_mismatch"

    made = coupons.create(kind=CouponKind.FIXED, value=500, currency="USD")
    assert coupons.quote(made.coupon.code).total == Money(1499, "USD")


def test_a_quote_gives_price_discount_and_total(coupons):
    coupons.create(code="SAVE20", value=20)

    quote = coupons.quote("save20")

    assert (quote.price, quote.discount, quote.total) == (
        Money(1999, "USD"),
        Money(400, "USD"),
        Money(1599, "USD"),
    )
    assert quote.coupon_code == "SAVE20"


def test_a_quote_without_a_coupon_is_the_price(coupons):
    quote = coupons.quote(None)
    assert (quote.discount, quote.total, quote.coupon_code) == (
        Money(0, "USD"),
        Money(1999, "USD"),
        None,
    )


def test_an_unknown_code_is_coupon_not_found(coupons):
    with pytest.raises(DomainValidationError) as refused:
        coupons.quote("NOPE42")
    assert reason(refused) == "coupon_not_found"


def test_a_coupon_past_its_end_or_switched_off_is_expired(coupons):
    ended = coupons.create(code="ENDED", ends_at=coupons.market.clock.now() + timedelta(hours=1))
    coupons.market.clock.advance(hours=1)
    off = coupons.create(code="SWITCHEDOFF")
    coupons.update(coupons.market.instructor, off.coupon.id, is_active=False)

    for code in (ended.coupon.code, "switchedoff"):
        with pytest.raises(DomainValidationError) as refused:
            coupons.quote(code)
        assert reason(refused) == "coupon_expired"


def test_a_coupon_before_its_start_is_not_yet_valid(coupons):
    coupons.create(code="LATER", starts_at=coupons.market.clock.now() + timedelta(days=1))

    with pytest.raises(DomainValidationError) as refused:
        coupons.quote("LATER")
    assert reason(refused) == "coupon_not_yet_valid"


def test_a_coupon_for_another_course_or_currency_is_not_for_this_course(coupons):
    other = a_course(coupons.market.instructor, price=Money(999, "USD"))
    coupons.market.add(other)
    coupons.create(code="OTHER", course_id=other.id)
    admin = coupons.market.admin
    coupons.create(
        admin, code="EUROS", course_id=None, kind=CouponKind.FIXED, value=100, currency="EUR"
    )

    for code in ("OTHER", "EUROS"):
        with pytest.raises(DomainValidationError) as refused:
            coupons.quote(code)
        assert reason(refused) == "coupon_not_for_this_course"


def test_a_coupon_used_as_often_as_it_may_be_is_used_up(coupons):
    coupons.create(code="ONCE", max_redemptions=1)
    coupons.pay("ONCE")

    with pytest.raises(DomainValidationError) as refused:
        coupons.quote("ONCE", coupons.another_buyer())
    assert reason(refused) == "coupon_used_up"


def test_a_buyer_who_used_a_coupon_as_often_as_one_may_reaches_their_limit(coupons):
    coupons.create(coupons.market.admin, code="ONEEACH", course_id=None, per_user_limit=1)
    other_course = a_course(coupons.market.instructor, price=Money(999, "USD"))
    coupons.market.add(other_course)
    coupons.market.paid_payment(course=other_course)  # bought without the coupon: no use
    assert coupons.quote("ONEEACH").discount == Money(400, "USD")
    coupons.pay("ONEEACH")

    with pytest.raises(DomainValidationError) as refused:
        coupons.quote("ONEEACH")
    assert reason(refused) == "coupon_limit_reached_for_you"
    assert coupons.quote("ONEEACH", coupons.another_buyer()).discount == Money(400, "USD")


def test_an_instructor_lists_their_own_coupons_and_an_admin_every_coupon_with_its_uses(coupons):
    mine = coupons.create(code="MINE")
    coupons.create(coupons.market.admin, code="SITEWIDE", course_id=None)
    coupons.pay("MINE")
    paid = coupons.pay("MINE", coupons.another_buyer())
    coupons.market.deliver(
        __import__(
            "skillwise.application.payments.gateway", fromlist=["x"]
        ).GatewayEventKind.SUCCEEDED,
        paid,
    )

    listed = coupons.list(coupons.market.instructor)
    everything = coupons.list(coupons.market.admin)

    assert [item.coupon.code for item in listed.items] == ["MINE"]
    assert (listed.items[0].uses.redeemed, listed.items[0].uses.reserved) == (1, 1)
    assert sorted(item.coupon.code for item in everything.items) == ["MINE", "SITEWIDE"]
    assert mine.coupon.id in {item.coupon.id for item in everything.items}


def test_a_coupon_is_changed_by_its_maker_or_an_admin_only(coupons):
    made = coupons.create(code="CHANGE")

    changed = coupons.update(coupons.market.instructor, made.coupon.id, value=50, code="OTHER")
    assert (changed.coupon.value, changed.coupon.code) == (50, "CHANGE")
    assert (
        coupons.update(
            coupons.market.admin, made.coupon.id, max_redemptions=3
        ).coupon.max_redemptions
        == 3
    )
    with pytest.raises(NotFound) as refused:
        coupons.update(coupons.market.buyer, made.coupon.id, value=90)
    assert reason(refused) == "coupon_not_found"
    with pytest.raises(DomainValidationError):
        coupons.update(coupons.market.instructor, made.coupon.id, value=150)


def test_deleting_an_unused_coupon_removes_it(coupons):
    made = coupons.create(code="UNUSED")

    assert coupons.delete(coupons.market.instructor, made.coupon.id) is None
    assert coupons.market.uow.coupons.get(made.coupon.id) is None


def test_deleting_a_used_coupon_only_deactivates_it(coupons):
    made = coupons.create(code="USED")
    coupons.pay("USED")

    kept = coupons.delete(coupons.market.instructor, made.coupon.id)

    assert kept is not None and kept.coupon.is_active is False
    assert coupons.market.uow.coupons.get(made.coupon.id).is_active is False
    with pytest.raises(DomainValidationError) as refused:
        coupons.quote("USED", coupons.another_buyer())
    assert reason(refused) == "coupon_expired"


def test_wishers_hear_of_a_new_course_coupon_once(coupons):
    student = coupons.wisher()

    made = coupons.create(code="WISH25", value=25)
    coupons.update(coupons.market.instructor, made.coupon.id, value=30)

    [drop] = coupons.price_drops(student)
    assert drop.data == {
        "course_id": str(coupons.market.course.id),
        "old_price": "1999",
        "new_price": "1499",
        "currency": "USD",
        "coupon": "WISH25",
    }


def test_wishers_of_every_course_hear_of_a_site_wide_coupon(coupons):
    other = a_course(coupons.market.instructor, price=Money(5000, "USD"))
    coupons.market.add(other)
    first, second = coupons.wisher(), coupons.wisher(other)

    coupons.create(coupons.market.admin, code="WELCOME10", course_id=None, value=10)

    assert [d.data["new_price"] for d in coupons.price_drops(first)] == ["1799"]
    assert [d.data["new_price"] for d in coupons.price_drops(second)] == ["4500"]


def test_a_coupon_not_usable_yet_tells_nobody(coupons):
    student = coupons.wisher()

    coupons.create(code="SOON", starts_at=coupons.market.clock.now() + timedelta(days=2))

    assert coupons.price_drops(student) == []
