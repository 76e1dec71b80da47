"""The sentence around a fact, for error listings: the fact's own, or one cut from its document.

Why here and not in a view: `list_errors` and the run-to-run listing both
attach sentences, and a notebook wants the same ones. No sentence splitter
(no spaCy): spans never cross lines, so the line is cut at sentence punctuation.

Example::

    >>> sentence_around("Hi. The US signed in 2025. Bye.", 21, 25).text
    'The US signed in 2025.'
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipeline.corpus import Document, read_inputs
from pipeline.records import InputError
from pipeline.scoring.facts import InterchangeFact, SentenceContext


def load_document_texts(corpus: str | Path) -> tuple[dict[str, str], list[InputError]]:
    """Document texts by doc_id (for sentence context), and the inputs that could not be read."""
    texts: dict[str, str] = {}
    problems: list[InputError] = []
    for item in read_inputs([str(corpus)]):
        if isinstance(item, Document):
            texts[item.doc_id] = item.text
        else:
            problems.append(item)
    return texts, problems


def sentence_around(text: str, start: int, end: int) -> SentenceContext:
    """An approximate sentence around `text[start:end]`, without a sentence splitter.

    Spans never cross lines (ANNOTATION.md), so take the line, then cut it at
    sentence punctuation followed by space and a capital, quote or bracket.
    Display only: an abbreviation ("U.S. Officials") may cut too early.
    """
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    i = start
    while i > lo and not _sentence_break(text, i):
        i -= 1
    j = end
    while j < hi and not _sentence_break(text, j):
        j += 1
    while i < start and text[i].isspace():
        i += 1
    return SentenceContext(text[i:j].rstrip(), i)


def _sentence_break(text: str, i: int) -> bool:
    """True when a sentence ends at `i` ("end. Next")."""
    return (
        i >= 2
        and text[i - 1].isspace()
        and text[i - 2] in ".!?"
        and i < len(text)
        and (text[i].isupper() or text[i] in "\"'“‘([")
    )


def context_for(
    fact: InterchangeFact, documents: Mapping[str, str] | None
) -> SentenceContext | None:
    """The fact's own sentence if it carries one, else one cut from its document."""
    if fact.sentence is not None:
        return fact.sentence
    doc = None if documents is None else documents.get(fact.doc_id)
    if doc is None or doc[fact.start : fact.end] != fact.text:
        return None  # unknown document, or offsets that do not fit it
    return sentence_around(doc, fact.start, fact.end)
