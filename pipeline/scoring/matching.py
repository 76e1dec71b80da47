"""Pair system facts with gold facts, strictly or leniently (docs/ANNOTATION.md).

The rules, with the cases ANNOTATION.md leaves open decided:

- strict: same `doc_id`, `type`, `start`, `end`. lenient: same `doc_id` and
  `type` and overlapping spans (end-exclusive, so touching spans do not overlap).
- Pairs are one-to-one: a gold fact and a system fact each belong to at most one
  pair. Lenient pairs are taken greedily by largest overlap; ties go to the
  closer boundaries, then to the earlier gold fact, then the earlier system fact.
- Duplicates count separately: the same span twice in the output against one
  gold fact is one true positive and one false positive.
- COMMITMENT is matched leniently in both modes (its extent "to the end of the
  clause" is a judgment call); pass `lenient_types=frozenset()` to change that.

Example::

    >>> m = match_facts(system, gold, "lenient")
    >>> len(m.pairs), len(m.missed), len(m.spurious)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.scoring.facts import InterchangeFact

Mode = Literal["strict", "lenient"]
MODES: tuple[Mode, ...] = ("strict", "lenient")
LENIENT_BY_DEFAULT: frozenset[str] = frozenset({"COMMITMENT"})


@dataclass(frozen=True)
class Matching:
    """Result of matching: (system, gold) pairs, gold facts missed, system facts spurious."""

    pairs: list[tuple[InterchangeFact, InterchangeFact]]
    missed: list[InterchangeFact]
    spurious: list[InterchangeFact]


def _order(f: InterchangeFact) -> tuple[str, int, int, str]:
    return (f.doc_id, f.start, f.end, f.type)


def _pair_strict(
    system: Sequence[InterchangeFact], gold: Sequence[InterchangeFact]
) -> list[tuple[int, int]]:
    free: dict[tuple[int, int], list[int]] = {}
    for j, g in enumerate(gold):
        free.setdefault((g.start, g.end), []).append(j)
    pairs = []
    for i, s in enumerate(system):
        waiting = free.get((s.start, s.end))
        if waiting:
            pairs.append((i, waiting.pop(0)))
    return pairs


def _pair_lenient(
    system: Sequence[InterchangeFact], gold: Sequence[InterchangeFact]
) -> list[tuple[int, int]]:
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                distance = abs(s.start - g.start) + abs(s.end - g.end)
                candidates.append((-overlap, distance, j, i))
    candidates.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, j, i in candidates:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def match_facts(
    system: Iterable[InterchangeFact],
    gold: Iterable[InterchangeFact],
    mode: Mode,
    lenient_types: frozenset[str] = LENIENT_BY_DEFAULT,
) -> Matching:
    """Match system facts to gold facts per document and type (see the module docstring)."""
    groups: dict[tuple[str, str], tuple[list[InterchangeFact], list[InterchangeFact]]] = {}
    for side, facts in ((0, system), (1, gold)):
        for f in facts:
            groups.setdefault((f.doc_id, f.type), ([], []))[side].append(f)
    pairs, missed, spurious = [], [], []
    for key in sorted(groups):
        sys_facts, gold_facts = groups[key]
        lenient = mode == "lenient" or key[1] in lenient_types
        index_pairs = (_pair_lenient if lenient else _pair_strict)(sys_facts, gold_facts)
        pairs += [(sys_facts[i], gold_facts[j]) for i, j in index_pairs]
        paired_s = {i for i, _ in index_pairs}
        paired_g = {j for _, j in index_pairs}
        spurious += [f for i, f in enumerate(sys_facts) if i not in paired_s]
        missed += [f for j, f in enumerate(gold_facts) if j not in paired_g]
    pairs.sort(key=lambda p: _order(p[1]))
    return Matching(pairs, sorted(missed, key=_order), sorted(spurious, key=_order))
