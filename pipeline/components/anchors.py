"""Anchors: the one required, rare token of each pattern, and the token specs as word tests.

Why: a matcher that starts every pattern at every token pays for every
pattern at every word, although every pattern needs one specific, rare
word to match at all: a month name, "%", a currency sign, "Ltd", "said".
Finding those words first (one dictionary lookup per distinct word of a
document) and walking each pattern out from them (`walk.py`) gives the
same matches for a small fraction of the work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.lexeme import Lexeme

# Attributes a token spec may test that are properties of the word alone.
_LEXICAL_BOOL = {
    "IS_TITLE", "IS_LOWER", "IS_UPPER", "IS_DIGIT", "IS_ALPHA", "IS_PUNCT", "IS_STOP", "LIKE_NUM",
}  # fmt: skip


# A test on one word: (its text, its lower case, its lexeme) -> bool. The texts are
# read once per word, not once per test.
WordTest = Callable[[str, str, Lexeme], bool]


def spec_predicate(spec: dict[str, Any]) -> Callable[[Lexeme], bool]:
    """A token spec (LOWER/ORTH/TEXT values, IN, NOT_IN, REGEX, lexical flags) as a test on a word.

    Same semantics as spaCy's Matcher for these attributes: REGEX is
    `re.search` on the text (or its lower case for LOWER).
    """
    test = word_test(spec)
    return lambda lex: test(lex.orth_, lex.lower_, lex)


def word_test(spec: dict[str, Any]) -> WordTest:
    """`spec_predicate` on texts already read from the lexeme."""
    tests: list[WordTest] = []
    for attr, value in spec.items():
        if attr == "OP":
            continue
        if attr in ("LOWER", "ORTH", "TEXT"):
            ops = value.items() if isinstance(value, dict) else [("==", value)]
            tests.extend(_string_test(attr == "LOWER", op, arg) for op, arg in ops)
        elif attr in _LEXICAL_BOOL:
            tests.append(_flag_test(attr.lower(), bool(value)))
        else:
            raise ValueError(f"attribute {attr} cannot be tested on a word alone")
    if len(tests) == 1:
        return tests[0]
    return lambda text, lower, lex: all(test(text, lower, lex) for test in tests)


def _flag_test(name: str, want: bool) -> WordTest:
    return lambda text, lower, lex: bool(getattr(lex, name)) is want


def _string_test(lower: bool, op: str, arg: Any) -> WordTest:
    if op == "==":
        if lower:
            return lambda text, low, lex: low == arg
        return lambda text, low, lex: text == arg
    if op in ("IN", "NOT_IN"):
        members, inside = frozenset(arg), op == "IN"
        if lower:
            return lambda text, low, lex: (low in members) is inside
        return lambda text, low, lex: (text in members) is inside
    if op == "REGEX":
        search = re.compile(arg).search
        if lower:
            return lambda text, low, lex: search(low) is not None
        return lambda text, low, lex: search(text) is not None
    raise ValueError(f"operator {op} is not supported in anchors")


def _anchor_cost(spec: dict[str, Any], is_common: Callable[[str], bool]) -> float | None:
    """How often a required token spec is expected to fire; None if it cannot anchor.

    Finite word sets are best (cheaper the fewer words; a set holding a
    common word, "the" or ",", is worse than any regular expression), then
    regular expressions; bare shape tests ("is title case") fire too often.
    `is_common` gets the words as the spec compares them (lower case for
    LOWER, as written for ORTH: "May" is rare where "may" is not).
    """
    best: float | None = None
    for attr, value in spec.items():
        if attr not in ("LOWER", "ORTH", "TEXT"):
            continue
        if isinstance(value, str):
            words: list[str] | None = [value]
        elif isinstance(value, dict) and "IN" in value:
            words = list(value["IN"])
        else:
            words = None
        if words is not None:
            cost = 100.0 if any(is_common(w) for w in words) else 1.0 + len(words) / 100
        elif isinstance(value, dict) and "REGEX" in value:
            cost = 10.0
        else:
            continue
        best = cost if best is None else min(best, cost)
    return best


@dataclass(frozen=True)
class Anchor:
    """A pattern's anchor: its spec and its place in the pattern."""

    spec: dict[str, Any]
    index: int

    @property
    def key(self) -> str:
        return json.dumps(self.spec, sort_keys=True)


