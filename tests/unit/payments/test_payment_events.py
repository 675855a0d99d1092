"""HandlePaymentEvent and ReceiveWebhook: each verified event applied once, in order or not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from skillwise.application.payments.gateway import (
    GatewayEvent,
    GatewayEventKind,
    InvalidWebhook,
    WebhookRequest,
)
from skillwise.application.payments.ports import EventOutcome
from skillwise.application.payments.receipts import RECEIPT_TOPIC
from skillwise.application.payments.use_cases.receive_webhook import gateway_of
from skillwise.domain.earnings import EarningKind
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import NotFound
from skillwise.domain.money import Money
from skillwise.domain.payments import PaymentStatus
from tests.factories import a_course, a_user
from tests.fakes.payments import Market, a_market

SUCCEEDED, FAILED, CANCELED, REFUNDED, PENDING_REVIEW = (
    GatewayEventKind.SUCCEEDED,
    GatewayEventKind.FAILED,
    GatewayEventKind.CANCELED,
    GatewayEventKind.REFUNDED,
    GatewayEventKind.PENDING_REVIEW,
)


@pytest.fixture
def market() -> Market:
    return a_market()


def enrollment_of(market: Market):
    return market.uow.enrollments.get_for(market.buyer.id, market.course.id)


def test_a_success_writes_payment_enrollment_invoice_earning_notifications_and_receipt(market):
    payment = market.open_payment()

    result = market.deliver(SUCCEEDED, payment)

    assert result.outcome is EventOutcome.APPLIED
    stored = market.stored(payment)
    assert (stored.status, stored.paid_at) == (PaymentStatus.SUCCEEDED, market.clock.now())
    assert enrollment_of(market).status is EnrollmentStatus.ACTIVE
    assert market.uow.courses.get(market.course.id).enrollment_count == 1
    [invoice] = market.uow.invoices.rows.values()
    assert (invoice.number, invoice.payment_id, invoice.amount) == (
        "INV-2026-000001",
        payment.id,
        Money(1999, "USD"),
    )
    assert (invoice.buyer_name, invoice.buyer_email, invoice.course_title) == (
        market.buyer.full_name,
        market.buyer.email.value,
        "Practical Flask APIs",
    )
    [earning] = market.uow.earnings.rows.values()
    assert (earning.instructor_id, earning.kind, earning.net) == (
        market.instructor.id,
        EarningKind.SALE,
        Money(1599, "USD"),
    )
    kinds = sorted(n.kind for n in market.uow.notifications.for_user(market.buyer.id))
    assert kinds == ["enrollment", "payment_succeeded"]
    [receipt] = [m for m in market.uow.outbox.rows.values() if m.topic == RECEIPT_TOPIC]
    assert receipt.payload["invoice_id"] == str(invoice.id)
    assert market.catalog_cache.changed == [market.course.id]


def test_the_same_event_delivered_again_changes_nothing(market):
    payment = market.open_payment()
    event = market.gateway.event(SUCCEEDED, payment, event_id="evt_1")
    handle = market.handle_event()

    first, second = handle(event), handle(event)

    assert (first.outcome, second.outcome) == (EventOutcome.APPLIED, EventOutcome.DUPLICATE)
    assert len(market.uow.invoices.rows) == 1
    assert len(market.uow.earnings.rows) == 1
    assert market.uow.courses.get(market.course.id).enrollment_count == 1
    assert market.uow.outbox.topics().count(RECEIPT_TOPIC) == 1


def test_a_second_success_under_another_event_id_is_ignored(market):
    payment = market.open_payment()
    market.deliver(SUCCEEDED, payment)

    again = market.deliver(SUCCEEDED, payment)

    assert again.outcome is EventOutcome.IGNORED
    assert len(market.uow.invoices.rows) == 1


@pytest.mark.parametrize("late", [FAILED, CANCELED])
def test_a_late_failure_never_undoes_a_success(market, late):
    payment = market.open_payment()
    market.deliver(SUCCEEDED, payment)

    result = market.deliver(late, payment)

    assert result.outcome is EventOutcome.IGNORED
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert enrollment_of(market).grants_access


def test_a_refund_arriving_before_the_success_is_ignored_and_the_success_still_counts(market):
    payment = market.open_payment()

    early_refund = market.deliver(REFUNDED, payment)
    success = market.deliver(SUCCEEDED, payment)

    assert (early_refund.outcome, success.outcome) == (EventOutcome.IGNORED, EventOutcome.APPLIED)
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED


@pytest.mark.parametrize("late", [SUCCEEDED, FAILED, CANCELED])
def test_nothing_moves_a_refunded_payment_backwards(market, late):
    payment = market.refunded_payment()

    result = market.deliver(late, payment)

    assert result.outcome is EventOutcome.IGNORED
    assert market.stored(payment).status is PaymentStatus.REFUNDED
    assert enrollment_of(market).status is EnrollmentStatus.REFUNDED
    assert len(market.uow.invoices.rows) == 1


def test_a_success_after_a_declined_attempt_is_honoured(market):
    payment = market.open_payment()
    market.deliver(FAILED, payment)

    result = market.deliver(SUCCEEDED, payment)

    assert result.outcome is EventOutcome.APPLIED
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert enrollment_of(market).grants_access


def test_a_failure_or_cancel_ends_the_payment_without_enrolling(market):
    failed = market.open_payment()
    market.deliver(FAILED, failed)
    canceled = market.open_payment()
    market.deliver(CANCELED, canceled)

    assert market.stored(failed).status is PaymentStatus.FAILED
    assert market.stored(canceled).status is PaymentStatus.CANCELED
    assert enrollment_of(market) is None
    assert market.uow.invoices.rows == {}


def test_an_event_for_another_amount_changes_nothing_and_flags_the_payment(market):
    payment = market.open_payment()

    result = market.deliver(SUCCEEDED, payment, amount=Money(1, "USD"))

    assert result.outcome is EventOutcome.AMOUNT_MISMATCH
    stored = market.stored(payment)
    assert stored.status is PaymentStatus.PENDING
    assert stored.needs_review is True
    assert result.detail == "the gateway reports 0.01 USD, the payment is for 19.99 USD"
    assert enrollment_of(market) is None
    assert market.uow.invoices.rows == {}
    assert market.uow.payment_events.outcomes()[result.event_id] is EventOutcome.AMOUNT_MISMATCH


def test_an_event_in_another_currency_changes_nothing(market):
    payment = market.open_payment()

    result = market.deliver(SUCCEEDED, payment, amount=Money(1999, "EUR"))

    assert result.outcome is EventOutcome.AMOUNT_MISMATCH
    assert market.stored(payment).status is PaymentStatus.PENDING


def test_an_event_from_another_gateway_than_the_payments_changes_nothing(market):
    payment = market.open_payment()
    event = replace(market.gateway.event(SUCCEEDED, payment), gateway="stripe")

    result = market.handle_event()(event)

    assert result.outcome is EventOutcome.GATEWAY_MISMATCH
    assert market.stored(payment).status is PaymentStatus.PENDING


def test_a_payment_held_for_review_stays_pending_with_a_flag(market):
    payment = market.open_payment()

    result = market.deliver(PENDING_REVIEW, payment)

    assert result.outcome is EventOutcome.HELD_FOR_REVIEW
    stored = market.stored(payment)
    assert (stored.status, stored.needs_review) == (PaymentStatus.PENDING, True)
    assert enrollment_of(market) is None


def test_an_event_for_no_payment_of_ours_is_recorded_and_ignored(market):
    event = GatewayEvent(
        gateway="fake",
        event_id="evt_stranger",
        kind=SUCCEEDED,
        payment_id=None,
        gateway_reference="pi_unknown",
    )

    result = market.handle_event()(event)

    assert result.outcome is EventOutcome.UNKNOWN_PAYMENT
    assert market.uow.payment_events.outcomes() == {"evt_stranger": EventOutcome.UNKNOWN_PAYMENT}


def test_an_event_without_our_payment_id_is_matched_by_the_gateway_reference(market):
    payment = market.open_payment()
    event = replace(market.gateway.event(SUCCEEDED, payment), payment_id=None)

    result = market.handle_event()(event)

    assert (result.outcome, result.payment_id) == (EventOutcome.APPLIED, payment.id)


def test_charge_refunded_alone_revokes_nothing(market):
    payment = market.paid_payment()

    result = market.deliver(REFUNDED, payment)

    assert result.outcome is EventOutcome.IGNORED
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert enrollment_of(market).grants_access
    assert [e.kind for e in market.uow.earnings.rows.values()] == [EarningKind.SALE]


def test_a_buyer_who_paid_twice_keeps_access_when_one_payment_is_refunded(market):
    start = market.start_payment()
    by_fake = start(market.buyer.as_actor(), market.course.id, gateway="fake")
    by_stripe = start(market.buyer.as_actor(), market.course.id, gateway="stripe")
    market.deliver(SUCCEEDED, by_fake)
    market.handle_event()(market.gateways.get("stripe").event(SUCCEEDED, by_stripe))

    market.refund(market.stored(by_fake))

    assert market.stored(by_stripe).status is PaymentStatus.SUCCEEDED
    assert enrollment_of(market).grants_access
    assert market.uow.courses.get(market.course.id).enrollment_count == 1


def test_invoice_numbers_follow_each_other_across_buyers(market):
    for _ in range(3):
        buyer = a_user()
        course = a_course(market.instructor, price=Money(500, "USD"))
        market.add(buyer, course)
        market.paid_payment(buyer, course)
    numbers = sorted(invoice.number for invoice in market.uow.invoices.rows.values())

    assert numbers == ["INV-2026-000001", "INV-2026-000002", "INV-2026-000003"]


def test_a_failure_while_fulfilling_leaves_no_trace_so_a_redelivery_can_apply(market):
    payment = market.open_payment()
    event = market.gateway.event(SUCCEEDED, payment, event_id="evt_1")
    market.uow.invoices.next_number = lambda year: (_ for _ in ()).throw(RuntimeError("db"))

    with pytest.raises(RuntimeError):
        market.handle_event()(event)

    assert market.uow.payment_events.rows == {}
    assert market.stored(payment).status is PaymentStatus.PENDING
    del market.uow.invoices.next_number
    assert market.handle_event()(event).outcome is EventOutcome.APPLIED


def test_a_webhook_is_routed_to_the_gateway_that_signed_it():
    def request(headers=None, form=None):
        return WebhookRequest(headers=headers or {}, body=b"", form=form or {})

    assert gateway_of(request({"stripe-signature": "t=1,v1=x"})) == "stripe"
    assert gateway_of(request({"skillwise-signature": "t=1,v1=x"})) == "fake"
    assert gateway_of(request(form={"verify_sign": "abc", "tran_id": "T"})) == "sslcommerz"
    with pytest.raises(InvalidWebhook):
        gateway_of(request({"content-type": "application/json"}))


def test_a_webhook_that_does_not_verify_leaves_no_trace(market):
    payment = market.open_payment()
    market.gateway.events_to_parse = [market.gateway.event(SUCCEEDED, payment)]
    market.gateway.reject_webhooks = True

    with pytest.raises(InvalidWebhook):
        market.receive_webhook()(WebhookRequest(headers={}, body=b"{}"), "fake")

    assert market.uow.payment_events.rows == {}
    assert market.stored(payment).status is PaymentStatus.PENDING


def test_a_webhook_applies_every_event_it_carries(market):
    payment = market.open_payment()
    market.gateway.events_to_parse = [
        market.gateway.event(SUCCEEDED, payment, event_id="evt_1"),
        market.gateway.event(SUCCEEDED, payment, event_id="evt_1"),
    ]

    results = market.receive_webhook()(WebhookRequest(headers={}, body=b"{}"), "fake")

    assert [r.outcome for r in results] == [EventOutcome.APPLIED, EventOutcome.DUPLICATE]


def test_a_webhook_for_a_gateway_not_configured_here_is_not_found(market):
    with pytest.raises(NotFound):
        market.receive_webhook()(WebhookRequest(headers={}, body=b""), "sslcommerz")
