"""Anchored matching finds exactly what a full Matcher pass finds, for a fraction of the work.

The reference is spaCy's Matcher run over the whole Doc with every
pattern as written in the data files; the pipeline walks each pattern out
from its anchor word (pipeline/components/anchors.py and walk.py).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from pipeline.components.anchors import (
    AnchorIndex,
    choose_anchor,
    spec_predicate,
)
from pipeline.components.matching import (
    PATTERN_FILES,
    _is_common,
    shared_patterns,
    split_leading_star,
)
from pipeline.corpus import Document, read_inputs
from pipeline.gazetteers import token_patterns

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
Match = tuple[str, int, int]


def reference_matches(nlp: Language, doc: Doc) -> Counter[Match]:
    """Every pattern over the whole Doc, one Matcher, same keys and greedy filter."""
    matcher = Matcher(nlp.vocab)
    n = 0
    for name in PATTERN_FILES:
        for entry in token_patterns(name):
            pattern, _ = split_leading_star(entry["pattern"])
            matcher.add(f"{entry['id']}#{n}", [pattern], greedy="LONGEST")
            n += 1
    return Counter((nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc))


def anchored_matches(nlp: Language, doc: Doc) -> Counter[Match]:
    found = shared_patterns(nlp.vocab).find(doc)
    return Counter((nlp.vocab.strings[k], s, e) for k, s, e in found)


def sentencized(nlp: Language, text: str) -> Doc:
    return nlp.get_pipe("line_sentencizer")(nlp.make_doc(text))


def corpus_texts() -> list[tuple[str, str]]:
    docs = [d for d in read_inputs([str(CORPUS)]) if isinstance(d, Document)]
    return [(d.doc_id, d.text) for d in docs]


@pytest.mark.parametrize(("doc_id", "text"), corpus_texts(), ids=lambda v: v[:12])
def test_anchored_matches_equal_a_full_matcher_pass_on_every_corpus_document(
    nlp: Language, doc_id: str, text: str
) -> None:
    doc = sentencized(nlp, text)
    assert anchored_matches(nlp, doc) == reference_matches(nlp, doc)


WORDS = [
    "In", "May", "2025", "the", "U.S.", "and", "Japan", "signed", "a", "deal", "on", "28",
    "October",
    "Oct.", "12", "%", "per", "cent", "$", "1.2", "billion", "US$", "€", "EUR", "Ltd", "Corp.", ",",
    "Minister", "Jane", "Doe", "said", "Ministry", "of", "Mines", "Q3", "fiscal", "2026-27", "ago",
    "three", "years", "-", "(", ")", "Grupo", "Andes", "Resources", "Agreement", "Bank", "\n",
    "percentage", "points", "early", "next", "week", "half", "to", "15", "–",
]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60))
def test_anchored_matches_equal_a_full_pass_on_generated_word_salad(
    nlp: Language, words: list[str]
) -> None:
    doc = sentencized(nlp, " ".join(words))
    assert anchored_matches(nlp, doc) == reference_matches(nlp, doc)


def test_the_pipeline_uses_the_anchored_matches_in_document_order(nlp: Language) -> None:
    doc = sentencized(nlp, "On 28 October 2025 Japan pledged $550 billion, or 12% of it.")
    spans = [(e["id"], doc[s:t].text) for e, s, t in shared_patterns(nlp.vocab).matches(doc)]
    assert ("date-day-month-year", "28 October 2025") in spans
    assert ("amount-symbol", "$550 billion") in spans
    assert ("percent-number", "12%") in spans
    starts = [s for _, s, _ in shared_patterns(nlp.vocab).matches(doc)]
    assert starts == sorted(starts)


def test_anchor_is_the_rare_required_word_not_a_stop_word_or_comma() -> None:
    pattern = [{"LOWER": {"IN": ["in", "since", "by"]}}, {"ORTH": "May"}]
    anchor = choose_anchor(pattern, _is_common)
    assert anchor.spec == {"ORTH": "May"}
    assert anchor.index == 1
    appositive = [{"IS_TITLE": True}, {"ORTH": ","}, {"LOWER": {"IN": ["minister", "chief"]}}]
    assert choose_anchor(appositive, _is_common).spec == {"LOWER": {"IN": ["minister", "chief"]}}


def test_optional_tokens_never_anchor() -> None:
    pattern = [{"IS_TITLE": True, "OP": "*"}, {"ORTH": "Bank", "OP": "?"}, {"ORTH": "Council"}]
    anchor = choose_anchor(pattern, _is_common)
    assert (anchor.spec, anchor.index) == ({"ORTH": "Council"}, 2)


def test_a_pattern_without_a_required_word_is_refused() -> None:
    with pytest.raises(ValueError, match="no required word"):
        choose_anchor([{"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}], _is_common)


def test_spec_predicate_follows_matcher_semantics(nlp: Language) -> None:
    vocab = nlp.vocab
    assert spec_predicate({"LOWER": {"IN": ["may"]}})(vocab["May"])
    assert not spec_predicate({"ORTH": "May"})(vocab["may"])
    assert spec_predicate({"TEXT": {"REGEX": "^20[0-9]{2}$"}})(vocab["2025"])
    assert spec_predicate({"ORTH": {"NOT_IN": ["The"]}, "IS_TITLE": True})(vocab["Japan"])
    with pytest.raises(ValueError):
        spec_predicate({"POS": "NOUN"})


def test_every_pattern_anchor_is_rare_in_the_corpus(nlp: Language) -> None:
    """The anchoring is only a speed-up if anchors are rare: each fires on ≤ 2% of words."""
    counts: Counter[str] = Counter()
    for _, text in corpus_texts():
        counts.update(t.orth_ for t in nlp.make_doc(text))
    total = sum(counts.values())
    for name in PATTERN_FILES:
        for entry in token_patterns(name):
            pattern, _ = split_leading_star(entry["pattern"])
            test = spec_predicate(choose_anchor(pattern, _is_common).spec)
            share = sum(c for w, c in counts.items() if test(nlp.vocab[w])) / total
            assert share <= 0.02, (entry["id"], share)


def test_the_anchor_index_agrees_with_testing_every_anchor_one_by_one(nlp: Language) -> None:
    patterns = shared_patterns(nlp.vocab)
    specs = [json.loads(key) for key in patterns.anchor_keys]
    tests = [spec_predicate(spec) for spec in specs]
    index = AnchorIndex(specs)
    words = {t.orth_ for _, text in corpus_texts() for t in nlp.make_doc(text)}
    for word in [*sorted(words), "may", "May", "R6.8bn", "%", "PERCENT"]:
        lex = nlp.vocab[word]
        expected = sum(1 << bit for bit, test in enumerate(tests) if test(lex))
        assert index.mask(lex) == expected, word
