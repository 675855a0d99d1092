"""The payment state machine, the platform fee and invoice numbers, as plain rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from skillwise.domain.earnings import EarningEntry, EarningKind, PlatformFee
from skillwise.domain.errors import DomainValidationError
from skillwise.domain.invoices import invoice_number
from skillwise.domain.money import Money
from skillwise.domain.payments import Checkout, Payment, PaymentStatus

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)

PENDING, SUCCEEDED, FAILED, CANCELED, REFUNDED = (
    PaymentStatus.PENDING,
    PaymentStatus.SUCCEEDED,
    PaymentStatus.FAILED,
    PaymentStatus.CANCELED,
    PaymentStatus.REFUNDED,
)

ALLOWED = {
    (PENDING, SUCCEEDED),
    (PENDING, FAILED),
    (PENDING, CANCELED),
    (FAILED, SUCCEEDED),
    (FAILED, CANCELED),
    (CANCELED, SUCCEEDED),
    (SUCCEEDED, REFUNDED),
}


def a_payment(status: PaymentStatus = PENDING, amount: Money | None = None) -> Payment:
    return Payment(
        user_id=uuid4(),
        course_id=uuid4(),
        amount=amount or Money(1999, "USD"),
        gateway="fake",
        created_at=NOW,
        updated_at=NOW,
        status=status,
    )


@pytest.mark.parametrize("start", list(PaymentStatus))
@pytest.mark.parametrize("target", list(PaymentStatus))
def test_a_payment_moves_only_along_the_state_machine(start, target):
    payment = a_payment(start)

    moved = payment.move_to(target, NOW + timedelta(minutes=1))

    assert moved is ((start, target) in ALLOWED)
    assert payment.status is (target if moved else start)


def test_no_move_leaves_refunded_and_nothing_but_a_refund_leaves_succeeded():
    assert [s for s in PaymentStatus if a_payment(REFUNDED).may_become(s)] == []
    assert [s for s in PaymentStatus if a_payment(SUCCEEDED).may_become(s)] == [REFUNDED]


def test_succeeding_stamps_the_payment_time_and_the_gateways_transaction():
    payment = a_payment()
    paid_at = NOW + timedelta(minutes=3)

    payment.move_to(SUCCEEDED, paid_at, transaction_reference="bank_tran_42")

    assert (payment.paid_at, payment.updated_at) == (paid_at, paid_at)
    assert payment.transaction_reference == "bank_tran_42"
    assert payment.refund_reference == "bank_tran_42"


def test_a_held_payment_that_the_gateway_settles_is_no_longer_held_but_keeps_the_reason():
    payment = a_payment()
    payment.hold_for_review("the gateway holds the payment for a risk review", NOW)
    assert payment.is_held_for_review

    payment.move_to(SUCCEEDED, NOW + timedelta(minutes=5))

    assert payment.needs_review is False
    assert payment.review_reason == "the gateway holds the payment for a risk review"


def test_a_refused_move_changes_nothing_at_all():
    payment = a_payment(SUCCEEDED)

    assert payment.move_to(FAILED, NOW + timedelta(days=1)) is False

    assert (payment.status, payment.updated_at, payment.paid_at) == (SUCCEEDED, NOW, None)


def test_refunding_stamps_the_refund_time():
    payment = a_payment(SUCCEEDED)

    payment.move_to(REFUNDED, NOW + timedelta(days=2))

    assert payment.refunded_at == NOW + timedelta(days=2)


def test_the_first_checkout_a_gateway_gave_is_kept():
    payment = a_payment()
    first = Checkout(gateway_reference="pi_1", client_secret="secret_1")

    payment.attach_checkout(first, NOW)
    payment.attach_checkout(Checkout(gateway_reference="pi_2", client_secret="secret_2"), NOW)

    assert payment.checkout == first
    assert payment.refund_reference == "pi_1"


@pytest.mark.parametrize(
    ("gross", "basis_points", "fee"),
    [
        (1999, 2000, 400),  # 399.8 rounds up
        (1000, 2000, 200),
        (1, 2000, 0),  # 0.2 rounds down
        (3, 2000, 1),  # 0.6 rounds up
        (5, 1000, 1),  # 0.5 rounds half up
        (150000, 1250, 18750),
        (1999, 0, 0),
        (1999, 10000, 1999),
    ],
)
def test_the_platform_fee_is_whole_minor_units_rounded_half_up(gross, basis_points, fee):
    assert PlatformFee(basis_points).of(Money(gross, "USD")) == Money(fee, "USD")


@pytest.mark.parametrize("basis_points", [-1, 10001])
def test_a_platform_fee_outside_zero_to_one_hundred_percent_is_refused(basis_points):
    with pytest.raises(DomainValidationError):
        PlatformFee(basis_points)


@pytest.mark.parametrize("gross", [1, 3, 999, 1999, 150001])
def test_fee_and_net_of_a_sale_always_add_up_to_what_the_buyer_paid(gross):
    payment = a_payment(SUCCEEDED, Money(gross, "BDT"))

    sale = EarningEntry.sale(payment, instructor_id=uuid4(), fee=PlatformFee(2000), now=NOW)

    assert sale.platform_fee + sale.net == sale.gross == Money(gross, "BDT")
    assert sale.kind is EarningKind.SALE


def test_a_refund_books_the_exact_opposite_of_the_sale_even_after_the_fee_changed():
    payment = a_payment(SUCCEEDED)
    sale = EarningEntry.sale(payment, instructor_id=uuid4(), fee=PlatformFee(2000), now=NOW)

    refund = sale.reversal(NOW + timedelta(days=3))

    assert (refund.gross, refund.platform_fee, refund.net) == (
        Money(-1999, "USD"),
        Money(-400, "USD"),
        Money(-1599, "USD"),
    )
    assert (refund.kind, refund.payment_id, refund.instructor_id) == (
        EarningKind.REFUND,
        sale.payment_id,
        sale.instructor_id,
    )


def test_invoice_numbers_name_the_year_and_a_six_digit_sequence():
    assert invoice_number(2026, 1) == "INV-2026-000001"
    assert invoice_number(2027, 123456) == "INV-2027-123456"
