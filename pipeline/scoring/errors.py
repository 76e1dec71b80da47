"""List a comparison's errors: missed, spurious and value-mismatched facts, with sentences.

Why apart from the counts: the numbers say how much is wrong, this says which
facts, so a rule writer can open the sentence and fix the rule. (Exceptions
live in `pipeline.errors`; this module lists scoring errors, it raises none.)

Example::

    >>> listing = list_errors(cmp, "lenient", ["missed"], documents=texts, limit=20)
    >>> listing.totals["missed"], listing.items[0].sentence
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pipeline.scoring.comparison import Comparison
from pipeline.scoring.context import context_for
from pipeline.scoring.equality import differences
from pipeline.scoring.facts import InterchangeFact, SentenceContext
from pipeline.scoring.matching import Mode

ErrorKind = Literal["missed", "spurious", "value"]
ERROR_KINDS: tuple[ErrorKind, ...] = ("missed", "spurious", "value")


@dataclass(frozen=True)
class ErrorItem:
    """One error: `fact` is the gold fact (missed, value) or the system fact (spurious)."""

    kind: ErrorKind
    fact: InterchangeFact
    other: InterchangeFact | None = None  # the system fact of a value mismatch
    differences: tuple[str, ...] = ()
    sentence: SentenceContext | None = None


@dataclass(frozen=True)
class ErrorListing:
    """Errors of one mode, at most `limit` per kind; `totals` counts them all."""

    mode: Mode
    items: list[ErrorItem]
    totals: dict[ErrorKind, int]
    limit: int | None


def list_errors(
    comparison: Comparison,
    mode: Mode,
    kinds: Iterable[ErrorKind] = ERROR_KINDS,
    *,
    documents: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> ErrorListing:
    """Missed, spurious and value-mismatched facts, each with its sentence where known.

    Value mismatches of COMMITMENT are attribute mismatches (its value is null).
    """
    matching = comparison.matchings[mode]
    found: dict[ErrorKind, list[ErrorItem]] = {
        "missed": [ErrorItem("missed", f) for f in matching.missed],
        "spurious": [ErrorItem("spurious", f) for f in matching.spurious],
        "value": [
            ErrorItem("value", g, s, diff) for s, g in matching.pairs if (diff := differences(s, g))
        ],
    }
    wanted = [k for k in ERROR_KINDS if k in set(kinds)]
    items = []
    for kind in wanted:
        for item in found[kind][:limit]:
            ctx = None
            if item.other is not None:
                ctx = context_for(item.other, documents)
            ctx = ctx or context_for(item.fact, documents)
            items.append(ErrorItem(item.kind, item.fact, item.other, item.differences, ctx))
    return ErrorListing(mode, items, {k: len(found[k]) for k in wanted}, limit)
