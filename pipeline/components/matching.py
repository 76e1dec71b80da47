"""Shared matching plumbing: load the pattern files, match them once per Doc, keep their metadata.

Why: every matching component needs the same thing — load token patterns
(with their ids and options) from data, match them all in one pass over
the Doc, and know for each match which entry produced it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.components.anchors import choose_anchor, shared_anchors
from pipeline.components.base import per_doc, token_lowers, token_orths
from pipeline.components.walk import Side, WalkPattern, WordFeatures, longest_first
from pipeline.gazetteers import GazetteerEntry, token_patterns

# Token pattern files of the pipeline, matched together by `shared_patterns`.
PATTERN_FILES = ("dates.jsonl", "party_patterns.jsonl", "percentages.jsonl", "amounts.jsonl")


@dataclass
class _Group:
    """The patterns whose anchors share one word list, found by one lookup per word.

    Why shared: "said"-patterns anchored on ["said", "says", "told"] and on
    ["said", "says", "wrote"] are found in one pass over the anchor hits.
    """

    single: list[int] = field(default_factory=list)  # one-word patterns: every anchor matches
    walks: list[WalkPattern] = field(default_factory=list)
    anchors: int = 0  # feature bits of its patterns' anchor specs


class PatternSet:
    """The token patterns of some data files; `matches` yields (entry, start, end).

    Each pattern has an anchor word (`anchors.choose_anchor`), found by one
    lookup per distinct word of a document; the pattern is then walked out
    from each occurrence (`walk.WalkPattern`). Word features are cached
    per vocabulary, so build one per vocabulary: `shared_patterns(vocab)` does.
    """

    def __init__(self, vocab: Vocab, files: Iterable[str]) -> None:
        # tests/test_patterns.py validates the data files against spaCy's pattern
        # schema, and tests/test_anchors.py compares the matches with spaCy's Matcher.
        self.vocab = vocab
        self.features = WordFeatures()
        self.entries: dict[int, dict[str, Any]] = {}
        self.extend_left: dict[int, tuple[frozenset[str], int]] = {}
        self.order: dict[int, int] = {}  # match key → position in the data files
        self.masks: dict[int, int] = {}  # word (orth id) → bit set of the groups it anchors
        groups: dict[str, _Group] = {}
        rows = []
        for name in files:
            for entry in token_patterns(name):
                pattern, left = split_leading_star(entry["pattern"])
                rows.append(
                    (dict(entry, file=name), pattern, left, choose_anchor(pattern, _is_common))
                )
        shared = shared_anchors([anchor.spec for *_, anchor in rows])
        for n, (entry, pattern, left, anchor) in enumerate(rows):
            key = vocab.strings.add(f"{entry['id']}#{n}")
            group = groups.setdefault(json.dumps(shared[n], sort_keys=True), _Group())
            if len(pattern) == 1 and pattern[0].get("OP") is None and shared[n] == anchor.spec:
                group.single.append(key)  # the anchor is the whole pattern
                group.anchors |= self._bit(pattern[0])
            else:
                k = anchor.index
                walk = WalkPattern(
                    key,
                    self._bit(pattern[k]),
                    Side.of(pattern[:k][::-1], self._bit),
                    Side.of(pattern[k + 1 :], self._bit),
                )
                group.walks.append(walk)
                group.anchors |= walk.anchor
            self.entries[key] = entry
            self.order[key] = n + 1
            if left:
                self.extend_left[key] = left
        self.groups = list(groups.values())
        self.anchor_keys = list(groups)  # group i's anchor spec, as JSON

    def _bit(self, token: dict[str, Any]) -> int:
        return self.features.bit({k: v for k, v in token.items() if k != "OP"})

    def _features(self, orth: int) -> int:
        found = self.features.known.get(orth)
        return self.features.of(self.vocab[orth]) if found is None else found

    def _mask(self, orth: int) -> int:
        """The groups a word anchors, read off its feature bits.

        A group's anchor is the union of its patterns' anchor specs, so the
        word needs no second description.
        """
        features = self._features(orth)
        mask = 0
        for g, group in enumerate(self.groups):
            if features & group.anchors:
                mask |= 1 << g
        self.masks[orth] = mask
        return mask

    def _anchor_hits(self, doc: Doc) -> dict[int, list[int]]:
        """Token positions of each group's anchor word in the document (group index → positions).

        One lookup per distinct word: `masks` caches which anchors a word is.
        """
        uniq, inverse = numpy.unique(doc.to_array(ORTH), return_inverse=True)
        masks = self.masks
        word_masks = [masks[o] if o in masks else self._mask(o) for o in uniq.tolist()]
        token_masks = numpy.array(word_masks, dtype=object)[inverse]
        hits: dict[int, list[int]] = {}
        for i in numpy.flatnonzero(token_masks).tolist():
            mask, bit = token_masks[i], 0
            while mask:
                if mask & 1:
                    hits.setdefault(bit, []).append(i)
                mask >>= 1
                bit += 1
        return hits

    def _word_features(self, doc: Doc) -> list[int]:
        known = self.features.known  # every word of the document was described by _anchor_hits
        return [known[o] for o in token_orths(doc)]

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match key, start, end) of every pattern, as one Matcher pass over the Doc would give.

        Ordered by start, end, then the pattern's place in the data files:
        on equal spans the first-listed pattern wins downstream.
        """
        if not len(doc):
            return []
        feats: list[int] | None = None
        found: list[tuple[int, int, int]] = []
        spans: dict[int, set[tuple[int, int]]] = {}
        for bit, positions in self._anchor_hits(doc).items():
            group = self.groups[bit]
            for key in group.single:
                found.extend((key, i, i + 1) for i in positions)
            if not group.walks:
                continue
            if feats is None:
                feats = self._word_features(doc)
            for walk in group.walks:
                anchor = walk.anchor
                for i in positions:
                    if feats[i] & anchor:
                        hit = walk.spans(feats, i)
                        if hit:
                            spans.setdefault(walk.key, set()).update(hit)
        for key, key_spans in spans.items():
            found.extend((key, s, e) for s, e in longest_first(key_spans))
        order = self.order
        found.sort(key=lambda m: (m[1], m[2], order[m[0]]))
        return found

    def matches(self, doc: Doc) -> list[tuple[dict[str, Any], int, int]]:
        """(entry, start, end) per match, after the left extension over optional leading words."""
        found = self.find(doc)
        out = []
        for key, s, e in found:
            left = self.extend_left.get(key)
            if left:
                words, limit = left
                stop = max(0, s - limit)
                while s > stop and doc[s - 1].lower_ in words:
                    s -= 1
            out.append((self.entries[key], s, e))
        return out


