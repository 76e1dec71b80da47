"""`facts report`: one self-contained HTML page of documents, highlighted facts and commitments.

Why thin: the page is built and rendered by `pipeline.report`, so a notebook or
a test gets the same page without the CLI. This module parses options, calls
`write_report`, and prints. Exit codes: 0 written (problems are listed on the
page and as warnings), 2 for an unreadable or invalid facts or gold file.

Example::

    facts report outputs/facts.jsonl --corpus corpus -o outputs/report.html --gold corpus/gold
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pipeline.errors import FactsError
from pipeline.report import write_report


class MatchMode(str, Enum):
    strict = "strict"
    lenient = "lenient"


def report(
    facts_file: Annotated[
        Path,
        typer.Argument(
            metavar="FACTS.jsonl",
            exists=True,
            dir_okay=False,
            help="Facts written by `facts extract`.",
        ),
    ],
    corpus: Annotated[
        Path,
        typer.Option(exists=True, help="The documents the facts came from (folder or file)."),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file to write (atomically).")
    ] = Path("outputs/report.html"),
    gold: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            help="Gold facts (file or folder): mark missed and spurious facts, add the scores.",
        ),
    ] = None,
    mode: Annotated[
        MatchMode, typer.Option(help="Matching that decides what is marked missed or spurious.")
    ] = MatchMode.lenient,
    title: Annotated[str, typer.Option(help="Page title.")] = "Extracted facts",
) -> None:
    """Write an HTML report: each document with its facts highlighted, commitments as
    cards, an overview (counts, top parties and minerals, timeline, amounts) and, with
    --gold, the missed and spurious facts and the scores."""
    try:
        summary = write_report(
            facts_file,
            corpus,
            output,
            gold_path=gold,
            mode="strict" if mode is MatchMode.strict else "lenient",
            title=title,
        )
    except FactsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for problem in summary.problems:
        typer.echo(f"warning: {problem}", err=True)
    typer.echo(
        f"wrote {summary.output}: {summary.documents} documents, "
        f"{summary.placed} of {summary.facts} facts in their text",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """Add the `report` command to the `facts` app."""
    app.command("report")(report)
