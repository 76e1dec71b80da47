"""Render facts as one self-contained HTML page: documents, highlights, commitments, overview.

Why a page model and a template: the page is built once as plain data (which
text runs, which highlights, which cards and tables) and Jinja2 turns it into
HTML with autoescaping on, so no input text is ever concatenated into markup.
Highlights may overlap (a COMMITMENT clause contains PARTY and DATE facts, a
missed gold fact may cross a system fact), so `layout` nests them, splitting a
highlight into fragments where two cross; only the first fragment carries the
element id, so every record id appears exactly once. Text between highlights
is the document text unchanged, which the tests check after HTML-unescaping.

No spaCy here: the page stands on records, `pipeline.corpus` and
`pipeline.scoring`.

Example::

    summary = write_report(Path("outputs/facts.jsonl"), Path("corpus"),
                           Path("outputs/report.html"), gold_path=Path("corpus/gold"))
    print(summary.documents, summary.placed)   # 23 1313
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup, escape
from pydantic import ValidationError

from pipeline.corpus import Document, read_inputs
from pipeline.errors import FactFormatError
from pipeline.io import atomic_writer, iter_jsonl
from pipeline.records import FACT_ADAPTER, FACT_TYPES, CommitmentFact, Fact, InputError, Money
from pipeline.records import fact_id as make_fact_id
from pipeline.scoring import (
    MODES,
    Comparison,
    ErrorKind,
    ErrorListing,
    InterchangeFact,
    Mode,
    compare,
    list_errors,
    load_facts,
    parse_fact,
)

Status = Literal["found", "missed", "spurious", "value"]
# Short labels drawn next to each highlight, so the type never depends on colour alone.
TYPE_LABELS: dict[str, str] = {
    "DATE": "DATE",
    "PARTY": "PARTY",
    "MINERAL": "MINERAL",
    "PERCENTAGE": "PCT",
    "AMOUNT": "AMOUNT",
    "COMMITMENT": "COMMIT",
}
STATUS_LABELS: dict[Status, str] = {
    "found": "",
    "missed": "MISSED",
    "spurious": "SPURIOUS",
    "value": "≠GOLD",
}
TOP_N = 10

# --------------------------------------------------------------------------- layout


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlight to place in a document: a record, or a gold fact the system missed."""

    key: str  # element id: the record id, or gold-… for a missed gold fact
    start: int
    end: int
    type: str
    status: Status
    value: str
    rule: str
    source: str  # what the tooltip names as the origin: the record id or gold file:line
    note: str = ""  # e.g. the gold value a system value differs from

    @property
    def is_commitment(self) -> bool:
        return self.type == "COMMITMENT"

    @property
    def label(self) -> str:
        prefix = STATUS_LABELS[self.status]
        return f"{prefix} {TYPE_LABELS[self.type]}" if prefix else TYPE_LABELS[self.type]

    @property
    def title(self) -> str:
        parts = [f"{self.label}: {self.value}", f"rule {self.rule}", self.source]
        return " · ".join([*parts, self.note] if self.note else parts)


@dataclass(slots=True)
class MarkNode:
    """A highlight in the layout tree; `first` is False for the continuation of a split one."""

    mark: Mark
    first: bool
    children: list[str | MarkNode] = field(default_factory=list)


def _nesting_order(m: Mark) -> tuple[int, int, int, str]:
    # Earlier first; at one start the longer span encloses; commitments enclose entities.
    return (m.start, -m.end, 0 if m.is_commitment else 1, m.key)


