"""The overview at the top of the page: top parties and minerals, the timeline, the amounts.

Why apart from the documents: these are summaries across the whole corpus,
computed from the facts that could be placed in their text, and each links
back into the documents by element id.

Example::

    >>> timeline_key("2026-Q3"), timeline_key("P6M")
    ((2026, 7, 1), None)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from pipeline.records import CommitmentFact, Fact
from pipeline.report.model import AmountRow, Bar, Chart, Link, TimelineEntry, TopEntry

TOP_N = 10

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


def top_entries(facts: Iterable[Fact]) -> list[TopEntry]:
    """The TOP_N most mentioned values, then by documents, then by name."""
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


def timeline_entries(facts: Sequence[Fact], doc_anchor: Mapping[str, str]) -> list[TimelineEntry]:
    """Calendar dates and commitment deadlines, in time order."""
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


def timeline_chart(
    entries: Sequence[TimelineEntry], width: int = 720, height: int = 160
) -> Chart | None:
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


def amount_rows(facts: Sequence[Fact], doc_anchor: Mapping[str, str]) -> list[AmountRow]:
    """Every AMOUNT, linked to its document and to the commitment that pledges it, if any."""
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
