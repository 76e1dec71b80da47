"""The gazetteer finds what spaCy's PhraseMatcher finds, without tokenising its phrases.

The reference is a PhraseMatcher holding the same entries, each phrase run
through the tokenizer; the pipeline's `Gazetteer` splits plain phrases on
their spaces and compares word ids (pipeline/components/matching.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.components.matching import Gazetteer, phrase_words
from pipeline.corpus import Document, read_inputs
from pipeline.gazetteers import (
    GazetteerEntry,
    capital_entries,
    country_entries,
    mineral_entries,
    organization_entries,
    people_entries,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
Match = tuple[str, str, int, int]


def all_entries() -> list[tuple[str, list[GazetteerEntry]]]:
    capitals = list(capital_entries())
    datelines = [GazetteerEntry(c.phrase.upper(), c.value, c.rule) for c in capitals]
    return [
        ("ORTH", [*country_entries(), *organization_entries(), *people_entries()]),
        ("ORTH", [*capitals, *datelines]),
        ("LOWER", list(mineral_entries())),
    ]


def reference(nlp: Language, entries: list[GazetteerEntry], attr: str, doc: Doc) -> Counter[Match]:
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for n, entry in enumerate(entries):
        phrase = entry.phrase if attr == "ORTH" else entry.phrase.lower()
        matcher.add(str(n), [nlp.make_doc(phrase)])
    found = Counter[Match]()
    for key, s, e in matcher(doc):
        entry = entries[int(nlp.vocab.strings[key])]
        found[(entry.phrase, entry.value, s, e)] += 1
    return found


def ours(nlp: Language, entries: list[GazetteerEntry], attr: str, doc: Doc) -> Counter[Match]:
    gazetteer = Gazetteer(entries, attr=attr, tokenizer=nlp.tokenizer)
    return Counter((e.phrase, e.value, s, t) for e, s, t in gazetteer.matches(doc))


def test_every_gazetteer_phrase_splits_as_the_tokenizer_splits_it(nlp: Language) -> None:
    special = frozenset(nlp.tokenizer.rules or {})
    for _, entries in all_entries():
        for entry in entries:
            for phrase in (entry.phrase, entry.phrase.lower()):
                expected = [t.text for t in nlp.make_doc(phrase)]
                assert phrase_words(phrase, nlp.tokenizer, special) == expected, phrase


def test_special_cases_and_punctuation_go_through_the_tokenizer(nlp: Language) -> None:
    special = frozenset(nlp.tokenizer.rules or {})
    assert phrase_words("Cannot Holdings", nlp.tokenizer, special) == ["Can", "not", "Holdings"]
    assert phrase_words("U.S. Steel", nlp.tokenizer, special) == ["U.S.", "Steel"]
    assert phrase_words("Côte d'Ivoire", nlp.tokenizer, special) == ["Côte", "d'Ivoire"]
    assert phrase_words("Rio Tinto", nlp.tokenizer, special) == ["Rio", "Tinto"]


def corpus_docs(nlp: Language) -> list[Doc]:
    return [nlp.make_doc(d.text) for d in read_inputs([str(CORPUS)]) if isinstance(d, Document)]


def test_gazetteer_matches_equal_a_phrase_matcher_on_every_corpus_document(
    nlp: Language,
) -> None:
    docs = corpus_docs(nlp)
    for attr, entries in all_entries():
        for doc in docs:
            assert ours(nlp, entries, attr, doc) == reference(nlp, entries, attr, doc)


def test_matches_come_in_document_order_nested_ones_included(nlp: Language) -> None:
    entries = [
        GazetteerEntry("South Africa", "ZAF", "country"),
        GazetteerEntry("Africa", "AFR", "region"),
        GazetteerEntry("Democratic Republic of the Congo", "COD", "country"),
        GazetteerEntry("Congo", "COG", "country"),
    ]
    doc = nlp.make_doc("South Africa and the Democratic Republic of the Congo met in Africa.")
    found = [
        (e.value, doc[s:t].text)
        for e, s, t in Gazetteer(entries, "ORTH", nlp.tokenizer).matches(doc)
    ]
    assert found == [
        ("ZAF", "South Africa"),
        ("AFR", "Africa"),
        ("COD", "Democratic Republic of the Congo"),
        ("COG", "Congo"),
        ("AFR", "Africa"),
    ]  # fmt: skip


def test_orth_is_case_sensitive_and_lower_is_not(nlp: Language) -> None:
    entries = [GazetteerEntry("US", "USA", "country")]
    doc = nlp.make_doc("Let us ask the US.")
    assert [
        doc[s:e].text for _, s, e in Gazetteer(entries, "ORTH", nlp.tokenizer).matches(doc)
    ] == ["US"]
    minerals = [GazetteerEntry("Rare earths", "rare earths", "mineral")]
    doc = nlp.make_doc("RARE EARTHS and rare earths")
    assert len(Gazetteer(minerals, "LOWER", nlp.tokenizer).matches(doc)) == 2


def test_an_unknown_attribute_is_refused(nlp: Language) -> None:
    with pytest.raises(ValueError, match="ORTH or LOWER"):
        Gazetteer([], "NORM", nlp.tokenizer)


WORDS = [
    "South", "Africa", "Congo", "Democratic", "Republic", "of", "the", "United", "States", "US",
    "U.S.", "lithium", "Lithium", "rare", "earths", "Rare", "Earth", "cobalt", "Tokyo", "TOKYO",
    "Beijing", "European", "Union", "EU", "Rio", "Tinto", "and", ",", "\n", "-", "Côte", "d'Ivoire",
]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_gazetteer_equals_a_phrase_matcher_on_generated_word_salad(
    nlp: Language, words: list[str]
) -> None:
    doc = nlp.make_doc(" ".join(words))
    for attr, entries in all_entries():
        assert ours(nlp, entries, attr, doc) == reference(nlp, entries, attr, doc)
