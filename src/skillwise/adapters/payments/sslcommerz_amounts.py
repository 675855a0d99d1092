"""What SSLCOMMERZ charges: the currencies its session API names and its BDT limits.

From its API v4 documentation: `currency` is "BDT, USD, EUR, SGD, INR, MYR, etc." and a payment
in another currency than BDT is converted to BDT at the day's rate; `total_amount` is a decimal
(10,2) that "must be from 10.00 BDT to 500000.00 BDT".
"""

from __future__ import annotations

from skillwise.domain.errors import AmountOutOfRange, CurrencyNotSupported
from skillwise.domain.money import Money

# The currencies the documentation names; "etc." promises others without naming them.
CURRENCIES = frozenset({"BDT", "USD", "EUR", "SGD", "INR", "MYR"})

BDT_MINIMUM = Money(10_00, "BDT")
BDT_MAXIMUM = Money(500_000_00, "BDT")
# decimal(10,2): eight digits before the point. Converted amounts meet the BDT range only at
# SSLCOMMERZ's rate of the day, so only this bound is known beforehand.
_LARGEST_TOTAL_MINOR = 99_999_999_99


def ensure_sslcommerz_charges(amount: Money) -> None:
    """Refuse what SSLCOMMERZ would turn down, before asking it."""
    if amount.currency not in CURRENCIES:
        raise CurrencyNotSupported(f"SSLCOMMERZ does not charge in {amount.currency}.")
    if amount.currency == "BDT":
        if not BDT_MINIMUM <= amount <= BDT_MAXIMUM:
            raise AmountOutOfRange(
                f"SSLCOMMERZ charges from {BDT_MINIMUM} to {BDT_MAXIMUM}; {amount} is outside "
                "that range."
            )
    elif not 0 < amount.amount_minor <= _LARGEST_TOTAL_MINOR:
        raise AmountOutOfRange(f"SSLCOMMERZ cannot charge {amount}.")
