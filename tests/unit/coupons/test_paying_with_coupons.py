"""Paying with a coupon: the total is charged, a use is reserved until the payment settles,
and a coupon that takes the whole price off enrolls at once."""

from __future__ import annotations

import pytest

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.domain.coupons import CouponKind
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import Conflict, DomainValidationError
from skillwise.domain.money import Money
from skillwise.domain.payments import PaymentStatus


def test_the_payment_keeps_price_discount_and_total_and_the_gateway_is_asked_for_the_total(
    coupons,
):
    coupons.create(code="SAVE20", value=20)

    payment = coupons.pay("save20")

    stored = coupons.market.stored(payment)
    assert (stored.price, stored.discount, stored.amount) == (
        Money(1999, "USD"),
        Money(400, "USD"),
        Money(1599, "USD"),
    )
    assert stored.coupon_code == "SAVE20"
    [checkout] = coupons.market.gateway.checkouts
    assert checkout.amount == Money(1599, "USD")


def test_a_refused_coupon_opens_no_payment(coupons):
    with pytest.raises(DomainValidationError):
        coupons.pay("NOPE42")

    assert coupons.market.uow.payments.rows == {}
    assert coupons.market.gateway.checkouts == []


def test_the_instructor_earns_on_the_amount_actually_paid(coupons):
    coupons.create(code="SAVE20", value=20)
    payment = coupons.pay("SAVE20")

    coupons.market.deliver(GatewayEventKind.SUCCEEDED, payment)

    [earning] = coupons.market.uow.earnings.rows.values()
    assert (earning.gross, earning.platform_fee, earning.net) == (
        Money(1599, "USD"),
        Money(320, "USD"),
        Money(1279, "USD"),
    )
    [invoice] = coupons.market.uow.invoices.rows.values()
    assert invoice.amount == Money(1599, "USD")


def test_asking_again_meets_the_same_open_payment_and_reserves_only_once(coupons):
    coupons.create(code="ONEEACH", per_user_limit=1, max_redemptions=1)

    first = coupons.pay("ONEEACH")
    again = coupons.pay("oneeach")

    assert again.id == first.id
    assert coupons.market.uow.payments.coupon_uses(first.coupon_id).reserved == 1
    assert len(coupons.market.gateway.checkouts) == 1


def test_an_open_payment_for_the_same_total_takes_the_new_coupon_instead(coupons):
    coupons.create(code="TENOFF", value=10)
    coupons.create(code="FIXED200", kind=CouponKind.FIXED, value=200, currency="USD")
    first = coupons.pay("TENOFF")  # 1999 - 200 = 1799

    second = coupons.pay("FIXED200")  # 1999 - 200 = 1799 as well

    assert second.id == first.id
    stored = coupons.market.stored(first)
    assert stored.coupon_code == "FIXED200"
    tenoff = coupons.market.uow.coupons.find_by_code("TENOFF")
    assert coupons.market.uow.payments.coupon_uses(tenoff.id).total == 0


@pytest.mark.parametrize("outcome", [GatewayEventKind.FAILED, GatewayEventKind.CANCELED])
def test_a_payment_that_fails_or_is_canceled_gives_its_use_back(coupons, outcome):
    coupons.create(code="ONCE", max_redemptions=1)
    first = coupons.pay("ONCE")
    later = coupons.another_buyer()
    with pytest.raises(DomainValidationError) as refused:
        coupons.pay("ONCE", later)
    assert refused.value.code == "coupon_used_up"

    coupons.market.deliver(outcome, first)

    assert coupons.pay("ONCE", later).amount == Money(1599, "USD")


def test_max_redemptions_counts_succeeded_and_reserved_payments(coupons):
    coupons.create(code="TWICE", max_redemptions=2)
    paid = coupons.pay("TWICE")
    coupons.market.deliver(GatewayEventKind.SUCCEEDED, paid)
    coupons.pay("TWICE", coupons.another_buyer())

    with pytest.raises(DomainValidationError) as refused:
        coupons.pay("TWICE", coupons.another_buyer())
    assert refused.value.code == "coupon_used_up"


