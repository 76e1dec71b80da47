"""The `facts` command line: thin commands over library functions.

Each command parses its options, calls one function of the package, and
prints. Exit codes: 0 success, 1 when some input failed or a check did not
hold, 2 for usage errors (typer's own).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.commands import db as db_commands
from pipeline.commands import diff as diff_command
from pipeline.commands import report as report_command
from pipeline.records import PIPELINE_VERSION, InputError

app = typer.Typer(
    name="facts",
    help="Extract provenance-exact facts (dates, parties, minerals, percentages, amounts, "
    "commitments) from critical-minerals news, check them, score them, load them.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
diff_command.register(app)
report_command.register(app)
db_commands.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"facts {PIPELINE_VERSION}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Provenance-exact fact extraction from critical-minerals news."""


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _count_documents(inputs: list[str]) -> int | None:
    """Documents to expect (for the progress bar); None for stdin."""
    if "-" in inputs:
        return None
    from pipeline.corpus import JSONL_SUFFIXES, expand_paths

    total = 0
    for entry in expand_paths(inputs):
        if isinstance(entry, Path):
            if entry.suffix.lower() in JSONL_SUFFIXES:
                with entry.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    return total


def _report_error(error: InputError) -> None:
    where = error.path + (f":{error.line}" if error.line else "")
    err.print(f"[red]error[/red] {where}: {error.reason}", highlight=False)


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files (.txt, .md, .jsonl), folders (recursive) or - for stdin."),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Facts JSONL file to write (atomically).")
    ] = Path("outputs/facts.jsonl"),
    date: Annotated[
        str | None,
        typer.Option(help="Reference date YYYY-MM-DD for documents without one."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="Optional installed spaCy model (e.g. en_core_web_sm) for parsing."),
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar on a terminal.")
    ] = True,
    db: Annotated[
        str | None,
        typer.Option(
            help="Also load the written facts into this database (sqlite:///outputs/facts.db, "
            "postgresql://user@host/db); idempotent per document, as `facts export`.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Worker processes (default: one per core; 1 = in-process). With --engine dask "
            "and no --scheduler: workers of the local cluster (default 2).",
        ),
    ] = None,
    engine: Annotated[
        Literal["local", "dask"],
        typer.Option(
            help="local: processes on this machine; dask: a Dask cluster (needs the optional "
            "dask extra of mineral-facts).",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Dask scheduler address (tcp://host:8786); without it a local cluster starts.",
        ),
    ] = None,
    incremental: Annotated[
        bool,
        typer.Option(
            "--incremental",
            help="Process only new or changed documents; carry the others over from OUTPUT.",
        ),
    ] = False,
) -> None:
    """Extract facts from INPUTS into a JSONL file, one record per line.

    Also writes OUTPUT's `.documents.jsonl` (what was processed),
    `.errors.jsonl` (what could not be, and why) and `.manifest.json` (the
    run's settings, for --incremental). Exit code 1 when any input failed;
    every good document is still written.
    """
    from pipeline.errors import FactsError
    from pipeline.parallel import run

    ref_date = _parse_date(date)
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    show = progress and sys.stderr.isatty()
    total = _count_documents(inputs) if show else None

    def on_error(error: InputError) -> None:
        _report_error(error)
        bar.advance(task)

    with Progress(
        TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not show, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("docs", total=total)
        try:
            summary = run(
                inputs,
                output,
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                incremental=incremental,
                model=model,
                default_date=ref_date,
                on_document=lambda: bar.advance(task),
                on_error=on_error,
                on_note=lambda note: err.print(note, highlight=False),
            )
        except FactsError as exc:
            err.print(f"[red]{exc}[/red]", highlight=False)
            raise typer.Exit(2) from None
    err.print(f"{summary.line()} → {output}", highlight=False)
    failed = bool(summary.errors)
    if db:
        failed = _load_into(db, output) or failed
    if failed:
        raise typer.Exit(1)


def _load_into(db: str, output: Path) -> bool:
    """Load a finished run into `db` (after the atomic write, so only whole runs load).

    Returns True when some document was rejected.
    """
    from pipeline.errors import FactsError
    from pipeline.export import load, normalize_url

    try:
        loaded = load(db, [output])
    except FactsError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(2) from None
    where = normalize_url(db).render_as_string(hide_password=True)
    err.print(
        f"loaded {loaded.documents_loaded} documents ({loaded.facts_written:,} facts), "
        f"skipped {loaded.documents_skipped} unchanged, failed {loaded.documents_failed} "
        f"into {where}",
        highlight=False,
    )
    for failure in loaded.failures:
        err.print(f"  {failure}", highlight=False)
    return bool(loaded.failures)


@app.command()
def verify(
    facts_file: Annotated[Path, typer.Argument(help="Facts JSONL written by `facts extract`.")],
    inputs: Annotated[list[str], typer.Argument(help="The source documents (files or folders).")],
) -> None:
    """Re-read the sources and check every record's hash, offsets, sentence and quote."""
    from pipeline.verify import verify as verify_records

    if not facts_file.is_file():
        raise typer.BadParameter(f"{facts_file} does not exist", param_hint="FACTS_FILE")
    checked, problems = verify_records(facts_file, inputs)
    for problem in problems:
        err.print(f"[red]mismatch[/red] {problem}", highlight=False)
    err.print(f"{checked} records checked, {len(problems)} mismatches", highlight=False)
    if problems:
        raise typer.Exit(1)


@app.command()
def schema(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the JSON Schema files.")
    ] = Path("schemas"),
) -> None:
    """Write the JSON Schema of the records into schemas/."""
    from pipeline.schema import write_schemas

    for path in write_schemas(out_dir):
        typer.echo(str(path))


@app.command()
def show(
    facts_file: Annotated[Path, typer.Argument(help="Facts JSONL file.")],
    doc_id: Annotated[str | None, typer.Option(help="Only this document.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only this fact type.")] = None,
) -> None:
    """Print facts as a compact table: type, text, value, rule."""
    from pipeline.io import iter_jsonl

    for _, obj in iter_jsonl(facts_file):
        if (doc_id and obj.get("doc_id") != doc_id) or (type_ and obj.get("type") != type_):
            continue
        value = json.dumps(obj.get("value"), ensure_ascii=False)
        typer.echo(f"{obj['doc_id']}\t{obj['type']}\t{obj['text']!r}\t{value}\t{obj.get('rule')}")
