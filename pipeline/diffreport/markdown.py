"""`facts diff --format markdown`: the page as pipe tables, for READMEs and pull requests.

Every cell is escaped (CommonMark backslash escapes, whitespace folded), so
fact text cannot break a table row or turn into markup.

Example::

    >>> print(render_markdown(report))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.diffreport.model import ChangesReport, DiffReport
from pipeline.diffreport.page import ROW_HEADERS, build_page, row_cells, split_sentence


def _md(text: str) -> str:
    """Escape text for a Markdown table cell (CommonMark backslash escapes)."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return re.sub(r"\s+", " ", text)  # a line break would end the table row


def _md_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |"]
    lines.append("| " + " | ".join("---" if i == 0 else "---:" for i in range(len(headers))) + " |")
    lines += ["| " + " | ".join(_md(c) if c else " " for c in row) + " |" for row in rows]
    return lines


def render_markdown(obj: DiffReport | ChangesReport) -> str:
    """Markdown with pipe tables, for READMEs and pull-request comments."""
    page = build_page(obj)
    lines = [f"# {page.title}", "", *(f"- {_md(i)}" for i in page.inputs), ""]
    for t in page.tables:
        lines += [f"## {_md(t.title)}", "", *_md_table(t.headers, t.rows), ""]
    if page.listing_title:
        lines += [f"## {_md(page.listing_title)}", "", _md(page.listing_summary), ""]
        rows = []
        for r in page.rows:
            parts = None if r.sentence is None else split_sentence(r.sentence, r.fact)
            if parts is None:
                sentence = "" if r.sentence is None else _md(r.sentence.text)
            else:
                sentence = f"{_md(parts[0])}**{_md(parts[1])}**{_md(parts[2])}"
            rows.append([_md(c) for c in row_cells(r)] + [sentence])
        headers = [*ROW_HEADERS, *page.labels, "Sentence"]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + " --- |" * len(headers))
        lines += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
        lines.append("")
    lines += [f"_{_md(n)}_  " for n in page.notes]
    if page.verdict:
        lines += ["", *(f"- {_md(line)}" for _, line in page.verdict)]
    return "\n".join(lines).rstrip() + "\n"
