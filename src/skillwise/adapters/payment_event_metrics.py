"""Counts each gateway event by what applying it did, around the state machine."""

from __future__ import annotations

from skillwise.adapters import metrics
from skillwise.application.payments.gateway import GatewayEvent
from skillwise.application.payments.ports import EventResult
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent


class CountedPaymentEvents:
    """Wraps HandlePaymentEvent for the webhook path only: expiries and reconciliation make
    events of their own, which are not events a gateway delivered."""

    def __init__(self, handle_event: HandlePaymentEvent) -> None:
        self._handle_event = handle_event

    def __call__(self, event: GatewayEvent) -> EventResult:
        result = self._handle_event(event)
        metrics.payment_events.labels(outcome=result.outcome.value).inc()
        return result
