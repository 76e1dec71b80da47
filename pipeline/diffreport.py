"""Render `facts diff` results: a rich table, JSON, Markdown or a self-contained HTML page.

Why one intermediate page model: the terminal, Markdown and HTML views must show
the same numbers, so each view is built once as plain tables and fact rows
(`_Page`) and only the last step differs. JSON is built from the scores
directly, with stable keys for scripts: mode → type → p, r, f1, tp, fp, fn,
value_accuracy, attributes, plus `micro` and `macro` beside the types.
No spaCy here; everything stands on `pipeline.scoring`.

Example::

    >>> report = build_report("out.jsonl", "gold", load_facts("out.jsonl"), load_facts("gold"))
    >>> print(render(report, "markdown"))
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pipeline.scoring import (
    MODES,
    Comparison,
    Counts,
    ErrorKind,
    ErrorListing,
    Gate,
    GateResult,
    InterchangeFact,
    Mode,
    ModeScore,
    RunChanges,
    SentenceContext,
    check_gates,
    compare,
    context_for,
    list_errors,
)

OutputFormat = Literal["table", "json", "markdown", "html"]
FORMATS: tuple[OutputFormat, ...] = ("table", "json", "markdown", "html")
SIDE_LABELS = {"both": "both", "system": "system only", "gold": "gold only"}


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


# --------------------------------------------------------------------------- JSON


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
    out["notes"] = _notes(report)
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
        "by_type": _changes_by_type(ch),
        "limit": limit,
        "added": [_fact_json(f) for f in ch.added[:limit]],
        "removed": [_fact_json(f) for f in ch.removed[:limit]],
        "changed": [
            {"old": _fact_json(c.old), "new": _fact_json(c.new), "differences": list(c.differences)}
            for c in ch.changed[:limit]
        ],
    }


def _changes_by_type(ch: RunChanges) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for kind, facts in (
        ("added", ch.added),
        ("removed", ch.removed),
        ("changed", [c.new for c in ch.changed]),
    ):
        for f in facts:
            out.setdefault(f.type, {"added": 0, "removed": 0, "changed": 0})[kind] += 1
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- page model


@dataclass(frozen=True)
class _Table:
    title: str
    headers: tuple[str, ...]
    rows: list[list[str]]
    text_columns: int = 1  # leading columns of text; the rest are numbers


@dataclass(frozen=True)
class _FactRow:
    kind: str
    fact: InterchangeFact
    expected: str
    found: str
    sentence: SentenceContext | None


@dataclass(frozen=True)
class _Page:
    title: str
    inputs: list[str]
    tables: list[_Table]
    listing_title: str = ""
    listing_summary: str = ""
    labels: tuple[str, str] = ("Expected", "Found")
    rows: list[_FactRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdict: list[tuple[bool, str]] = field(default_factory=list)


def _num(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _plain(v: object) -> str:
    if isinstance(v, dict) and "value" in v and "unit" in v:
        return f"{_plain(v['value'])} {v['unit']}"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "null" if v is None else str(v)


def _show(f: InterchangeFact, only: Sequence[str] = ()) -> str:
    """A fact's value, or for COMMITMENT its attributes (only those in `only`, if given)."""
    if f.type != "COMMITMENT":
        return _plain(f.value)
    attrs = {
        "agents": "[" + ", ".join(sorted(f.agents or ())) + "]",
        "modality": _plain(f.modality),
        "deadline": _plain(f.deadline),
        "amount": _plain(f.amount),
    }
    return " ".join(f"{k}={v}" for k, v in attrs.items() if not only or k in only)


def _prf(c: Counts) -> list[str]:
    return [_num(c.precision), _num(c.recall), _num(c.f1)]


def _attributes(c: Counts) -> str:
    return " ".join(f"{k} {_num(v)}" for k, v in c.attribute_accuracy.items())


