"""`facts diff --format html`: the page as one self-contained HTML file, inline CSS, no script.

Every piece of input text goes through `html.escape`; facts are marked in
their sentences with `<mark>`.

Example::

    >>> Path("diff.html").write_text(render_html(report), encoding="utf-8")
"""

from __future__ import annotations

import html

from pipeline.diffreport.model import ChangesReport, DiffReport
from pipeline.diffreport.page import ROW_HEADERS, build_page, row_cells, split_sentence

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
mark { background: #ffe27a; padding: 0 0.1em; } .pass { color: #176b2c; }
.fail { color: #b00020; font-weight: bold; } .note { color: #666; }
"""


def render_html(obj: DiffReport | ChangesReport) -> str:
    """A self-contained HTML page; every piece of input text goes through html.escape."""
    e = html.escape
    page = build_page(obj)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(page.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(page.title)}</h1>",
        "<ul>" + "".join(f"<li>{e(i)}</li>" for i in page.inputs) + "</ul>",
    ]
    for t in page.tables:
        out.append(f"<h2>{e(t.title)}</h2><table><tr>")
        out.append("".join(f"<th>{e(h)}</th>" for h in t.headers) + "</tr>")
        for row in t.rows:
            cells = (f"<td{'' if i == 0 else ' class=n'}>{e(c)}</td>" for i, c in enumerate(row))
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    if page.listing_title:
        out.append(f"<h2>{e(page.listing_title)}</h2><p>{e(page.listing_summary)}</p>")
        headers = (*ROW_HEADERS, *page.labels, "Sentence")
        out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr>")
        for r in page.rows:
            parts = None if r.sentence is None else split_sentence(r.sentence, r.fact)
            if parts is None:
                sentence = "" if r.sentence is None else e(r.sentence.text)
            else:
                sentence = f"{e(parts[0])}<mark>{e(parts[1])}</mark>{e(parts[2])}"
            tds = "".join(f"<td>{e(c)}</td>" for c in row_cells(r))
            out.append(f"<tr>{tds}<td>{sentence}</td></tr>")
        out.append("</table>")
    out += [f'<p class="note">{e(n)}</p>' for n in page.notes]
    out += [f'<p class="{"pass" if ok else "fail"}">{e(line)}</p>' for ok, line in page.verdict]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
