"""The interchange fact: what scoring keeps of one fact line, and the sentence around it.

Why a module of its own: every step of scoring (loading, matching, counting,
listing errors, comparing runs) passes these values around, so they stand
below all of them and import nothing else of the package.

Example::

    >>> f = InterchangeFact("d1", "DATE", 0, 4, "2025", "2025")
    >>> filter_types([f], ["PARTY"])
    []
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

COMMITMENT_ATTRIBUTES = ("agents", "modality", "deadline", "amount")


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """A sentence around a fact; `start` is its document offset when known."""

    text: str
    start: int | None = None


@dataclass(frozen=True, slots=True, eq=False)
class InterchangeFact:
    """One fact line, keeping only what comparison needs; `where` is `file:line`."""

    doc_id: str
    type: str
    start: int
    end: int
    text: str
    value: object
    where: str = "-"
    agents: tuple[str, ...] | None = None
    modality: str | None = None
    deadline: str | None = None
    amount: dict[str, object] | None = None
    sentence: SentenceContext | None = None


def filter_types(
    facts: Iterable[InterchangeFact], types: Iterable[str] | None
) -> list[InterchangeFact]:
    """Keep the facts of the given types (all when `types` is None)."""
    wanted = None if types is None else set(types)
    return [f for f in facts if wanted is None or f.type in wanted]


def is_number(x: object) -> bool:
    """True for an int or float, but not a bool (JSON `true` is not a number)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)
