"""Count a matching per type: TP/FP/FN, P/R/F1, value and attribute accuracy, micro and macro.

The rules, with the cases docs/ANNOTATION.md leaves open decided:

- P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn); any 0/0 is 0.0.
- A type with no facts on either side is left out of the scores: nothing was
  tested, so neither 1.0 nor 0.0 would be true. Micro sums the types present,
  macro averages their scores. With no facts at all micro F1 is 0.0, so a gate
  fails rather than passing on a mistyped path.
- Value accuracy: the share of matched pairs with equal `value`; None with no
  pairs. COMMITMENT values are null by definition, so COMMITMENT has no value
  accuracy; its `agents` (as a set), `modality`, `deadline` and `amount` are
  scored among its matched pairs instead.

Example::

    >>> score = score_matching(match_facts(system, gold, "strict"), "strict")
    >>> score.micro.f1, score.types["DATE"].value_accuracy
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.records import FACT_TYPES
from pipeline.scoring.equality import attributes_equal, values_equal
from pipeline.scoring.facts import COMMITMENT_ATTRIBUTES
from pipeline.scoring.matching import Matching, Mode


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass(frozen=True)
class Counts:
    """Counts for one type (or summed), with the scores derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    value_pairs: int = 0
    value_equal: int = 0
    attribute_pairs: int = 0
    attribute_equal: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: Counts) -> Counts:
        attrs = dict(self.attribute_equal)
        for k, v in other.attribute_equal.items():
            attrs[k] = attrs.get(k, 0) + v
        return Counts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.value_pairs + other.value_pairs,
            self.value_equal + other.value_equal,
            self.attribute_pairs + other.attribute_pairs,
            attrs,
        )

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def value_accuracy(self) -> float | None:
        return self.value_equal / self.value_pairs if self.value_pairs else None

    @property
    def attribute_accuracy(self) -> dict[str, float | None]:
        n = self.attribute_pairs
        return {k: (v / n if n else None) for k, v in self.attribute_equal.items()}


@dataclass(frozen=True)
class ModeScore:
    """Scores of one matching mode: per type present, micro sums, macro means."""

    mode: Mode
    types: dict[str, Counts]
    micro: Counts

    def _mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def macro_precision(self) -> float:
        return self._mean([c.precision for c in self.types.values()])

    @property
    def macro_recall(self) -> float:
        return self._mean([c.recall for c in self.types.values()])

    @property
    def macro_f1(self) -> float:
        return self._mean([c.f1 for c in self.types.values()])


def score_matching(matching: Matching, mode: Mode) -> ModeScore:
    """Count a matching per type (in FACT_TYPES order) and sum the counts into micro."""
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    value_equal: dict[str, int] = {}
    attrs: dict[str, int] = dict.fromkeys(COMMITMENT_ATTRIBUTES, 0)
    for s, g in matching.pairs:
        tp[g.type] = tp.get(g.type, 0) + 1
        if g.type == "COMMITMENT":
            for k, same in attributes_equal(s, g).items():
                attrs[k] += same
        elif values_equal(s.value, g.value):
            value_equal[g.type] = value_equal.get(g.type, 0) + 1
    for f in matching.spurious:
        fp[f.type] = fp.get(f.type, 0) + 1
    for f in matching.missed:
        fn[f.type] = fn.get(f.type, 0) + 1
    types: dict[str, Counts] = {}
    for t in FACT_TYPES:
        if t not in tp and t not in fp and t not in fn:
            continue
        n = tp.get(t, 0)
        if t == "COMMITMENT":
            types[t] = Counts(n, fp.get(t, 0), fn.get(t, 0), 0, 0, n, attrs)
        else:
            types[t] = Counts(n, fp.get(t, 0), fn.get(t, 0), n, value_equal.get(t, 0))
    # Attributes are COMMITMENT's alone: pooling them into micro would only repeat them.
    micro = replace(sum(types.values(), Counts()), attribute_pairs=0, attribute_equal={})
    return ModeScore(mode, types, micro)
