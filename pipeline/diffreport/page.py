"""The page every text view draws: plain tables and fact rows, built once from a report.

Why one intermediate page model: the terminal, Markdown and HTML views must
show the same numbers, so each view is built once as plain tables and fact
rows (`Page`) and only the last step, in `terminal`, `markdown` and
`html_page`, differs.

Example::

    >>> page = build_page(report)
    >>> [t.title for t in page.tables]
    ['Strict matching', 'Lenient matching (gate)']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.diffreport.model import ChangesReport, DiffReport, changes_by_type, report_notes
from pipeline.scoring import MODES, Counts, InterchangeFact, Mode, SentenceContext, context_for

SIDE_LABELS = {"both": "both", "system": "system only", "gold": "gold only"}
ROW_HEADERS = ("Kind", "Document", "Type", "Span", "Text")


@dataclass(frozen=True)
class PageTable:
    title: str
    headers: tuple[str, ...]
    rows: list[list[str]]
    text_columns: int = 1  # leading columns of text; the rest are numbers


@dataclass(frozen=True)
class FactRow:
    kind: str
    fact: InterchangeFact
    expected: str
    found: str
    sentence: SentenceContext | None


@dataclass(frozen=True)
class Page:
    title: str
    inputs: list[str]
    tables: list[PageTable]
    listing_title: str = ""
    listing_summary: str = ""
    labels: tuple[str, str] = ("Expected", "Found")
    rows: list[FactRow] = field(default_factory=list)
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


def _score_table(report: DiffReport, mode: Mode) -> PageTable:
    s = report.comparison.scores[mode]
    rows = [
        [t, *_prf(c), str(c.tp), str(c.fp), str(c.fn), _num(c.value_accuracy), _attributes(c)]
        for t, c in [*s.types.items(), ("micro", s.micro)]
    ]
    macro = [_num(s.macro_precision), _num(s.macro_recall), _num(s.macro_f1)]
    rows.append(["macro", *macro, "", "", "", "", ""])
    gate = " (gate)" if mode == report.gate_mode else ""
    headers = ("Type", "P", "R", "F1", "TP", "FP", "FN", "Value acc.", "Attributes")
    return PageTable(f"{mode.capitalize()} matching{gate}", headers, rows)


def _doc_table(report: DiffReport) -> PageTable:
    cmp, m = report.comparison, report.gate_mode
    rows = []
    for doc, scores in cmp.by_doc.items():
        c = scores[m].micro
        f1s = [_num(scores[mode].micro.f1) for mode in MODES]
        side = SIDE_LABELS[cmp.doc_sides[doc]]
        rows.append([doc, side, *f1s, *_prf(c)[:2], str(c.tp), str(c.fp), str(c.fn)])
    headers = ("Document", "Facts in", "Strict F1", "Lenient F1", "P", "R", "TP", "FP", "FN")
    return PageTable(f"By document (P, R and counts: {m} matching)", headers, rows, 2)


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


def _report_page(report: DiffReport) -> Page:
    tables = [_score_table(report, m) for m in MODES]
    if report.by_doc:
        tables.append(_doc_table(report))
    page = Page(
        "facts diff",
        [f"System: {report.system}", f"Gold: {report.gold}"],
        tables,
        notes=report_notes(report),
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
        rows.append(FactRow(e.kind, e.fact, expected, found, e.sentence))
    title = f"Errors ({el.mode} matching)"
    return replace(
        page, listing_title=title, listing_summary=summary, labels=("Gold", "System"), rows=rows
    )


def _changes_page(report: ChangesReport) -> Page:
    ch, limit, docs = report.changes, report.limit, report.documents
    by_type = changes_by_type(ch)
    rows = [[t, str(n["added"]), str(n["removed"]), str(n["changed"])] for t, n in by_type.items()]
    rows.append(["total", str(len(ch.added)), str(len(ch.removed)), str(len(ch.changed))])
    table = PageTable("Changes by type", ("Type", "Added", "Removed", "Changed"), rows)
    facts = [FactRow("added", f, "—", _show(f), context_for(f, docs)) for f in ch.added[:limit]]
    facts += [
        FactRow("removed", f, _show(f), "—", context_for(f, docs)) for f in ch.removed[:limit]
    ]
    facts += [
        FactRow(
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
    return Page(
        "facts diff --changes",
        [f"Old: {report.old}", f"New: {report.new}"],
        [table],
        "Changed facts",
        summary,
        ("Old", "New"),
        facts,
        ["Facts are the same when doc_id, type, start and end are equal."],
    )


def build_page(obj: DiffReport | ChangesReport) -> Page:
    """The page of an evaluation or of a run-to-run comparison."""
    return _report_page(obj) if isinstance(obj, DiffReport) else _changes_page(obj)


def split_sentence(ctx: SentenceContext, f: InterchangeFact) -> tuple[str, str, str] | None:
    """Cut a sentence into (before, fact, after) so the fact can be highlighted."""
    text = ctx.text
    if ctx.start is not None:
        a, b = f.start - ctx.start, f.end - ctx.start
        if 0 <= a < b <= len(text) and text[a:b] == f.text:
            return text[:a], text[a:b], text[b:]
    a = text.find(f.text)
    return None if a < 0 else (text[:a], f.text, text[a + len(f.text) :])


def row_cells(r: FactRow) -> tuple[str, ...]:
    """A fact row's cells under ROW_HEADERS and the page's two labels (not the sentence)."""
    f = r.fact
    return (r.kind, f.doc_id, f.type, f"{f.start}–{f.end}", f.text, r.expected, r.found)
