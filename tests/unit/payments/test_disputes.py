"""Disputes: access suspended while open, back when won, ended for good when lost."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

import pytest

from skillwise.application.payments.gateway import DisputeUpdate, GatewayEvent, GatewayEventKind
from skillwise.application.payments.ports import EventOutcome
from skillwise.domain.disputes import DisputeOutcome, DisputeStatus
from skillwise.domain.earnings import EarningKind
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment, PaymentStatus
from tests.fakes.payments import Market, a_market


@pytest.fixture
def market() -> Market:
    return a_market()


def dispute_event(
    market: Market,
    payment: Payment,
    status: DisputeStatus,
    *,
    dispute: str = "dp_1",
    by_charge: bool = False,
    event_id: str | None = None,
) -> GatewayEvent:
    """A dispute as Stripe reports it: by the PaymentIntent, or only by the charge."""
    return GatewayEvent(
        gateway=market.gateway.name,
        event_id=event_id or f"evt_{uuid4().hex}",
        kind=GatewayEventKind.DISPUTE_UPDATED,
        payment_id=None,
        gateway_reference=None if by_charge else payment.gateway_reference,
        charge_reference="ch_1",
        dispute=DisputeUpdate(
            gateway_reference=dispute,
            status=status,
            amount=payment.amount,
            charge_reference="ch_1",
            reason="fraudulent",
        ),
    )


def paid_with_charge(market: Market) -> Payment:
    payment = market.open_payment()
    event = market.gateway.event(GatewayEventKind.SUCCEEDED, payment)
    market.handle_event()(replace(event, charge_reference="ch_1"))
    return market.stored(payment)


def enrollment(market: Market):
    return market.uow.enrollments.get_for(market.buyer.id, market.course.id)


def test_an_open_dispute_suspends_access(market):
    payment = paid_with_charge(market)

    result = market.handle_event()(dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE))

    assert (result.outcome, result.payment_id) == (EventOutcome.APPLIED, payment.id)
    held = enrollment(market)
    assert held.is_suspended and not held.grants_access
    with pytest.raises(PermissionDenied) as refused:
        held.require_access()
    assert refused.value.code == "payment_disputed"
    [dispute] = market.uow.disputes.for_payment(payment.id)
    assert (dispute.outcome, dispute.amount) == (DisputeOutcome.OPEN, Money(1999, "USD"))
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED


def test_a_dispute_naming_only_the_charge_finds_the_payment_by_it(market):
    payment = paid_with_charge(market)
    assert payment.charge_reference == "ch_1"

    result = market.handle_event()(
        dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE, by_charge=True)
    )

    assert result.payment_id == payment.id
    assert enrollment(market).is_suspended


def test_open_then_won_gives_access_back_and_keeps_the_earning(market):
    payment = paid_with_charge(market)
    market.handle_event()(dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE))
    market.handle_event()(dispute_event(market, payment, DisputeStatus.UNDER_REVIEW))

    won = market.handle_event()(dispute_event(market, payment, DisputeStatus.WON))

    assert won.outcome is EventOutcome.APPLIED
    assert enrollment(market).grants_access
    assert enrollment(market).status is EnrollmentStatus.ACTIVE
    assert [e.kind for e in market.uow.earnings.rows.values()] == [EarningKind.SALE]
    assert market.stored(payment).status is PaymentStatus.SUCCEEDED


def test_lost_ends_access_for_good_reverses_the_earning_and_tells_the_admins(market):
    payment = paid_with_charge(market)
    market.handle_event()(dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE))

    lost = market.handle_event()(dispute_event(market, payment, DisputeStatus.LOST))
    later = market.handle_event()(dispute_event(market, payment, DisputeStatus.WON))

    assert (lost.outcome, later.outcome) == (EventOutcome.APPLIED, EventOutcome.IGNORED)
    assert market.stored(payment).status is PaymentStatus.REFUNDED
    assert enrollment(market).status is EnrollmentStatus.REFUNDED
    assert not enrollment(market).grants_access
    [chargeback] = [
        e for e in market.uow.earnings.rows.values() if e.kind is EarningKind.CHARGEBACK
    ]
    assert chargeback.net == Money(-1599, "USD")
    told = [
        n for n in market.uow.notifications.for_user(market.admin.id) if n.kind == "dispute_lost"
    ]
    assert len(told) == 1
    assert market.uow.courses.get(market.course.id).enrollment_count == 0


def test_a_chargeback_after_a_partial_refund_takes_back_only_what_is_left(market):
    payment = paid_with_charge(market)
    market.refund(payment, 500)

    market.handle_event()(dispute_event(market, payment, DisputeStatus.LOST))

    nets = sum(e.net.amount_minor for e in market.uow.earnings.rows.values())
    gross = sum(e.gross.amount_minor for e in market.uow.earnings.rows.values())
    assert (gross, nets) == (0, 0)


def test_every_dispute_event_is_applied_once(market):
    payment = paid_with_charge(market)
    opened = dispute_event(market, payment, DisputeStatus.NEEDS_RESPONSE, event_id="evt_d1")
    market.handle_event()(opened)
    market.handle_event()(dispute_event(market, payment, DisputeStatus.WON))

    replay = market.handle_event()(opened)

    assert replay.outcome is EventOutcome.DUPLICATE
    assert enrollment(market).grants_access


def test_an_inquiry_closed_without_a_chargeback_counts_as_won(market):
    payment = paid_with_charge(market)
    market.handle_event()(dispute_event(market, payment, DisputeStatus.WARNING_NEEDS_RESPONSE))

    market.handle_event()(dispute_event(market, payment, DisputeStatus.WARNING_CLOSED))

    assert enrollment(market).grants_access


def test_a_dispute_of_a_payment_we_do_not_know_is_recorded_as_unknown(market):
    stranger = market.open_payment()
    event = dispute_event(market, stranger, DisputeStatus.NEEDS_RESPONSE)
    result = market.handle_event()(
        replace(event, gateway_reference="pi_unknown", charge_reference="ch_unknown")
    )

    assert (result.outcome, result.payment_id) == (EventOutcome.UNKNOWN_PAYMENT, None)
