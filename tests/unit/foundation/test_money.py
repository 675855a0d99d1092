import pytest

from skillwise.domain.errors import DomainValidationError
from skillwise.domain.money import CurrencyMismatch, Money


def test_money_adds_and_subtracts_in_one_currency():
    assert Money(1999, "USD") + Money(1, "USD") == Money(2000, "USD")
    assert Money(1999, "USD") - Money(2000, "USD") == Money(-1, "USD")


def test_money_refuses_to_mix_currencies():
    with pytest.raises(CurrencyMismatch):
        Money(100, "USD") + Money(100, "EUR")
    with pytest.raises(CurrencyMismatch):
        _ = Money(100, "USD") < Money(100, "BDT")


@pytest.mark.parametrize("amount", [19.99, "1999", True, None])
def test_money_accepts_only_whole_minor_units(amount):
    with pytest.raises(DomainValidationError):
        Money(amount, "USD")


@pytest.mark.parametrize("currency", ["usd", "US", "DOLLAR", "", None])
def test_money_needs_an_upper_case_iso_currency_code(currency):
    with pytest.raises(DomainValidationError):
        Money(100, currency)


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(1999, "USD"), "19.99"),
        (Money(5, "USD"), "0.05"),
        (Money(-250, "EUR"), "-2.50"),
        (Money(500, "JPY"), "500"),
        (Money(1234, "KWD"), "1.234"),
    ],
)
def test_money_writes_decimal_strings_by_the_currency_exponent(money, text):
    assert money.to_decimal_string() == text
    assert Money.from_decimal_string(text, money.currency) == money


def test_parsing_a_decimal_amount_is_exact_and_refuses_extra_precision():
    assert Money.from_decimal_string("1000.00", "BDT") == Money(100000, "BDT")
    assert Money.from_decimal_string("0.1", "USD") == Money(10, "USD")
    with pytest.raises(DomainValidationError):
        Money.from_decimal_string("1.005", "USD")
    with pytest.raises(DomainValidationError):
        Money.from_decimal_string("ten", "USD")


def test_money_is_immutable():
    price = Money(100, "USD")
    with pytest.raises(AttributeError):
        price.amount_minor = 1  # type: ignore[misc]