def layout(text: str, marks: Iterable[Mark]) -> list[str | MarkNode]:
    """Nest `marks` over `text` into a tree of text runs and highlights.

    Crossing spans cannot nest in HTML, so when a highlight ends while others
    opened inside it are still open, those are closed and reopened as
    continuation fragments. Joining the text runs in order gives `text` back.

    >>> tree = layout("ab cd", [Mark("x", 0, 2, "DATE", "found", "v", "r", "x")])
    >>> tree[0].children, tree[1]
    (['ab'], ' cd')
    """
    ordered = sorted(marks, key=_nesting_order)
    starts: dict[int, list[Mark]] = {}
    for m in ordered:
        starts.setdefault(m.start, []).append(m)
    bounds = sorted({0, len(text), *starts, *(m.end for m in ordered)})
    root: list[str | MarkNode] = []
    stack: list[MarkNode] = []
    pos = 0
    for b in bounds:
        if b > pos:
            (stack[-1].children if stack else root).append(text[pos:b])
            pos = b
        if any(n.mark.end == b for n in stack):
            reopen: list[Mark] = []
            while any(n.mark.end == b for n in stack):
                node = stack.pop()
                if node.mark.end != b:
                    reopen.append(node.mark)
            for m in reversed(reopen):
                _open(MarkNode(m, first=False), stack, root)
        for m in starts.get(b, []):
            _open(MarkNode(m, first=True), stack, root)
    return root


def _open(node: MarkNode, stack: list[MarkNode], root: list[str | MarkNode]) -> None:
    (stack[-1].children if stack else root).append(node)
    stack.append(node)


# --------------------------------------------------------------------------- display values


def format_number(x: float) -> str:
    """Thousands separators, no trailing zeros: 1200000000.0 → '1,200,000,000'."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4f}".rstrip("0").rstrip(".")


def format_money(m: Money | Mapping[str, object] | None) -> str:
    """'1,200,000,000 USD' from a Money or its dict form; '—' for none."""
    if m is None:
        return "—"
    if isinstance(m, Money):
        return f"{format_number(m.value)} {m.unit}"
    amount, unit = m.get("value"), m.get("unit")
    return f"{format_number(amount)} {unit}" if isinstance(amount, (int, float)) else str(m)


def display_value(f: Fact) -> str:
    """The normalised value as a reader wants it, per type."""
    if f.type == "DATE":
        return f.value or "unresolved"
    if f.type == "PARTY":
        return f"{f.value} ({f.kind})"
    if f.type == "MINERAL":
        return f"{f.value} ({f.symbol})" if f.symbol else f.value
    if f.type == "PERCENTAGE":
        comp = "" if f.comparator == "=" else f"{f.comparator} "
        unit = "%" if f.unit == "percent" else " pp"
        return f"{comp}{format_number(f.value)}{unit}"
    if f.type == "AMOUNT":
        comp = "" if f.comparator == "=" else f"{f.comparator} "
        return comp + format_money(f.value)
    return _commitment_summary(f.modality, f.agents, f.deadline, f.amount)


def _commitment_summary(
    modality: str | None,
    agents: Sequence[str] | None,
    deadline: str | None,
    amount: Money | Mapping[str, object] | None,
) -> str:
    parts = [modality or "?", "agents " + (", ".join(agents or []) or "none")]
    if deadline:
        parts.append(f"deadline {deadline}")
    if amount is not None:
        parts.append(f"amount {format_money(amount)}")
    return "; ".join(parts)


def interchange_value(f: InterchangeFact) -> str:
    """A gold fact's value for display (gold facts are interchange format, not records)."""
    if f.type == "COMMITMENT":
        amount = f.amount if isinstance(f.amount, Mapping) else None
        return _commitment_summary(f.modality, f.agents, f.deadline, amount)
    if isinstance(f.value, Mapping):
        return format_money(f.value)
    if isinstance(f.value, float | int) and not isinstance(f.value, bool):
        return format_number(f.value)
    return "unresolved" if f.value is None else str(f.value)


_DATE_VALUE = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])|W(\d{2})))?$")


