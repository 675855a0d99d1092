"""The currency table, each gateway's unit and limits, and the conversions between them."""

from __future__ import annotations

import pytest

from skillwise.adapters.payments.sslcommerz_amounts import ensure_sslcommerz_charges
from skillwise.adapters.payments.stripe_amounts import (
    ensure_stripe_charges,
    from_stripe_amount,
    to_stripe_amount,
)
from skillwise.domain.currencies import ISO_4217_EXPONENTS, WITHOUT_MINOR_UNIT, is_iso_currency
from skillwise.domain.errors import AmountNotChargeable, AmountOutOfRange, CurrencyNotSupported
from skillwise.domain.money import Money


def test_the_table_holds_iso_4217s_exponents_not_cldrs_display_digits():
    assert len(ISO_4217_EXPONENTS) > 150
    assert {code: ISO_4217_EXPONENTS[code] for code in ("USD", "MGA", "JPY", "KWD", "ISK")} == {
        "USD": 2,
        "MGA": 2,
        "JPY": 0,
        "KWD": 3,
        "ISK": 0,
    }
    # CLDR shows Hungarian forint and Chilean unidad de fomento otherwise; ISO 4217 says 2 and 4.
    assert (ISO_4217_EXPONENTS["HUF"], ISO_4217_EXPONENTS["CLF"]) == (2, 4)
    assert Money(500000, "MGA").to_decimal_string() == "5000.00"


def test_three_capital_letters_are_not_a_currency_and_metals_have_no_minor_unit():
    assert not is_iso_currency("XYZ")
    assert "XAU" in WITHOUT_MINOR_UNIT and not is_iso_currency("XAU")
    assert is_iso_currency("BDT")


@pytest.mark.parametrize(
    ("price", "sent"),
    [
        (Money(500000, "MGA"), 5000),
        (Money(500, "JPY"), 500),
        (Money(1999, "USD"), 1999),
        (Money(1234, "KWD"), 1230),
        (Money(1235, "KWD"), 1240),
        (Money(5, "ISK"), 500),
        (Money(5000, "UGX"), 500000),
        (Money(1045, "HUF"), 1045),
        (Money(80045, "TWD"), 80045),
    ],
)
def test_a_price_reaches_stripe_as_the_amount_stripe_means_by_it(price, sent):
    assert to_stripe_amount(price) == sent


@pytest.mark.parametrize(
    ("reported", "currency", "amount"),
    [
        (5000, "mga", Money(500000, "MGA")),
        (500, "jpy", Money(500, "JPY")),
        (1999, "usd", Money(1999, "USD")),
        (1230, "kwd", Money(1230, "KWD")),
        (500, "isk", Money(5, "ISK")),
        (500000, "ugx", Money(5000, "UGX")),
        (1045, "huf", Money(1045, "HUF")),
    ],
)
def test_what_stripe_reports_is_read_back_in_iso_minor_units(reported, currency, amount):
    assert from_stripe_amount(reported, currency) == amount


@pytest.mark.parametrize(
    "price", [Money(1999, "USD"), Money(500000, "MGA"), Money(1230, "KWD"), Money(5, "ISK")]
)
def test_stripe_takes_prices_it_can_charge_exactly(price):
    ensure_stripe_charges(price)


def test_stripe_refuses_what_it_would_turn_down_with_the_reason():
    with pytest.raises(CurrencyNotSupported):
        ensure_stripe_charges(Money(1000, "IRR"))
    with pytest.raises(AmountOutOfRange):
        ensure_stripe_charges(Money(49, "USD"))
    with pytest.raises(AmountOutOfRange):
        ensure_stripe_charges(Money(100_000_000, "USD"))
    with pytest.raises(AmountOutOfRange):
        ensure_stripe_charges(Money(49, "JPY"))
    with pytest.raises(AmountNotChargeable):
        ensure_stripe_charges(Money(1234, "KWD"))
    with pytest.raises(AmountNotChargeable):
        ensure_stripe_charges(Money(500050, "MGA"))


def test_stripes_largest_amount_counts_digits_in_its_own_unit():
    ensure_stripe_charges(Money(99_999_999, "JPY"))
    ensure_stripe_charges(Money(999_999_999, "INR"))
    with pytest.raises(AmountOutOfRange):
        ensure_stripe_charges(Money(1_000_000, "UGX"))


def test_sslcommerz_takes_10_to_500000_bdt_and_converts_other_currencies_it_names():
    ensure_sslcommerz_charges(Money(10_00, "BDT"))
    ensure_sslcommerz_charges(Money(500_000_00, "BDT"))
    ensure_sslcommerz_charges(Money(499, "USD"))
    with pytest.raises(AmountOutOfRange) as low:
        ensure_sslcommerz_charges(Money(9_99, "BDT"))
    with pytest.raises(AmountOutOfRange):
        ensure_sslcommerz_charges(Money(500_000_01, "BDT"))
    with pytest.raises(CurrencyNotSupported) as foreign:
        ensure_sslcommerz_charges(Money(500, "JPY"))
    assert (low.value.code, foreign.value.code) == ("amount_out_of_range", "currency_not_supported")
