"""RefundPayment and ReconcilePayments: through the gateway, then through the state machine."""

from __future__ import annotations

from uuid import uuid4

import pytest

from skillwise.application.payments.gateway import (
    GatewayEventKind,
    GatewayPaymentState,
    GatewayUnavailable,
)
from skillwise.application.payments.ports import EventOutcome
from skillwise.application.payments.use_cases.reconcile_payments import ReconcilePayments
from skillwise.application.payments.use_cases.refund_payment import RefundPayment, refund_event_id
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import Conflict, NotFound, PermissionDenied
from skillwise.domain.money import Money
from skillwise.domain.payments import EarningKind, PaymentStatus
from tests.factories import a_user
from tests.fakes.payments import Market, ScriptedGateways, a_market


@pytest.fixture
def market() -> Market:
    return a_market()


def refund(market: Market) -> RefundPayment:
    return RefundPayment(market.uow, market.gateways, market.handle_event())


def test_only_an_admin_may_refund(market):
    payment = market.paid_payment()

    with pytest.raises(PermissionDenied) as refused:
        refund(market)(market.buyer.as_actor(), payment.id)

    assert refused.value.code == "admin_only"
    assert market.gateway.refunds == []
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED


def reconcile(market: Market) -> ReconcilePayments:
    return ReconcilePayments(market.uow, market.gateways, market.handle_event(), market.clock)


def refund_entries(market: Market) -> list:
    return [e for e in market.uow.earnings.rows.values() if e.kind is EarningKind.REFUND]


def test_a_refund_goes_through_the_gateway_and_ends_access(market):
    payment = market.paid_payment()

    listing = refund(market)(market.admin.as_actor(), payment.id, "asked by the buyer")

    assert listing.payment.status is PaymentStatus.REFUNDED
    assert listing.invoice_id is not None
    [asked] = market.gateway.refunds
    assert (asked.payment_id, asked.amount, asked.reason) == (
        payment.id,
        Money(1999, "USD"),
        "asked by the buyer",
    )
    assert asked.gateway_reference == payment.refund_reference
    enrollment = market.uow.enrollments.get_for(market.buyer.id, market.course.id)
    assert enrollment.status is EnrollmentStatus.REFUNDED
    assert [e.net for e in refund_entries(market)] == [Money(-1599, "USD")]


def test_refunding_again_answers_the_refunded_payment_without_asking_the_gateway(market):
    payment = market.paid_payment()
    refund(market)(market.admin.as_actor(), payment.id)

    again = refund(market)(market.admin.as_actor(), payment.id)

    assert again.payment.status is PaymentStatus.REFUNDED
    assert len(market.gateway.refunds) == 1
    assert len(refund_entries(market)) == 1


def test_the_gateways_refund_webhook_after_our_refund_is_a_no_op(market):
    payment = market.paid_payment()
    refund(market)(market.admin.as_actor(), payment.id)

    late = market.deliver(GatewayEventKind.REFUNDED, payment)

    assert late.outcome is EventOutcome.IGNORED
    assert len(refund_entries(market)) == 1


def test_our_refund_after_the_gateways_refund_webhook_changes_nothing_more(market):
    payment = market.paid_payment()
    market.deliver(GatewayEventKind.REFUNDED, payment)

    listing = refund(market)(market.admin.as_actor(), payment.id)

    assert listing.payment.status is PaymentStatus.REFUNDED
    assert market.gateway.refunds == []
    assert len(refund_entries(market)) == 1


def test_a_gateway_that_fails_leaves_everything_as_it_was(market):
    payment = market.paid_payment()
    market.gateway.unavailable = True

    with pytest.raises(GatewayUnavailable):
        refund(market)(market.admin.as_actor(), payment.id)

    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert market.uow.enrollments.get_for(market.buyer.id, market.course.id).grants_access
    assert refund_entries(market) == []


def test_a_refund_the_gateway_declines_leaves_everything_as_it_was(market):
    payment = market.paid_payment()
    market.gateway.refund_succeeds = False

    with pytest.raises(GatewayUnavailable):
        refund(market)(market.admin.as_actor(), payment.id)

    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert (market.gateway.name, refund_event_id(payment.id)) not in (
        market.uow.payment_events.rows
    )


