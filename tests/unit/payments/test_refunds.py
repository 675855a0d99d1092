"""Refunds as records of their own: reserved, asked of the gateway, settled by what it says."""

from __future__ import annotations

from uuid import uuid4

import pytest

from skillwise.application.payments.gateway import (
    GatewayEvent,
    GatewayEventKind,
    GatewayUnavailable,
    RefundUpdate,
)
from skillwise.application.payments.ports import EventOutcome
from skillwise.application.payments.refunds import refund_event_id
from skillwise.domain.earnings import EarningKind
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import Conflict, NotFound, PermissionDenied
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment, PaymentStatus
from skillwise.domain.refunds import Refund, RefundStatus
from tests.fakes.payments import Market, ScriptedGateways, a_market


@pytest.fixture
def market() -> Market:
    return a_market()


def only_refund(market: Market) -> Refund:
    [refund] = market.uow.refunds.rows.values()
    return refund


def refund_update(
    market: Market,
    payment: Payment,
    refund: Refund | None,
    status: RefundStatus,
    *,
    amount: Money | None = None,
    reference: str | None = None,
) -> GatewayEvent:
    """A verified refund event, as Stripe's refund.updated translates."""
    return GatewayEvent(
        gateway=market.gateway.name,
        event_id=f"evt_{uuid4().hex}",
        kind=GatewayEventKind.REFUND_UPDATED,
        payment_id=payment.id,
        gateway_reference=payment.gateway_reference,
        refund=RefundUpdate(
            gateway_reference=reference or (refund.gateway_reference if refund else "re_x"),
            status=status,
            amount=amount or (refund.amount if refund else payment.amount),
            refund_id=refund.id if refund else None,
        ),
    )


def entries(market: Market, kind: EarningKind) -> list:
    return [e for e in market.uow.earnings.rows.values() if e.kind is kind]


def notifications(market: Market, user, kind: str) -> list:
    return [n for n in market.uow.notifications.for_user(user.id) if n.kind == kind]


def enrollment(market: Market):
    return market.uow.enrollments.get_for(market.buyer.id, market.course.id)


def test_only_an_admin_may_refund(market):
    payment = market.paid_payment()

    with pytest.raises(PermissionDenied) as refused:
        market.refund_payment()(market.buyer.as_actor(), payment.id)

    assert refused.value.code == "admin_only"
    assert market.gateway.refunds == []
    assert market.uow.refunds.rows == {}


def test_a_refund_that_succeeds_at_once_ends_access_reverses_the_earning_and_tells_the_buyer(
    market,
):
    payment = market.paid_payment()
    market.catalog_cache.changed.clear()

    listing = market.refund(payment)

    refund = only_refund(market)
    assert (refund.status, refund.amount, refund.requested_by) == (
        RefundStatus.SUCCEEDED,
        Money(1999, "USD"),
        market.admin.id,
    )
    assert refund.settled_at == market.clock.now()
    assert listing.payment.status is PaymentStatus.REFUNDED
    assert listing.payment.refunded_amount == Money(1999, "USD")
    assert [r.id for r in listing.refunds] == [refund.id]
    assert enrollment(market).status is EnrollmentStatus.REFUNDED
    assert market.uow.courses.get(market.course.id).enrollment_count == 0
    [reversal] = entries(market, EarningKind.REFUND)
    assert (reversal.gross, reversal.platform_fee, reversal.net) == (
        Money(-1999, "USD"),
        Money(-400, "USD"),
        Money(-1599, "USD"),
    )
    [told] = notifications(market, market.buyer, "payment_refunded")
    assert "access to the course has ended" in told.body
    assert "email" in market.uow.outbox.topics()
    assert market.catalog_cache.changed == [market.course.id]


def test_the_gateway_is_asked_under_the_refunds_own_id(market):
    payment = market.paid_payment()

    market.refund(payment)

    [asked] = market.gateway.refunds
    refund = only_refund(market)
    assert (asked.refund_id, asked.payment_id, asked.amount) == (
        refund.id,
        payment.id,
        Money(1999, "USD"),
    )
    assert asked.gateway_reference == payment.refund_reference
    assert refund.gateway_reference == f"re_{refund.id.hex}"


def test_every_refund_is_written_once_to_the_payments_events(market):
    payment = market.paid_payment()

    market.refund(payment, 500)
    market.refund(payment, 700)

    recorded = [
        e
        for e in market.uow.payment_events.for_payment(payment.id)
        if e.event_id.startswith("refund:")
    ]
    assert sorted(e.event_id for e in recorded) == sorted(
        refund_event_id(r.id) for r in market.uow.refunds.rows.values()
    )
    assert {e.kind for e in recorded} == {GatewayEventKind.REFUND_UPDATED}


