"""Compare two runs of the pipeline: facts added, removed and changed between them.

Why not `compare`: between two runs neither side is gold, and a moved span is
a removal plus an addition, so facts pair by exact doc/type/span (strict, even
for COMMITMENT) and only their values or attributes can have changed.

Example::

    >>> ch = compare_runs(load_facts("old.jsonl"), load_facts("new.jsonl"))
    >>> len(ch.added), len(ch.removed), len(ch.changed), ch.unchanged
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.scoring.equality import differences
from pipeline.scoring.facts import InterchangeFact, filter_types
from pipeline.scoring.matching import match_facts


@dataclass(frozen=True)
class FactChange:
    """The same doc/type/span in two runs with a different value or attributes."""

    old: InterchangeFact
    new: InterchangeFact
    differences: tuple[str, ...]


@dataclass(frozen=True)
class RunChanges:
    """What changed between an old and a new output, by exact doc/type/span."""

    added: list[InterchangeFact]
    removed: list[InterchangeFact]
    changed: list[FactChange]
    unchanged: int


def compare_runs(
    old: Iterable[InterchangeFact],
    new: Iterable[InterchangeFact],
    *,
    types: Iterable[str] | None = None,
) -> RunChanges:
    """Facts added, removed and changed from `old` to `new` (strict spans; duplicates in order)."""
    matching = match_facts(
        filter_types(new, types), filter_types(old, types), "strict", frozenset()
    )
    changed = [FactChange(o, n, d) for n, o in matching.pairs if (d := differences(o, n))]
    return RunChanges(
        matching.spurious, matching.missed, changed, len(matching.pairs) - len(changed)
    )
