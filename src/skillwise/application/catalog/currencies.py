"""The currencies a course can be sold in: those a configured payment gateway charges in."""

from __future__ import annotations

from typing import Protocol

from skillwise.domain.errors import CurrencyNotSupported
from skillwise.domain.money import Money


class AcceptedCurrencies(Protocol):
    """The currencies the payment gateways configured here can charge in."""

    def accepts(self, currency: str) -> bool: ...


def ensure_some_gateway_charges(price: Money, accepted: AcceptedCurrencies) -> None:
    """Refuse a price nobody could pay when it is set, rather than when someone tries to.

    A free course never goes to a gateway, so its currency is not asked about.
    """
    if not price.is_zero and not accepted.accepts(price.currency):
        raise CurrencyNotSupported(
            f"No payment gateway configured here charges in {price.currency}; "
            "price the course in another currency."
        )
