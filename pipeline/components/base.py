"""Candidates: what the matching components propose before overlaps are resolved.

Why not doc.ents or SpanGroups: our facts carry normalised values and rule
ids, and some start or end inside a token ("10-15%" is two facts). A plain
list of slotted dataclasses on `doc.user_data` is the cheapest container
that holds character offsets and values, and it costs nothing to build.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast, overload

import numpy
from spacy.attrs import IDX, LENGTH, LOWER, ORTH, SENT_START
from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

CANDIDATES_KEY = "fact_candidates"
COMMITMENTS_KEY = "commitments"
TEXT_KEY = "text"
FACTS_KEY = "facts"
PLACES_KEY = "places"
LOWERS_KEY = "token_lowers"
ORTHS_KEY = "token_orths"
LOWER_TEXTS_KEY = "token_lower_texts"
ORTH_TEXTS_KEY = "token_orth_texts"
CHAR_BOUNDS_KEY = "token_char_bounds"
SENT_OF_KEY = "sentence_start_of_token"
FIRSTS_KEY = "sentence_first_tokens"

# On equal length, lower wins: explicit numbers first, then known names,
# then formal titles (which suppress what they contain), then patterns.
PRIORITY = {"AMOUNT": 0, "PERCENTAGE": 1, "DATE": 2, "PARTY": 3, "NONE": 4, "MINERAL": 6}


@dataclass(slots=True)
class Candidate:
    """A proposed fact: type, character span, normalised value, rule id and extras."""

    type: str
    start: int
    end: int
    value: Any
    rule: str
    attrs: dict[str, Any] = field(default_factory=dict)
    priority: int = 5

    @property
    def length(self) -> int:
        return self.end - self.start


def doc_text(doc: Doc) -> str:
    """The document text, built once: spaCy rebuilds `doc.text` from its tokens on every access.

    `extract.make_doc` stores the source text (spaCy keeps it exactly, so
    both are equal); other callers get it computed and cached here.
    """
    return per_doc(doc, TEXT_KEY, lambda d: d.text)


def candidates(doc: Doc) -> list[Candidate]:
    """The candidate list of a document, created on first use."""
    return per_doc(doc, CANDIDATES_KEY, lambda _: [])


def facts(doc: Doc) -> list[Candidate]:
    """The resolved facts of a document (set by the `fact_resolver` component)."""
    resolved: list[Candidate] = doc.user_data.get(FACTS_KEY, [])
    return resolved


class SentTokens(Sequence[Token]):
    """The tokens of a sentence, made on access: `list(sent)` builds a Token object per word.

    Rules that look at a few words around a trigger index this instead.
    """

    def __init__(self, sent: Span) -> None:
        self.doc = sent.doc
        self.start = sent.start
        self.n = sent.end - sent.start

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Token]: ...
    def __getitem__(self, i: int | slice) -> Token | Sequence[Token]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.doc[self.start + i]


def per_doc(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    """`compute(doc)`, once per document: kept on `doc.user_data[key]` for later callers."""
    found = doc.user_data.get(key)
    if found is None:
        found = compute(doc)
        doc.user_data[key] = found
    return cast(T, found)


def token_lowers(doc: Doc) -> list[int]:
    """The LOWER id of every token, read once per document.

    Why: `doc[i].lower_` builds a Token object and looks the string up on
    each call; components that scan words compare ids from this list.
    """
    return per_doc(doc, LOWERS_KEY, lambda d: d.to_array(LOWER).tolist())


def lower_texts(doc: Doc) -> list[str]:
    """The lower-case text of every token, read once per document (see `token_lowers`)."""
    strings = doc.vocab.strings
    return per_doc(doc, LOWER_TEXTS_KEY, lambda d: [strings[i] for i in token_lowers(d)])


def orth_texts(doc: Doc) -> list[str]:
    """The text of every token, read once per document (see `token_lowers`)."""
    strings = doc.vocab.strings
    return per_doc(doc, ORTH_TEXTS_KEY, lambda d: [strings[i] for i in token_orths(d)])


def token_orths(doc: Doc) -> list[int]:
    """The ORTH id of every token, read once per document (see `token_lowers`)."""
    return per_doc(doc, ORTHS_KEY, lambda d: d.to_array(ORTH).tolist())


def token_char_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character of every token, read once per document."""
    return per_doc(doc, CHAR_BOUNDS_KEY, _char_bounds)


def _char_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    rows = doc.to_array([IDX, LENGTH])
    return rows[:, 0].tolist(), (rows[:, 0] + rows[:, 1]).tolist()


def sentence_start_of(doc: Doc) -> list[int]:
    """For every token, the index of the first token of its sentence (sentences must be set)."""
    return per_doc(doc, SENT_OF_KEY, _sentence_start_of)


def _sentence_start_of(doc: Doc) -> list[int]:
    store_sentence_starts(doc, doc.to_array(SENT_START))
    return cast(list[int], doc.user_data[SENT_OF_KEY])


def store_sentence_starts(doc: Doc, flags: Any) -> None:
    """Keep the per-token sentence lookups (`sentence_start_of`, `sentence_firsts`) on the Doc.

    `flags` are the SENT_START values of the tokens (1 starts a sentence);
    the sentencizer passes the ones it has just computed.
    """
    is_start = numpy.asarray(flags) == 1
    if len(is_start):
        is_start[0] = True
    doc.user_data[FIRSTS_KEY] = numpy.flatnonzero(is_start).tolist()
    doc.user_data[SENT_OF_KEY] = numpy.maximum.accumulate(
        numpy.where(is_start, numpy.arange(len(is_start)), 0)
    ).tolist()


def sentence_firsts(doc: Doc) -> list[int]:
    """The first token of every sentence, in order."""
    sentence_start_of(doc)  # computes and keeps both lookups
    return cast(list[int], doc.user_data[FIRSTS_KEY])


def sentence_tokens(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds [start, end) of the sentence holding token i."""
    firsts = sentence_firsts(doc)
    k = bisect_right(firsts, i)
    return firsts[k - 1], firsts[k] if k < len(firsts) else len(doc)


def sentence_chars(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end characters of every sentence, as `sent.start_char`/`sent.end_char` give."""
    start_of = sentence_start_of(doc)
    if not start_of:
        return [], []
    starts, ends = token_char_bounds(doc)
    firsts = sentence_firsts(doc)
    return [starts[f] for f in firsts], [ends[f - 1] for f in firsts[1:]] + [ends[-1]]


def places_of(doc: Doc) -> tuple[tuple[int, str], ...]:
    """(start char, country) of capitals named as places ("in Tashkent"), which are not parties.

    Why keep them: "told reporters in Tashkent that the state would ..." —
    the place says which state.
    """
    found: list[tuple[int, str]] = doc.user_data.get(PLACES_KEY, [])
    return tuple(found)


def is_heading(sent: Span) -> bool:
    """A title-case line without final punctuation ("Key Pillars of the US-Japan Pact")."""
    if len(sent) > 20:
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if not words:
        return False
    last = sent[-1]
    while last.is_space and last.i > sent.start:
        last = sent.doc[last.i - 1]
    if last.text in (".", "!", "?", '"', "”"):
        return False
    return sum(1 for t in words if t.is_title) / len(words) >= 0.6