def _score_table(report: DiffReport, mode: Mode) -> _Table:
    s = report.comparison.scores[mode]
    rows = [
        [t, *_prf(c), str(c.tp), str(c.fp), str(c.fn), _num(c.value_accuracy), _attributes(c)]
        for t, c in [*s.types.items(), ("micro", s.micro)]
    ]
    macro = [_num(s.macro_precision), _num(s.macro_recall), _num(s.macro_f1)]
    rows.append(["macro", *macro, "", "", "", "", ""])
    gate = " (gate)" if mode == report.gate_mode else ""
    headers = ("Type", "P", "R", "F1", "TP", "FP", "FN", "Value acc.", "Attributes")
    return _Table(f"{mode.capitalize()} matching{gate}", headers, rows)


def _doc_table(report: DiffReport) -> _Table:
    cmp, m = report.comparison, report.gate_mode
    rows = []
    for doc, scores in cmp.by_doc.items():
        c = scores[m].micro
        f1s = [_num(scores[mode].micro.f1) for mode in MODES]
        side = SIDE_LABELS[cmp.doc_sides[doc]]
        rows.append([doc, side, *f1s, *_prf(c)[:2], str(c.tp), str(c.fp), str(c.fn)])
    headers = ("Document", "Facts in", "Strict F1", "Lenient F1", "P", "R", "TP", "FP", "FN")
    return _Table(f"By document (P, R and counts: {m} matching)", headers, rows, 2)


def _notes(report: DiffReport) -> list[str]:
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


def _verdict(report: DiffReport) -> list[tuple[bool, str]]:
    lines = []
    for r in report.gates:
        g = r.gate
        what = f"{g.scope} {g.metric}"
        if r.status == "skipped":
            lines.append((True, f"SKIP {what}: type not selected by --types"))
            continue
        sign = "≥" if r.status == "passed" else "<"
        line = f"{r.status.upper()[:4]} {what} {_num(r.actual)} {sign} {g.threshold:.3f}"
        lines.append((r.status == "passed", f"{line} ({report.gate_mode})"))
    if report.gates:
        failed = sum(r.status == "failed" for r in report.gates)
        lines.append((not failed, f"{failed} gate(s) failed" if failed else "all gates passed"))
    return lines


def _report_page(report: DiffReport) -> _Page:
    tables = [_score_table(report, m) for m in MODES]
    if report.by_doc:
        tables.append(_doc_table(report))
    page = _Page(
        "facts diff",
        [f"System: {report.system}", f"Gold: {report.gold}"],
        tables,
        notes=_notes(report),
        verdict=_verdict(report),
    )
    if report.errors is None:
        return page
    el = report.errors
    shown = {k: sum(e.kind == k for e in el.items) for k in el.totals}
    summary = ", ".join(
        f"{k} {n}" + (f" (showing {shown[k]})" if shown[k] < n else "")
        for k, n in el.totals.items()
    )
    rows = []
    for e in el.items:
        gold = None if e.kind == "spurious" else e.fact
        system = e.fact if e.kind == "spurious" else e.other
        found = "—" if system is None else _show(system, e.differences)
        if (
            system is not None
            and gold is not None
            and (system.start, system.end)
            != (
                gold.start,
                gold.end,
            )
        ):
            found += f" at {system.start}–{system.end} “{system.text}”"
        expected = "—" if gold is None else _show(gold, e.differences)
        rows.append(_FactRow(e.kind, e.fact, expected, found, e.sentence))
    title = f"Errors ({el.mode} matching)"
    return replace(
        page, listing_title=title, listing_summary=summary, labels=("Gold", "System"), rows=rows
    )


