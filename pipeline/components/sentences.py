"""Sentence boundaries: line breaks always end a sentence; so do . ! ? before a new token.

Why our own component: spaCy's `sentencizer` splits on punctuation only, but
in news a headline, a sub-heading or a bullet line is a sentence of its own
even without a full stop (docs/ANNOTATION.md). Abbreviations such as "U.S."
and "Oct." are single tokens, so they never end a sentence here.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
SCALE_ABBREVIATIONS = frozenset({"m", "bn", "k", "mn", "tn"})  # "$500m." ends a sentence
CLOSING = frozenset({'"', "”", "’", "'", ")", "]", "»"})


class LineSentencizer:
    """Set `is_sent_start` on every token in one pass."""

    def __init__(self, nlp: Language, name: str = "line_sentencizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        start_next = True
        after_final = False
        line_first = -1
        for tok in doc:
            text = tok.text
            if tok.is_space:
                tok.is_sent_start = False
                if "\n" in text:
                    start_next = True
                    after_final = False
                continue
            if start_next:
                tok.is_sent_start = True
                start_next = False
                after_final = text in FINAL
                line_first = tok.i
                continue
            if text in FINAL and tok.i == line_first + 1 and doc[line_first].is_digit:
                tok.is_sent_start = False  # "1. lithium supply": a numbered bullet
                after_final = False
                continue
            if after_final and text in CLOSING:
                tok.is_sent_start = False
                continue
            tok.is_sent_start = after_final
            after_final = text in FINAL or (
                text[-1:] == "." and text[:-1].lower() in SCALE_ABBREVIATIONS
            )
        return doc
