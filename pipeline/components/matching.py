"""Shared matcher plumbing: build a Matcher from a pattern file, keep each pattern's metadata.

Why: every matching component needs the same thing — load token patterns
(with their ids and options) from data, run one Matcher pass over the Doc,
and know for each match which entry produced it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.gazetteers import GazetteerEntry, token_patterns


class PatternSet:
    """A Matcher over the patterns of one data file; `matches` yields (entry, start, end)."""

    def __init__(self, vocab: Vocab, files: Iterable[str]) -> None:
        self.matcher = Matcher(vocab, validate=True)
        self.entries: dict[int, dict[str, Any]] = {}
        n = 0
        for name in files:
            for entry in token_patterns(name):
                key = f"{entry['id']}#{n}"
                n += 1
                self.matcher.add(key, [entry["pattern"]])
                self.entries[vocab.strings[key]] = entry

    def matches(self, doc: Doc) -> list[tuple[dict[str, Any], int, int]]:
        return [(self.entries[key], s, e) for key, s, e in self.matcher(doc)]


class Gazetteer:
    """A PhraseMatcher over gazetteer entries; `matches` yields (entry, start, end)."""

    def __init__(self, vocab: Vocab, entries: Iterable[GazetteerEntry], attr: str) -> None:
        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr=attr)
        self.entries: dict[int, GazetteerEntry] = {}
        self._pending = list(entries)
        self._attr = attr

    def build(self, make_doc: Any) -> None:
        """Add the phrases, tokenised the way documents will be."""
        for n, entry in enumerate(self._pending):
            key = f"{entry.rule}#{n}"
            phrase = make_doc(entry.phrase if self._attr == "ORTH" else entry.phrase.lower())
            self.matcher.add(key, [phrase])
            self.entries[self.vocab.strings[key]] = entry
        self._pending = []

    def matches(self, doc: Doc) -> list[tuple[GazetteerEntry, int, int]]:
        return [(self.entries[key], s, e) for key, s, e in self.matcher(doc)]