def _changes_page(report: ChangesReport) -> _Page:
    ch, limit, docs = report.changes, report.limit, report.documents
    by_type = _changes_by_type(ch)
    rows = [[t, str(n["added"]), str(n["removed"]), str(n["changed"])] for t, n in by_type.items()]
    rows.append(["total", str(len(ch.added)), str(len(ch.removed)), str(len(ch.changed))])
    table = _Table("Changes by type", ("Type", "Added", "Removed", "Changed"), rows)
    facts = [_FactRow("added", f, "—", _show(f), context_for(f, docs)) for f in ch.added[:limit]]
    facts += [
        _FactRow("removed", f, _show(f), "—", context_for(f, docs)) for f in ch.removed[:limit]
    ]
    facts += [
        _FactRow(
            "changed",
            c.new,
            _show(c.old, c.differences),
            _show(c.new, c.differences),
            context_for(c.new, docs) or context_for(c.old, docs),
        )
        for c in ch.changed[:limit]
    ]
    total = len(ch.added) + len(ch.removed) + len(ch.changed)
    summary = f"{total} change(s), {ch.unchanged} fact(s) unchanged"
    if len(facts) < total:
        summary += f"; showing at most {limit} per kind"
    return _Page(
        "facts diff --changes",
        [f"Old: {report.old}", f"New: {report.new}"],
        [table],
        "Changed facts",
        summary,
        ("Old", "New"),
        facts,
        ["Facts are the same when doc_id, type, start and end are equal."],
    )


def _page(obj: DiffReport | ChangesReport) -> _Page:
    return _report_page(obj) if isinstance(obj, DiffReport) else _changes_page(obj)


def _split(ctx: SentenceContext, f: InterchangeFact) -> tuple[str, str, str] | None:
    """Cut a sentence into (before, fact, after) so the fact can be highlighted."""
    text = ctx.text
    if ctx.start is not None:
        a, b = f.start - ctx.start, f.end - ctx.start
        if 0 <= a < b <= len(text) and text[a:b] == f.text:
            return text[:a], text[a:b], text[b:]
    a = text.find(f.text)
    return None if a < 0 else (text[:a], f.text, text[a + len(f.text) :])


def _row_cells(r: _FactRow) -> tuple[str, ...]:
    f = r.fact
    return (r.kind, f.doc_id, f.type, f"{f.start}–{f.end}", f.text, r.expected, r.found)


_ROW_HEADERS = ("Kind", "Document", "Type", "Span", "Text")

# --------------------------------------------------------------------------- rich / text


def rich_view(obj: DiffReport | ChangesReport, plain: bool = False) -> RenderableType:
    """The terminal view: tables, fact rows, notes and the gate verdict.

    `plain` (no colours, e.g. in a file) marks each fact in its sentence as [[fact]].
    """
    page = _page(obj)
    out: list[RenderableType] = [Text("\n".join(page.inputs), style="dim")]
    for t in page.tables:
        table = Table(title=t.title, title_justify="left")
        for i, h in enumerate(t.headers):
            numeric = i >= t.text_columns
            table.add_column(h, justify="right" if numeric else "left", no_wrap=i < 7)
        for row in t.rows:
            table.add_row(*row, style="bold" if row[0] in ("micro", "total") else None)
        out.append(table)
    if page.listing_title:
        table = Table(title=page.listing_title, caption=page.listing_summary, title_justify="left")
        for h in (*_ROW_HEADERS, *page.labels, "Sentence"):
            table.add_column(h)
        for r in page.rows:
            parts = None if r.sentence is None else _split(r.sentence, r.fact)
            if parts is not None and plain:
                sentence = Text(f"{parts[0]}[[{parts[1]}]]{parts[2]}")
            elif parts is not None:
                sentence = Text.assemble(parts[0], (parts[1], "bold reverse"), parts[2])
            else:
                sentence = Text("" if r.sentence is None else r.sentence.text)
            table.add_row(*_row_cells(r), sentence)
        out.append(table)
    out += [Text(n, style="dim") for n in page.notes]
    out += [Text(line, style="green" if ok else "bold red") for ok, line in page.verdict]
    return Group(*out)