# Punctuation found in most sentences: a poor anchor, like a stop word.
COMMON_PUNCTUATION = frozenset(",.;:-–—/()[]\"'")


def _is_common(word: str) -> bool:
    """A word in most sentences (compared as the pattern writes it: "May" is not "may")."""
    return word in STOP_WORDS or word in COMMON_PUNCTUATION


MATCHES_KEY = "token_matches"
_SHARED: dict[int, tuple[Vocab, PatternSet]] = {}


def shared_patterns(vocab: Vocab) -> PatternSet:
    """The patterns of every pattern file of the pipeline, built once per vocabulary."""
    found = _SHARED.get(id(vocab))
    if found is None or found[0] is not vocab:
        found = (vocab, PatternSet(vocab, PATTERN_FILES))
        _SHARED[id(vocab)] = found
    return found[1]


class FilePatterns:
    """The matches of one pattern file, from a single pass shared by all components.

    Why shared: each pass looks up every word of the document; four
    components each matching their own file paid that four times. The
    first component to ask matches all files and caches the matches on the
    Doc; the others filter the cache.
    """

    def __init__(self, vocab: Vocab, name: str) -> None:
        if name not in PATTERN_FILES:
            raise ValueError(f"{name} is not one of the pipeline's pattern files {PATTERN_FILES}")
        self.name = name
        self.shared = shared_patterns(vocab)

    def matches(self, doc: Doc) -> list[tuple[dict[str, Any], int, int]]:
        cached: list[tuple[dict[str, Any], int, int]] | None = doc.user_data.get(MATCHES_KEY)
        if cached is None:
            cached = self.shared.matches(doc)
            doc.user_data[MATCHES_KEY] = cached
        return [m for m in cached if m[0]["file"] == self.name]


