"""AMOUNT candidates: sums of money normalised to a number and an ISO 4217 code."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import PRIORITY, Candidate, candidates
from pipeline.components.matching import FilePatterns
from pipeline.normalize.money import normalize_money


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
            value = {"value": money.value, "unit": money.unit}
            attrs = {"comparator": money.comparator}
            start = span.start_char + money.trim_left
            out.append(Candidate("AMOUNT", start, end, value, entry["id"], attrs, prio))
        return doc