def timeline_key(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) for a calendar value (2025, 2025-03, 2025-Q3, 2025-W44…); None else.

    A decade (TIMEX3 `201`, "the 2010s") starts at its first year. Durations
    (P6M) and references (PAST_REF) have no place on a timeline.

    >>> timeline_key("2026-Q3"), timeline_key("P6M")
    ((2026, 7, 1), None)
    """
    if value and re.fullmatch(r"\d{3}", value):
        return (int(value) * 10, 1, 1)
    m = _DATE_VALUE.match(value or "")
    if m is None:
        return None
    year, month, day, quarter, half, week = m.groups()
    y = int(year)
    if week:
        try:
            d = dt.date.fromisocalendar(y, int(week), 1)
        except ValueError:
            return None
        return (d.year, d.month, d.day)
    if quarter:
        return (y, 3 * int(quarter) - 2, 1)
    if half:
        return (y, 1 if half == "1" else 7, 1)
    return (y, int(month or 1), int(day or 1))


# --------------------------------------------------------------------------- page model


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class CommitmentCard:
    """A commitment beside its document: who, how firmly, by when, how much, and where."""

    anchor: str  # the card's own element id
    target: str  # the element id of its marker in the text
    status: Status
    label: str
    modality: str
    agents: list[str]
    deadline: str
    amount: str
    sentence: tuple[str, str, str]  # before the trigger, the trigger, after it
    rule: str
    source: str
    links: list[Link]
    note: str = ""


@dataclass(frozen=True)
class DocumentView:
    anchor: str
    doc_id: str
    title: str
    date: str
    source: str
    source_url: str | None
    nodes: list[str | MarkNode]
    cards: list[CommitmentCard]
    card_for: dict[str, str]  # marker element id → its card's element id
    counts: dict[str, int]
    errors: dict[str, int]  # missed / spurious / value, with --gold


@dataclass(frozen=True)
class ProblemItem:
    """One fact behind a problem; `anchor` keeps an unplaced record's id on the page."""

    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class Problem:
    """Facts that could not be shown in their text, grouped by reason (or a corpus error)."""

    message: str
    items: list[ProblemItem] = field(default_factory=list)


@dataclass(frozen=True)
class Bar:
    """One year of the timeline chart: dates and deadlines stacked, in SVG units."""

    x: float
    width: float
    label: str
    title: str
    dates_y: float
    dates_h: float
    deadlines_y: float
    deadlines_h: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    max_count: int


@dataclass(frozen=True)
class TimelineEntry:
    key: tuple[int, int, int]
    value: str
    kind: str  # "date" or "deadline"
    text: str
    doc: Link
    target: str


@dataclass(frozen=True)
class AmountRow:
    value: float
    unit: str
    comparator: str
    text: str
    doc: Link
    target: str
    pledge: Link | None


@dataclass(frozen=True)
class TopEntry:
    value: str
    detail: str
    mentions: int
    documents: int


@dataclass(frozen=True)
class ScoreRow:
    scope: str
    cells: list[str]


@dataclass(frozen=True)
class GoldView:
    """The `facts diff` numbers shown at the top when a gold set is given."""

    path: str
    mode: Mode
    tables: dict[str, list[ScoreRow]]
    totals: dict[ErrorKind, int]
    note: str = ""


@dataclass(frozen=True)
class Report:
    """Everything the template shows; built by `build_report`, rendered by `render_html`."""

    title: str
    facts_path: str
    corpus: str
    type_counts: dict[str, int]
    doc_rows: list[tuple[Link, dict[str, int], int, dict[str, int]]]
    parties: list[TopEntry]
    minerals: list[TopEntry]
    distinct: dict[str, int]
    timeline: list[TimelineEntry]
    undated: int
    chart: Chart | None
    amounts: list[AmountRow]
    documents: list[DocumentView]
    problems: list[Problem]
    placed: int
    gold: GoldView | None = None
    types: tuple[str, ...] = FACT_TYPES
    labels: dict[str, str] = field(default_factory=lambda: dict(TYPE_LABELS))

    @property
    def n_facts(self) -> int:
        return sum(self.type_counts.values())


@dataclass(frozen=True)
class ReportSummary:
    """What `write_report` did, for the CLI to print."""

    output: Path
    documents: int
    facts: int
    placed: int
    problems: list[str]


# --------------------------------------------------------------------------- loading


def load_records(path: Path) -> list[Fact]:
    """Read and validate a facts JSONL file; the first bad line raises FactFormatError."""
    records: list[Fact] = []
    try:
        for n, obj in iter_jsonl(path):
            try:
                records.append(FACT_ADAPTER.validate_python(obj))
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "record"
                raise FactFormatError(
                    f"{path}:{n}: not a fact record ({where}: {first['msg']}); "
                    "write it with `facts extract`"
                ) from None
    except OSError as exc:
        raise FactFormatError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise FactFormatError(f"{path}: invalid UTF-8 at byte {exc.start}") from None
    except ValueError as exc:  # iter_jsonl names the line that is not a JSON object
        raise FactFormatError(str(exc)) from None
    return records


