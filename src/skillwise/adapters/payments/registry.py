"""The gateways a deployment is configured for, by name (the GatewayRegistry port), and the
currencies they charge in (the catalog's AcceptedCurrencies port)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from skillwise.application.payments.gateway import PaymentGateway
from skillwise.domain.errors import DomainValidationError


class ConfiguredGateways:
    """Gateways are built on first use, so an unused gateway's client is never created."""

    def __init__(
        self, gateways: Mapping[str, Callable[[], PaymentGateway]], default_name: str
    ) -> None:
        self._gateways = dict(gateways)
        self.default_name = default_name

    def get(self, name: str) -> PaymentGateway:
        if name not in self._gateways:
            configured = ", ".join(self.names()) or "none"
            raise DomainValidationError(
                f"The payment gateway '{name}' is not available here (configured: {configured}).",
                code="unknown_gateway",
            )
        return self._gateways[name]()

    def names(self) -> list[str]:
        return sorted(self._gateways)

    def accepts(self, currency: str) -> bool:
        """Whether any configured gateway charges in the currency (AcceptedCurrencies)."""
        return any(self.get(name).charges_in(currency) for name in self._gateways)
