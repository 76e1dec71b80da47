"""Render the page model to HTML with Jinja2 (templates in `pipeline/templates/`).

Why a template with autoescaping: Jinja2 turns the page model into HTML with
autoescaping on, so no input text is ever concatenated into markup. The page
is self-contained: inline CSS and JavaScript, nothing fetched from the network.

Example::

    >>> html = render_html(build_report(records, documents))
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup, escape

from pipeline.report.model import Report
from pipeline.report.values import format_number


def _keep_text(value: str) -> Markup:
    """Escape document text, writing CR as a character reference.

    Why: HTML parsers turn a raw CR (and CR LF) into LF before anything else,
    but keep `&#13;`, so the text survives byte for byte.
    """
    return Markup(str(escape(value)).replace("\r", "&#13;"))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["keep_text"] = _keep_text
    env.filters["num"] = format_number
    return env


def render_html(report: Report) -> str:
    """The page as one string: inline CSS and JavaScript, nothing fetched from the network."""
    return _environment().get_template("report.html").render(report=report)
