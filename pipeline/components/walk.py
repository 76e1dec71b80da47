"""Token patterns matched outwards from their anchor word, on per-word feature bits.

Why not spaCy's Matcher: it starts every pattern at every token it is
given and builds a Python Token object per token (twice, for a Span), so
even run only in windows around the anchors it cost as much as the
tokenizer. Our patterns test only properties of the word itself (its text,
lower case, word lists, regular expressions, title case, stop word), so
each distinct word is described once by an int whose bits are the token
specs it satisfies, and a pattern is matched from each occurrence of its
anchor: the tokens before the anchor walking left, those after walking
right. Every combination of a reachable start and a reachable end is a
match, which is what the Matcher reports; the same "longest" filter then
keeps the same spans (tests/test_anchors.py compares both).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.lexeme import Lexeme

from pipeline.components.anchors import AnchorIndex

# One pattern token, walked: (bit of its spec, may repeat ("*")).
Step = tuple[int, bool]


@dataclass(frozen=True)
class Side:
    """The tokens on one side of the anchor, nearest first, with their optional-skips.

    `closure[j]` is the set of step indices reachable from j without
    consuming a token (j itself and the optional steps after it);
    reaching `len(steps)` means the side is complete. `opening` holds the
    bits of the steps that can take the first token: a word with none of
    them ends the walk before any set is built.
    """

    steps: tuple[Step, ...]
    closure: tuple[frozenset[int], ...]
    opening: int
    empty_ok: bool  # the side may cover no token at all
    fixed: tuple[int, ...] | None  # the step bits when no step is optional: one length only

    @classmethod
    def of(cls, tokens: Sequence[dict[str, Any]], bit_of: Callable[[dict[str, Any]], int]) -> Side:
        steps = tuple((bit_of(t), t.get("OP") == "*") for t in tokens)
        closure: list[frozenset[int]] = [frozenset([len(tokens)])]
        for j in range(len(tokens) - 1, -1, -1):
            skip = tokens[j].get("OP") in ("?", "*")
            closure.append(frozenset([j]) | (closure[-1] if skip else frozenset()))
        closure.reverse()
        opening = 0
        for j in closure[0]:
            if j < len(steps):
                opening |= steps[j][0]
        plain = all(t.get("OP") is None for t in tokens)
        fixed = tuple(bit for bit, _ in steps) if plain else None
        return cls(steps, tuple(closure), opening, len(steps) in closure[0], fixed)

    def lengths(self, feats: list[int], first: int, step: int) -> list[int]:
        """How many tokens, from `first` walking by `step` (+1 or -1), this side can cover."""
        if not 0 <= first < len(feats) or not feats[first] & self.opening:
            return [0] if self.empty_ok else []
        if self.fixed is not None:  # most sides: each step takes exactly one token
            last = first + step * (len(self.fixed) - 1)
            if not 0 <= last < len(feats):
                return []
            q = first
            for bit in self.fixed:
                if not feats[q] & bit:
                    return []
                q += step
            return [len(self.fixed)]
        steps, closure = self.steps, self.closure
        done = len(steps)
        states = closure[0]
        out = [0] if self.empty_ok else []
        n, q, count = len(feats), first, 0
        while states and 0 <= q < n:
            f = feats[q]
            following: set[int] = set()
            for j in states:
                if j < done:
                    bit, repeat = steps[j]
                    if f & bit:
                        following |= closure[j + 1]
                        if repeat:
                            following |= closure[j]
            count += 1
            q += step
            states = frozenset(following)
            if done in states:
                out.append(count)
        return out


@dataclass(frozen=True)
class WalkPattern:
    """A pattern split at its anchor token: the left side walks back, the right side forward."""

    key: int
    anchor: int  # bit of the anchor token's spec
    left: Side
    right: Side

    def spans(self, feats: list[int], i: int) -> list[tuple[int, int]]:
        """Every (start, end) of this pattern with its anchor at token i (which must satisfy it)."""
        ends = self.right.lengths(feats, i + 1, 1)
        if not ends:
            return []
        starts = self.left.lengths(feats, i - 1, -1)
        return [(i - b, i + 1 + a) for b in starts for a in ends]


def longest_first(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The Matcher's greedy "LONGEST" filter: longest first, then earliest, none overlapping."""
    if len(spans) == 1:
        return list(spans)
    kept: list[tuple[int, int]] = []
    taken: set[int] = set()
    for s, e in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if not any(p in taken for p in range(s, e)):
            kept.append((s, e))
            taken.update(range(s, e))
    return kept


class WordFeatures:
    """Bit `1 << k` of a word's features is set when the word satisfies spec k; one lookup per word.

    Most specs are word lists, so an `AnchorIndex` over all specs answers a
    new word with two dictionary lookups and a handful of regular expressions.
    """

    def __init__(self) -> None:
        self.specs: list[dict[str, Any]] = []
        self.bits: dict[str, int] = {}
        self.known: dict[int, int] = {}  # orth id -> features
        self._index: AnchorIndex | None = None

    def bit(self, spec: dict[str, Any]) -> int:
        """The bit of a token spec (without its "OP"), added on first use."""
        key = json.dumps(spec, sort_keys=True)
        found = self.bits.get(key)
        if found is None:
            found = self.bits[key] = 1 << len(self.specs)
            self.specs.append(spec)
            self._index = None
        return found

    def of(self, lex: Lexeme) -> int:
        if self._index is None:
            self._index = AnchorIndex(self.specs)
        features = self.known[lex.orth] = self._index.mask(lex)
        return features