def split_leading_star(
    pattern: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], tuple[frozenset[str], int] | None]:
    """Drop a leading optional word token ("*" or "?"); return its words and how many may precede.

    Why: a leading optional token ("the", "over", "more than") makes the
    Matcher open states at every such word and report every sub-match;
    extending each match leftwards over those words afterwards gives the
    same longest span for a fraction of the work.
    """
    first = pattern[0] if pattern else {}
    lower = first.get("LOWER")
    words: frozenset[str] | None = None
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        words = frozenset(lower["IN"])
    elif isinstance(lower, str):
        words = frozenset([lower])
    if len(pattern) > 1 and words and set(first) == {"LOWER", "OP"} and first["OP"] in "*?":
        return pattern[1:], (words, 10_000 if first["OP"] == "*" else 1)
    return pattern, None


class Gazetteer:
    """Gazetteer phrases looked up by word ids; `matches` yields (entry, start, end).

    It finds what spaCy's PhraseMatcher would (every occurrence of every
    phrase, nested ones included), sorted by start, then end, then entry
    order. Why not the PhraseMatcher: adding a phrase tokenises it, and
    every new word becomes a lexeme with all its attributes and our lexeme
    flags computed, about a third of the pipeline's build time. A phrase
    of letters and single spaces is split on its spaces, which is how the
    tokenizer splits it unless a word is one of its special cases; only the
    other phrases go through the tokenizer. Words become string ids, which
    creates no lexeme.
    """

    def __init__(self, entries: Iterable[GazetteerEntry], attr: str, tokenizer: Tokenizer) -> None:
        if attr not in ("ORTH", "LOWER"):
            raise ValueError(f"gazetteer attribute must be ORTH or LOWER, not {attr!r}")
        self.lower = attr == "LOWER"
        strings = tokenizer.vocab.strings
        special = frozenset(tokenizer.rules or {})
        self.entries: list[GazetteerEntry] = []
        # first word's id -> (ids of the other words, entry index)
        self.by_first: dict[int, list[tuple[tuple[int, ...], int]]] = {}
        for n, entry in enumerate(entries):
            self.entries.append(entry)
            words = phrase_words(
                entry.phrase.lower() if self.lower else entry.phrase, tokenizer, special
            )
            if not words:
                continue
            ids = tuple(strings.add(w) for w in words)
            self.by_first.setdefault(ids[0], []).append((ids[1:], n))

    def matches(self, doc: Doc) -> list[tuple[GazetteerEntry, int, int]]:
        ids = token_lowers(doc) if self.lower else token_orths(doc)
        # The set of words present is shared by the gazetteers reading the same attribute.
        key = "token_lower_set" if self.lower else "token_orth_set"
        present: frozenset[int] = per_doc(doc, key, lambda _: frozenset(ids))
        by_first, n = self.by_first, len(ids)
        found: list[tuple[int, int, int]] = []
        # The first words present, then their positions by list.index: both scans run
        # in C, where a Python loop over every token cost more than the tokenizer's tenth.
        for word in by_first.keys() & present:
            phrases = by_first[word]
            i = ids.index(word)
            while True:
                for rest, entry in phrases:
                    end = i + 1 + len(rest)
                    if end <= n and (not rest or tuple(ids[i + 1 : end]) == rest):
                        found.append((i, end, entry))
                try:
                    i = ids.index(word, i + 1)
                except ValueError:
                    break
        found.sort()
        return [(self.entries[entry], s, e) for s, e, entry in found]


# Words of letters only, one space apart: the tokenizer's affix and infix
# rules all need a digit or punctuation mark, so it splits these on spaces.
_PLAIN_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def phrase_words(phrase: str, tokenizer: Tokenizer, special: frozenset[str]) -> list[str]:
    """The token texts of `phrase` as `tokenizer` splits it; plain phrases are not tokenised."""
    if _PLAIN_PHRASE.fullmatch(phrase):
        words = phrase.split(" ")
        if not any(w in special for w in words):
            return words
    return [t.text for t in tokenizer(phrase)]
