"""Walking a pattern out from its anchor finds what spaCy's Matcher finds, quantifiers included.

tests/test_anchors.py checks the pipeline's own pattern files; these
tests check the walker on small generated patterns with "?" and "*"
anywhere, so that a pattern added to the data files later is covered too.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.matcher import Matcher

from pipeline.components.walk import Side, WalkPattern, WordFeatures, longest_first

NLP = English()
WORDS = ["a", "b", "c", "A", "B", "x"]
SPECS: list[dict[str, Any]] = [
    {"LOWER": "a"},
    {"ORTH": "b"},
    {"LOWER": {"IN": ["b", "c"]}},
    {"IS_TITLE": True},
    {"ORTH": {"NOT_IN": ["x"]}},
    {"TEXT": {"REGEX": "^[ab]$"}},
]


def walked(pattern: list[dict[str, Any]], anchor: int, words: list[str]) -> set[tuple[int, int]]:
    features = WordFeatures()

    def bit(token: dict[str, Any]) -> int:
        return features.bit({k: v for k, v in token.items() if k != "OP"})

    walk = WalkPattern(
        1,
        bit(pattern[anchor]),
        Side.of(pattern[:anchor][::-1], bit),
        Side.of(pattern[anchor + 1 :], bit),
    )
    feats = [features.of(NLP.vocab[w]) for w in words]
    spans: set[tuple[int, int]] = set()
    for i in range(len(words)):
        if feats[i] & walk.anchor:
            spans.update(walk.spans(feats, i))
    return set(longest_first(spans))


def matched(pattern: list[dict[str, Any]], words: list[str]) -> set[tuple[int, int]]:
    matcher = Matcher(NLP.vocab)
    matcher.add("P", [pattern], greedy="LONGEST")
    doc = NLP.make_doc(" ".join(words))
    return {(s, e) for _, s, e in matcher(doc)}


@st.composite
def patterns(draw: st.DrawFn) -> tuple[list[dict[str, Any]], int]:
    """A pattern of 1-6 tokens with one required token as the anchor."""
    size = draw(st.integers(1, 6))
    tokens = [dict(draw(st.sampled_from(SPECS))) for _ in range(size)]
    anchor = draw(st.integers(0, size - 1))
    for i, token in enumerate(tokens):
        if i != anchor:
            op = draw(st.sampled_from([None, None, "?", "*"]))
            if op:
                token["OP"] = op
    return tokens, anchor


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_walked_spans_equal_the_matchers_longest_spans(
    pattern_anchor: tuple[list[dict[str, Any]], int], words: list[str]
) -> None:
    pattern, anchor = pattern_anchor
    assert walked(pattern, anchor, words) == matched(pattern, words)


def test_optional_and_repeated_tokens_on_both_sides_of_the_anchor() -> None:
    pattern = [{"IS_TITLE": True, "OP": "*"}, {"ORTH": "b"}, {"LOWER": "a", "OP": "?"}]
    assert walked(pattern, 1, ["x", "A", "B", "b", "a", "x"]) == {(1, 5)}
    assert walked(pattern, 1, ["b", "b"]) == {(0, 1), (1, 2)}


def test_longest_first_keeps_the_longest_then_the_earliest_of_overlapping_spans() -> None:
    assert longest_first({(0, 2), (1, 4), (4, 5), (3, 5)}) == [(1, 4), (4, 5)]
    assert longest_first({(0, 2), (1, 3)}) == [(0, 2)]
