"""Expiry cancels at the gateway before it frees a coupon use, and a success that still
comes for an expired payment never takes the coupon past its limits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from skillwise.application.payments.gateway import CancelOutcome, CancelResult, GatewayEventKind
from skillwise.application.payments.use_cases.expire_open_payments import (
    paid_before_expiry_event_id,
)
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.money import Money
from skillwise.domain.payments import PaymentStatus


@pytest.fixture
def stale(coupons):
    """A payment with a one-use coupon, open past the expiry."""
    coupons.create(code="ONCE", max_redemptions=1)
    payment = coupons.pay("ONCE")
    coupons.market.clock.advance(minutes=61)
    return payment


def test_expiry_cancels_at_the_gateway_then_here_and_frees_the_use(coupons, stale):
    assert coupons.expire() == [stale.id]

    assert coupons.market.gateway.cancellations == [stale.id]
    assert coupons.market.stored(stale).status is PaymentStatus.CANCELED
    assert coupons.market.uow.payments.coupon_uses(stale.coupon_id).total == 0


def test_a_payment_the_gateway_says_was_paid_is_fulfilled_not_expired(coupons, stale):
    coupons.market.gateway.cancel_answers[stale.id] = CancelResult(
        CancelOutcome.SUCCEEDED, stale.gateway_reference, Money(1599, "USD")
    )

    assert coupons.expire() == []

    paid = coupons.market.stored(stale)
    assert paid.status is PaymentStatus.SUCCEEDED and not paid.coupon_beyond_limit
    assert coupons.market.uow.payments.coupon_uses(stale.coupon_id).redeemed == 1
    uow = coupons.market.uow
    enrollment = uow.enrollments.get_for(coupons.market.buyer.id, coupons.market.course.id)
    assert enrollment.status is EnrollmentStatus.ACTIVE
    assert [e.event_id for e in uow.payment_events.for_payment(stale.id)] == [
        paid_before_expiry_event_id(stale.id)
    ]


@pytest.mark.parametrize("unavailable", [False, True])
def test_a_payment_the_gateway_is_still_settling_or_cannot_answer_for_stays_reserved(
    coupons, stale, unavailable
):
    if unavailable:
        coupons.market.gateway.unavailable = True
    else:
        coupons.market.gateway.cancel_answers[stale.id] = CancelResult(CancelOutcome.IN_PROGRESS)

    assert coupons.expire() == []

    assert coupons.market.stored(stale).status is PaymentStatus.PENDING
    assert coupons.market.uow.payments.coupon_uses(stale.coupon_id).reserved == 1


def test_a_gateway_that_cannot_cancel_still_lets_the_payment_expire_here(coupons, stale):
    coupons.market.gateway.cancel_answers[stale.id] = CancelResult(CancelOutcome.NOT_CANCELABLE)

    assert coupons.expire() == [stale.id]
    assert coupons.market.stored(stale).status is PaymentStatus.CANCELED


@pytest.mark.parametrize("lapse", ["expired", GatewayEventKind.FAILED])
def test_a_late_success_takes_the_use_again_when_one_is_free(coupons, stale, lapse):
    if lapse == "expired":
        coupons.expire()
    else:
        coupons.market.deliver(lapse, stale)

    result = coupons.market.deliver(GatewayEventKind.SUCCEEDED, stale)

    paid = coupons.market.stored(stale)
    assert paid.status is PaymentStatus.SUCCEEDED and not paid.coupon_beyond_limit
    assert coupons.market.uow.payments.coupon_uses(stale.coupon_id).redeemed == 1
    assert "coupon ONCE counted again" in result.detail


def test_a_late_success_after_the_use_went_to_someone_else_enrolls_but_never_counts(coupons, stale):
    coupons.expire()
    other = coupons.another_buyer()
    theirs = coupons.pay("ONCE", other)
    coupons.market.deliver(GatewayEventKind.SUCCEEDED, theirs)

    result = coupons.market.deliver(GatewayEventKind.SUCCEEDED, stale)

    uow = coupons.market.uow
    paid = coupons.market.stored(stale)
    assert paid.status is PaymentStatus.SUCCEEDED and paid.coupon_beyond_limit
    assert uow.payments.coupon_uses(stale.coupon_id).redeemed == 1
    enrollment = uow.enrollments.get_for(coupons.market.buyer.id, coupons.market.course.id)
    assert enrollment.status is EnrollmentStatus.ACTIVE
    invoice = uow.invoices.get_for_payment(stale.id)
    assert (invoice.price, invoice.discount, invoice.amount, invoice.coupon_code) == (
        Money(1999, "USD"),
        Money(400, "USD"),
        Money(1599, "USD"),
        "ONCE",
    )
    assert "coupon ONCE honoured beyond its limit (coupon_used_up), not counted" in result.detail
    assert uow.refunds.rows == {}


def test_a_late_success_beyond_the_buyers_own_limit_is_not_counted(coupons):
    coupons.create(code="MINE", per_user_limit=1)
    first = coupons.pay("MINE")
    coupons.market.deliver(GatewayEventKind.FAILED, first)
    coupons.market.clock.advance(minutes=1)
    # Same buyer, same coupon, another total: a new payment, paid.
    coupons.market.course.price = Money(2999, "USD")
    with coupons.market.uow as uow:
        uow.courses.save(coupons.market.course)
        uow.commit()
    second = coupons.pay("MINE")
    coupons.market.deliver(GatewayEventKind.SUCCEEDED, second)
    coupons.market.clock.advance(minutes=1)

    result = coupons.market.deliver(GatewayEventKind.SUCCEEDED, first)

    assert coupons.market.stored(first).coupon_beyond_limit
    assert "coupon_limit_reached_for_you" in result.detail
    uses = coupons.market.uow.payments.coupon_uses(first.coupon_id, user_id=first.user_id)
    assert uses.redeemed == 1


def test_a_late_success_for_a_coupon_that_has_ended_counts_while_its_limit_allows(coupons):
    made = coupons.create(code="ENDS", max_redemptions=2)
    payment = coupons.pay("ENDS")
    coupons.market.clock.advance(minutes=61)
    coupons.expire()
    coupons.update(
        coupons.market.instructor,
        made.coupon.id,
        ends_at=coupons.market.clock.now() - timedelta(minutes=1),
    )

    coupons.market.deliver(GatewayEventKind.SUCCEEDED, payment)

    assert not coupons.market.stored(payment).coupon_beyond_limit
    assert coupons.market.uow.payments.coupon_uses(payment.coupon_id).redeemed == 1
