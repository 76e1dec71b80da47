"""Sentence boundaries: line breaks always end a sentence; so do . ! ? before a new token.

Why our own component: spaCy's `sentencizer` splits on punctuation only, but
in news a headline, a sub-heading or a bullet line is a sentence of its own
even without a full stop (docs/ANNOTATION.md). Abbreviations such as "U.S."
and "Oct." are single tokens, so they never end a sentence here.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_DIGIT, IS_SPACE, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import store_sentence_starts
from pipeline.gazetteers import load_json

FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
SCALE_ABBREVIATIONS = frozenset({"m", "bn", "k", "mn", "tn"})  # "$500m." ends a sentence
CLOSING = frozenset({'"', "”", "’", "'", ")", "]", "»"})


class LineSentencizer:
    """Set sentence starts in one pass over integer token attributes.

    Why arrays: setting `token.is_sent_start` one Token at a time creates a
    Python object per token and checks the document each time; reading
    ORTH/IS_SPACE/IS_DIGIT as integers and writing SENT_START once with
    `doc.from_array` costs a fraction of that.
    """

    def __init__(self, nlp: Language, name: str = "line_sentencizer") -> None:
        self.name = name
        strings = nlp.vocab.strings
        self.final = frozenset(strings.add(t) for t in FINAL)
        self.closing = frozenset(strings.add(t) for t in CLOSING)
        self.scale_abbr = frozenset(strings.add(f"{a}.") for a in SCALE_ABBREVIATIONS)
        # A legal form's full stop also ends the sentence when a capitalised function word
        # follows: "... Mahenge Graphite Company Ltd. Under that agreement we ..."
        legal_forms = load_json("lexicon.json")["sentence_ending_legal_forms"]
        self.suffix_abbr = frozenset(strings.add(a) for a in legal_forms)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        attrs = doc.to_array([ORTH, LOWER, IS_SPACE, IS_DIGIT]).tolist()
        strings = doc.vocab.strings
        final, closing, scale_abbr = self.final, self.closing, self.scale_abbr
        suffix_abbr = self.suffix_abbr
        starts = [-1] * n
        start_next = True
        after_final = False
        after_suffix = False
        line_first = -1
        for i, (orth, lower, is_space, _digit) in enumerate(attrs):
            if is_space:
                if "\n" in strings[orth]:
                    start_next = True
                    after_final = False
                continue
            if start_next:
                starts[i] = 1
                start_next = False
                after_final = orth in final
                line_first = i
                continue
            if orth in final and i == line_first + 1 and attrs[line_first][3]:
                after_final = False  # "1. lithium supply": a numbered bullet
                continue
            if after_final and orth in closing:
                continue
            if after_final or (after_suffix and doc[i].is_title and doc[i].is_stop):
                starts[i] = 1
            after_final = orth in final or lower in scale_abbr
            after_suffix = lower in suffix_abbr
        if starts[0] != 1:
            starts[0] = 1  # a document that opens with whitespace still starts a sentence
        flags = numpy.asarray(starts, dtype="int64")
        # uint64 as spaCy expects (-1 wraps and is read back as "not a start").
        doc.from_array([SENT_START], flags.astype("uint64")[:, None])  # type: ignore[arg-type]
        store_sentence_starts(doc, flags)  # the per-token lookups come free from the same flags
        return doc
