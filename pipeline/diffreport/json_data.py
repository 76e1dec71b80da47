"""`facts diff --format json`: the report as JSON-ready data with stable keys for scripts.

Built from the scores directly, not from the page: mode → type → p, r, f1,
tp, fp, fn, value_accuracy, attributes, plus `micro` and `macro` beside the
types; then gate results, inputs, notes, and (when asked) per-document
scores and the error listing.

Example::

    >>> report_json(report)["lenient"]["micro"]["f1"]
"""

from __future__ import annotations

from pipeline.diffreport.model import ChangesReport, DiffReport, changes_by_type, report_notes
from pipeline.scoring import MODES, Counts, InterchangeFact, ModeScore


def _fact_json(f: InterchangeFact | None) -> dict[str, object] | None:
    if f is None:
        return None
    out: dict[str, object] = {
        "doc_id": f.doc_id,
        "type": f.type,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "value": f.value,
    }
    if f.type == "COMMITMENT":
        out |= {
            "agents": list(f.agents or ()),
            "modality": f.modality,
            "deadline": f.deadline,
            "amount": f.amount,
        }
    return out | {"where": f.where}


def _counts_json(c: Counts) -> dict[str, object]:
    return {
        "p": c.precision,
        "r": c.recall,
        "f1": c.f1,
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "value_accuracy": c.value_accuracy,
        "attributes": c.attribute_accuracy,
    }


def _mode_json(s: ModeScore) -> dict[str, object]:
    out: dict[str, object] = {t: _counts_json(c) for t, c in s.types.items()}
    out["micro"] = _counts_json(s.micro)
    out["macro"] = {"p": s.macro_precision, "r": s.macro_recall, "f1": s.macro_f1}
    return out


def report_json(report: DiffReport) -> dict[str, object]:
    """The report as JSON-ready data (see the module docstring for the key layout)."""
    cmp = report.comparison
    out: dict[str, object] = {m: _mode_json(cmp.scores[m]) for m in MODES}
    out["gate_mode"] = report.gate_mode
    out["gates"] = {
        "passed": report.passed,
        "results": [
            {
                "scope": r.gate.scope,
                "metric": r.gate.metric,
                "threshold": r.gate.threshold,
                "actual": r.actual,
                "status": r.status,
            }
            for r in report.gates
        ],
    }
    out["inputs"] = {"system": report.system, "gold": report.gold}
    out["lenient_types"] = sorted(cmp.lenient_types)
    out["notes"] = report_notes(report)
    if report.by_doc:
        out["by_doc"] = {
            doc: {"facts_in": cmp.doc_sides[doc]} | {m: _mode_json(s[m]) for m in MODES}
            for doc, s in cmp.by_doc.items()
        }
    if report.errors is not None:
        out["errors"] = {
            "mode": report.errors.mode,
            "totals": report.errors.totals,
            "limit": report.errors.limit,
            "items": [
                {
                    "kind": e.kind,
                    "gold": _fact_json(None if e.kind == "spurious" else e.fact),
                    "system": _fact_json(e.fact if e.kind == "spurious" else e.other),
                    "differences": list(e.differences),
                    "sentence": None if e.sentence is None else e.sentence.text,
                }
                for e in report.errors.items
            ],
        }
    return out


def changes_json(report: ChangesReport) -> dict[str, object]:
    """Run-to-run changes as JSON-ready data: counts, counts by type, then the facts."""
    ch, limit = report.changes, report.limit
    return {
        "inputs": {"old": report.old, "new": report.new},
        "counts": {
            "added": len(ch.added),
            "removed": len(ch.removed),
            "changed": len(ch.changed),
            "unchanged": ch.unchanged,
        },
        "by_type": changes_by_type(ch),
        "limit": limit,
        "added": [_fact_json(f) for f in ch.added[:limit]],
        "removed": [_fact_json(f) for f in ch.removed[:limit]],
        "changed": [
            {"old": _fact_json(c.old), "new": _fact_json(c.new), "differences": list(c.differences)}
            for c in ch.changed[:limit]
        ],
    }
