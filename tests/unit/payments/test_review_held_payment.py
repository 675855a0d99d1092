"""ReviewHeldPayment: an admin settles a held payment once, by the success path or failing it."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.application.payments.ports import EventOutcome
from skillwise.application.payments.receipts import RECEIPT_TOPIC
from skillwise.application.payments.use_cases.review_held_payment import (
    ReviewDecision,
    ReviewHeldPayment,
    review_event_id,
)
from skillwise.domain.earnings import EarningKind
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import Conflict, DomainValidationError, NotFound, PermissionDenied
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment, PaymentStatus
from tests.fakes.payments import Market, a_market

APPROVE, REJECT = ReviewDecision.APPROVE, ReviewDecision.REJECT


@pytest.fixture
def market() -> Market:
    return a_market()


def review(market: Market, payment: Payment, decision: ReviewDecision, note: str = "", actor=None):
    use_case = ReviewHeldPayment(market.uow, market.clock, market.fee)
    return use_case(actor or market.admin.as_actor(), payment.id, decision=decision, note=note)


def held_payment(market: Market) -> Payment:
    payment = market.open_payment()
    market.deliver(GatewayEventKind.PENDING_REVIEW, payment)
    return market.stored(payment)


def review_event(market: Market, payment: Payment):
    return market.uow.payment_events.rows.get(("fake", review_event_id(payment.id)))


def enrollment_of(market: Market):
    return market.uow.enrollments.get_for(market.buyer.id, market.course.id)


def test_approving_grants_enrollment_invoice_earning_and_one_receipt_even_when_repeated(market):
    payment = held_payment(market)

    first = review(market, payment, APPROVE, "Money confirmed in the merchant panel")
    second = review(market, payment, APPROVE)

    stored = market.stored(payment)
    assert (stored.status, stored.paid_at, stored.needs_review) == (
        PaymentStatus.SUCCEEDED,
        market.clock.now(),
        False,
    )
    assert enrollment_of(market).status is EnrollmentStatus.ACTIVE
    assert market.uow.courses.get(market.course.id).enrollment_count == 1
    [invoice] = market.uow.invoices.rows.values()
    assert (invoice.number, invoice.payment_id, invoice.amount) == (
        "INV-2026-000001",
        payment.id,
        Money(1999, "USD"),
    )
    [earning] = market.uow.earnings.rows.values()
    assert (earning.kind, earning.net) == (EarningKind.SALE, Money(1599, "USD"))
    assert market.uow.outbox.topics().count(RECEIPT_TOPIC) == 1
    kinds = sorted(n.kind for n in market.uow.notifications.for_user(market.buyer.id))
    assert kinds == ["enrollment", "payment_succeeded"]
    assert market.catalog_cache.changed == [market.course.id]
    assert (first.payment.status, first.invoice_id) == (PaymentStatus.SUCCEEDED, invoice.id)
    assert (second.payment.status, second.invoice_id) == (PaymentStatus.SUCCEEDED, invoice.id)


def test_an_approval_is_recorded_with_the_admin_and_the_note_under_the_payments_gateway(market):
    payment = held_payment(market)

    review(market, payment, APPROVE, "  Money confirmed in the merchant panel  ")

    event = review_event(market, payment)
    assert (event.gateway, event.kind, event.outcome, event.payment_id) == (
        "fake",
        GatewayEventKind.SUCCEEDED,
        EventOutcome.APPLIED,
        payment.id,
    )
    assert event.detail == (
        f"approved by admin {market.admin.id}; succeeded; invoice INV-2026-000001; "
        "note: Money confirmed in the merchant panel"
    )


def test_rejecting_fails_the_payment_tells_the_buyer_and_grants_nothing(market):
    payment = held_payment(market)

    answer = review(market, payment, REJECT, "Card reported stolen")

    stored = market.stored(payment)
    assert (stored.status, stored.needs_review, stored.paid_at) == (
        PaymentStatus.FAILED,
        False,
        None,
    )
    assert (answer.payment.status, answer.invoice_id) == (PaymentStatus.FAILED, None)
    assert enrollment_of(market) is None
    assert market.uow.invoices.rows == {}
    assert market.uow.earnings.rows == {}
    assert RECEIPT_TOPIC not in market.uow.outbox.topics()
    assert market.catalog_cache.changed == []
    [notice] = market.uow.notifications.for_user(market.buyer.id)
    assert notice.kind == "payment_rejected"
    assert notice.data == {"payment_id": str(payment.id), "course_id": str(market.course.id)}
    assert "Card reported stolen" not in notice.body
    event = review_event(market, payment)
    assert (event.kind, event.outcome) == (GatewayEventKind.FAILED, EventOutcome.APPLIED)
    assert (
        event.detail == f"rejected by admin {market.admin.id}; failed; note: Card reported stolen"
    )


def test_rejecting_twice_answers_the_failed_payment_and_tells_the_buyer_once(market):
    payment = held_payment(market)
    review(market, payment, REJECT, "Card reported stolen")

    again = review(market, payment, REJECT, "Card reported stolen")

    assert again.payment.status is PaymentStatus.FAILED
    assert len(market.uow.notifications.for_user(market.buyer.id)) == 1


@pytest.mark.parametrize(("first", "then"), [(APPROVE, REJECT), (REJECT, APPROVE)])
def test_a_decided_payment_cannot_be_decided_the_other_way(market, first, then):
    payment = held_payment(market)
    review(market, payment, first, "checked")
    status = market.stored(payment).status

    with pytest.raises(Conflict) as raised:
        review(market, payment, then, "checked")

    assert raised.value.code == "already_reviewed"
    assert market.stored(payment).status is status


def test_a_pending_payment_not_held_for_review_cannot_be_decided(market):
    payment = market.open_payment()

    with pytest.raises(Conflict) as raised:
        review(market, payment, APPROVE)

    assert raised.value.code == "not_held_for_review"
    assert market.stored(payment).status is PaymentStatus.PENDING
    assert review_event(market, payment) is None
    assert market.uow.invoices.rows == {}


def test_a_succeeded_payment_not_held_cannot_be_rejected(market):
    payment = market.paid_payment()

    with pytest.raises(Conflict) as raised:
        review(market, payment, REJECT, "Looks odd")

    assert raised.value.code == "not_held_for_review"
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert enrollment_of(market).grants_access


def test_a_succeeded_payment_flagged_by_a_late_mismatch_cannot_be_decided(market):
    payment = market.paid_payment()
    market.deliver(GatewayEventKind.SUCCEEDED, payment, amount=Money(1, "USD"))
    assert market.stored(payment).needs_review is True

    with pytest.raises(Conflict) as raised:
        review(market, payment, REJECT, "Looks odd")

    assert raised.value.code == "not_held_for_review"
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED


def test_an_unknown_payment_is_not_found(market):
    stranger = replace(market.open_payment(), id=uuid4())

    with pytest.raises(NotFound):
        review(market, stranger, APPROVE)


def test_rejecting_without_a_note_is_refused_and_changes_nothing(market):
    payment = held_payment(market)

    with pytest.raises(DomainValidationError) as raised:
        review(market, payment, REJECT, "   ")

    assert raised.value.code == "note_required"
    assert market.stored(payment).is_held_for_review


def test_a_note_longer_than_500_characters_is_refused(market):
    payment = held_payment(market)

    with pytest.raises(DomainValidationError) as raised:
        review(market, payment, APPROVE, "x" * 501)

    assert raised.value.code == "note_too_long"
    assert market.stored(payment).is_held_for_review


def test_only_an_admin_may_decide(market):
    payment = held_payment(market)

    with pytest.raises(PermissionDenied):
        review(market, payment, APPROVE, actor=market.buyer.as_actor())

    assert market.stored(payment).is_held_for_review


def test_a_payment_held_for_another_amount_can_be_approved(market):
    payment = market.open_payment()
    market.deliver(GatewayEventKind.SUCCEEDED, payment, amount=Money(1998, "USD"))

    answer = review(market, payment, APPROVE, "Short by a cent, accepted")

    assert answer.payment.status is PaymentStatus.SUCCEEDED
    assert enrollment_of(market).status is EnrollmentStatus.ACTIVE


def test_an_approved_payment_is_invoiced_and_refunded_under_the_reference_the_hold_reported(
    market,
):
    payment = market.open_payment()
    hold = market.gateway.event(GatewayEventKind.PENDING_REVIEW, payment)
    market.handle_event()(replace(hold, gateway_reference="bank_tran_42"))

    review(market, payment, APPROVE)

    stored = market.stored(payment)
    assert stored.refund_reference == "bank_tran_42"
    [invoice] = market.uow.invoices.rows.values()
    assert invoice.gateway_reference == "bank_tran_42"


def test_a_failure_while_approving_leaves_the_payment_held_so_the_admin_can_retry(market):
    payment = held_payment(market)
    market.uow.invoices.next_number = lambda year: (_ for _ in ()).throw(RuntimeError("db"))

    with pytest.raises(RuntimeError):
        review(market, payment, APPROVE)

    assert market.stored(payment).is_held_for_review
    assert review_event(market, payment) is None
    del market.uow.invoices.next_number
    assert review(market, payment, APPROVE).payment.status is PaymentStatus.SUCCEEDED
