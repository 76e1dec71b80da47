"""Numbers in news text: digits with separators, number words, scale words, comparators.

Why in one place: percentages, amounts and durations all read "about 3.5",
"ninety", "1.2bn" or "more than" the same way.
"""

from __future__ import annotations

import re

from pipeline.normalize.currency import symbol_start

UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100.0, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
    "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip

# Longest phrases first so "no more than" wins over "more than".
COMPARATORS: tuple[tuple[str, str], ...] = (
    ("no more than", "<="), ("not more than", "<="), ("no less than", ">="),
    ("more than", ">"), ("greater than", ">"), ("higher than", ">"), ("in excess of", ">"),
    ("upwards of", ">"), ("just over", ">"), ("well over", ">"), ("over", ">"), ("above", ">"),
    ("exceeding", ">"), ("at least", ">="), ("as much as", "<="), ("as many as", "<="),
    ("as high as", "<="), ("up to", "<="), ("at most", "<="), ("a maximum of", "<="),
    ("less than", "<"), ("fewer than", "<"), ("lower than", "<"), ("just under", "<"),
    ("under", "<"), ("below", "<"), ("close to", "~"), ("about", "~"), ("around", "~"),
    ("roughly", "~"), ("nearly", "~"), ("almost", "~"), ("approximately", "~"), ("near", "~"),
    ("some", "~"), ("circa", "~"),
)  # fmt: skip
_NUMERIC = re.compile(r"^[0-9]+(?:[.,][0-9]+)*$")


def split_comparator(text: str) -> tuple[str, str, int]:
    """Strip a leading comparator phrase from `text`.

    Returns (comparator, rest, offset of rest in text); comparator "=" when none.

    >>> split_comparator("more than 60%")
    ('>', '60%', 10)
    """
    lowered = text.lower()
    for phrase, comp in COMPARATORS:
        if lowered.startswith(phrase + " "):
            rest = text[len(phrase) :]
            offset = len(phrase) + (len(rest) - len(rest.lstrip()))
            return comp, text[offset:], offset
    return "=", text, 0


def fact_start(text: str) -> int:
    """Offset where a number fact really starts: at its comparator or its number.

    The token patterns allow loose words before a number ("an estimated",
    "as"); the span keeps only a known comparator phrase ("up to", "over")
    and what follows.

    >>> fact_start("an estimated $5bn")
    13
    """
    lowered = text.lower()
    positions = [0] + [m.end() for m in re.finditer(r"\s+", text)]
    for pos in positions:
        sub = lowered[pos:]
        if not sub:
            break
        if sub[0].isdigit() or symbol_start().match(sub):
            return pos
        if re.match(r"^[a-z]{3} [0-9]", sub) and text[pos : pos + 3].isupper():
            return pos
        if any(sub.startswith(phrase + " ") for phrase, _ in COMPARATORS):
            return pos
        first = sub.split(" ", 1)[0].split("-", 1)[0]
        if (first in UNITS and first not in ("a", "an")) or first in TENS:
            return pos
    return 0


def parse_numeral(token: str) -> float | None:
    """Parse "1,200.5", "3.5", "12,500" (commas as thousands separators).

    A comma followed by exactly three digits is a thousands separator; other
    commas (European decimals, "3,5") are read as decimal points.
    """
    if not _NUMERIC.match(token):
        return None
    if "," in token:
        groups = token.split(",")
        if all(len(g) == 3 for g in groups[1:]) and "." not in groups[0]:
            token = token.replace(",", "")
        elif token.count(",") == 1 and "." not in token:
            token = token.replace(",", ".")
        else:
            token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        return None


def words_to_number(text: str) -> float | None:
    """Parse number words: "ninety", "twenty-five", "one hundred", "a" (= 1).

    >>> words_to_number("twenty-five")
    25.0
    """
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
    return total + current


def parse_quantity(text: str) -> float | None:
    """Parse a number with optional scales: "1.2bn", "550 billion", "ninety", "1.2 lakh crore".

    >>> parse_quantity("1.2bn")
    1200000000.0
    """
    text = text.strip()
    m = re.match(r"^([0-9][0-9.,]*)(?:\s*|-)([A-Za-z]+(?: [A-Za-z]+)?)?$", text)  # "1.2-billion"
    if m:
        base = parse_numeral(m.group(1))
        if base is None:
            return None
        if m.group(2) is None:
            return base
        for scale in m.group(2).lower().split():  # "1.2 lakh crore": the scales multiply
            factor = SCALES.get(scale)
            if factor is None:
                return None
            base *= factor
        return base
    return words_to_number(text)
