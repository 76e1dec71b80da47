"""The page model: everything the report template shows, as plain frozen data.

Why plain data: the page is built once (which text runs, which highlights,
which cards and tables) and only then rendered, so a notebook or a test can
inspect it, and the template never computes anything.

Example::

    >>> page = build_report(records, documents)
    >>> page.documents[0].counts["DATE"], page.n_facts
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.records import FACT_TYPES
from pipeline.report.highlights import TYPE_LABELS, MarkNode, Status
from pipeline.scoring import ErrorKind, Mode


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