def load_corpus(corpus: Path) -> tuple[list[Document], list[InputError]]:
    """The documents of a folder or file, and what could not be read."""
    documents: list[Document] = []
    problems: list[InputError] = []
    for item in read_inputs([str(corpus)]):
        if isinstance(item, Document):
            documents.append(item)
        else:
            problems.append(item)
    return documents, problems


# --------------------------------------------------------------------------- building


def _anchor(prefix: str, raw: str, used: set[str]) -> str:
    base = prefix + (re.sub(r"[^A-Za-z0-9_.-]+", "_", raw) or "_")
    anchor, n = base, 1
    while anchor in used:
        n += 1
        anchor = f"{base}-{n}"
    used.add(anchor)
    return anchor


def _record_mark(f: Fact, status: Status = "found", note: str = "") -> Mark:
    return Mark(f.id, f.start, f.end, f.type, status, display_value(f), f.rule, f"id {f.id}", note)


def _sentence_parts(f: CommitmentFact) -> tuple[str, str, str]:
    s, t = f.sentence, f.trigger
    a, b = t.start - s.start, t.end - s.start
    if 0 <= a < b <= len(s.text) and s.text[a:b] == t.text:
        return s.text[:a], s.text[a:b], s.text[b:]
    return s.text, "", ""


@dataclass
class _GoldMarks:
    """Per-record statuses and the gold facts to add, from one comparison."""

    status: dict[str, tuple[Status, str]] = field(default_factory=dict)
    missed: list[InterchangeFact] = field(default_factory=list)


def _gold_marks(errors: ErrorListing, by_fact: Mapping[InterchangeFact, Fact]) -> _GoldMarks:
    """Which records are spurious or differ from gold, and which gold facts were missed."""
    out = _GoldMarks()
    for item in errors.items:
        if item.kind == "missed":
            out.missed.append(item.fact)
        elif item.kind == "spurious":
            out.status[by_fact[item.fact].id] = ("spurious", "not in gold")
        elif item.other is not None:
            gold = f"gold: {interchange_value(item.fact)}"
            out.status[by_fact[item.other].id] = (
                "value",
                f"{gold} ({', '.join(item.differences)})",
            )
    return out


def _score_tables(cmp: Comparison) -> dict[str, list[ScoreRow]]:
    def num(x: float | None) -> str:
        return "–" if x is None else f"{x:.3f}"

    tables: dict[str, list[ScoreRow]] = {}
    for m in MODES:
        s = cmp.scores[m]
        rows = [
            ScoreRow(
                t,
                [
                    *(num(c.precision), num(c.recall), num(c.f1)),
                    *(str(c.tp), str(c.fp), str(c.fn), num(c.value_accuracy)),
                ],
            )
            for t, c in [*s.types.items(), ("micro", s.micro)]
        ]
        macro = [num(s.macro_precision), num(s.macro_recall), num(s.macro_f1), "", "", "", ""]
        tables[m] = [*rows, ScoreRow("macro", macro)]
    return tables


