"""Numbers and money as news writes them (pipeline.normalize.numbers and .money).

Comparator words follow docs/annotation-notes.md ("up to" → `<=`, "over" →
`>`, "about" → `~`); currencies map to ISO 4217 codes ("A$" → AUD, "yuan" → CNY).
"""

from __future__ import annotations

import pytest

from pipeline.normalize.money import currency_table, normalize_money
from pipeline.normalize.numbers import (
    fact_start,
    parse_numeral,
    parse_quantity,
    split_comparator,
    words_to_number,
)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("0", 0.0),
        ("90", 90.0),
        ("3.5", 3.5),
        ("12,500", 12500.0),
        ("1,000,000", 1_000_000.0),
        ("1,200.5", 1200.5),
        ("3,5", 3.5),  # a comma not followed by three digits is a decimal comma
        ("1,2345", 1.2345),
    ],
)
def test_parse_numeral(token: str, expected: float) -> None:
    assert parse_numeral(token) == pytest.approx(expected)


@pytest.mark.parametrize("token", ["", "abc", "12.5.3", "1.000.000", "5%", "$5", "-3"])
def test_parse_numeral_rejects_what_is_not_a_numeral(token: str) -> None:
    assert parse_numeral(token) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", 1.0),
        ("one", 1.0),
        ("ninety", 90.0),
        ("ninety-nine", 99.0),
        ("twenty-five", 25.0),
        ("twenty five", 25.0),
        ("one hundred", 100.0),
        ("one hundred and five", 105.0),
        ("one hundred twenty", 120.0),
        ("two thousand", 2000.0),
        ("three million", 3_000_000.0),
        ("Ninety", 90.0),
    ],
)
def test_words_to_number(text: str, expected: float) -> None:
    assert words_to_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "half", "banana", "a third"])
def test_words_to_number_rejects_other_words(text: str) -> None:
    assert words_to_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,500", 12_500.0),
        ("ninety", 90.0),
        ("1.2bn", 1.2e9),
        ("5bn", 5e9),
        ("550 billion", 550e9),
        ("8.5 billion", 8.5e9),
        ("3.4 million", 3.4e6),
        ("200m", 200e6),
        ("1.5tn", 1.5e12),
        ("1 trillion", 1e12),
        ("10k", 10e3),
        ("two billion", 2e9),
    ],
)
def test_parse_quantity(text: str, expected: float) -> None:
    assert parse_quantity(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["3 zillion", "billions", "many"])
def test_parse_quantity_rejects_unknown_scales_and_words(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "comparator", "rest"),
    [
        ("90%", "=", "90%"),
        ("over 90%", ">", "90%"),
        ("Around 40%", "~", "40%"),
        ("more than 60%", ">", "60%"),
        ("just over 50%", ">", "50%"),
        ("well over 90%", ">", "90%"),
        ("above 5%", ">", "5%"),
        ("at least 10", ">=", "10"),
        ("no less than 10", ">=", "10"),
        ("up to US$200 million", "<=", "US$200 million"),
        ("no more than 5%", "<=", "5%"),  # the longer phrase wins over "more than"
        ("at most 5%", "<=", "5%"),
        ("less than 3", "<", "3"),
        ("under 3", "<", "3"),
        ("below 3", "<", "3"),
        ("about 3", "~", "3"),
        ("nearly $15,000", "~", "$15,000"),
        ("almost 3", "~", "3"),
        ("roughly 3", "~", "3"),
        ("approximately 3", "~", "3"),
        ("some 20", "~", "20"),
        ("close to 20", "~", "20"),
        ("overall 5", "=", "overall 5"),  # a word that merely starts like "over"
    ],
)
def test_split_comparator(text: str, comparator: str, rest: str) -> None:
    found, remainder, offset = split_comparator(text)
    assert (found, remainder) == (comparator, rest)
    assert text[offset:] == remainder


@pytest.mark.parametrize(
    ("text", "start_of_fact"),
    [
        ("$5bn", "$5bn"),
        ("an estimated $5bn", "$5bn"),
        ("an estimated up to $3", "up to $3"),
        ("estimated 550 billion dollars", "550 billion dollars"),
        ("a further USD 300 million", "USD 300 million"),
        ("up to US$200 million", "up to US$200 million"),
        ("about A$8.5 billion", "about A$8.5 billion"),
        ("as much as $5", "as much as $5"),
        ("the ninety percent", "ninety percent"),
    ],
)
def test_fact_start_keeps_comparators_and_drops_loose_words(text: str, start_of_fact: str) -> None:
    assert text[fact_start(text) :] == start_of_fact


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$550 billion", 550e9, "USD"),
        ("US$1.2bn", 1.2e9, "USD"),
        ("A$8.5 billion", 8.5e9, "AUD"),
        ("€2 billion", 2e9, "EUR"),
        ("¥1 trillion", 1e12, "JPY"),
        ("550 billion dollars", 550e9, "USD"),
        ("$3.4 million", 3.4e6, "USD"),
        ("3 billion yuan", 3e9, "CNY"),
        ("C$500m", 500e6, "CAD"),
        ("£3bn", 3e9, "GBP"),
        ("$5.5bn", 5.5e9, "USD"),
        ("$1.2 trn", 1.2e12, "USD"),
        ("$ 5 billion", 5e9, "USD"),
        ("$60", 60.0, "USD"),
        ("HK$5 billion", 5e9, "HKD"),
        ("NZ$300 million", 300e6, "NZD"),
        ("S$1 billion", 1e9, "SGD"),
        ("USD 300 million", 300e6, "USD"),
        ("300 million USD", 300e6, "USD"),
        ("RMB 3 billion", 3e9, "CNY"),
        ("3 billion renminbi", 3e9, "CNY"),
        ("3 billion yen", 3e9, "JPY"),
        ("300 million euros", 300e6, "EUR"),
        ("5 trillion won", 5e12, "KRW"),
        ("1,000 rupees", 1000.0, "INR"),
    ],
)
def test_normalize_money(text: str, value: float, unit: str) -> None:
    money = normalize_money(text)
    assert money is not None
    assert (money.value, money.unit) == (pytest.approx(value), unit)
    assert money.comparator == "="
    assert money.trim_left == 0


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("up to US$200 million", 200e6, "USD", "<="),
        ("more than $1 billion", 1e9, "USD", ">"),
        ("nearly $15,000", 15_000.0, "USD", "~"),
        ("at least €2 billion", 2e9, "EUR", ">="),
    ],
)
def test_normalize_money_reads_the_comparator(
    text: str, value: float, unit: str, comparator: str
) -> None:
    money = normalize_money(text)
    assert money is not None
    assert (money.value, money.unit, money.comparator) == (pytest.approx(value), unit, comparator)


def test_an_estimated_amount_starts_at_the_currency_sign() -> None:
    text = "an estimated $5bn"
    money = normalize_money(text)
    assert money is not None
    assert text[money.trim_left :] == "$5bn"
    assert (money.value, money.unit, money.comparator) == (pytest.approx(5e9), "USD", "=")


@pytest.mark.parametrize(
    "text", ["billions of dollars", "100 tonnes", "$", "dollars", "5 zillion dollars"]
)
def test_what_is_not_a_sum_of_money_is_none(text: str) -> None:
    assert normalize_money(text) is None


def test_currency_table_codes_are_iso_4217() -> None:
    """The data file is checked against pycountry when loaded; a typo would raise here."""
    table = currency_table()
    assert table["symbols"]["A$"] == "AUD"
    assert table["words"]["yuan"] == "CNY"
