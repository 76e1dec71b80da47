"""One-word names that act in the text are parties; ordinary capitalised words are not."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from pipeline.corpus import Document
from pipeline.extract import extract_document
from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def parties(nlp: Language, text: str) -> list[tuple[str, str]]:
    records = extract_document(nlp, Document("t", text, dt.date(2025, 10, 28)))
    return [(r.text, r.value) for r in records if r.type == "PARTY"]


def test_a_name_that_acts_is_a_party_at_every_mention(nlp: Language) -> None:
    text = "Aurelia said output rose. Shares of Aurelia climbed 4% in London trading."
    assert parties(nlp, text) == [("Aurelia", "Aurelia"), ("Aurelia", "Aurelia")]


def test_a_capitalised_word_only_at_sentence_starts_is_not_a_party(nlp: Language) -> None:
    assert parties(nlp, "Prices will rise next year. Demand said little.") == []
