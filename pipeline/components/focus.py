"""Which country a passage is about: for "the state", "the government" and "pesos".

Why one module: the agents of "the state would cut the tax" and the
currency of "900 million dirhams" are both read from the country the text
is about at that point, and both fall back on the document's main country.
"""

from __future__ import annotations

from collections import Counter

from pipeline.components.base import Candidate


def main_country(facts: list[Candidate], places: tuple[tuple[int, str], ...] = ()) -> str | None:
    """The country named most often in the document (ties: the first named).

    Capitals named as places (a dateline "MANILA, March 12 -", "in Lusaka")
    count as mentions of their country.
    """
    named = [
        (f.start, str(f.value))
        for f in facts
        if f.type == "PARTY" and f.attrs.get("kind") == "country"
    ]
    counts = Counter(value for _, value in sorted([*named, *places]))
    return counts.most_common(1)[0][0] if counts else None


def focus_country(
    facts: list[Candidate],
    places: tuple[tuple[int, str], ...],
    upto: int,
    reach: int = 400,
) -> str | None:
    """The country named last before character `upto`, if within `reach` (about two sentences).

    A capital named as a place counts ("told reporters in Tashkent that the
    state would ..." → `UZB`). None when nothing is that near.
    """
    named = [
        (f.start, str(f.value))
        for f in facts
        if f.type == "PARTY" and f.attrs.get("kind") == "country" and f.start < upto
    ]
    near = [(start, value) for start, value in [*named, *places] if upto - reach <= start < upto]
    return max(near)[1] if near else None
