"""One document on the page: its text with every highlight nested in, and its commitment cards.

Why element ids are handed out here: each record id must be exactly one
element id on the page, and cards, gold facts and documents need ids of their
own that never collide with them, so every id goes through `unique_anchor`
with the set of ids already used.

Example::

    >>> used = set()
    >>> unique_anchor("doc-", "a 1", used), unique_anchor("doc-", "a 1", used)
    ('doc-a_1', 'doc-a_1-2')
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from pipeline.corpus import Document
from pipeline.records import FACT_TYPES, CommitmentFact, Fact
from pipeline.records import fact_id as make_fact_id
from pipeline.report.highlights import Mark, Status, layout
from pipeline.report.model import CommitmentCard, DocumentView, Link
from pipeline.report.values import display_value, format_money, interchange_value
from pipeline.scoring import InterchangeFact


def unique_anchor(prefix: str, raw: str, used: set[str]) -> str:
    """An element id from `prefix` and `raw`, made safe and unique against `used` (and added)."""
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


def document_view(
    doc: Document,
    anchor: str,
    facts: Sequence[Fact],
    missed: Sequence[InterchangeFact],
    statuses: Mapping[str, tuple[Status, str]],
    used: set[str],
) -> DocumentView:
    """Highlight `facts` (with their gold statuses) and the `missed` gold facts in `doc`."""
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
        key = unique_anchor("gold-", make_fact_id(doc.sha256, g.type, g.start, g.end), used)
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
        anchor=unique_anchor("card-", f.id, used),
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
        anchor=unique_anchor("card-", mark.key, used),
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
