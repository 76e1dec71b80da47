"""`write_report`: read facts, corpus and optional gold, build the page, write it atomically.

The one call `facts report` makes; a notebook can make it too.

Example::

    summary = write_report(Path("outputs/facts.jsonl"), Path("corpus"),
                           Path("outputs/report.html"), gold_path=Path("corpus/gold"))
    print(summary.documents, summary.placed)   # 23 1313
"""

from __future__ import annotations

from pathlib import Path

from pipeline.io import atomic_writer
from pipeline.report.build import build_report
from pipeline.report.loading import load_corpus, load_records
from pipeline.report.model import ReportSummary
from pipeline.report.render import render_html
from pipeline.scoring import Mode, load_facts


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