def test_a_pending_refund_keeps_the_payment_succeeded_and_the_access(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.PENDING

    listing = market.refund(payment)

    assert listing.payment.status is PaymentStatus.SUCCEEDED
    assert listing.payment.refunded_amount == Money(0, "USD")
    assert [r.status for r in listing.refunds] == [RefundStatus.PENDING]
    assert enrollment(market).grants_access
    assert entries(market, EarningKind.REFUND) == []
    assert notifications(market, market.buyer, "payment_refunded") == []


def test_a_pending_refund_that_succeeds_later_refunds_the_payment(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.PENDING
    market.refund(payment)
    refund = only_refund(market)

    result = market.handle_event()(refund_update(market, payment, refund, RefundStatus.SUCCEEDED))

    assert result.outcome is EventOutcome.APPLIED
    assert market.stored(payment).status is PaymentStatus.REFUNDED
    assert enrollment(market).status is EnrollmentStatus.REFUNDED
    assert len(entries(market, EarningKind.REFUND)) == 1


def test_a_refund_awaiting_action_then_succeeding_is_followed(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.REQUIRES_ACTION
    market.refund(payment)
    refund = only_refund(market)

    market.handle_event()(refund_update(market, payment, refund, RefundStatus.SUCCEEDED))

    assert market.uow.refunds.get(refund.id).status is RefundStatus.SUCCEEDED
    assert market.stored(payment).status is PaymentStatus.REFUNDED


@pytest.mark.parametrize("outcome", [RefundStatus.FAILED, RefundStatus.CANCELED])
def test_a_pending_refund_that_fails_restores_the_payment_and_tells_the_admin(market, outcome):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.PENDING
    market.refund(payment)
    refund = only_refund(market)

    result = market.handle_event()(refund_update(market, payment, refund, outcome))

    assert result.outcome is EventOutcome.APPLIED
    stored = market.stored(payment)
    assert (stored.status, stored.refunded_amount) == (PaymentStatus.SUCCEEDED, Money(0, "USD"))
    assert market.uow.refunds.get(refund.id).status is outcome
    assert enrollment(market).grants_access
    assert entries(market, EarningKind.REFUND) == []
    [told] = notifications(market, market.admin, "refund_failed")
    assert told.data["refund_id"] == str(refund.id)
    assert notifications(market, market.buyer, "payment_refunded") == []


def test_after_a_failed_refund_the_whole_amount_may_be_refunded_again_as_a_new_refund(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.FAILED
    market.refund(payment)
    market.gateway.refund_answer = RefundStatus.SUCCEEDED
    market.clock.advance(minutes=1)

    listing = market.refund(payment)

    first, second = market.gateway.refunds
    assert first.refund_id != second.refund_id
    assert [r.status for r in listing.refunds] == [RefundStatus.FAILED, RefundStatus.SUCCEEDED]
    assert listing.payment.status is PaymentStatus.REFUNDED


def test_a_succeeded_refund_the_gateway_fails_afterwards_gives_the_course_back(market):
    payment = market.paid_payment()
    market.refund(payment)
    refund = only_refund(market)

    market.handle_event()(refund_update(market, payment, refund, RefundStatus.FAILED))

    stored = market.stored(payment)
    assert (stored.status, stored.refunded_amount) == (PaymentStatus.SUCCEEDED, Money(0, "USD"))
    assert enrollment(market).grants_access
    [undone] = entries(market, EarningKind.REFUND_REVERSAL)
    assert undone.net == Money(1599, "USD")
    assert sum(e.net.amount_minor for e in market.uow.earnings.rows.values()) == 1599
    assert len(notifications(market, market.admin, "refund_failed")) == 1


def test_a_late_or_repeated_refund_report_changes_nothing(market):
    payment = market.paid_payment()
    market.refund(payment)
    refund = only_refund(market)

    late = market.handle_event()(refund_update(market, payment, refund, RefundStatus.PENDING))

    assert late.outcome is EventOutcome.IGNORED
    assert len(entries(market, EarningKind.REFUND)) == 1


def test_a_partial_refund_keeps_access_and_books_a_partial_negative_earning(market):
    payment = market.paid_payment()

    listing = market.refund(payment, 500)

    assert listing.payment.status is PaymentStatus.SUCCEEDED
    assert listing.payment.refunded_amount == Money(500, "USD")
    assert enrollment(market).grants_access
    [partial] = entries(market, EarningKind.REFUND)
    assert (partial.gross, partial.platform_fee, partial.net) == (
        Money(-500, "USD"),
        Money(-100, "USD"),
        Money(-400, "USD"),
    )
    [told] = notifications(market, market.buyer, "payment_refunded")
    assert "access" not in told.body


def test_partial_refunds_that_add_up_to_the_payment_reverse_exactly_the_sale(market):
    payment = market.paid_payment()

    for amount in (333, 333, 1333):
        market.refund(payment, amount)

    stored = market.stored(payment)
    assert (stored.status, stored.refunded_amount) == (PaymentStatus.REFUNDED, Money(1999, "USD"))
    reversals = entries(market, EarningKind.REFUND)
    assert sum(e.gross.amount_minor for e in reversals) == -1999
    assert sum(e.platform_fee.amount_minor for e in reversals) == -400
    assert sum(e.net.amount_minor for e in reversals) == -1599
    assert enrollment(market).status is EnrollmentStatus.REFUNDED


def test_partial_refunds_never_exceed_the_paid_amount_counting_pending_ones(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.PENDING
    market.refund(payment, 1500)

    with pytest.raises(Conflict) as refused:
        market.refund(payment, 500)

    assert refused.value.code == "refund_exceeds_payment"
    assert len(market.gateway.refunds) == 1
    listing = market.refund(payment, 499)
    assert sum(r.amount.amount_minor for r in listing.refunds) == 1999
    with pytest.raises(Conflict):
        market.refund(payment)


def test_refunding_in_full_again_answers_the_refunded_payment_without_asking_the_gateway(market):
    payment = market.refunded_payment()

    again = market.refund(payment)

    assert again.payment.status is PaymentStatus.REFUNDED
    assert len(market.gateway.refunds) == 1


def test_a_gateway_that_cannot_be_reached_records_the_refund_failed(market):
    payment = market.paid_payment()
    market.gateway.unavailable = True

    with pytest.raises(GatewayUnavailable):
        market.refund(payment)

    assert only_refund(market).status is RefundStatus.FAILED
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert enrollment(market).grants_access
    assert entries(market, EarningKind.REFUND) == []


def test_a_refund_the_gateway_made_after_all_is_believed_when_it_reports_it(market):
    payment = market.paid_payment()
    market.gateway.unavailable = True
    with pytest.raises(GatewayUnavailable):
        market.refund(payment)
    refund = only_refund(market)

    result = market.handle_event()(
        refund_update(market, payment, refund, RefundStatus.SUCCEEDED, reference="re_late")
    )

    assert result.outcome is EventOutcome.APPLIED
    assert market.stored(payment).status is PaymentStatus.REFUNDED


def test_a_refund_made_at_the_gateway_itself_is_recorded_and_settled(market):
    payment = market.paid_payment()

    result = market.handle_event()(
        refund_update(
            market,
            payment,
            None,
            RefundStatus.SUCCEEDED,
            amount=Money(999, "USD"),
            reference="re_dash",
        )
    )

    assert result.outcome is EventOutcome.APPLIED
    refund = only_refund(market)
    assert (refund.gateway_reference, refund.amount, refund.requested_by) == (
        "re_dash",
        Money(999, "USD"),
        None,
    )
    assert market.stored(payment).refunded_amount == Money(999, "USD")


def test_a_gateway_refund_for_more_than_is_left_is_recorded_and_changes_nothing(market):
    payment = market.paid_payment()
    market.refund(payment, 1500)

    result = market.handle_event()(
        refund_update(market, payment, None, RefundStatus.SUCCEEDED, amount=Money(1000, "USD"))
    )

    assert result.outcome is EventOutcome.AMOUNT_MISMATCH
    assert market.stored(payment).refunded_amount == Money(1500, "USD")


@pytest.mark.parametrize("kind", [None, GatewayEventKind.FAILED])
def test_only_a_succeeded_payment_can_be_refunded(market, kind):
    payment = market.open_payment()
    if kind is not None:
        market.deliver(kind, payment)

    with pytest.raises(Conflict) as refused:
        market.refund(payment)

    assert refused.value.code == "payment_not_refundable"
    assert market.gateway.refunds == []


def test_refunding_an_unknown_payment_is_not_found(market):
    with pytest.raises(NotFound):
        market.refund_payment()(market.admin.as_actor(), uuid4())


def test_a_payment_whose_gateway_is_no_longer_configured_cannot_be_refunded_now(market):
    payment = market.paid_payment()
    market.gateways = ScriptedGateways(market.gateways.get("stripe"), default="stripe")

    with pytest.raises(GatewayUnavailable):
        market.refund(payment)

    assert market.uow.refunds.rows == {}
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