def render_text(obj: DiffReport | ChangesReport, width: int = 120) -> str:
    """The terminal view as plain text (no colours), for writing to a file."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, highlight=False
    )
    console.print(rich_view(obj, plain=True))
    return buffer.getvalue()


# --------------------------------------------------------------------------- markdown


def _md(text: str) -> str:
    """Escape text for a Markdown table cell (CommonMark backslash escapes)."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return re.sub(r"\s+", " ", text)  # a line break would end the table row


def _md_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |"]
    lines.append("| " + " | ".join("---" if i == 0 else "---:" for i in range(len(headers))) + " |")
    lines += ["| " + " | ".join(_md(c) if c else " " for c in row) + " |" for row in rows]
    return lines


def render_markdown(obj: DiffReport | ChangesReport) -> str:
    """Markdown with pipe tables, for READMEs and pull-request comments."""
    page = _page(obj)
    lines = [f"# {page.title}", "", *(f"- {_md(i)}" for i in page.inputs), ""]
    for t in page.tables:
        lines += [f"## {_md(t.title)}", "", *_md_table(t.headers, t.rows), ""]
    if page.listing_title:
        lines += [f"## {_md(page.listing_title)}", "", _md(page.listing_summary), ""]
        rows = []
        for r in page.rows:
            parts = None if r.sentence is None else _split(r.sentence, r.fact)
            if parts is None:
                sentence = "" if r.sentence is None else _md(r.sentence.text)
            else:
                sentence = f"{_md(parts[0])}**{_md(parts[1])}**{_md(parts[2])}"
            rows.append([_md(c) for c in _row_cells(r)] + [sentence])
        headers = [*_ROW_HEADERS, *page.labels, "Sentence"]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + " --- |" * len(headers))
        lines += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
        lines.append("")
    lines += [f"_{_md(n)}_  " for n in page.notes]
    if page.verdict:
        lines += ["", *(f"- {_md(line)}" for _, line in page.verdict)]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- HTML

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
mark { background: #ffe27a; padding: 0 0.1em; } .pass { color: #176b2c; }
.fail { color: #b00020; font-weight: bold; } .note { color: #666; }
"""


def render_html(obj: DiffReport | ChangesReport) -> str:
    """A self-contained HTML page; every piece of input text goes through html.escape."""
    e = html.escape
    page = _page(obj)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(page.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(page.title)}</h1>",
        "<ul>" + "".join(f"<li>{e(i)}</li>" for i in page.inputs) + "</ul>",
    ]
    for t in page.tables:
        out.append(f"<h2>{e(t.title)}</h2><table><tr>")
        out.append("".join(f"<th>{e(h)}</th>" for h in t.headers) + "</tr>")
        for row in t.rows:
            cells = (f"<td{'' if i == 0 else ' class=n'}>{e(c)}</td>" for i, c in enumerate(row))
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    if page.listing_title:
        out.append(f"<h2>{e(page.listing_title)}</h2><p>{e(page.listing_summary)}</p>")
        headers = (*_ROW_HEADERS, *page.labels, "Sentence")
        out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr>")
        for r in page.rows:
            parts = None if r.sentence is None else _split(r.sentence, r.fact)
            if parts is None:
                sentence = "" if r.sentence is None else e(r.sentence.text)
            else:
                sentence = f"{e(parts[0])}<mark>{e(parts[1])}</mark>{e(parts[2])}"
            tds = "".join(f"<td>{e(c)}</td>" for c in _row_cells(r))
            out.append(f"<tr>{tds}<td>{sentence}</td></tr>")
        out.append("</table>")
    out += [f'<p class="note">{e(n)}</p>' for n in page.notes]
    out += [f'<p class="{"pass" if ok else "fail"}">{e(line)}</p>' for ok, line in page.verdict]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render(obj: DiffReport | ChangesReport, fmt: OutputFormat) -> str:
    """Render in one of FORMATS; `table` gives the terminal view as plain text."""
    if fmt == "json":
        data = report_json(obj) if isinstance(obj, DiffReport) else changes_json(obj)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(obj)
    if fmt == "html":
        return render_html(obj)
    return render_text(obj)
