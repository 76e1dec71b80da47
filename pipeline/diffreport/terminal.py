"""`facts diff --format table`: the page as rich tables, in colour or as plain text.

Example::

    >>> Console().print(rich_view(report))
    >>> print(render_text(report))   # no colours; each fact in its sentence as [[fact]]
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pipeline.diffreport.model import ChangesReport, DiffReport
from pipeline.diffreport.page import ROW_HEADERS, build_page, row_cells, split_sentence


def rich_view(obj: DiffReport | ChangesReport, plain: bool = False) -> RenderableType:
    """The terminal view: tables, fact rows, notes and the gate verdict.

    `plain` (no colours, e.g. in a file) marks each fact in its sentence as [[fact]].
    """
    page = build_page(obj)
    out: list[RenderableType] = [Text("\n".join(page.inputs), style="dim")]
    for t in page.tables:
        table = Table(title=t.title, title_justify="left")
        for i, h in enumerate(t.headers):
            numeric = i >= t.text_columns
            table.add_column(h, justify="right" if numeric else "left", no_wrap=i < 7)
        for row in t.rows:
            table.add_row(*row, style="bold" if row[0] in ("micro", "total") else None)
        out.append(table)
    if page.listing_title:
        table = Table(title=page.listing_title, caption=page.listing_summary, title_justify="left")
        for h in (*ROW_HEADERS, *page.labels, "Sentence"):
            table.add_column(h)
        for r in page.rows:
            parts = None if r.sentence is None else split_sentence(r.sentence, r.fact)
            if parts is not None and plain:
                sentence = Text(f"{parts[0]}[[{parts[1]}]]{parts[2]}")
            elif parts is not None:
                sentence = Text.assemble(parts[0], (parts[1], "bold reverse"), parts[2])
            else:
                sentence = Text("" if r.sentence is None else r.sentence.text)
            table.add_row(*row_cells(r), sentence)
        out.append(table)
    out += [Text(n, style="dim") for n in page.notes]
    out += [Text(line, style="green" if ok else "bold red") for ok, line in page.verdict]
    return Group(*out)


def render_text(obj: DiffReport | ChangesReport, width: int = 120) -> str:
    """The terminal view as plain text (no colours), for writing to a file."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, highlight=False
    )
    console.print(rich_view(obj, plain=True))
    return buffer.getvalue()
