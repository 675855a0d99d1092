"""StartPayment: what may be bought, at what price, and how repeats meet one payment."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest

from skillwise.application.payments.gateway import GatewayEventKind, GatewayUnavailable
from skillwise.domain.catalog.course import CourseStatus
from skillwise.domain.enrollments import Enrollment
from skillwise.domain.errors import (
    AmountOutOfRange,
    Conflict,
    CurrencyNotSupported,
    DomainValidationError,
    NotFound,
    PermissionDenied,
)
from skillwise.domain.money import Money
from skillwise.domain.payments import PaymentStatus
from tests.factories import NOW, a_course, a_user
from tests.fakes.payments import Market, a_market


@pytest.fixture
def market() -> Market:
    return a_market()


def test_the_amount_and_currency_come_from_the_course_and_are_kept_on_the_payment(market):
    payment = market.open_payment()

    assert payment.amount == Money(1999, "USD")
    assert market.stored(payment).amount == Money(1999, "USD")
    [checkout] = market.gateway.checkouts
    assert (checkout.amount, checkout.course_title) == (Money(1999, "USD"), "Practical Flask APIs")
    assert (checkout.customer_email, checkout.payment_id) == (
        market.buyer.email.value,
        payment.id,
    )


def test_a_later_price_change_does_not_touch_a_payment_already_opened(market):
    payment = market.open_payment()
    market.course.price = Money(4999, "USD")
    market.add(market.course)

    assert market.stored(payment).amount == Money(1999, "USD")


def test_the_payment_keeps_the_checkout_the_gateway_answered(market):
    payment = market.open_payment()

    assert payment.status is PaymentStatus.PENDING
    assert payment.checkout is not None
    assert payment.checkout.client_secret == f"secret_{payment.id.hex}"
    assert market.stored(payment).checkout == payment.checkout


def test_the_gateway_is_called_with_no_transaction_open(market):
    open_during_call = []
    original = market.gateway.start_checkout

    def observing(request):
        open_during_call.append(market.uow._snapshot is not None)
        return original(request)

    market.gateway.start_checkout = observing
    commits_before = market.uow.commits
    payment = market.open_payment()

    assert open_during_call == [False]
    # The pending payment was committed before the call, the checkout after it.
    assert market.uow.commits - commits_before == 2
    assert market.stored(payment).checkout is not None


def test_the_default_gateway_is_used_unless_the_buyer_names_one(market):
    default = market.open_payment()
    chosen = market.start_payment()(market.buyer.as_actor(), market.course.id, gateway="stripe")

    assert (default.gateway, chosen.gateway) == ("fake", "stripe")


def test_an_unknown_or_unconfigured_gateway_is_refused_and_nothing_is_stored(market):
    with pytest.raises(DomainValidationError) as refused:
        market.start_payment()(market.buyer.as_actor(), market.course.id, gateway="paypal")

    assert refused.value.code == "unknown_gateway"
    assert market.uow.payments.rows == {}


def test_a_free_course_is_refused(market):
    free = a_course(market.instructor, price=Money(0, "USD"))
    market.add(free)

    with pytest.raises(DomainValidationError) as refused:
        market.open_payment(course=free)

    assert refused.value.code == "course_is_free"


@pytest.mark.parametrize("status", [CourseStatus.DRAFT, CourseStatus.ARCHIVED])
def test_a_course_not_published_is_refused(market, status):
    market.course.status = status
    market.add(market.course)

    with pytest.raises(DomainValidationError) as refused:
        market.open_payment()

    assert refused.value.code == "course_not_published"
    assert market.gateway.checkouts == []


def test_an_unknown_course_is_not_found(market):
    with pytest.raises(NotFound):
        market.start_payment()(market.buyer.as_actor(), uuid4())


def test_a_buyer_with_an_unverified_email_is_refused(market):
    unverified = a_user(verified=False)
    market.add(unverified)

    with pytest.raises(PermissionDenied) as refused:
        market.open_payment(buyer=unverified)

    assert refused.value.code == "email_not_verified"


def test_an_instructor_cannot_buy_their_own_course(market):
    with pytest.raises(PermissionDenied) as refused:
        market.open_payment(buyer=market.instructor)

    assert refused.value.code == "own_course"


def test_a_course_already_owned_is_refused(market):
    market.paid_payment()

    with pytest.raises(Conflict) as refused:
        market.open_payment()

    assert refused.value.code == "already_enrolled"


def test_a_course_whose_enrollment_was_refunded_may_be_bought_again(market):
    paid = market.refunded_payment()

    again = market.open_payment()

    assert again.id != paid.id and again.status is PaymentStatus.PENDING


def test_the_same_idempotency_key_returns_the_same_payment_and_checkout(market):
    start = market.start_payment()
    actor = market.buyer.as_actor()

    first = start(actor, market.course.id, idempotency_key="key-1")
    again = start(actor, market.course.id, idempotency_key="key-1")

    assert again.id == first.id
    assert replace(again.checkout, ephemeral_key=None) == replace(
        first.checkout, ephemeral_key=None
    )
    assert len(market.gateway.checkouts) == 1
    assert len(market.uow.payments.rows) == 1


def test_a_repeat_answers_the_checkout_with_its_ephemeral_key_renewed(market):
    start = market.start_payment()
    actor = market.buyer.as_actor()
    first = start(actor, market.course.id, idempotency_key="key-1")

    again = start(actor, market.course.id, idempotency_key="key-1")
    without_key = market.open_payment()

    assert [renewal.ephemeral_key for renewal in market.gateway.renewals] == [
        first.checkout.ephemeral_key
    ] * 2
    assert first.checkout.ephemeral_key not in (
        again.checkout.ephemeral_key,
        without_key.checkout.ephemeral_key,
    )
    # The stored checkout is never handed out as it is again, so it is left as it was.
    assert market.stored(first).checkout == first.checkout


def test_a_closed_payment_met_again_is_not_renewed(market):
    start = market.start_payment()
    actor = market.buyer.as_actor()
    first = start(actor, market.course.id, idempotency_key="key-1")
    market.deliver(GatewayEventKind.SUCCEEDED, first)

    again = start(actor, market.course.id, idempotency_key="key-1")

    assert again.checkout == first.checkout
    assert market.gateway.renewals == []


def test_a_repeat_while_the_gateway_is_down_is_refused_rather_than_answered_stale(market):
    start = market.start_payment()
    actor = market.buyer.as_actor()
    start(actor, market.course.id, idempotency_key="key-1")
    market.gateway.unavailable = True

    with pytest.raises(GatewayUnavailable):
        start(actor, market.course.id, idempotency_key="key-1")


def test_a_second_purchase_passes_the_customer_reference_the_first_payment_kept(market):
    second_course = a_course(market.instructor, price=Money(500, "USD"))
    market.add(second_course)

    first = market.open_payment()
    market.open_payment(course=second_course)

    [first_checkout, second_checkout] = market.gateway.checkouts
    assert first_checkout.customer_reference is None
    assert second_checkout.customer_reference == first.checkout.customer_reference
    assert second_checkout.customer_reference is not None


def test_the_most_recent_customer_reference_at_the_gateway_is_passed(market):
    second_course = a_course(market.instructor, price=Money(500, "USD"))
    third_course = a_course(market.instructor, price=Money(700, "USD"))
    market.add(second_course, third_course)
    market.open_payment()
    market.clock.advance(days=3)
    replaced = market.open_payment(course=second_course)
    with market.uow:
        # As after Stripe answered that the first customer no longer exists.
        stored = market.uow.payments.get(replaced.id)
        stored.checkout = replace(stored.checkout, customer_reference="cus_replacement")
        market.uow.payments.save(stored)
        market.uow.commit()
    market.clock.advance(days=3)

    market.open_payment(course=third_course)

    assert market.gateway.checkouts[-1].customer_reference == "cus_replacement"


def test_a_customer_reference_from_another_gateway_is_not_passed(market):
    stripe = market.gateways.get("stripe")
    second_course = a_course(market.instructor, price=Money(500, "USD"))
    market.add(second_course)
    market.open_payment()

    market.start_payment()(market.buyer.as_actor(), second_course.id, gateway="stripe")

    [checkout] = stripe.checkouts
    assert checkout.customer_reference is None


def test_another_buyers_customer_reference_is_not_passed(market):
    other = a_user()
    market.add(other)
    market.open_payment()

    market.open_payment(buyer=other)

    assert market.gateway.checkouts[-1].customer_reference is None


def test_a_repeated_key_returns_its_payment_even_after_it_succeeded(market):
    start = market.start_payment()
    actor = market.buyer.as_actor()
    first = start(actor, market.course.id, idempotency_key="key-1")
    market.deliver(GatewayEventKind.SUCCEEDED, first)

    again = start(actor, market.course.id, idempotency_key="key-1")

    assert (again.id, again.status) == (first.id, PaymentStatus.SUCCEEDED)


def test_one_key_belongs_to_one_user(market):
    other = a_user()
    market.add(other)
    start = market.start_payment()

    mine = start(market.buyer.as_actor(), market.course.id, idempotency_key="key-1")
    theirs = start(other.as_actor(), market.course.id, idempotency_key="key-1")

    assert mine.id != theirs.id
    assert (mine.user_id, theirs.user_id) == (market.buyer.id, other.id)


def test_a_key_used_for_another_course_is_refused(market):
    other_course = a_course(market.instructor, price=Money(500, "USD"))
    market.add(other_course)
    start = market.start_payment()
    start(market.buyer.as_actor(), market.course.id, idempotency_key="key-1")

    with pytest.raises(DomainValidationError) as refused:
        start(market.buyer.as_actor(), other_course.id, idempotency_key="key-1")

    assert refused.value.code == "idempotency_key_reused"


def test_without_a_key_an_open_payment_for_the_same_course_is_reused(market):
    first = market.open_payment()
    again = market.open_payment()

    assert again.id == first.id
    assert len(market.uow.payments.rows) == 1
    assert len(market.gateway.checkouts) == 1


def test_a_new_key_meets_the_open_payment_and_then_names_it(market):
    start = market.start_payment()
    first = market.open_payment()

    keyed = start(market.buyer.as_actor(), market.course.id, idempotency_key="key-2")

    assert keyed.id == first.id
    assert market.uow.payments.payment_id_for_key(market.buyer.id, "key-2") == first.id


def test_a_failed_payment_is_not_reused(market):
    failed = market.open_payment()
    market.deliver(GatewayEventKind.FAILED, failed)

    again = market.open_payment()

    assert again.id != failed.id


def test_a_changed_price_opens_a_new_payment_at_the_new_price(market):
    old = market.open_payment()
    market.course.price = Money(2999, "USD")
    market.add(market.course)

    new = market.open_payment()

    assert new.id != old.id
    assert new.amount == Money(2999, "USD")


def test_a_gateway_that_is_down_leaves_a_pending_payment_the_next_request_completes(market):
    market.gateway.unavailable = True
    with pytest.raises(GatewayUnavailable):
        market.open_payment()
    [stalled] = market.uow.payments.rows.values()
    assert (stalled.status, stalled.checkout) == (PaymentStatus.PENDING, None)

    market.gateway.unavailable = False
    payment = market.open_payment()

    assert payment.id == stalled.id
    assert payment.checkout is not None


def test_an_enrollment_already_active_means_owned_even_without_a_payment(market):
    with market.uow:
        market.uow.enrollments.add(
            Enrollment(
                user_id=market.buyer.id,
                course_id=market.course.id,
                started_at=NOW,
                updated_at=NOW,
            )
        )
        market.uow.commit()

    with pytest.raises(Conflict):
        market.open_payment()


def test_a_currency_the_gateway_does_not_charge_in_opens_no_payment_and_calls_nothing(market):
    market.gateway.currencies = {"BDT"}

    with pytest.raises(CurrencyNotSupported) as refused:
        market.start_payment()(market.buyer.as_actor(), market.course.id)

    assert refused.value.code == "currency_not_supported"
    assert market.uow.payments.rows == {}
    assert market.gateway.checkouts == []


def test_an_amount_outside_the_gateways_range_opens_no_payment_and_calls_nothing(market):
    market.gateway.refusal = AmountOutOfRange("below the minimum")

    with pytest.raises(AmountOutOfRange):
        market.start_payment()(
            market.buyer.as_actor(), market.course.id, idempotency_key="too-small"
        )

    assert market.uow.payments.rows == {}
    assert market.uow.payments.keys == {}
    assert market.gateway.checkouts == []