def build_report(
    records: Sequence[Fact],
    documents: Sequence[Document],
    *,
    gold: Sequence[InterchangeFact] | None = None,
    gold_path: str = "",
    mode: Mode = "lenient",
    input_errors: Sequence[InputError] = (),
    facts_path: str = "",
    corpus: str = "",
    title: str = "Extracted facts",
) -> Report:
    """Build the page model: place every record in its document, or list it as a problem.

    With `gold`, only the facts of the corpus's documents are scored, so a
    report on part of a corpus does not count the rest as missed.
    """
    docs = {d.doc_id: d for d in documents}
    problems = [
        Problem(f"corpus: {e.path}{f':{e.line}' if e.line else ''}: {e.reason}")
        for e in input_errors
    ]
    used: set[str] = set()
    placed: dict[str, list[Fact]] = {}
    unplaced: dict[str, list[ProblemItem]] = {}
    for f in records:
        doc = docs.get(f.doc_id)
        if f.id in used:
            reason, anchor = "ids repeated in the facts file (each shown once)", None
        elif doc is None:
            reason, anchor = f"document {f.doc_id!r} is not in the corpus", f.id
        elif f.doc_sha256 != doc.sha256:
            reason, anchor = (
                f"document {f.doc_id!r} changed since extraction; run `facts extract` again",
                f.id,
            )
        elif doc.text[f.start : f.end] != f.text:
            reason, anchor = f"offsets that do not fit document {f.doc_id!r}", f.id
        else:
            placed.setdefault(f.doc_id, []).append(f)
            used.add(f.id)
            continue
        used.add(f.id)
        item = ProblemItem(f"{f.type} {f.text!r} at {f.start}–{f.end} (id {f.id})", anchor)
        unplaced.setdefault(reason, []).append(item)
    problems += [Problem(f"{r}: {len(items)} fact(s)", items) for r, items in unplaced.items()]

    gold_view, marks_from_gold = None, _GoldMarks()
    if gold is not None:
        gold_view, marks_from_gold, gold_problems = _score(
            records, gold, docs, mode=mode, gold_path=gold_path
        )
        problems += gold_problems
    missed_by_doc: dict[str, list[InterchangeFact]] = {}
    for g in marks_from_gold.missed:
        missed_by_doc.setdefault(g.doc_id, []).append(g)

    views: list[DocumentView] = []
    doc_anchor: dict[str, str] = {}
    for d in documents:
        doc_anchor[d.doc_id] = _anchor("doc-", d.doc_id, used)
    for d in documents:
        views.append(
            _document_view(
                d, doc_anchor[d.doc_id], placed.get(d.doc_id, []),
                missed_by_doc.get(d.doc_id, []), marks_from_gold.status, used,
            )
        )  # fmt: skip

    all_placed = [f for d in documents for f in placed.get(d.doc_id, [])]
    return Report(
        title=title,
        facts_path=facts_path,
        corpus=corpus,
        type_counts={t: sum(f.type == t for f in records) for t in FACT_TYPES},
        doc_rows=[
            (Link("#" + v.anchor, v.doc_id), v.counts, sum(v.counts.values()), v.errors)
            for v in views
        ],
        parties=_top(f for f in all_placed if f.type == "PARTY"),
        minerals=_top(f for f in all_placed if f.type == "MINERAL"),
        distinct={
            t: len({f.value for f in all_placed if f.type == t}) for t in ("PARTY", "MINERAL")
        },
        timeline=(timeline := _timeline(all_placed, doc_anchor)),
        undated=sum(f.type == "DATE" and timeline_key(f.value) is None for f in all_placed),
        chart=_chart(timeline),
        amounts=_amounts(all_placed, doc_anchor),
        documents=views,
        problems=problems,
        placed=len(all_placed),
        gold=gold_view,
    )


def _score(
    records: Sequence[Fact],
    gold: Sequence[InterchangeFact],
    docs: Mapping[str, Document],
    *,
    mode: Mode,
    gold_path: str,
) -> tuple[GoldView, _GoldMarks, list[Problem]]:
    """Compare the corpus's records with its gold facts; what to mark, and what does not fit."""
    by_fact = {parse_fact(f.model_dump(mode="json"), f.id): f for f in records if f.doc_id in docs}
    here = [g for g in gold if g.doc_id in docs]
    cmp = compare(list(by_fact), here)
    errors = list_errors(cmp, mode)
    found = _gold_marks(errors, by_fact)
    marks = _GoldMarks(status=found.status)
    bad: dict[str, list[ProblemItem]] = {}
    for g in found.missed:
        if docs[g.doc_id].text[g.start : g.end] == g.text:
            marks.missed.append(g)
        else:
            reason = f"gold facts that do not fit document {g.doc_id!r}"
            bad.setdefault(reason, []).append(ProblemItem(f"{g.where}: {g.type} {g.text!r}"))
    problems = [Problem(f"{r}: {len(items)} fact(s)", items) for r, items in bad.items()]
    note = ""
    if len(here) < len(gold) or len(by_fact) < len(records):
        other_gold, other_system = len(gold) - len(here), len(records) - len(by_fact)
        note = (
            f"Scores cover the {len(docs)} documents of the corpus; {other_gold} gold and "
            f"{other_system} extracted facts of other documents are left out."
        )
    view = GoldView(gold_path, mode, _score_tables(cmp), dict(errors.totals), note)
    return view, marks, problems


