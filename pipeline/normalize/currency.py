"""Currency symbols, words and codes: one table (`patterns/currencies.json`) for every reader.

Why a module of its own: the money normaliser reads amounts by their symbol
("A$8.5 billion") and the number-span trimmer must recognise the same
symbols where a fact starts ("an estimated [$5bn]"); both take them from
here, so a symbol added to the data file works everywhere.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

SIGNS = "$€£¥₹₩"


@lru_cache(maxsize=1)
def currency_table() -> dict[str, Any]:
    """The data file, with every ISO 4217 code checked against pycountry."""
    raw = resources.files("pipeline").joinpath("patterns/currencies.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(raw)
    known = {c.alpha_3 for c in pycountry.currencies}
    for group in ("symbols", "words", "codes_alias"):
        for key, code in table[group].items():
            if code not in known:
                raise ValueError(f"currencies.json: {key!r} maps to unknown ISO 4217 code {code}")
    for word, by_country in table["words_by_country"].items():
        for country, code in by_country.items():
            if code not in known or pycountry.countries.get(alpha_3=country) is None:
                raise ValueError(f"currencies.json: {word!r} in {country} maps to unknown {code}")
    return table


def currency_in(word: str, country: str | None) -> str | None:
    """The currency a word names in a country's story ("pesos" in Argentina → ARS), if it varies."""
    by_country: dict[str, str] = currency_table()["words_by_country"].get(word.lower(), {})
    return by_country.get(country or "")


def currency_of_demonym(word: str, demonym: str) -> str | None:
    """The currency a word names with a nationality before it: "Rwandan francs" → RWF.

    Why by name: the nationality and the country share their first letters
    ("Rwandan"/"Rwanda", "Serbian"/"Serbia", "Kuwaiti"/"Kuwait"), so the
    countries that use the word are matched on those instead of a second table.
    """
    by_country: dict[str, str] = currency_table()["words_by_country"].get(word.lower(), {})
    adjective = demonym.lower()
    for country, code in by_country.items():
        found = pycountry.countries.get(alpha_3=country)
        names = [str(getattr(found, attr, "")) for attr in ("name", "common_name", "official_name")]
        for name in names:
            n = min(5, len(name) - 1)
            if n >= 3 and name.lower()[:n] == adjective[:n]:
                return code
    return None


def _alternation(symbols: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))


@lru_cache(maxsize=1)
def symbol_amount() -> re.Pattern[str]:
    """ "US$1.2bn" → ("US$", "1.2bn"): a currency symbol, then the rest of the amount.

    Letter symbols ("R", "Rp") count only before a number: "RMB 3 billion"
    is a currency code, not the rand.
    """
    signs, words = _symbol_kinds()
    return re.compile(
        rf"^((?:{_alternation(signs)})|(?:{_alternation(words)})(?=\s*[0-9]))\s*(.+)$"
    )


def _symbol_kinds() -> tuple[list[str], list[str]]:
    """The table's symbols split into those with a currency sign ("A$", "€") and letters only."""
    symbols = list(currency_table()["symbols"])
    signs = [s for s in symbols if any(ch in SIGNS for ch in s)]
    return signs, [s for s in symbols if s not in signs]


@lru_cache(maxsize=1)
def symbol_start() -> re.Pattern[str]:
    """Does a text start with a currency symbol? Letter symbols ("Rs") need a number after."""
    signs, words = _symbol_kinds()
    return re.compile(
        rf"^(?:{_alternation(signs)})|^(?:{_alternation(words)}) ?[0-9]", re.IGNORECASE
    )
