"""Render facts as one self-contained HTML page: documents, highlights, commitments, overview.

Why a page model and a template: the page is built once as plain data (which
text runs, which highlights, which cards and tables) and Jinja2 turns it into
HTML with autoescaping on, so no input text is ever concatenated into markup.

One idea per module, each importing only from those above it in this list:

- `highlights`: a highlight (`Mark`) and `layout`, which nests overlapping
  ones, splitting where two cross, so every record id appears exactly once.
- `values`: numbers, money and fact values as a reader wants them.
- `model`: the page model, plain frozen data the template reads.
- `loading`: fact records and the corpus, validated.
- `overview`: top parties and minerals, the timeline and its chart, the amounts.
- `gold`: scoring against gold, for the score tables and the MISSED/SPURIOUS marks.
- `documents`: one document's highlights and commitment cards; element ids.
- `build`: `build_report`, the whole page model.
- `render`: `render_html`, the page model through the Jinja2 templates.
- `write`: `write_report`, all of the above in one call for `facts report`.

No spaCy here: the page stands on records, `pipeline.corpus` and
`pipeline.scoring`. Everything public is re-exported here, so
`from pipeline.report import write_report` is the way in.

Example::

    summary = write_report(Path("outputs/facts.jsonl"), Path("corpus"),
                           Path("outputs/report.html"), gold_path=Path("corpus/gold"))
    print(summary.documents, summary.placed)   # 23 1313
"""

from __future__ import annotations

from pipeline.report.build import build_report
from pipeline.report.highlights import STATUS_LABELS, TYPE_LABELS, Mark, MarkNode, Status, layout
from pipeline.report.loading import load_corpus, load_records
from pipeline.report.model import (
    AmountRow,
    Bar,
    Chart,
    CommitmentCard,
    DocumentView,
    GoldView,
    Link,
    Problem,
    ProblemItem,
    Report,
    ReportSummary,
    ScoreRow,
    TimelineEntry,
    TopEntry,
)
from pipeline.report.overview import TOP_N, timeline_key
from pipeline.report.render import render_html
from pipeline.report.values import display_value, format_money, format_number, interchange_value
from pipeline.report.write import write_report

__all__ = [
    "STATUS_LABELS",
    "TOP_N",
    "TYPE_LABELS",
    "AmountRow",
    "Bar",
    "Chart",
    "CommitmentCard",
    "DocumentView",
    "GoldView",
    "Link",
    "Mark",
    "MarkNode",
    "Problem",
    "ProblemItem",
    "Report",
    "ReportSummary",
    "ScoreRow",
    "Status",
    "TimelineEntry",
    "TopEntry",
    "build_report",
    "display_value",
    "format_money",
    "format_number",
    "interchange_value",
    "layout",
    "load_corpus",
    "load_records",
    "render_html",
    "timeline_key",
    "write_report",
]
