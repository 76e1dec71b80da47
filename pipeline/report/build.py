"""Build the page model: place every record in its document, or list it as a problem.

Why here the order matters: element ids are handed out as records are
placed, then document anchors, then cards and missed gold facts, so the same
inputs always give the same ids (and the same bytes).

Example::

    >>> documents, errors = load_corpus(Path("corpus"))
    >>> page = build_report(load_records(Path("outputs/facts.jsonl")), documents)
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.corpus import Document
from pipeline.records import FACT_TYPES, Fact, InputError
from pipeline.report.documents import document_view, unique_anchor
from pipeline.report.gold import GoldMarks, score_gold
from pipeline.report.model import DocumentView, Link, Problem, ProblemItem, Report
from pipeline.report.overview import (
    amount_rows,
    timeline_chart,
    timeline_entries,
    timeline_key,
    top_entries,
)
from pipeline.scoring import InterchangeFact, Mode


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

    gold_view, marks_from_gold = None, GoldMarks()
    if gold is not None:
        gold_view, marks_from_gold, gold_problems = score_gold(
            records, gold, docs, mode=mode, gold_path=gold_path
        )
        problems += gold_problems
    missed_by_doc: dict[str, list[InterchangeFact]] = {}
    for g in marks_from_gold.missed:
        missed_by_doc.setdefault(g.doc_id, []).append(g)

    views: list[DocumentView] = []
    doc_anchor: dict[str, str] = {}
    for d in documents:
        doc_anchor[d.doc_id] = unique_anchor("doc-", d.doc_id, used)
    for d in documents:
        views.append(
            document_view(
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
        parties=top_entries(f for f in all_placed if f.type == "PARTY"),
        minerals=top_entries(f for f in all_placed if f.type == "MINERAL"),
        distinct={
            t: len({f.value for f in all_placed if f.type == t}) for t in ("PARTY", "MINERAL")
        },
        timeline=(timeline := timeline_entries(all_placed, doc_anchor)),
        undated=sum(f.type == "DATE" and timeline_key(f.value) is None for f in all_placed),
        chart=timeline_chart(timeline),
        amounts=amount_rows(all_placed, doc_anchor),
        documents=views,
        problems=problems,
        placed=len(all_placed),
        gold=gold_view,
    )