@pytest.mark.parametrize("kind", [None, GatewayEventKind.FAILED])
def test_only_a_succeeded_payment_can_be_refunded(market, kind):
    payment = market.open_payment()
    if kind is not None:
        market.deliver(kind, payment)

    with pytest.raises(Conflict) as refused:
        refund(market)(market.admin.as_actor(), payment.id)

    assert refused.value.code == "payment_not_refundable"
    assert market.gateway.refunds == []


def test_refunding_an_unknown_payment_is_not_found(market):
    with pytest.raises(NotFound):
        refund(market)(market.admin.as_actor(), uuid4())


def test_a_payment_whose_gateway_is_no_longer_configured_cannot_be_refunded_now(market):
    payment = market.paid_payment()
    market.gateways = ScriptedGateways(market.gateways.get("stripe"), default="stripe")

    with pytest.raises(GatewayUnavailable):
        refund(market)(market.admin.as_actor(), payment.id)

    assert market.stored(payment).status is PaymentStatus.SUCCEEDED


def stale_payment(market: Market):
    payment = market.open_payment()
    market.clock.advance(minutes=45)
    return payment


def test_reconcile_reports_what_the_gateway_says_and_changes_nothing_without_apply(market):
    payment = stale_payment(market)
    market.gateway.states[payment.id] = GatewayPaymentState(
        kind=GatewayEventKind.SUCCEEDED, gateway_reference="ref", amount=payment.amount
    )

    [line] = reconcile(market)(older_than_minutes=30, apply=False)

    assert (line.payment_id, line.gateway_says, line.action) == (
        payment.id,
        "succeeded",
        "would apply",
    )
    assert market.stored(payment).status is PaymentStatus.PENDING


def test_reconcile_with_apply_moves_the_payment_through_the_state_machine(market):
    payment = stale_payment(market)
    market.gateway.states[payment.id] = GatewayPaymentState(
        kind=GatewayEventKind.SUCCEEDED, gateway_reference="ref", amount=payment.amount
    )

    [line] = reconcile(market)(older_than_minutes=30, apply=True)
    again = reconcile(market)(older_than_minutes=30, apply=True)

    assert line.action == "applied"
    assert again == []
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED
    assert len(market.uow.invoices.rows) == 1


def test_reconcile_refuses_what_the_gateway_reports_for_another_amount(market):
    payment = stale_payment(market)
    market.gateway.states[payment.id] = GatewayPaymentState(
        kind=GatewayEventKind.SUCCEEDED, gateway_reference="ref", amount=Money(1, "USD")
    )

    [line] = reconcile(market)(older_than_minutes=30, apply=True)

    assert line.action == "amount_mismatch"
    assert market.stored(payment).status is PaymentStatus.PENDING


def test_reconcile_leaves_young_payments_and_silent_gateways_alone(market):
    silent = stale_payment(market)
    another_buyer = a_user()
    market.add(another_buyer)
    young = market.open_payment(buyer=another_buyer)
    market.clock.advance(minutes=1)

    lines = reconcile(market)(older_than_minutes=30, apply=True)

    assert [(line.payment_id, line.gateway_says) for line in lines] == [(silent.id, None)]
    assert lines[0].action.startswith("left pending")
    assert market.gateway.lookups == [silent.id]
    assert market.stored(silent).status is PaymentStatus.PENDING
    assert market.stored(young).status is PaymentStatus.PENDING


def test_reconcile_skips_a_gateway_that_is_down_and_carries_on(market):
    payment = stale_payment(market)
    market.gateway.unavailable = True

    [line] = reconcile(market)(older_than_minutes=30, apply=True)

    assert (line.payment_id, line.action) == (payment.id, "skipped: the gateway is down")


def test_reconcile_only_asks_about_payments_older_than_the_cutoff(market):
    payment = market.open_payment()
    market.clock.advance(minutes=10)

    assert reconcile(market)(older_than_minutes=30, apply=False) == []
    assert market.gateway.lookups == []
    assert market.stored(payment).status is PaymentStatus.PENDING
