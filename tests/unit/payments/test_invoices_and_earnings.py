"""Who sees payments and invoices, the receipt email, earnings, and the fake checkout page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import PaymentFilters
from skillwise.application.payments.receipts import RECEIPT_TOPIC
from skillwise.application.payments.use_cases.complete_fake_checkout import CompleteFakeCheckout
from skillwise.application.payments.use_cases.get_invoice import GetInvoice
from skillwise.application.payments.use_cases.get_invoice_pdf import GetInvoicePdf
from skillwise.application.payments.use_cases.get_payment import GetPayment
from skillwise.application.payments.use_cases.list_earnings import ListEarnings
from skillwise.application.payments.use_cases.list_payment_history import ListPaymentHistory
from skillwise.application.payments.use_cases.list_payments import ListPayments
from skillwise.application.payments.use_cases.send_receipt import SendReceipt
from skillwise.application.payments.use_cases.show_fake_checkout import ShowFakeCheckout
from skillwise.application.shared.pagination import PageRequest
from skillwise.application.shared.use_cases.deliver_outbox_message import DeliverOutboxMessage
from skillwise.domain.errors import DomainValidationError, NotFound, PermissionDenied
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.payments import PaymentStatus
from tests.factories import a_course, a_user
from tests.fakes.basics import RecordingMailer
from tests.fakes.payments import Market, RecordingInvoiceRenderer, a_market

PAGE = PageRequest(page=1, page_size=20)


@pytest.fixture
def market() -> Market:
    return a_market()


def invoice_of(market: Market, payment):
    invoice = market.uow.invoices.get_for_payment(payment.id)
    assert invoice is not None
    return invoice


def test_only_an_admin_lists_every_payment(market):
    with pytest.raises(PermissionDenied) as refused:
        ListPayments(market.uow)(market.buyer.as_actor(), PaymentFilters(), PAGE)

    assert refused.value.code == "admin_only"


def test_the_buyer_and_admins_see_an_invoice_and_nobody_else(market):
    invoice = invoice_of(market, market.paid_payment())
    stranger = a_user()

    assert GetInvoice(market.uow)(market.buyer.as_actor(), invoice.id) == invoice
    assert GetInvoice(market.uow)(market.admin.as_actor(), invoice.id) == invoice
    for outsider in (stranger, market.instructor):
        with pytest.raises(NotFound):
            GetInvoice(market.uow)(outsider.as_actor(), invoice.id)


def test_the_invoice_pdf_is_rendered_for_the_buyer_only(market):
    invoice = invoice_of(market, market.paid_payment())
    renderer = RecordingInvoiceRenderer()

    found, pdf = GetInvoicePdf(market.uow, renderer)(market.buyer.as_actor(), invoice.id)

    assert found == invoice
    assert pdf.startswith(b"%PDF")
    with pytest.raises(NotFound):
        GetInvoicePdf(market.uow, renderer)(a_user().as_actor(), invoice.id)
    assert renderer.rendered == [invoice]


def test_the_invoice_keeps_what_was_sold_even_after_the_course_and_buyer_change(market):
    invoice = invoice_of(market, market.paid_payment())
    market.course.title = "Renamed"
    market.buyer.full_name = "Someone Else"
    market.add(market.course, market.buyer)

    again = GetInvoice(market.uow)(market.buyer.as_actor(), invoice.id)

    assert (again.course_title, again.buyer_name) == ("Practical Flask APIs", "Test Student")


def test_a_payment_is_visible_to_its_buyer_and_admins_only(market):
    payment = market.paid_payment()
    get = GetPayment(market.uow)

    mine = get(market.buyer.as_actor(), payment.id)

    assert mine.payment.id == payment.id
    assert mine.invoice_id == invoice_of(market, payment).id
    assert get(market.admin.as_actor(), payment.id).payment.id == payment.id
    with pytest.raises(NotFound):
        get(a_user().as_actor(), payment.id)


def test_history_lists_only_my_payments_newest_first(market):
    older = market.open_payment()
    market.clock.advance(minutes=1)
    other_course = a_course(market.instructor, price=Money(500, "USD"))
    someone = a_user()
    market.add(other_course, someone)
    newer = market.open_payment(course=other_course)
    market.open_payment(buyer=someone)

    page = ListPaymentHistory(market.uow)(market.buyer.as_actor(), PAGE)

    assert [listing.payment.id for listing in page.items] == [newer.id, older.id]


def test_admins_filter_payments_by_status_and_date(market):
    failed = market.open_payment()
    market.deliver(GatewayEventKind.FAILED, failed)
    market.clock.advance(days=1)
    pending = market.open_payment()

    by_status = ListPayments(market.uow)(
        market.admin.as_actor(), PaymentFilters(status=PaymentStatus.FAILED), PAGE
    )
    by_date = ListPayments(market.uow)(
        market.admin.as_actor(),
        PaymentFilters(created_from=market.clock.now() - timedelta(hours=1)),
        PAGE,
    )

    assert [listing.payment.id for listing in by_status.items] == [failed.id]
    assert [listing.payment.id for listing in by_date.items] == [pending.id]


def test_a_date_range_that_ends_before_it_starts_is_refused(market):
    now = market.clock.now()

    with pytest.raises(DomainValidationError):
        ListPayments(market.uow)(
            market.admin.as_actor(),
            PaymentFilters(created_from=now, created_to=now - timedelta(days=1)),
            PAGE,
        )


def test_earnings_list_my_entries_with_totals_per_currency(market):
    bdt_course = a_course(market.instructor, price=Money(150000, "BDT"))
    buyer = a_user()
    market.add(bdt_course, buyer)
    market.paid_payment()
    market.paid_payment(buyer, bdt_course)
    colleague = a_user(Role.INSTRUCTOR)

    statement = ListEarnings(market.uow)(market.instructor.as_actor(), PAGE)
    nothing = ListEarnings(market.uow)(colleague.as_actor(), PAGE)

    assert statement.entries.total == 2
    assert [(t.currency, t.gross, t.platform_fee, t.net, t.sales) for t in statement.totals] == [
        ("BDT", 150000, 30000, 120000, 1),
        ("USD", 1999, 400, 1599, 1),
    ]
    assert (nothing.entries.total, nothing.totals) == (0, [])


def test_the_receipt_email_carries_the_invoice_pdf_and_is_sent_once(market, unsubscribe_links):
    invoice = invoice_of(market, market.paid_payment())
    [message_id] = [m.id for m in market.uow.outbox.rows.values() if m.topic == RECEIPT_TOPIC]
    mailer, renderer = RecordingMailer(), RecordingInvoiceRenderer()
    deliver = DeliverOutboxMessage(
        market.uow, {RECEIPT_TOPIC: SendReceipt(mailer, renderer, unsubscribe_links)}, market.clock
    )

    assert deliver(message_id) is True
    assert deliver(message_id) is False

    [email] = mailer.sent
    assert email.to == market.buyer.email.value
    assert invoice.number in email.subject
    [attachment] = email.attachments
    assert (attachment.filename, attachment.content_type) == (
        f"{invoice.number}.pdf",
        "application/pdf",
    )
    assert attachment.content.startswith(b"%PDF")
    assert renderer.rendered == [invoice]


def test_the_fake_checkout_page_shows_the_course_and_the_amount(market):
    payment = market.open_payment()

    page = ShowFakeCheckout(market.uow, signer=market.gateway)(payment.id)

    assert (page.course_title, page.amount, page.status) == (
        "Practical Flask APIs",
        Money(1999, "USD"),
        PaymentStatus.PENDING,
    )


def test_the_fake_checkout_page_does_not_exist_when_the_fake_gateway_is_off(market):
    payment = market.open_payment()

    with pytest.raises(NotFound):
        ShowFakeCheckout(market.uow, signer=None)(payment.id)
    with pytest.raises(NotFound):
        CompleteFakeCheckout(market.uow, None, market.receive_webhook())(payment.id, "succeeded")


def test_the_fake_checkout_page_serves_fake_payments_only(market):
    stripe_payment = market.start_payment()(
        market.buyer.as_actor(), market.course.id, gateway="stripe"
    )

    with pytest.raises(NotFound):
        ShowFakeCheckout(market.uow, signer=market.gateway)(stripe_payment.id)


def test_completing_the_fake_checkout_with_an_unknown_outcome_is_refused(market):
    payment = market.open_payment()
    complete = CompleteFakeCheckout(market.uow, market.gateway, market.receive_webhook())

    with pytest.raises(DomainValidationError):
        complete(payment.id, "refunded")
