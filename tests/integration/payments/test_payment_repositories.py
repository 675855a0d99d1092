"""The SQL repositories of payments, events, invoices and earnings against both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import EventOutcome, PaymentFilters, RecordedEvent
from skillwise.application.shared.pagination import PageRequest
from skillwise.domain.earnings import EarningEntry, PlatformFee
from skillwise.domain.identity import Role
from skillwise.domain.invoices import Invoice
from skillwise.domain.money import Money
from skillwise.domain.payments import Checkout, Payment, PaymentStatus
from tests.factories import NOW, a_course, a_user

pytestmark = pytest.mark.integration


@pytest.fixture
def buyer_and_course(uow_factory):
    instructor = a_user(Role.INSTRUCTOR)
    buyer = a_user()
    course = a_course(instructor, price=Money(1999, "USD"))
    with uow_factory() as uow:
        uow.users.add(instructor)
        uow.users.add(buyer)
        uow.courses.add(course)
        uow.commit()
    return buyer, course


def a_payment(buyer, course, **changes) -> Payment:
    values = {
        "user_id": buyer.id,
        "course_id": course.id,
        "amount": course.price,
        "gateway": "fake",
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(changes)
    return Payment(**values)


def test_a_payment_comes_back_whole_with_its_checkout(uow_factory, buyer_and_course):
    buyer, course = buyer_and_course
    payment = a_payment(buyer, course)
    payment.attach_checkout(
        Checkout(gateway_reference="pi_1", client_secret="pi_1_secret", ephemeral_key="ek"), NOW
    )
    with uow_factory() as uow:
        assert uow.payments.add(payment) is True
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.payments.get_for_update(payment.id)
    assert loaded is not None
    assert (loaded.amount, loaded.status, loaded.checkout) == (
        Money(1999, "USD"),
        PaymentStatus.PENDING,
        payment.checkout,
    )
    assert loaded.created_at == NOW


def test_a_second_open_payment_for_the_same_course_gateway_and_price_is_not_written(
    uow_factory, buyer_and_course
):
    buyer, course = buyer_and_course
    first = a_payment(buyer, course)
    with uow_factory() as uow:
        assert uow.payments.add(first) is True
        assert uow.payments.add(a_payment(buyer, course)) is False
        assert uow.payments.add(a_payment(buyer, course, gateway="stripe")) is True
        assert uow.payments.add(a_payment(buyer, course, amount=Money(2999, "USD"))) is True
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.find_open(buyer.id, course.id, "fake", course.price).id == first.id


def test_a_closed_payment_does_not_block_a_new_one(uow_factory, buyer_and_course):
    buyer, course = buyer_and_course
    failed = a_payment(buyer, course, status=PaymentStatus.FAILED)
    with uow_factory() as uow:
        uow.payments.add(failed)
        assert uow.payments.add(a_payment(buyer, course)) is True
        uow.commit()


def test_has_succeeded_payment_counts_succeeded_payments_only(uow_factory, buyer_and_course):
    buyer, course = buyer_and_course
    payment = a_payment(buyer, course)
    with uow_factory() as uow:
        uow.payments.add(payment)
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.has_succeeded_payment(buyer.id, course.id) is False
        payment.move_to(PaymentStatus.SUCCEEDED, NOW)
        uow.payments.save(payment)
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.has_succeeded_payment(buyer.id, course.id) is True
        payment.move_to(PaymentStatus.REFUNDED, NOW)
        uow.payments.save(payment)
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.has_succeeded_payment(buyer.id, course.id) is False


def test_the_latest_customer_reference_is_the_newest_one_kept_at_that_gateway(
    uow_factory, buyer_and_course
):
    buyer, course = buyer_and_course
    someone_else = a_user()

    def checked_out(user, gateway, reference, created_at, status=PaymentStatus.FAILED):
        payment = a_payment(user, course, gateway=gateway, created_at=created_at, status=status)
        payment.attach_checkout(
            Checkout(gateway_reference=f"ref_{payment.id.hex}", customer_reference=reference),
            created_at,
        )
        return payment

    with uow_factory() as uow:
        uow.users.add(someone_else)
        for payment in (
            checked_out(buyer, "stripe", "cus_first", NOW - timedelta(days=9)),
            checked_out(buyer, "stripe", "cus_latest", NOW - timedelta(days=2)),
            checked_out(buyer, "stripe", None, NOW, status=PaymentStatus.PENDING),
            checked_out(buyer, "sslcommerz", "cus_elsewhere", NOW + timedelta(hours=1)),
            checked_out(someone_else, "stripe", "cus_theirs", NOW + timedelta(hours=2)),
        ):
            uow.payments.add(payment)
        uow.commit()

    with uow_factory() as uow:
        assert uow.payments.latest_customer_reference(buyer.id, "stripe") == "cus_latest"
        assert uow.payments.latest_customer_reference(buyer.id, "sslcommerz") == "cus_elsewhere"
        assert uow.payments.latest_customer_reference(buyer.id, "fake") is None
        assert uow.payments.latest_customer_reference(someone_else.id, "stripe") == "cus_theirs"


def test_an_idempotency_key_keeps_the_first_payment_it_was_tied_to(uow_factory, buyer_and_course):
    buyer, course = buyer_and_course
    first, second = a_payment(buyer, course), a_payment(buyer, course, gateway="stripe")
    with uow_factory() as uow:
        uow.payments.add(first)
        uow.payments.add(second)
        assert uow.payments.remember_key(buyer.id, "key-1", first.id, NOW) == first.id
        assert uow.payments.remember_key(buyer.id, "key-1", second.id, NOW) == first.id
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.payment_id_for_key(buyer.id, "key-1") == first.id
        assert uow.payments.payment_id_for_key(buyer.id, "key-2") is None


def test_history_and_search_list_newest_first_with_filters(uow_factory, buyer_and_course):
    buyer, course = buyer_and_course
    older = a_payment(buyer, course, status=PaymentStatus.FAILED)
    newer = a_payment(buyer, course, created_at=NOW + timedelta(minutes=5))
    with uow_factory() as uow:
        uow.payments.add(older)
        uow.payments.add(newer)
        uow.commit()
    with uow_factory() as uow:
        history = uow.payments.history(buyer.id, PageRequest(page=1, page_size=10))
        failed = uow.payments.search(
            PaymentFilters(status=PaymentStatus.FAILED), PageRequest(page=1, page_size=10)
        )
        late = uow.payments.search(
            PaymentFilters(created_from=NOW + timedelta(minutes=1), gateway="fake"),
            PageRequest(page=1, page_size=10),
        )
    assert [listing.payment.id for listing in history.items] == [newer.id, older.id]
    assert history.total == 2
    assert [listing.payment.id for listing in failed.items] == [older.id]
    assert [listing.payment.id for listing in late.items] == [newer.id]


def test_an_event_is_recorded_once_per_gateway(uow_factory):
    event = RecordedEvent(
        gateway="stripe",
        event_id="evt_1",
        kind=GatewayEventKind.SUCCEEDED,
        payment_id=None,
        received_at=NOW,
    )
    with uow_factory() as uow:
        assert uow.payment_events.record(event) is True
        assert uow.payment_events.record(event) is False
        assert uow.payment_events.record(RecordedEvent(**{**vars_of(event), "gateway": "fake"}))
        uow.payment_events.set_outcome("stripe", "evt_1", EventOutcome.UNKNOWN_PAYMENT, None)
        uow.commit()


def vars_of(event: RecordedEvent) -> dict:
    return {name: getattr(event, name) for name in event.__slots__}


def test_invoice_numbers_count_up_per_year_and_a_rollback_gives_the_number_back(uow_factory):
    with uow_factory() as uow:
        assert [uow.invoices.next_number(2026) for _ in range(3)] == [1, 2, 3]
        assert uow.invoices.next_number(2027) == 1
        uow.commit()
    with uow_factory() as uow:
        assert uow.invoices.next_number(2026) == 4
    with uow_factory() as uow:
        assert uow.invoices.next_number(2026) == 4


def test_an_invoice_comes_back_whole_and_one_payment_has_one_invoice(uow_factory, buyer_and_course):
    buyer, course = buyer_and_course
    payment = a_payment(buyer, course, status=PaymentStatus.SUCCEEDED, paid_at=NOW)
    invoice = Invoice(
        number="INV-2026-000001",
        payment_id=payment.id,
        user_id=buyer.id,
        course_id=course.id,
        buyer_name=buyer.full_name,
        buyer_email=buyer.email.value,
        course_title=course.title,
        amount=payment.amount,
        gateway="fake",
        gateway_reference="fake_1",
        paid_at=NOW,
        issued_at=NOW,
    )
    with uow_factory() as uow:
        uow.payments.add(payment)
        uow.invoices.add(invoice)
        uow.commit()
    with uow_factory() as uow:
        assert uow.invoices.get(invoice.id) == invoice
        assert uow.invoices.get_for_payment(payment.id) == invoice
    with pytest.raises(IntegrityError), uow_factory() as uow:
        uow.invoices.add(
            Invoice(**{**{n: getattr(invoice, n) for n in invoice.__slots__}, "number": "X"})
        )


def test_the_ledger_sums_per_currency_and_refuses_a_second_sale_of_one_payment(
    uow_factory, buyer_and_course
):
    buyer, course = buyer_and_course
    payment = a_payment(buyer, course, status=PaymentStatus.SUCCEEDED)
    sale = EarningEntry.sale(
        payment, instructor_id=course.instructor_id, fee=PlatformFee(2000), now=NOW
    )
    with uow_factory() as uow:
        uow.payments.add(payment)
        uow.earnings.add(sale)
        uow.earnings.add(sale.reversal(NOW + timedelta(days=1)))
        uow.commit()
    with uow_factory() as uow:
        [totals] = uow.earnings.totals_for(course.instructor_id)
        entries = uow.earnings.for_instructor(course.instructor_id, PageRequest(1, 10))
        assert uow.earnings.sale_for(payment.id) == sale
    assert (totals.gross, totals.platform_fee, totals.net) == (0, 0, 0)
    assert (totals.sales, totals.refunds) == (1, 1)
    assert [entry.kind.value for entry in entries.items] == ["refund", "sale"]
    with pytest.raises(IntegrityError), uow_factory() as uow:
        uow.earnings.add(
            EarningEntry.sale(
                payment, instructor_id=course.instructor_id, fee=PlatformFee(0), now=NOW
            )
        )
