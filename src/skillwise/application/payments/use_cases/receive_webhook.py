"""ReceiveWebhook: verify a gateway's webhook and hand each of its events to the state machine."""

from __future__ import annotations

from skillwise.application.payments.gateway import InvalidWebhook, WebhookRequest
from skillwise.application.payments.ports import EventResult, GatewayRegistry
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.domain.errors import GatewayNotConfigured

# Which gateway signed a webhook sent to the shared address, by the header it signs with.
_SIGNATURE_HEADERS = {"stripe-signature": "stripe", "skillwise-signature": "fake"}


def gateway_of(request: WebhookRequest) -> str:
    """The gateway a webhook posted to the shared address comes from."""
    for header, gateway in _SIGNATURE_HEADERS.items():
        if header in request.headers:
            return gateway
    if "verify_sign" in request.form:
        return "sslcommerz"
    raise InvalidWebhook("The webhook carries no signature this app knows.")


class ReceiveWebhook:
    """Verification (signature, or SSLCOMMERZ's validation API) happens before any database
    work and outside any transaction; an unverifiable webhook raises InvalidWebhook and
    leaves no trace."""

    def __init__(self, gateways: GatewayRegistry, handle_event: HandlePaymentEvent) -> None:
        self._gateways = gateways
        self._handle_event = handle_event

    def __call__(self, request: WebhookRequest, gateway: str | None = None) -> list[EventResult]:
        name = gateway or gateway_of(request)
        if name not in self._gateways.names():
            raise GatewayNotConfigured(f"The {name} gateway is not configured here.")
        events = self._gateways.get(name).parse_webhook(request)
        return [self._handle_event(event) for event in events]
