"""Render `facts diff` results: a rich table, JSON, Markdown or a self-contained HTML page.

One idea per module, each importing only from those above it in this list:

- `model`: `DiffReport`/`ChangesReport` and `build_report`, computed once for every view.
- `json_data`: JSON-ready data with stable keys, built from the scores directly.
- `page`: the page model (plain tables and fact rows) that the text views share,
  so the terminal, Markdown and HTML show the same numbers.
- `terminal`, `markdown`, `html_page`: the page drawn for each medium.
- `formats`: `render(obj, fmt)`, the view picked by name.

No spaCy here; everything stands on `pipeline.scoring`. Everything public is
re-exported here, so `from pipeline import diffreport` is the way in.

Example::

    >>> report = build_report("out.jsonl", "gold", load_facts("out.jsonl"), load_facts("gold"))
    >>> print(render(report, "markdown"))
"""

from __future__ import annotations

from pipeline.diffreport.formats import FORMATS, OutputFormat, render
from pipeline.diffreport.html_page import render_html
from pipeline.diffreport.json_data import changes_json, report_json
from pipeline.diffreport.markdown import render_markdown
from pipeline.diffreport.model import ChangesReport, DiffReport, build_report
from pipeline.diffreport.page import SIDE_LABELS
from pipeline.diffreport.terminal import render_text, rich_view

__all__ = [
    "FORMATS",
    "SIDE_LABELS",
    "ChangesReport",
    "DiffReport",
    "OutputFormat",
    "build_report",
    "changes_json",
    "render",
    "render_html",
    "render_markdown",
    "render_text",
    "report_json",
    "rich_view",
]
