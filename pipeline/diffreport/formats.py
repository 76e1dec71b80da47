"""Pick the view by name: `facts diff --format table|json|markdown|html` as one string.

Example::

    >>> render(report, "markdown").startswith("# facts diff")
    True
"""

from __future__ import annotations

import json
from typing import Literal

from pipeline.diffreport.html_page import render_html
from pipeline.diffreport.json_data import changes_json, report_json
from pipeline.diffreport.markdown import render_markdown
from pipeline.diffreport.model import ChangesReport, DiffReport
from pipeline.diffreport.terminal import render_text

OutputFormat = Literal["table", "json", "markdown", "html"]
FORMATS: tuple[OutputFormat, ...] = ("table", "json", "markdown", "html")


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