def choose_anchor(pattern: list[dict[str, Any]], is_common: Callable[[str], bool]) -> Anchor:
    """The cheapest required token of a pattern (ties: the earliest)."""
    best: tuple[float, int] | None = None
    for i, token in enumerate(pattern):
        if token.get("OP") not in (None, "+", "1"):
            continue
        cost = _anchor_cost(token, is_common)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, i)
    if best is None:
        raise ValueError(f"pattern has no required word to anchor it: {pattern}")
    i = best[1]
    return Anchor({k: v for k, v in pattern[i].items() if k != "OP"}, i)


class AnchorIndex:
    """Which of some token specs a word satisfies, as a bit set (bit k: spec k).

    Used for every token spec of the patterns (`walk.WordFeatures`); which
    anchors a word is follows from those bits (`matching.PatternSet`).
    Why: a word never seen before (a new name, a number) is tested against
    every spec once; most specs are plain word lists ("LOWER IN [...]"),
    which fold into two dictionaries (by lower case and by exact text), so
    only regular expressions and compound specs are tested one by one.
    """

    def __init__(self, specs: list[dict[str, Any]]) -> None:
        self.by_lower: dict[str, int] = {}
        self.by_orth: dict[str, int] = {}
        self.others: list[tuple[int, WordTest]] = []
        for bit, spec in enumerate(specs):
            words = plain_words(spec)
            if words is None:
                self.others.append((1 << bit, word_test(spec)))
                continue
            attr, members = words
            table = self.by_lower if attr == "LOWER" else self.by_orth
            for word in members:
                table[word] = table.get(word, 0) | 1 << bit

    def mask(self, lex: Lexeme) -> int:
        text, lower = lex.orth_, lex.lower_
        mask = self.by_lower.get(lower, 0) | self.by_orth.get(text, 0)
        for flag, test in self.others:
            if test(text, lower, lex):
                mask |= flag
        return mask


def plain_words(spec: dict[str, Any]) -> tuple[str, list[str]] | None:
    """("LOWER" or "ORTH", words) when a spec is just one attribute equal to a word or in a list."""
    if len(spec) != 1:
        return None
    ((attr, value),) = spec.items()
    if attr not in ("LOWER", "ORTH", "TEXT"):
        return None
    kind = "LOWER" if attr == "LOWER" else "ORTH"
    if isinstance(value, str):
        return kind, [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return kind, list(value["IN"])
    return None


def shared_anchors(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each spec, or the union word list it shares a group with.

    Why: "said"-patterns anchored on ["said", "says", "told"] and on
    ["said", "says", "wrote"] would each run a Matcher at every "said". Word
    lists on the same attribute that share a word are merged (transitively)
    into one anchor, so each occurrence costs one Matcher call. Still exact:
    a group's windows cover every one of its patterns' own anchors.
    """
    parent = list(range(len(specs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    plain = [plain_words(spec) for spec in specs]
    for i, words in enumerate(plain):
        if words is None:
            continue
        attr, members = words
        for word in members:
            j = owner.setdefault((attr, word), i)
            parent[root(i)] = root(j)
    unions: dict[int, set[str]] = {}
    for i, words in enumerate(plain):
        if words is not None:
            unions.setdefault(root(i), set()).update(words[1])
    out = []
    for i, spec in enumerate(specs):
        words = plain[i]
        if words is None or len(unions[root(i)]) == len(set(words[1])):
            out.append(spec)
        else:
            out.append({words[0]: {"IN": sorted(unions[root(i)])}})
    return out
