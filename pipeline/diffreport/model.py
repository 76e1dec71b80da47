"""What one `facts diff` run shows: the evaluation or run-to-run report, built once for all views.

Why a model: the terminal, JSON, Markdown and HTML views must show the same
numbers and notes, so the comparison, gate results and error listing are
computed here once and every view reads them.

Example::

    >>> report = build_report("out.jsonl", "gold", load_facts("out.jsonl"), load_facts("gold"))
    >>> report.passed
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.scoring import (
    Comparison,
    ErrorKind,
    ErrorListing,
    Gate,
    GateResult,
    InterchangeFact,
    Mode,
    RunChanges,
    check_gates,
    compare,
    list_errors,
)


@dataclass(frozen=True)
class DiffReport:
    """Everything one `facts diff` evaluation shows, ready to render."""

    system: str
    gold: str
    comparison: Comparison
    gate_mode: Mode
    gates: list[GateResult] = field(default_factory=list)
    errors: ErrorListing | None = None
    by_doc: bool = False

    @property
    def passed(self) -> bool:
        return all(r.status != "failed" for r in self.gates)


@dataclass(frozen=True)
class ChangesReport:
    """A run-to-run comparison (`facts diff --changes OLD NEW`), ready to render."""

    old: str
    new: str
    changes: RunChanges
    limit: int | None = None
    documents: Mapping[str, str] | None = None


def build_report(
    system_name: str,
    gold_name: str,
    system: Sequence[InterchangeFact],
    gold: Sequence[InterchangeFact],
    *,
    mode: Mode = "lenient",
    types: Sequence[str] | None = None,
    gates: Iterable[Gate] = (),
    show: Iterable[ErrorKind] = (),
    limit: int | None = None,
    documents: Mapping[str, str] | None = None,
    by_doc: bool = False,
) -> DiffReport:
    """Compare, check the gates in `mode`, and list the errors asked for in `show`."""
    comparison = compare(system, gold, types=types)
    results = check_gates(comparison.scores[mode], gates, types)
    kinds = list(show)
    errors = (
        list_errors(comparison, mode, kinds, documents=documents, limit=limit) if kinds else None
    )
    return DiffReport(system_name, gold_name, comparison, mode, results, errors, by_doc)


def report_notes(report: DiffReport) -> list[str]:
    """The notes under the scores: lenient types, omitted types, one-sided documents."""
    cmp = report.comparison
    notes = []
    scored = set(cmp.scores["strict"].types)
    if cmp.lenient_types & scored:
        lenient = ", ".join(sorted(cmp.lenient_types & scored))
        notes.append(f"{lenient} is matched leniently in both modes (docs/ANNOTATION.md).")
    notes.append("Types with no facts on either side are omitted; a 0/0 ratio counts as 0.0.")
    for side, label in (("gold", "the gold set"), ("system", "the system output")):
        docs = [d for d, s in cmp.doc_sides.items() if s == side]
        if docs:
            notes.append(f"{len(docs)} document(s) have facts only in {label}: {', '.join(docs)}.")
    return notes


def changes_by_type(ch: RunChanges) -> dict[str, dict[str, int]]:
    """Added, removed and changed facts counted per type, types in name order."""
    out: dict[str, dict[str, int]] = {}
    for kind, facts in (
        ("added", ch.added),
        ("removed", ch.removed),
        ("changed", [c.new for c in ch.changed]),
    ):
        for f in facts:
            out.setdefault(f.type, {"added": 0, "removed": 0, "changed": 0})[kind] += 1
    return dict(sorted(out.items()))
