"""Money as integer minor units of one ISO 4217 currency."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillwise.domain.currencies import ISO_4217_EXPONENTS
from skillwise.domain.errors import DomainValidationError

_CURRENCY = re.compile(r"^[A-Z]{3}$")


class CurrencyMismatch(DomainValidationError):
    code = "currency_mismatch"


@dataclass(frozen=True, slots=True)
class Money:
    amount_minor: int
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount_minor, bool) or not isinstance(self.amount_minor, int):
            raise DomainValidationError("Money amounts are whole numbers of minor units.")
        if not isinstance(self.currency, str) or not _CURRENCY.match(self.currency):
            raise DomainValidationError(
                f"{self.currency!r} is not an ISO 4217 currency code such as 'USD'."
            )

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @property
    def exponent(self) -> int:
        # A code outside ISO 4217 can only be on a price set before codes were checked; it
        # keeps the two decimals it was always shown with.
        return ISO_4217_EXPONENTS.get(self.currency, 2)

    @property
    def is_zero(self) -> bool:
        return self.amount_minor == 0

    def _same_currency(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"Cannot combine {self.currency} with {other.currency}.",
            )

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount_minor + other.amount_minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount_minor - other.amount_minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount_minor, self.currency)

    def __mul__(self, factor: int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            raise TypeError("Money multiplies by whole numbers only")
        return Money(self.amount_minor * factor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount_minor < other.amount_minor

    def __le__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount_minor <= other.amount_minor

    def __gt__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount_minor > other.amount_minor

    def __ge__(self, other: Money) -> bool:
        self._same_currency(other)
        return self.amount_minor >= other.amount_minor

    def to_decimal_string(self) -> str:
        """The amount as gateways want it written: '19.99' for 1999 USD."""
        sign = "-" if self.amount_minor < 0 else ""
        whole, fraction = divmod(abs(self.amount_minor), 10**self.exponent)
        if self.exponent == 0:
            return f"{sign}{whole}"
        return f"{sign}{whole}.{fraction:0{self.exponent}d}"

    @classmethod
    def from_decimal_string(cls, text: str, currency: str) -> Money:
        """Parse a gateway's decimal amount exactly, without floats."""
        probe = cls(0, currency)
        match = re.fullmatch(r"(-?)(\d+)(?:\.(\d+))?", text.strip())
        if not match:
            raise DomainValidationError(f"{text!r} is not a decimal amount.")
        sign, whole, fraction = match.groups()
        fraction = (fraction or "").rstrip("0")
        if len(fraction) > probe.exponent:
            raise DomainValidationError(f"{text!r} has more decimals than {currency} allows.")
        minor = int(whole) * 10**probe.exponent + int(fraction.ljust(probe.exponent, "0") or 0)
        return cls(-minor if sign else minor, currency)

    def __str__(self) -> str:
        return f"{self.to_decimal_string()} {self.currency}"
