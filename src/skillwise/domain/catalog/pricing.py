"""What a course may cost."""

from __future__ import annotations

from skillwise.domain.currencies import WITHOUT_MINOR_UNIT, is_iso_currency
from skillwise.domain.errors import DomainValidationError, UnknownCurrency
from skillwise.domain.money import Money

# A billion in major units: far above any course, and far below what the database can hold.
MAX_PRICE_MINOR = 100_000_000_000


def ensure_price_is_valid(price: Money) -> None:
    if price.currency in WITHOUT_MINOR_UNIT:
        raise UnknownCurrency(
            f"{price.currency} is an ISO 4217 code for a metal, fund or test, not a currency "
            "a course can cost."
        )
    if not is_iso_currency(price.currency):
        raise UnknownCurrency(f"{price.currency} is not an ISO 4217 currency code.")
    if price.amount_minor < 0:
        raise DomainValidationError(
            "A price cannot be negative; use 0 for a free course.", code="negative_price"
        )
    if price.amount_minor > MAX_PRICE_MINOR:
        raise DomainValidationError(
            f"A price is at most {MAX_PRICE_MINOR} minor units.", code="price_too_high"
        )