def _document_view(
    doc: Document,
    anchor: str,
    facts: Sequence[Fact],
    missed: Sequence[InterchangeFact],
    statuses: Mapping[str, tuple[Status, str]],
    used: set[str],
) -> DocumentView:
    marks: list[Mark] = []
    cards: list[tuple[int, CommitmentCard]] = []
    by_id = {f.id: f for f in facts}
    for f in facts:
        status, note = statuses.get(f.id, ("found", ""))
        mark = _record_mark(f, status, note)
        marks.append(mark)
        if isinstance(f, CommitmentFact):
            links = [
                Link("#" + i, f"{by_id[i].type}: {by_id[i].text}") for i in f.links if i in by_id
            ]
            cards.append((f.start, _card(mark, f, links, used)))
    for g in missed:
        key = _anchor("gold-", make_fact_id(doc.sha256, g.type, g.start, g.end), used)
        mark = Mark(key, g.start, g.end, g.type, "missed", interchange_value(g), "gold", g.where)
        marks.append(mark)
        if g.type == "COMMITMENT":
            cards.append((g.start, _gold_card(mark, g, used)))
    counts = Counter(m.type for m in marks if m.status != "missed")
    errors = Counter(m.status for m in marks if m.status != "found")
    url = doc.source if doc.source and re.match(r"https?://", doc.source) else None
    return DocumentView(
        anchor=anchor,
        doc_id=doc.doc_id,
        title=doc.title or doc.doc_id,
        date=doc.date.isoformat() if doc.date else "",
        source=doc.source or "",
        source_url=url,
        nodes=layout(doc.text, marks),
        cards=[c for _, c in sorted(cards, key=lambda sc: (sc[0], sc[1].anchor))],
        card_for={c.target: c.anchor for _, c in cards},
        counts={t: counts.get(t, 0) for t in FACT_TYPES},
        errors={k: errors.get(k, 0) for k in ("missed", "spurious", "value")},
    )


def _card(mark: Mark, f: CommitmentFact, links: list[Link], used: set[str]) -> CommitmentCard:
    deadline = f.deadline or "—"
    if f.deadline_date and f.deadline_date != f.deadline:
        deadline += f" (by {f.deadline_date})"
    return CommitmentCard(
        anchor=_anchor("card-", f.id, used),
        target=mark.key,
        status=mark.status,
        label=mark.label,
        modality=f.modality,
        agents=list(f.agents),
        deadline=deadline,
        amount=format_money(f.amount),
        sentence=_sentence_parts(f),
        rule=f.rule,
        source=mark.source,
        links=links,
        note=mark.note,
    )


def _gold_card(mark: Mark, g: InterchangeFact, used: set[str]) -> CommitmentCard:
    sentence = g.sentence.text if g.sentence else g.text
    amount = g.amount if isinstance(g.amount, Mapping) else None
    return CommitmentCard(
        anchor=_anchor("card-", mark.key, used),
        target=mark.key,
        status="missed",
        label=mark.label,
        modality=g.modality or "?",
        agents=list(g.agents or ()),
        deadline=g.deadline or "—",
        amount=format_money(amount),
        sentence=(sentence, "", ""),
        rule="gold",
        source=g.where,
        links=[],
    )


def _top(facts: Iterable[Fact]) -> list[TopEntry]:
    mentions: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    detail: dict[str, str] = {}
    for f in facts:
        key = str(f.value)
        mentions[key] += 1
        docs.setdefault(key, set()).add(f.doc_id)
        kind = getattr(f, "kind", None) or getattr(f, "symbol", None)
        detail.setdefault(key, kind or "")
    ranked = sorted(mentions.items(), key=lambda kv: (-kv[1], -len(docs[kv[0]]), kv[0]))
    return [TopEntry(v, detail[v], n, len(docs[v])) for v, n in ranked[:TOP_N]]


