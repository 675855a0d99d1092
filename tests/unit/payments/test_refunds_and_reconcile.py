"""ReconcilePayments: pending payments and pending refunds asked about at their gateway."""

from __future__ import annotations

import pytest

from skillwise.application.payments.gateway import GatewayEventKind, GatewayPaymentState
from skillwise.application.payments.use_cases.reconcile_payments import ReconcilePayments
from skillwise.application.payments.use_cases.refund_payment import RefundPayment
from skillwise.domain.money import Money
from skillwise.domain.payments import PaymentStatus
from skillwise.domain.refunds import RefundStatus
from tests.factories import a_user
from tests.fakes.payments import Market, a_market


@pytest.fixture
def market() -> Market:
    return a_market()


def reconcile(market: Market) -> ReconcilePayments:
    return ReconcilePayments(market.uow, market.gateways, market.handle_event(), market.clock)


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


def test_reconcile_settles_a_pending_refund_by_asking_its_gateway(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.PENDING
    RefundPayment(market.uow, market.gateways, market.clock)(market.admin.as_actor(), payment.id)
    [refund] = market.uow.refunds.rows.values()
    market.gateway.refund_states[refund.gateway_reference] = RefundStatus.SUCCEEDED
    market.clock.advance(minutes=45)

    lines = reconcile(market)(older_than_minutes=30, apply=True)
    again = reconcile(market)(older_than_minutes=30, apply=True)

    assert [(line.gateway_says, line.action) for line in lines] == [
        ("refund succeeded", f"refund {refund.id} applied")
    ]
    assert again == []
    assert market.stored(payment).status is PaymentStatus.REFUNDED


def test_reconcile_reports_a_pending_refund_without_changing_it_unless_told(market):
    payment = market.paid_payment()
    market.gateway.refund_answer = RefundStatus.PENDING
    RefundPayment(market.uow, market.gateways, market.clock)(market.admin.as_actor(), payment.id)
    [refund] = market.uow.refunds.rows.values()
    market.gateway.refund_states[refund.gateway_reference] = RefundStatus.FAILED
    market.clock.advance(minutes=45)

    [line] = reconcile(market)(older_than_minutes=30, apply=False)

    assert line.action == f"refund {refund.id} would apply"
    assert market.uow.refunds.get(refund.id).status is RefundStatus.PENDING
    assert market.stored(payment).refunded_amount == Money(0, "USD")
