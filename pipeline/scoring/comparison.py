"""Score a system's facts against gold in both modes, overall and per document.

Why apart from matching and metrics: this is the one call CI gates, notebooks
and `facts diff` make; it filters types, records which side each document's
facts came from, and keeps the matchings so errors can be listed afterwards.

Example::

    >>> cmp = compare(load_facts("outputs/facts.jsonl"), load_facts("corpus/gold"))
    >>> cmp.scores["lenient"].micro.f1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pipeline.scoring.facts import InterchangeFact, filter_types
from pipeline.scoring.matching import LENIENT_BY_DEFAULT, MODES, Matching, Mode, match_facts
from pipeline.scoring.metrics import ModeScore, score_matching

DocSide = Literal["both", "system", "gold"]


@dataclass(frozen=True)
class Comparison:
    """Both modes' matchings and scores, overall and per document."""

    scores: dict[Mode, ModeScore]
    matchings: dict[Mode, Matching]
    by_doc: dict[str, dict[Mode, ModeScore]]
    doc_sides: dict[str, DocSide]
    lenient_types: frozenset[str]


def _split_by_doc(matching: Matching) -> dict[str, Matching]:
    out: dict[str, Matching] = {}
    for p in matching.pairs:
        out.setdefault(p[1].doc_id, Matching([], [], [])).pairs.append(p)
    for f in matching.missed:
        out.setdefault(f.doc_id, Matching([], [], [])).missed.append(f)
    for f in matching.spurious:
        out.setdefault(f.doc_id, Matching([], [], [])).spurious.append(f)
    return out


def compare(
    system: Iterable[InterchangeFact],
    gold: Iterable[InterchangeFact],
    *,
    types: Iterable[str] | None = None,
    lenient_types: frozenset[str] = LENIENT_BY_DEFAULT,
) -> Comparison:
    """Score `system` against `gold` in both modes, overall and per document."""
    sys_facts = filter_types(system, types)
    gold_facts = filter_types(gold, types)
    sides: dict[str, DocSide] = {}
    for f in sys_facts:
        sides[f.doc_id] = "system"
    for f in gold_facts:
        sides[f.doc_id] = "both" if sides.get(f.doc_id) in ("system", "both") else "gold"
    matchings = {m: match_facts(sys_facts, gold_facts, m, lenient_types) for m in MODES}
    by_doc: dict[str, dict[Mode, ModeScore]] = {doc: {} for doc in sorted(sides)}
    for m in MODES:
        for doc, part in _split_by_doc(matchings[m]).items():
            by_doc[doc][m] = score_matching(part, m)
    return Comparison(
        {m: score_matching(matchings[m], m) for m in MODES},
        matchings,
        by_doc,
        dict(sorted(sides.items())),
        lenient_types,
    )
