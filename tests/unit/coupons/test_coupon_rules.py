"""The coupon itself: what it takes off, and what a valid coupon is."""

from __future__ import annotations

import pytest

from skillwise.domain.coupons import Coupon, CouponKind
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import Money
from tests.factories import NOW


def a_coupon(kind=CouponKind.PERCENT, value=10, **fields) -> Coupon:
    return Coupon(
        code=fields.pop("code", "SPRING"),
        kind=kind,
        value=value,
        created_by=fields.pop("created_by", None),
        created_at=NOW,
        updated_at=NOW,
        **fields,
    )


@pytest.mark.parametrize(
    ("price", "percent", "discount"),
    [
        (1999, 10, 200),  # 199.9 rounds up
        (1005, 10, 101),  # 100.5: half rounds up
        (1004, 10, 100),  # 100.4 rounds down
        (1999, 15, 300),  # 299.85
        (1, 49, 0),  # 0.49 of a cent: nothing off
        (1, 50, 1),  # 0.5 of a cent: half up, the whole cent
        (1999, 100, 1999),
    ],
)
def test_a_percent_discount_is_rounded_half_up_to_the_minor_unit(price, percent, discount):
    assert a_coupon(value=percent).discount_on(Money(price, "USD")) == Money(discount, "USD")


def test_a_fixed_discount_never_takes_more_than_the_price():
    coupon = a_coupon(CouponKind.FIXED, 5000, currency="USD")

    assert coupon.discount_on(Money(1999, "USD")) == Money(1999, "USD")
    assert coupon.discount_on(Money(9999, "USD")) == Money(5000, "USD")


@pytest.mark.parametrize("percent", [0, 101, -5])
def test_a_percent_coupon_takes_1_to_100_percent_off(percent):
    with pytest.raises(DomainValidationError) as refused:
        a_coupon(value=percent)
    assert refused.value.code == "invalid_coupon"


def test_a_fixed_coupon_needs_its_currency_and_a_positive_amount():
    with pytest.raises(DomainValidationError):
        a_coupon(CouponKind.FIXED, 500)
    with pytest.raises(DomainValidationError):
        a_coupon(CouponKind.FIXED, 0, currency="USD")


def test_a_percent_coupon_keeps_no_currency():
    assert a_coupon(value=10, currency="USD").currency is None


def test_codes_are_kept_upper_cased_and_must_look_like_codes():
    assert a_coupon(code="  spring-25 ").code == "SPRING-25"
    with pytest.raises(DomainValidationError) as refused:
        a_coupon(code="no spaces")
    assert refused.value.code == "invalid_coupon_code"


def test_a_coupon_ends_after_it_starts():
    with pytest.raises(DomainValidationError) as refused:
        a_coupon(starts_at=NOW, ends_at=NOW)
    assert refused.value.code == "invalid_date_range"
