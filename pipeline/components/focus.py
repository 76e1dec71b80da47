"""Which country a passage is about: for "the state", "the government" and "pesos".

Why one module: the agents of "the state would cut the tax" and the
currency of "900 million dirhams" are both read from the country the text
is about at that point, and both fall back on the document's main country.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.components.base import Candidate


def main_country(
    facts: list[Candidate], places: tuple[tuple[int, str], ...] = (), headline_end: int = 0
) -> str | None:
    """The country named most often in the document (ties: the first named).

    Capitals named as places (a dateline "MANILA, March 12 -", "in Lusaka")
    count as mentions of their country; a mention before `headline_end`
    counts three times.
    """
    named = [
        (f.start, str(f.value))
        for f in facts
        if f.type == "PARTY" and f.attrs.get("kind") == "country"
    ]
    mentions = sorted([*named, *places])
    counts = Counter(value for _, value in mentions)
    if headline_end:
        # the headline names what the story is about: its countries count three times over
        counts.update(2 * [value for start, value in mentions if start < headline_end])
    return counts.most_common(1)[0][0] if counts else None


def focus_country(
    facts: list[Candidate],
    places: tuple[tuple[int, str], ...],
    upto: int,
    reach: int = 400,
    text: str = "",
    prefer: str | None = None,
    object_words: frozenset[str] = frozenset(),
) -> str | None:
    """The country named last before character `upto`, if within `reach` (about two sentences).

    A capital named as a place counts ("told reporters in Tashkent that the
    state would ..." → `UZB`). With the document's `text`, a country named
    after one of `object_words` ("dependence on China", "imports from
    Chile") does not: the
    passage is about someone else. `prefer` (the story's main country) wins
    when it is among the countries nearby. None when nothing is that near.
    """
    named = [
        (f.start, str(f.value))
        for f in facts
        if f.type == "PARTY" and f.attrs.get("kind") == "country" and f.start < upto
        and not (text and set(text[max(0, f.start - 9) : f.start].split()[-1:]) & object_words)
    ]  # fmt: skip
    near = [(start, value) for start, value in [*named, *places] if upto - reach <= start < upto]
    if not near:
        return None
    last_start, last = max(near)
    same_sentence = text and not re.search(r"[.!?]\s|\n", text[last_start:upto])
    if prefer is not None and not same_sentence and any(value == prefer for _, value in near):
        return prefer  # the story's own country, named nearby, before a passing mention
    return last
