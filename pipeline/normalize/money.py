"""Sums of money: "$550 billion", "US$1.2bn", "A$8.5 billion", "550 billion dollars".

Currency symbols and words map to ISO 4217 codes through
`patterns/currencies.json` (read and checked in `normalize.currency`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from pipeline.normalize.currency import currency_of_demonym, currency_table, symbol_amount
from pipeline.normalize.numbers import fact_start, parse_quantity, split_comparator


@dataclass(frozen=True, slots=True)
class MoneyValue:
    """A parsed amount: number, ISO 4217 code, comparator and where the span really starts."""

    value: float
    unit: str
    comparator: str
    trim_left: int


_CODE_FIRST = re.compile(r"^([A-Z]{3})\s+(.+)$")
_CODE_LAST = re.compile(r"^(.+?)\s+([A-Z]{3})$")
_NATIONALITY_LAST = re.compile(r"(.+) ([A-Z][a-z]+)")  # "8 billion Rwandan"


@lru_cache(maxsize=8192)
def normalize_money(text: str) -> MoneyValue | None:
    """Parse an amount span; None when it is not a well-formed sum of money.

    >>> normalize_money("up to US$1.2bn")
    MoneyValue(value=1200000000.0, unit='USD', comparator='<=', trim_left=0)
    """
    table = currency_table()
    offset = fact_start(text)
    comparator, rest, _ = split_comparator(text[offset:])
    rest_clean = re.sub(r"\s+", " ", rest)
    m = symbol_amount().match(rest_clean)
    if m:
        unit = table["symbols"].get(m.group(1))
        qty = parse_quantity(m.group(2))
        if unit and qty is not None:
            return MoneyValue(qty, unit, comparator, offset)
        return None
    m = _CODE_FIRST.match(rest_clean)
    if m:
        code = table["codes_alias"].get(m.group(1), m.group(1))
        qty = parse_quantity(m.group(2))
        if qty is not None and pycountry.currencies.get(alpha_3=code):
            return MoneyValue(qty, code, comparator, offset)
        return None
    m = _CODE_LAST.match(rest_clean)
    if m and m.group(2).isupper():
        code = table["codes_alias"].get(m.group(2), m.group(2))
        qty = parse_quantity(m.group(1))
        if qty is not None and pycountry.currencies.get(alpha_3=code):
            return MoneyValue(qty, code, comparator, offset)
    low = rest_clean.lower()
    for word in sorted(table["words"], key=len, reverse=True):
        if low.endswith(" " + word):
            amount = rest_clean[: -len(word) - 1]
            qty = parse_quantity(amount)
            if qty is not None:
                return MoneyValue(qty, table["words"][word], comparator, offset)
            m = _NATIONALITY_LAST.fullmatch(amount)  # "8 billion Rwandan francs"
            qty = parse_quantity(m.group(1)) if m else None
            if m and qty is not None:
                code = currency_of_demonym(word, m.group(2)) or table["words"][word]
                return MoneyValue(qty, code, comparator, offset)
    return None
