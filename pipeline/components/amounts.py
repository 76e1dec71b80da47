"""AMOUNT candidates: sums of money normalised to a number and an ISO 4217 code."""

from __future__ import annotations

import re
import string

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import PRIORITY, Candidate, candidates
from pipeline.components.matching import FilePatterns
from pipeline.gazetteers import load_json
from pipeline.normalize.money import normalize_money
from pipeline.normalize.numbers import parse_quantity

_MACROS = load_json("macros.json")
# A number as the amount patterns read one: plain ("1,100") or scaled ("2bn").
_NUMBERS = tuple(re.compile(_MACROS[m]["TEXT"]["REGEX"]) for m in ("NUM", "NUM_SCALED"))
_SCALES = frozenset(_MACROS["SCALE"]["LOWER"]["IN"])
# "Rs 2 lakh or less", "$5 million or more": the bound comes after the sum (as after "50%").
_OR_BOUND: dict[str, str] = load_json("lexicon.json")["or_bounds"]


class AmountMatcher:
    """Propose AMOUNT candidates ("$550 billion", "US$1.2bn", "550 billion dollars")."""

    def __init__(self, nlp: Language, name: str = "amounts") -> None:
        self.name = name
        self.patterns = FilePatterns(nlp.vocab, "amounts.jsonl")

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        prio = PRIORITY["AMOUNT"]
        for entry, s, e in self.patterns.matches(doc):
            span = doc[s:e]
            text = span.text
            end = span.end_char
            if text.endswith(".") and text[-2:-1].isalpha():
                text, end = text[:-1], end - 1  # "$500m." at the end of a sentence
            money = normalize_money(text)
            if money is None:
                continue
            if doc[e - 1].lower_ in ("pounds", "pound") and e < len(doc) and doc[e].lower_ == "of":
                continue  # "3.5 million pounds of uranium": a weight
            value = {"value": money.value, "unit": money.unit}
            attrs = {"comparator": money.comparator}
            if (
                money.comparator == "="
                and e + 1 < len(doc)
                and doc[e].lower_ == "or"
                and doc[e + 1].lower_ in _OR_BOUND
            ):
                attrs["comparator"] = _OR_BOUND[doc[e + 1].lower_]
                end = doc[e + 1].idx + len(doc[e + 1])
            start = span.start_char + money.trim_left
            out.append(Candidate("AMOUNT", start, end, value, entry["id"], attrs, prio))
            range_end = self._range_end(doc, e, money.unit, prio)
            if range_end is not None:
                factor, second = range_end
                if factor != 1.0:  # "$1-2 billion": the scale after the range is the first's too
                    out[-1].value = {"value": money.value * factor, "unit": money.unit}
                out.append(second)
        return doc

    @staticmethod
    def _range_end(doc: Doc, e: int, unit: str, prio: int) -> tuple[float, Candidate] | None:
        """ "$950-1,100/t", "$1-2 billion": the number after a dash is a second sum.

        Same currency; a scale word after it ("billion") belongs to both
        numbers. Returns (the factor for the first sum, the second sum).
        """
        if e + 1 >= len(doc) or doc[e].text not in ("-", "–") or doc[e].whitespace_:
            return None
        num = doc[e + 1]
        text = num.text.rstrip(".")
        if not any(rx.search(text) for rx in _NUMBERS):
            return None
        digits = text.rstrip(string.ascii_letters)
        end, factor = num.idx + len(num), 1.0
        if digits != text:  # "$1.5-2bn"
            factor = parse_quantity(f"1{text[len(digits) :]}") or 1.0
        after = doc[e + 2] if e + 2 < len(doc) else None
        if after is not None and after.lower_ == "%":
            return None
        if after is not None and after.lower_ in _SCALES:
            scaled = parse_quantity(f"1 {after.lower_.rstrip('.')}")
            if scaled is None:
                return None
            end, factor = after.idx + len(after), scaled
        qty = parse_quantity(digits)
        if qty is None:
            return None
        value = {"value": qty * factor, "unit": unit}
        cand = Candidate("AMOUNT", num.idx, end, value, "amount-range-end",
                         {"comparator": "="}, prio)  # fmt: skip
        return factor, cand
