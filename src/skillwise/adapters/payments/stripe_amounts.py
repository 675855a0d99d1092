"""What Stripe charges: its currencies, the unit it counts each one in, and its limits.

From Stripe's "Supported currencies" page (docs.stripe.com/currencies, read 2026): amounts go in
the currency's minor unit as Stripe counts it, which is not always ISO 4217's. A price keeps
ISO's exponent; these functions move it into Stripe's unit and back, so that 5000.00 MGA
(500000 ISO minor units) reaches Stripe as 5000, never 500000.
"""

from __future__ import annotations

from skillwise.domain.errors import AmountNotChargeable, AmountOutOfRange, CurrencyNotSupported
from skillwise.domain.money import Money

# The presentment currencies Stripe lists for card payments.
CURRENCIES = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BRL",
        "BSD",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CRC",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SOS",
        "SRD",
        "SZL",
        "THB",
        "TJS",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "UYU",
        "UZS",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
    ]
)

# "The charge and the amount are the same": 500 is 500 JPY. MGA has two decimals in ISO 4217
# but none at Stripe.
ZERO_DECIMAL = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)

# Special cases: ISK and UGX "transitioned to a zero-decimal currency, but backwards
# compatibility requires you to represent it as a two-decimal value, where the decimal amount
# is always 00": 5 ISK is 500. HUF and TWD are special only for payouts; their charges take
# ordinary two-decimal amounts, as ISO counts them.
WHOLE_UNITS_IN_TWO_DECIMALS = frozenset({"ISK", "UGX"})

# Charged in thousandths, with the last digit 0 for Stripe's payment partners: 5.124 KWD must
# be rounded to 5.120 or 5.130.
THREE_DECIMAL = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})

# The minimum charge per settlement currency, here in ISO minor units. A charge in another
# currency must meet the settlement currency's minimum after conversion, which only Stripe
# can work out; for those only a positive amount is asked.
MINIMUM_CHARGE = {
    "USD": 50,
    "AED": 200,
    "AUD": 50,
    "BGN": 100,
    "BRL": 50,
    "CAD": 50,
    "CHF": 50,
    "CZK": 1500,
    "DKK": 250,
    "EUR": 50,
    "GBP": 30,
    "HKD": 400,
    "HUF": 17500,
    "INR": 50,
    "JPY": 50,
    "MXN": 1000,
    "MYR": 200,
    "NOK": 300,
    "NZD": 50,
    "PLN": 200,
    "RON": 200,
    "SEK": 300,
    "SGD": 50,
    "THB": 1000,
}

# The amount field holds 8 digits in Stripe's unit, 12 for IDR and 9 for INR.
_MAXIMUM_AMOUNT = 99_999_999
_MAXIMUM_AMOUNT_BY_CURRENCY = {"IDR": 999_999_999_999, "INR": 999_999_999}


def stripe_exponent(currency: str) -> int:
    """The decimals of the unit Stripe counts `currency` in."""
    if currency in WHOLE_UNITS_IN_TWO_DECIMALS:
        return 2
    if currency in ZERO_DECIMAL:
        return 0
    if currency in THREE_DECIMAL:
        return 3
    return 2


def to_stripe_amount(amount: Money) -> int:
    """The `amount` Stripe means by this price, rounded half up to what Stripe can take (whole
    MGA, tens of KWD thousandths)."""
    shift = stripe_exponent(amount.currency) - amount.exponent
    if shift >= 0:
        value = amount.amount_minor * 10**shift
    else:
        value = _round_half_up(amount.amount_minor, 10**-shift)
    if amount.currency in THREE_DECIMAL:
        value = _round_half_up(value, 10) * 10
    # ISK and UGX have no decimals in ISO 4217, so their two Stripe decimals are always 00.
    return value


def from_stripe_amount(value: int, currency: str) -> Money:
    """An amount Stripe reports (`amount`, `amount_received`) back in ISO 4217 minor units."""
    code = currency.upper()
    probe = Money(0, code)
    shift = stripe_exponent(code) - probe.exponent
    if shift >= 0:
        return Money(value // 10**shift, code)
    return Money(value * 10**-shift, code)


def ensure_stripe_charges(amount: Money) -> None:
    """Refuse what Stripe would turn down, before asking it."""
    if amount.currency not in CURRENCIES:
        raise CurrencyNotSupported(f"Stripe does not charge in {amount.currency}.")
    value = to_stripe_amount(amount)
    charged = from_stripe_amount(value, amount.currency)
    if charged != amount:
        raise AmountNotChargeable(
            f"Stripe cannot charge exactly {amount}; the nearest amount it takes is {charged}."
        )
    minimum = Money(MINIMUM_CHARGE.get(amount.currency, 1), amount.currency)
    maximum = _MAXIMUM_AMOUNT_BY_CURRENCY.get(amount.currency, _MAXIMUM_AMOUNT)
    if amount < minimum or value > maximum:
        highest = from_stripe_amount(maximum, amount.currency)
        raise AmountOutOfRange(
            f"Stripe charges from {minimum} to {highest}; {amount} is outside that range."
        )


def _round_half_up(value: int, step: int) -> int:
    quotient, remainder = divmod(value, step)
    return quotient + (1 if 2 * remainder >= step else 0)
