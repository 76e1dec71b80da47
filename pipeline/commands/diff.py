"""`facts diff`: score facts against gold, gate CI on the scores, or compare two runs.

Why thin: the counting lives in `pipeline.scoring` and the views in
`pipeline.diffreport`, so notebooks and tests get the same numbers without the
CLI. This module parses options, calls them, prints, and picks the exit code:
0 passed, 1 a gate failed, 2 a usage error or an unreadable/bad input file
(as with diff(1), 2 means trouble, never "the scores are low").

Example::

    facts diff outputs/facts.jsonl corpus/gold --corpus corpus --show missed --fail-under 0.8
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline import diffreport, scoring
from pipeline.errors import FactsError
from pipeline.io import atomic_writer
from pipeline.records import FACT_TYPES


class MatchMode(str, Enum):
    strict = "strict"
    lenient = "lenient"


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


# Enums give typer its choices and --help; the library takes the plain literals.
_MODES: dict[MatchMode, scoring.Mode] = {MatchMode.strict: "strict", MatchMode.lenient: "lenient"}
_FORMATS: dict[Format, diffreport.OutputFormat] = {
    Format.table: "table",
    Format.json: "json",
    Format.markdown: "markdown",
    Format.html: "html",
}


def _split_list(raw: str | None, allowed: tuple[str, ...], option: str) -> list[str] | None:
    """Parse `A,B` against the allowed names (case-insensitive); None when not given."""
    if raw is None:
        return None
    names = [n.strip() for n in raw.split(",") if n.strip()]
    by_lower = {a.lower(): a for a in allowed}
    unknown = [n for n in names if n.lower() not in by_lower]
    if unknown or not names:
        raise typer.BadParameter(
            f"unknown {', '.join(unknown) or 'empty list'}; choose from {', '.join(allowed)}",
            param_hint=option,
        )
    return [by_lower[n.lower()] for n in names]


def _gates(
    thresholds: Path | None, fail_under: float | None, fail_under_type: list[str]
) -> list[scoring.Gate]:
    """Gates from the thresholds file, then the command line (which wins on the same score)."""
    try:
        from_file = scoring.load_thresholds(thresholds) if thresholds else []
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--thresholds") from None
    try:
        per_type = [scoring.parse_type_gate(spec) for spec in fail_under_type]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--fail-under-type") from None
    micro = [] if fail_under is None else [scoring.Gate("micro", "f1", fail_under)]
    return scoring.merge_gates(from_file, micro, per_type)


def _emit(
    obj: diffreport.DiffReport | diffreport.ChangesReport, fmt: Format, out: Path | None
) -> None:
    if out is not None:
        with atomic_writer(out) as fh:
            fh.write(diffreport.render(obj, _FORMATS[fmt]))
        typer.echo(f"wrote {out}", err=True)
    elif fmt is Format.table:
        Console(highlight=False).print(diffreport.rich_view(obj))
    else:
        typer.echo(diffreport.render(obj, _FORMATS[fmt]), nl=False)


def diff(
    a: Annotated[
        Path,
        typer.Argument(
            metavar="A",
            help="Facts to score (JSONL file or folder of them). With --changes: the old run.",
        ),
    ],
    b: Annotated[
        Path,
        typer.Argument(
            metavar="B",
            help="Reference (gold) facts, file or folder. With --changes: the new run.",
        ),
    ],
    mode: Annotated[
        MatchMode, typer.Option(help="Matching the gates and error lists use; tables show both.")
    ] = MatchMode.lenient,
    types: Annotated[
        str | None, typer.Option(help="Only these types, comma-separated: DATE,PARTY.")
    ] = None,
    by_doc: Annotated[bool, typer.Option("--by-doc", help="Add a per-document table.")] = False,
    show: Annotated[
        str | None,
        typer.Option(help="List errors: missed,spurious,value (html lists all by default)."),
    ] = None,
    limit: Annotated[
        int, typer.Option(min=0, help="At most N listed facts per kind; 0 for all.")
    ] = 20,
    corpus: Annotated[
        Path | None,
        typer.Option(exists=True, help="Corpus to cut sentences from for facts without one."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE (atomically).")
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Exit 1 if micro F1 (in --mode) is below F1."),
    ] = None,
    fail_under_type: Annotated[
        list[str] | None,
        typer.Option(metavar="TYPE=F1", help="Exit 1 if TYPE's F1 is below F1. Repeatable."),
    ] = None,
    thresholds: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="TOML file of gates: a micro table and one per type, e.g. f1 = 0.8.",
        ),
    ] = None,
    changes: Annotated[
        bool, typer.Option("--changes", help="Compare two runs: list added/removed/changed facts.")
    ] = False,
) -> None:
    """Score A against the reference B (P/R/F1, strict and lenient), or compare two runs."""
    type_filter = _split_list(types, FACT_TYPES, "--types")
    kinds = _split_list(show, scoring.ERROR_KINDS, "--show")
    if kinds is None and fmt is Format.html and not changes:
        kinds = list(scoring.ERROR_KINDS)
    if changes and (fail_under is not None or fail_under_type or thresholds or show or by_doc):
        raise typer.BadParameter(
            "--changes compares two runs; it takes no gates, --show or --by-doc",
            param_hint="--changes",
        )
    gates = _gates(thresholds, fail_under, fail_under_type or [])
    try:
        facts_a, facts_b = scoring.load_facts(a), scoring.load_facts(b)
    except FactsError as exc:
        typer.echo(f"error: {exc}", err=True)  # unwrapped: names file:line for editors
        raise typer.Exit(2) from None
    documents = None
    if corpus is not None:
        documents, problems = scoring.load_document_texts(corpus)
        for p in problems:
            where = p.path if p.line is None else f"{p.path}:{p.line}"
            typer.echo(f"warning: corpus: {where}: {p.reason}", err=True)
    per_kind = limit or None
    if changes:
        found = scoring.compare_runs(facts_a, facts_b, types=type_filter)
        _emit(diffreport.ChangesReport(str(a), str(b), found, per_kind, documents), fmt, output)
        return
    report = diffreport.build_report(
        str(a),
        str(b),
        facts_a,
        facts_b,
        mode=_MODES[mode],
        types=type_filter,
        gates=gates,
        show=[k for k in scoring.ERROR_KINDS if k in (kinds or [])],
        limit=per_kind,
        documents=documents,
        by_doc=by_doc,
    )
    _emit(report, fmt, output)
    if not report.passed:
        failed = [r.gate for r in report.gates if r.status == "failed"]
        names = ", ".join(f"{g.scope} {g.metric} < {g.threshold:g}" for g in failed)
        typer.echo(f"quality gate failed ({mode.value}): {names}", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `diff` command to the `facts` app."""
    app.command("diff")(diff)
