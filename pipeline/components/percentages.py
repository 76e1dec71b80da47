"""PERCENTAGE candidates: "90%", "ninety per cent", "3.5 percentage points", "10-15%".

Value is a float with a comparator from the leading modifier ("over 90%"
→ 90.0, ">"). A range is two facts, one per number (docs/ANNOTATION.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import PRIORITY, Candidate, candidates
from pipeline.components.matching import FilePatterns
from pipeline.gazetteers import load_json
from pipeline.normalize.numbers import fact_start, parse_numeral, split_comparator, words_to_number

_UNIT = re.compile(
    r"\s*(?:%|percent|per\s*-?\s*cent|pct|pc|(?:percentage|basis)(?:\s+|\s*[-‑]\s*)points?|bps?)$",
    re.IGNORECASE,
)


# "50% or less", "25 per cent or more": the same bounds as after a sum of money.
_OR_BOUND: dict[str, str] = load_json("lexicon.json")["or_bounds"]
_TRAILING = re.compile(rf"\s+or\s+({'|'.join(_OR_BOUND)})$", re.IGNORECASE)


# Fractions of a point, as written before "percentage point".
FRACTIONS = {"half a": 0.5, "a quarter of a": 0.25, "one quarter of a": 0.25,
             "three quarters of a": 0.75}  # fmt: skip


@lru_cache(maxsize=8192)
def parse_percentage(text: str) -> tuple[float, str, str] | None:
    """ "more than 60%" → (60.0, ">", "percent"); None when the number cannot be read."""
    comparator, rest, _ = split_comparator(text)
    trailing = _TRAILING.search(rest)
    if trailing and comparator == "=":  # "50% or less"
        comparator = _OR_BOUND[trailing.group(1).lower()]
        rest = rest[: trailing.start()]
    m = _UNIT.search(rest)
    if not m:
        return None
    unit_text = m.group(0).lower()
    number_text = rest[: m.start()].strip()
    sign = -1.0 if number_text[:1] in ("-", "−") else 1.0  # "+15%", "-4.1%" in market reports
    number_text = number_text.lstrip("+-−")
    value = parse_numeral(number_text)
    if value is None:
        value = FRACTIONS.get(number_text.lower())  # "half a percentage point"
    if value is None:
        value = words_to_number(number_text)
    if value is None:
        return None
    value *= sign
    if "basis" in unit_text or unit_text.strip() in ("bp", "bps"):
        return value / 100, comparator, "percentage_points"
    unit = "percentage_points" if "point" in unit_text else "percent"
    return value, comparator, unit


class PercentageMatcher:
    """Propose PERCENTAGE candidates."""

    def __init__(self, nlp: Language, name: str = "percentages") -> None:
        self.name = name
        self.patterns = FilePatterns(nlp.vocab, "percentages.jsonl")

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        prio = PRIORITY["PERCENTAGE"]
        for entry, s, e in self.patterns.matches(doc):
            span = doc[s:e]
            if entry["id"] == "percent-range":
                out.extend(self._range(doc, s, e, prio))
                continue
            if entry["id"] == "percent-range-token":
                out.extend(self._range_token(doc, s, e, prio))
                continue
            offset = fact_start(span.text)
            start = span.start_char + offset
            parsed = parse_percentage(span.text[offset:])
            if parsed is None:
                continue
            value, comparator, unit = parsed
            attrs = {"comparator": comparator, "unit": unit}
            out.append(
                Candidate("PERCENTAGE", start, span.end_char, value, entry["id"], attrs, prio)
            )
        return doc

    @staticmethod
    def _range_token(doc: Doc, s: int, e: int, prio: int) -> list[Candidate]:
        """ "10–15%" where the tokenizer kept "10–15" whole: split it by characters."""
        tok = doc[s]
        m = re.match(r"^([0-9.]+)([-–—])([0-9.]+)$", tok.text)
        if not m:
            return []
        first, second = parse_numeral(m.group(1)), parse_numeral(m.group(3))
        if first is None or second is None:
            return []
        unit_text = doc[s + 1 : e].text.lower()
        unit = "percentage_points" if "point" in unit_text else "percent"
        attrs = {"comparator": "=", "unit": unit}
        second_start = tok.idx + m.start(3)
        end_char = doc[e - 1].idx + len(doc[e - 1])
        return [
            Candidate(
                "PERCENTAGE", tok.idx, tok.idx + m.end(1), first, "percent-range", attrs, prio
            ),
            Candidate(
                "PERCENTAGE", second_start, end_char, second, "percent-range", dict(attrs), prio
            ),
        ]

    @staticmethod
    def _range(doc: Doc, s: int, e: int, prio: int) -> list[Candidate]:
        """ "10-15%": the first number alone, then the second number with the unit."""
        unit_span = doc[s + 3 : e]
        unit = "percentage_points" if "point" in unit_span.text.lower() else "percent"
        low, high = doc[s], doc[s + 2]
        first, second = parse_numeral(low.text), parse_numeral(high.text)
        if first is None or second is None:
            return []
        attrs = {"comparator": "=", "unit": unit}
        return [
            Candidate("PERCENTAGE", low.idx, low.idx + len(low), first, "percent-range", attrs, prio),  # noqa: E501
            Candidate("PERCENTAGE", high.idx, doc[e - 1].idx + len(doc[e - 1]), second,
                      "percent-range", dict(attrs), prio),
        ]  # fmt: skip
