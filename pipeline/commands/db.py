"""`facts export` and `facts db ...`: put extracted facts into SQLite or PostgreSQL.

Thin by design: each command parses its options, calls one function of
`pipeline.export` and prints what it returned. No spaCy is imported here.

    facts export outputs/facts.jsonl                       # → sqlite:///outputs/facts.db
    facts export outputs/*.facts.jsonl --db postgresql://me@localhost/facts
    facts db init --db postgresql://me@localhost/facts
    facts db ddl schemas/
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.dburl import DEFAULT_DB_URL
from pipeline.errors import FactsError

if TYPE_CHECKING:
    from pipeline.export import LoadSummary

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="FACTS_DB",
        help="Database URL: sqlite:///path.db or postgresql://user@host/dbname "
        "(env FACTS_DB; keeps passwords out of shell history).",
        show_default=True,
    ),
]


def export_command(
    facts: Annotated[
        list[Path],
        typer.Argument(help="Facts files (X.jsonl); X.documents.jsonl next to each is read too."),
    ],
    db: DbOption = DEFAULT_DB_URL,
    documents: Annotated[
        Path | None,
        typer.Option(help="Documents file, if not X.documents.jsonl (one facts file only)."),
    ] = None,
) -> None:
    """Load facts files into a database; unchanged documents are skipped."""
    from pipeline.export import load, normalize_url  # SQLAlchemy: only when used

    try:
        summary = load(db, facts, documents)
    except FactsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"{_describe(summary)} into {normalize_url(db).render_as_string(hide_password=True)}"
    )
    for failure in summary.failures:
        typer.echo(f"  {failure}", err=True)
    if summary.failures:
        raise typer.Exit(1)


def init_command(db: DbOption = DEFAULT_DB_URL) -> None:
    """Create the tables (if missing) in a database."""
    from pipeline.export import init_db, normalize_url

    try:
        init_db(db).dispose()
    except FactsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"tables ready in {normalize_url(db).render_as_string(hide_password=True)}")


def ddl_command(
    directory: Annotated[
        Path, typer.Argument(help="Where to write sqlite.sql and postgresql.sql.")
    ] = Path("schemas"),
) -> None:
    """Write the CREATE statements for each database (reviewed in schemas/)."""
    from pipeline.export import write_ddl

    for path in write_ddl(directory):
        typer.echo(f"wrote {path}")


def _describe(summary: LoadSummary) -> str:
    return (
        f"loaded {summary.documents_loaded} documents ({summary.facts_written:,} facts), "
        f"skipped {summary.documents_skipped} unchanged, failed {summary.documents_failed}"
    )


def register(app: typer.Typer) -> None:
    """Add `export` and the `db` group (`init`, `ddl`) to the `facts` app."""
    app.command("export")(export_command)
    db_app = typer.Typer(help="Create database tables and their DDL.", no_args_is_help=True)
    db_app.command("init")(init_command)
    db_app.command("ddl")(ddl_command)
    app.add_typer(db_app, name="db")