def _timeline(facts: Sequence[Fact], doc_anchor: Mapping[str, str]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for f in facts:
        doc = Link("#" + doc_anchor[f.doc_id], f.doc_id)
        if f.type == "DATE" and (key := timeline_key(f.value)) and f.value:
            entries.append(TimelineEntry(key, f.value, "date", f.text, doc, f.id))
        elif isinstance(f, CommitmentFact):
            value = f.deadline_date or f.deadline
            if (key := timeline_key(value)) and value:
                entries.append(TimelineEntry(key, value, "deadline", f.text, doc, f.id))
    return sorted(entries, key=lambda e: (e.key, e.kind, e.doc.text, e.target))


def _chart(entries: Sequence[TimelineEntry], width: int = 720, height: int = 160) -> Chart | None:
    """A bar per year (dates and deadlines stacked); every year between shown, up to 60."""
    if not entries:
        return None
    dates = Counter(e.key[0] for e in entries if e.kind == "date")
    deadlines = Counter(e.key[0] for e in entries if e.kind == "deadline")
    present = sorted(set(dates) | set(deadlines))
    lo, hi = present[0], present[-1]
    years = list(range(lo, hi + 1)) if hi - lo < 60 else present
    top = max(dates[y] + deadlines[y] for y in years)
    baseline, plot_h = height - 24.0, height - 40.0
    step = (width - 20) / len(years)
    bars = []
    for i, y in enumerate(years):
        h1 = plot_h * dates[y] / top
        h2 = plot_h * deadlines[y] / top
        bars.append(
            Bar(
                x=round(10 + i * step + step * 0.15, 2),
                width=round(step * 0.7, 2),
                label=str(y) if len(years) <= 16 or i % max(1, len(years) // 12) == 0 else "",
                title=f"{y}: {dates[y]} date(s), {deadlines[y]} deadline(s)",
                dates_y=round(baseline - h1, 2),
                dates_h=round(h1, 2),
                deadlines_y=round(baseline - h1 - h2, 2),
                deadlines_h=round(h2, 2),
            )
        )
    return Chart(width, height, baseline, bars, top)


def _amounts(facts: Sequence[Fact], doc_anchor: Mapping[str, str]) -> list[AmountRow]:
    pledged: dict[str, str] = {}
    for f in facts:
        if isinstance(f, CommitmentFact):
            for i in f.links:
                pledged.setdefault(i, f.id)
    rows = []
    for f in facts:
        if f.type != "AMOUNT":
            continue
        doc = Link("#" + doc_anchor[f.doc_id], f.doc_id)
        pledge = Link("#" + pledged[f.id], "commitment") if f.id in pledged else None
        rows.append(AmountRow(f.value.value, f.value.unit, f.comparator, f.text, doc, f.id, pledge))
    return rows


# --------------------------------------------------------------------------- rendering


def _keep_text(value: str) -> Markup:
    """Escape document text, writing CR as a character reference.

    Why: HTML parsers turn a raw CR (and CR LF) into LF before anything else,
    but keep `&#13;`, so the text survives byte for byte.
    """
    return Markup(str(escape(value)).replace("\r", "&#13;"))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["keep_text"] = _keep_text
    env.filters["num"] = format_number
    return env


def render_html(report: Report) -> str:
    """The page as one string: inline CSS and JavaScript, nothing fetched from the network."""
    return _environment().get_template("report.html").render(report=report)


def write_report(
    facts_path: Path,
    corpus: Path,
    output: Path,
    *,
    gold_path: Path | None = None,
    mode: Mode = "lenient",
    title: str = "Extracted facts",
) -> ReportSummary:
    """Read facts, corpus and optional gold; write the page atomically; say what happened."""
    records = load_records(facts_path)
    documents, input_errors = load_corpus(corpus)
    gold = load_facts(gold_path) if gold_path is not None else None
    report = build_report(
        records,
        documents,
        gold=gold,
        gold_path=str(gold_path or ""),
        mode=mode,
        input_errors=input_errors,
        facts_path=str(facts_path),
        corpus=str(corpus),
        title=title,
    )
    with atomic_writer(output) as fh:
        fh.write(render_html(report))
    return ReportSummary(
        output, len(documents), len(records), report.placed, [p.message for p in report.problems]
    )
