"""A coupon that starts later is announced to its wishers once, when it starts."""

from __future__ import annotations

from datetime import timedelta

from skillwise.domain.money import Money
from tests.factories import a_course


def test_a_coupon_starting_later_is_announced_once_when_it_starts(coupons):
    student = coupons.wisher()
    clock = coupons.market.clock
    made = coupons.create(code="SOON25", value=25, starts_at=clock.now() + timedelta(days=2))
    assert coupons.announce() == []

    clock.advance(days=2)
    announced = coupons.announce()

    assert announced == [made.coupon.id]
    [drop] = coupons.price_drops(student)
    assert (drop.data["coupon"], drop.data["new_price"]) == ("SOON25", "1499")
    assert drop.created_at == clock.now()
    assert coupons.market.uow.coupons.get(made.coupon.id).announced_at == clock.now()
    clock.advance(minutes=5)
    assert coupons.announce() == []
    assert len(coupons.price_drops(student)) == 1


def test_a_coupon_announced_when_it_was_made_is_not_announced_again(coupons):
    student = coupons.wisher()
    made = coupons.create(code="NOW25", value=25)
    assert coupons.market.uow.coupons.get(made.coupon.id).announced_at is not None

    coupons.market.clock.advance(days=1)

    assert coupons.announce() == []
    assert len(coupons.price_drops(student)) == 1


def test_a_site_wide_coupon_starting_later_reaches_the_wishers_of_every_course(coupons):
    other = a_course(coupons.market.instructor, price=Money(5000, "USD"))
    coupons.market.add(other)
    first, second = coupons.wisher(), coupons.wisher(other)
    starts = coupons.market.clock.now() + timedelta(hours=3)
    coupons.create(coupons.market.admin, code="LATER10", course_id=None, value=10, starts_at=starts)

    coupons.market.clock.advance(hours=3)
    coupons.announce()

    assert [d.data["new_price"] for d in coupons.price_drops(first)] == ["1799"]
    assert [d.data["new_price"] for d in coupons.price_drops(second)] == ["4500"]


def test_a_coupon_switched_off_or_ended_before_the_job_saw_it_tells_nobody(coupons):
    student = coupons.wisher()
    clock = coupons.market.clock
    off = coupons.create(code="OFF25", starts_at=clock.now() + timedelta(hours=1))
    coupons.update(coupons.market.instructor, off.coupon.id, is_active=False)
    coupons.create(
        code="BRIEF25",
        starts_at=clock.now() + timedelta(hours=1),
        ends_at=clock.now() + timedelta(hours=2),
    )

    clock.advance(hours=3)

    assert coupons.announce() == []
    assert coupons.price_drops(student) == []


def test_a_coupon_switched_back_on_after_it_started_is_announced_then(coupons):
    student = coupons.wisher()
    clock = coupons.market.clock
    made = coupons.create(code="BACK25", starts_at=clock.now() + timedelta(hours=1))
    coupons.update(coupons.market.instructor, made.coupon.id, is_active=False)
    clock.advance(hours=2)
    assert coupons.announce() == []

    coupons.update(coupons.market.instructor, made.coupon.id, is_active=True)

    assert coupons.announce() == [made.coupon.id]
    assert len(coupons.price_drops(student)) == 1


def test_a_coupon_another_run_claimed_first_is_left_to_it(coupons, monkeypatch):
    student = coupons.wisher()
    clock = coupons.market.clock
    coupons.create(code="RACE25", starts_at=clock.now() + timedelta(hours=1))
    clock.advance(hours=1)
    # Another worker's claim committed between this run's listing and its own claim.
    monkeypatch.setattr(coupons.market.uow.coupons, "mark_announced", lambda *_: False)

    assert coupons.announce() == []
    assert coupons.price_drops(student) == []
