"""Sentence boundaries (the `line_sentencizer` component).

docs/ANNOTATION.md: a heading line or a bullet line is a sentence of its own,
and no fact crosses a sentence boundary. Abbreviations ("U.S.", "Oct.") do
not end a sentence; a closing quote stays with the sentence it closes.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.convert import sentence_bounds


def sentences(nlp: Language, text: str) -> list[str]:
    """Sentence texts as records carry them: without surrounding whitespace."""
    doc = nlp(text)
    return [text[s:e] for s, e in sentence_bounds(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "US, Japan sign minerals framework\nThe deal was signed on Tuesday. It covers lithium.",
            [
                "US, Japan sign minerals framework",
                "The deal was signed on Tuesday.",
                "It covers lithium.",
            ],
        ),
        (
            "Key Pillars of the Pact\n\nThe pact covers supply.",
            ["Key Pillars of the Pact", "The pact covers supply."],
        ),
        (
            "The two countries will:\n- secure lithium supply\n- build cobalt refining\n"
            "* stock rare earths",
            [
                "The two countries will:",
                "- secure lithium supply",
                "- build cobalt refining",
                "* stock rare earths",
            ],
        ),
        ("1) lithium\n2) cobalt", ["1) lithium", "2) cobalt"]),
        (
            "a line without a stop\nand its continuation",
            ["a line without a stop", "and its continuation"],
        ),
        ("Line one\r\nLine two\r\n", ["Line one", "Line two"]),
    ],
)
def test_line_breaks_end_sentences(nlp: Language, text: str, expected: list[str]) -> None:
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is done. Then they left.", ["It is done.", "Then they left."]),
        ("Is it done? Yes! Really...", ["Is it done?", "Yes!", "Really..."]),
        (
            "Title\n\nParagraph one. Paragraph two.\n\n",
            ["Title", "Paragraph one.", "Paragraph two."],
        ),
    ],
)
def test_final_punctuation_ends_sentences(nlp: Language, text: str, expected: list[str]) -> None:
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. is big.", ["The U.S. is big."]),
        ("The U.S. and Japan met.", ["The U.S. and Japan met."]),
        (
            "The U.S. and Japan met in Oct. 2025 to sign it. Then they left.",
            ["The U.S. and Japan met in Oct. 2025 to sign it.", "Then they left."],
        ),
        (
            "Prices hit $5.5bn. That was Jan. 5 news.",
            ["Prices hit $5.5bn.", "That was Jan. 5 news."],
        ),
        ("The U.S. Department of Energy agreed.", ["The U.S. Department of Energy agreed."]),
        ("Mr. Smith agreed.", ["Mr. Smith agreed."]),
    ],
)
def test_abbreviations_do_not_end_a_sentence(nlp: Language, text: str, expected: list[str]) -> None:
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said: "We will act." Then he left.', ['He said: "We will act."', "Then he left."]),
        ("He said it was “final.” Then he left.", ["He said it was “final.”", "Then he left."]),
        ("He said, “We will act.” Then he left.", ["He said, “We will act.”", "Then he left."]),
        ("He called it ‘final.’ Then he left.", ["He called it ‘final.’", "Then he left."]),
        ("(It was signed.) Then he left.", ["(It was signed.)", "Then he left."]),
    ],
)
def test_closing_quotes_stay_with_their_sentence(
    nlp: Language, text: str, expected: list[str]
) -> None:
    assert sentences(nlp, text) == expected


@pytest.mark.xfail(
    reason="bug: a straight opening quote after a full stop is taken for a closing quote and "
    "attached to the previous sentence",
    strict=False,
)
def test_an_opening_straight_quote_starts_the_next_sentence(nlp: Language) -> None:
    text = '"We will act," he said. "The deal is done." Next sentence.'
    assert sentences(nlp, text) == [
        '"We will act," he said.',
        '"The deal is done."',
        "Next sentence.",
    ]


def test_a_numbered_bullet_is_one_sentence(nlp: Language) -> None:
    text = "The pact targets:\n1. lithium supply by 2030\n2. cobalt refining"
    assert sentences(nlp, text) == [
        "The pact targets:",
        "1. lithium supply by 2030",
        "2. cobalt refining",
    ]


def test_a_full_stop_after_an_abbreviated_million_ends_the_sentence(nlp: Language) -> None:
    assert sentences(nlp, "The firm raised $500m. Then it left.") == [
        "The firm raised $500m.",
        "Then it left.",
    ]


def test_sentences_cover_the_text_without_gaps_of_non_space(nlp: Language) -> None:
    text = "Heading\n- bullet one\nA sentence. Another one!\n\nLast line"
    bounds = sentence_bounds(nlp(text))
    covered = set()
    for s, e in bounds:
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)
    assert bounds == sorted(bounds)


LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
    min_size=0,
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=6))
def test_no_sentence_crosses_a_line_break(nlp: Language, lines: list[str]) -> None:
    text = "\n".join(lines)
    for sentence in sentences(nlp, text):
        assert "\n" not in sentence
