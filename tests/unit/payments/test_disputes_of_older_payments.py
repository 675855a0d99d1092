"""Disputes of payments that kept no charge id (made before charge ids were kept): the
gateway is asked which payment the disputed charge collected, and the payment keeps it."""

from __future__ import annotations

import pytest

from skillwise.application.payments.gateway import GatewayUnavailable
from skillwise.application.payments.ports import EventOutcome
from skillwise.domain.disputes import DisputeStatus
from skillwise.domain.payments import Payment
from tests.fakes.payments import Market, a_market
from tests.unit.payments.test_disputes import dispute_event


@pytest.fixture
def market() -> Market:
    return a_market()


def paid_without_charge(market: Market) -> Payment:
    payment = market.paid_payment()
    assert payment.charge_reference is None
    return payment


def test_a_dispute_of_an_unkept_charge_finds_the_payment_through_the_gateway(market):
    payment = paid_without_charge(market)
    market.gateway.charges["ch_1"] = payment.gateway_reference

    result = market.handle_event()(
        dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE, by_charge=True)
    )

    assert (result.outcome, result.payment_id) == (EventOutcome.APPLIED, payment.id)
    assert market.gateway.charges_asked == ["ch_1"]
    assert market.stored(payment).charge_reference == "ch_1"
    assert market.uow.enrollments.get_for(market.buyer.id, market.course.id).is_suspended


def test_the_kept_charge_finds_the_payment_next_time_without_asking(market):
    payment = paid_without_charge(market)
    market.gateway.charges["ch_1"] = payment.gateway_reference
    handle = market.handle_event()
    handle(dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE, by_charge=True))

    result = handle(dispute_event(market, payment, DisputeStatus.WON, by_charge=True))

    assert (result.outcome, result.payment_id) == (EventOutcome.APPLIED, payment.id)
    assert market.gateway.charges_asked == ["ch_1"]


def test_a_charge_the_gateway_does_not_know_is_still_an_unknown_payment_once(market):
    payment = paid_without_charge(market)
    event = dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE, by_charge=True)
    handle = market.handle_event()

    first, again = handle(event), handle(event)

    assert (first.outcome, first.payment_id) == (EventOutcome.UNKNOWN_PAYMENT, None)
    assert again.outcome is EventOutcome.DUPLICATE
    assert market.stored(payment).charge_reference is None
    assert not market.uow.enrollments.get_for(market.buyer.id, market.course.id).is_suspended


def test_a_gateway_that_cannot_be_asked_leaves_the_event_to_be_delivered_again(market):
    payment = paid_without_charge(market)
    market.gateway.charges["ch_1"] = payment.gateway_reference
    event = dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE, by_charge=True)
    market.gateway.unavailable = True

    with pytest.raises(GatewayUnavailable):
        market.handle_event()(event)

    assert (event.gateway, event.event_id) not in market.uow.payment_events.rows
    market.gateway.unavailable = False
    assert market.handle_event()(event).outcome is EventOutcome.APPLIED


def test_a_dispute_naming_the_payment_intent_keeps_its_charge_too(market):
    payment = paid_without_charge(market)

    result = market.handle_event()(dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE))

    assert result.outcome is EventOutcome.APPLIED
    assert market.gateway.charges_asked == []
    assert market.stored(payment).charge_reference == "ch_1"
