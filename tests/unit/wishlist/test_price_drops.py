"""A course getting cheaper is news to the students who wish for it, once per change."""

from __future__ import annotations

import pytest

from skillwise.application.wishlist.price_drops import PriceDrop, tell_wishers
from skillwise.domain.money import Money
from tests.fakes.unit_of_work import CommitFailed


@pytest.fixture
def wished(wishes):
    course = wishes.course(Money(4999, "USD"))
    students = [wishes.user(), wishes.user()]
    for student in students:
        wishes.add(student, course)
    return course, students


def test_a_lower_price_tells_every_wisher_once(wishes, wished):
    course, students = wished
    bystander = wishes.user()

    wishes.update(course, price=2999)

    for student in students:
        [drop] = wishes.price_drops_of(student)
        assert drop.title == f"{course.title} is now 29.99 USD"
        assert drop.data == {
            "course_id": str(course.id),
            "old_price": "4999",
            "new_price": "2999",
            "currency": "USD",
        }
        assert drop.created_at == wishes.clock.now()
    assert wishes.price_drops_of(bystander) == []


def test_each_further_drop_is_news_again_but_other_edits_are_not(wishes, wished):
    course, [student, _] = wished

    wishes.update(course, price=3999)
    wishes.update(course, title="A better title")
    wishes.update(course, price=3999)
    wishes.update(course, price=5999)
    wishes.update(course, price=1999)

    assert [n.data["new_price"] for n in wishes.price_drops_of(student)] == ["3999", "1999"]


def test_a_price_in_another_currency_is_not_a_drop(wishes, wished):
    course, [student, _] = wished

    wishes.update(course, price=100, currency="EUR")

    assert wishes.price_drops_of(student) == []


def test_becoming_free_says_so(wishes, wished):
    course, [student, _] = wished

    wishes.update(course, price=0)

    [drop] = wishes.price_drops_of(student)
    assert drop.title == f"{course.title} is now free"


def test_wishers_who_already_hold_the_course_are_not_told(wishes, wished):
    course, [owner, other] = wished
    wishes.uow.wishlist.holders.add((owner.id, course.id))

    wishes.update(course, price=999)

    assert wishes.price_drops_of(owner) == []
    assert len(wishes.price_drops_of(other)) == 1


def test_a_course_outside_the_catalog_tells_nobody(wishes, wished):
    course, [student, _] = wished

    wishes.update(course, status="archived", price=999)

    assert wishes.price_drops_of(student) == []


def test_a_price_change_that_fails_to_commit_tells_nobody(wishes, wished):
    course, [student, _] = wished
    wishes.uow.fail_next_commit = True

    with pytest.raises(CommitFailed):
        wishes.update(course, price=999)

    assert wishes.price_drops_of(student) == []


def test_a_coupon_tells_wishers_through_the_same_hook_with_its_code(wishes, wished):
    course, [student, _] = wished

    with wishes.uow as uow:
        drop = PriceDrop(was=course.price, now=Money(2499, "USD"), coupon_code="HALF")
        told = tell_wishers(uow, course=course, drop=drop, now=wishes.clock.now())
        uow.commit()

    assert told == 2
    [news] = wishes.price_drops_of(student)
    assert news.data["coupon"] == "HALF"
    assert "HALF" in news.body


@pytest.mark.parametrize(
    ("was", "now", "is_drop"),
    [(4999, 2999, True), (4999, 4999, False), (2999, 4999, False), (4999, 0, True)],
)
def test_only_a_lower_amount_in_the_same_currency_is_a_drop(was, now, is_drop):
    drop = PriceDrop.between(Money(was, "USD"), Money(now, "USD"))
    assert (drop is not None) is is_drop