def test_an_open_payment_past_the_expiry_is_canceled_and_frees_its_use(coupons):
    coupons.create(code="ONCE", max_redemptions=1)
    stale = coupons.pay("ONCE")
    coupons.market.clock.advance(minutes=59)
    assert coupons.expire(60) == []

    coupons.market.clock.advance(minutes=2)
    expired = coupons.expire(60)

    assert expired == [stale.id]
    assert coupons.market.stored(stale).status is PaymentStatus.CANCELED
    assert coupons.pay("ONCE", coupons.another_buyer()).is_open
    assert coupons.expire(60) == []  # applied once


def test_a_payment_held_for_review_does_not_expire(coupons):
    held = coupons.pay(None)
    coupons.market.deliver(GatewayEventKind.PENDING_REVIEW, held)
    coupons.market.clock.advance(hours=3)

    assert coupons.expire(60) == []
    assert coupons.market.stored(held).is_held_for_review


def test_a_late_success_after_expiry_is_honoured(coupons):
    coupons.create(code="SAVE20", value=20)
    payment = coupons.pay("SAVE20")
    coupons.market.clock.advance(hours=2)
    coupons.expire(60)

    coupons.market.deliver(GatewayEventKind.SUCCEEDED, payment)

    assert coupons.market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert coupons.market.uow.payments.coupon_uses(payment.coupon_id).redeemed == 1


def test_a_coupon_taking_the_whole_price_off_enrolls_at_once_without_the_gateway(coupons):
    coupons.create(code="FREE100", value=100)

    payment = coupons.pay("FREE100")

    assert payment.status is PaymentStatus.SUCCEEDED
    assert (payment.amount, payment.discount) == (Money(0, "USD"), Money(1999, "USD"))
    assert coupons.market.gateway.checkouts == []
    uow = coupons.market.uow
    enrollment = uow.enrollments.get_for(coupons.market.buyer.id, coupons.market.course.id)
    assert enrollment.status is EnrollmentStatus.ACTIVE
    [invoice] = uow.invoices.rows.values()
    assert (invoice.amount, invoice.payment_id) == (Money(0, "USD"), payment.id)
    [earning] = uow.earnings.rows.values()
    assert (earning.gross, earning.net) == (Money(0, "USD"), Money(0, "USD"))
    assert uow.payments.coupon_uses(payment.coupon_id).redeemed == 1


def test_a_fixed_coupon_above_the_price_brings_the_total_to_zero_not_below(coupons):
    coupons.create(code="BIGFIXED", kind=CouponKind.FIXED, value=10_000, currency="USD")

    payment = coupons.pay("BIGFIXED")

    assert (payment.amount, payment.status) == (Money(0, "USD"), PaymentStatus.SUCCEEDED)


def test_a_free_purchase_repeated_with_its_idempotency_key_is_the_same_and_without_is_owned(
    coupons,
):
    coupons.create(code="FREE100", value=100)
    first = coupons.pay("FREE100", idempotency_key="tap-1")

    assert coupons.pay("FREE100", idempotency_key="tap-1").id == first.id
    with pytest.raises(Conflict) as refused:
        coupons.pay("FREE100")
    assert refused.value.code == "already_enrolled"
    assert len(coupons.market.uow.invoices.rows) == 1


def test_a_used_up_coupon_on_a_free_purchase_is_refused_before_enrolling(coupons):
    coupons.create(code="FREE1", value=100, max_redemptions=1)
    coupons.pay("FREE1")
    later = coupons.another_buyer()

    with pytest.raises(DomainValidationError):
        coupons.pay("FREE1", later)
    assert coupons.market.uow.enrollments.get_for(later.id, coupons.market.course.id) is None


def test_payments_opened_before_a_coupon_changes_keep_their_discount(coupons):
    made = coupons.create(code="SAVE20", value=20)
    payment = coupons.pay("SAVE20")
    coupons.market.clock.advance(minutes=1)

    coupons.update(coupons.market.instructor, made.coupon.id, value=50)

    assert coupons.market.stored(payment).amount == Money(1599, "USD")
    # 999.5 off rounds half up to 1000, leaving 999.
    assert coupons.quote("SAVE20", coupons.another_buyer()).total == Money(999, "USD")
