"""Quality gates: floors on scores, from a TOML file or the command line, checked per mode.

Why strict parsing: a gate that silently fails to load passes every build, so
an unknown scope, metric or table is an error, not a skipped gate.

Example::

    >>> gates = merge_gates(load_thresholds("thresholds.toml"), [parse_type_gate("DATE=0.8")])
    >>> [r.status for r in check_gates(cmp.scores["lenient"], gates)]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pipeline.records import FACT_TYPES
from pipeline.scoring.facts import is_number
from pipeline.scoring.metrics import Counts, ModeScore

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

GateMetric = Literal["f1", "p", "r", "value_accuracy"]
GATE_METRICS: tuple[GateMetric, ...] = ("f1", "p", "r", "value_accuracy")


@dataclass(frozen=True)
class Gate:
    """A floor on one score: `scope` is "micro" or a fact type."""

    scope: str
    metric: GateMetric
    threshold: float


@dataclass(frozen=True)
class GateResult:
    gate: Gate
    actual: float | None
    status: Literal["passed", "failed", "skipped"]


def _gate(scope: str, metric: str, threshold: object, where: str) -> Gate:
    if scope != "micro" and scope not in FACT_TYPES:
        raise ValueError(f"{where}: unknown scope {scope!r}; use micro or {', '.join(FACT_TYPES)}")
    if metric not in GATE_METRICS:
        raise ValueError(f"{where}: unknown metric {metric!r}; use {', '.join(GATE_METRICS)}")
    if not is_number(threshold) or not 0.0 <= float(threshold) <= 1.0:  # type: ignore[arg-type]
        raise ValueError(f"{where}: threshold must be a number from 0 to 1, got {threshold!r}")
    return Gate(scope, metric, float(threshold))  # type: ignore[arg-type]


def parse_type_gate(spec: str) -> Gate:
    """Parse `TYPE=F1` (as given to --fail-under-type); raise ValueError if malformed."""
    scope, sep, raw = spec.partition("=")
    if not sep:
        raise ValueError(f"{spec!r}: expected TYPE=F1, e.g. DATE=0.8")
    try:
        threshold = float(raw)
    except ValueError:
        raise ValueError(f"{spec!r}: {raw!r} is not a number") from None
    return _gate(scope.strip().upper(), "f1", threshold, spec)


def load_thresholds(path: str | Path) -> list[Gate]:
    """Read gates from TOML: a `[micro]` table and one table per type, keys f1/p/r/value_accuracy.

    Unknown tables or keys are errors: a typo must not silently disable a gate.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read thresholds ({exc})") from None
    gates = []
    for scope, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"{path}: {scope!r} must be a table like [{scope}] with f1 = 0.8")
        for metric, threshold in table.items():
            gates.append(_gate(scope, metric, threshold, f"{path}: [{scope}] {metric}"))
    return gates


def merge_gates(*gate_lists: Iterable[Gate]) -> list[Gate]:
    """Combine gates; a later gate replaces an earlier one on the same scope and metric."""
    merged: dict[tuple[str, str], Gate] = {}
    for gates in gate_lists:
        for g in gates:
            merged[(g.scope, g.metric)] = g
    return list(merged.values())


def check_gates(
    score: ModeScore, gates: Iterable[Gate], types: Iterable[str] | None = None
) -> list[GateResult]:
    """Check gates against one mode's scores.

    A type outside `types` (the --types filter) is skipped. A type with no facts
    on either side, or an accuracy with no matched pairs, counts as 0.0.
    """
    allowed = None if types is None else set(types)
    results = []
    for g in gates:
        if g.scope != "micro" and allowed is not None and g.scope not in allowed:
            results.append(GateResult(g, None, "skipped"))
            continue
        counts = score.micro if g.scope == "micro" else score.types.get(g.scope, Counts())
        actual = {
            "f1": counts.f1,
            "p": counts.precision,
            "r": counts.recall,
            "value_accuracy": counts.value_accuracy,
        }[g.metric]
        ok = (actual or 0.0) + 1e-12 >= g.threshold
        results.append(GateResult(g, actual, "passed" if ok else "failed"))
    return results
