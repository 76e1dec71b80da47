"""Export fact records into SQLite or PostgreSQL (issue 6).

Why a relational schema, not a JSON blob per fact: an analyst's questions
("every pledge by Japan, with amount, deadline and the sentence it came
from") should be plain joins and indexed filters. So each value is stored
twice: as text (`value_text`, what equality queries match) and, where it has
one, in a typed column (`value_number`, `value_date`); structured types get
detail tables (`commitments`, `commitment_agents`, `fact_links`).

Why per-document idempotency: a document is the unit an extraction run
produces and replaces. Loading a document compares its `sha256` and
`pipeline_version` with the stored row: equal → skipped; otherwise its old
rows are deleted and the new ones inserted in the same transaction, so a
reader never sees half of a document, even if the loader is killed.

Dialect-neutral: SQLAlchemy Core builds every statement; the DDL for each
dialect is generated into `schemas/` by `write_ddl`. This module imports
nothing of spaCy.

Example::

    >>> summary = load("sqlite:///outputs/facts.db", ["outputs/facts.jsonl"])
    >>> summary.documents_loaded, summary.facts_written
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import operator
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Double,
    Engine,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.engine import URL, Connection, Dialect, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    SQLAlchemyError,
)
from sqlalchemy.schema import (
    CreateIndex,
    CreateTable,
    ExecutableDDLElement,
    SetColumnComment,
    SetTableComment,
)

from pipeline.errors import DatabaseError, InputFormatError
from pipeline.records import (
    FACT_ADAPTER,
    FACT_TYPES,
    AmountFact,
    CommitmentFact,
    DateFact,
    DocumentRecord,
    Fact,
    MineralFact,
    PartyFact,
    PercentageFact,
)

DEFAULT_DB_URL = "sqlite:///outputs/facts.db"
SCHEMA_VERSION = "1"
DIALECTS = ("sqlite", "postgresql")

# ---------------------------------------------------------------------------
# Schema
# ---------------------------------------------------------------------------

# Deterministic constraint names, so the generated DDL is stable and a later
# migration can name what it alters.
metadata = MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    }
)

schema_info = Table(
    "schema_info",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
    comment="Schema version, so a loader refuses a database laid out differently.",
)

documents = Table(
    "documents",
    metadata,
    Column("doc_id", Text, primary_key=True),
    Column("sha256", String(64), nullable=False, comment="Hash of the document text"),
    Column("date", Text, comment="Publication date as given (ISO 8601)"),
    Column("date_value", Date, comment="First day of `date` when it is a date/month/year"),
    Column("source", Text),
    Column("title", Text),
    Column("path", Text),
    Column("n_facts", Integer, nullable=False),
    Column("pipeline_version", Text, nullable=False),
    Column("extracted_at", DateTime(timezone=True), comment="UTC; facts file mtime"),
    Column("loaded_at", DateTime(timezone=True), nullable=False, comment="UTC"),
    Index(None, "sha256"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
    Column("sentence_index", Integer, primary_key=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    comment="Sentences that hold at least one fact (offsets in code points).",
)

facts = Table(
    "facts",
    metadata,
    Column("id", Text, primary_key=True),
    Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    Column("type", Text, nullable=False),
    Column("start_char", Integer, nullable=False, comment="Code-point offset into the text"),
    Column("end_char", Integer, nullable=False, comment="Exclusive"),
    Column("text", Text, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("rule", Text, nullable=False),
    Column("value_text", Text, comment="String value, or JSON of a number/object"),
    Column("value_number", Double, comment="PERCENTAGE and AMOUNT"),
    Column("value_date", Date, comment="DATE: first day of the period the value names"),
    Column("value_date_end", Date, comment="DATE: last day of that period"),
    Column("unit", Text, comment="ISO 4217 currency, percent or percentage_points"),
    Column("comparator", Text),
    Column("party_kind", Text),
    Column("mineral_symbol", Text),
    Column("quote_prefix", Text, nullable=False),
    Column("quote_suffix", Text, nullable=False),
    ForeignKeyConstraint(
        ["doc_id", "sentence_index"],
        ["sentences.doc_id", "sentences.sentence_index"],
        ondelete="CASCADE",
    ),
    Index(None, "type", "value_text"),
    Index(None, "doc_id", "sentence_index"),
)
# Partial indexes: only rows that have the value (PERCENTAGE/AMOUNT, DATE), so
# inserting the other types skips their upkeep. A query's `value_number > 50`
# implies IS NOT NULL, so both databases use them.
Index(
    None,
    facts.c.type,
    facts.c.value_number,
    sqlite_where=facts.c.value_number.is_not(None),
    postgresql_where=facts.c.value_number.is_not(None),
)
Index(
    None,
    facts.c.value_date,
    sqlite_where=facts.c.value_date.is_not(None),
    postgresql_where=facts.c.value_date.is_not(None),
)
facts.append_constraint(CheckConstraint(facts.c.type.in_(FACT_TYPES), name="type"))
facts.append_constraint(CheckConstraint(facts.c.end_char > facts.c.start_char, name="span"))

commitments = Table(
    "commitments",
    metadata,
    Column("fact_id", Text, ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    Column("modality", Text, nullable=False),
    Column("deadline", Text, comment="TIMEX3 value: 2030, P6M, ..."),
    Column("deadline_date", Date),
    Column("amount_value", Double),
    Column("amount_unit", Text),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start_char", Integer, nullable=False),
    Column("trigger_end_char", Integer, nullable=False),
    Index(None, "deadline_date"),
)
commitments.append_constraint(
    CheckConstraint(
        commitments.c.modality.in_(("binding", "pledge", "intent", "exploratory")),
        name="modality",
    )
)

commitment_agents = Table(
    "commitment_agents",
    metadata,
    Column(
        "fact_id",
        Text,
        ForeignKey("commitments.fact_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("agent", Text, primary_key=True, comment="PARTY value: JPN, European Union, ..."),
    Column("position", Integer, nullable=False, comment="Order in the record's agents list"),
    Index(None, "agent"),
)

fact_links = Table(
    "fact_links",
    metadata,
    Column("fact_id", Text, ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    Column("linked_fact_id", Text, ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
    Index(None, "linked_fact_id"),
)

# Children before parents: the order rows are deleted in (inserts run reversed).
_CHILD_FIRST = (commitment_agents, fact_links, commitments, facts, sentences, documents)


def ddl(dialect: str) -> str:
    """The CREATE statements of the schema for `dialect` ("sqlite" or "postgresql").

    >>> "CREATE TABLE facts" in ddl("sqlite")
    True
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")
    # The dialect the loader uses; loading a dialect class imports no driver.
    driver = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}[dialect]
    compiled = make_url(f"{driver}://").get_dialect()()
    statements: list[ExecutableDDLElement] = []
    for table in metadata.sorted_tables:
        statements.append(CreateTable(table))
        statements.extend(
            CreateIndex(ix) for ix in sorted(table.indexes, key=lambda ix: str(ix.name))
        )
        if compiled.supports_comments:  # what create_all adds on PostgreSQL
            if table.comment:
                statements.append(SetTableComment(table))
            statements.extend(SetColumnComment(col) for col in table.c if col.comment)
    header = (
        f"-- Schema {SCHEMA_VERSION} of the facts database for {dialect}.\n"
        "-- Generated by pipeline.export.write_ddl (`facts db ddl`); do not edit by hand."
    )
    body = [str(st.compile(dialect=compiled)).strip() + ";" for st in statements]
    return "\n\n".join([header, *body]) + "\n"


def write_ddl(directory: Path | str) -> list[Path]:
    """Write `sqlite.sql` and `postgresql.sql` into `directory`; return the paths.

    Why files: a DBA reviews or applies the schema without running Python,
    and a test compares them with `ddl()` so they never go stale.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for dialect in DIALECTS:
        path = out / f"{dialect}.sql"
        path.write_text(ddl(dialect), encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------
# Connections
# ---------------------------------------------------------------------------


def normalize_url(url: str | URL) -> URL:
    """Parse a database URL; route plain `postgresql://` to psycopg 3.

    >>> normalize_url("postgresql://me@db/facts").drivername
    'postgresql+psycopg'
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"{str(url)!r} is not a database URL; expected e.g. {DEFAULT_DB_URL} "
            "or postgresql+psycopg://user@host/dbname"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in DIALECTS:
        raise DatabaseError(
            f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}; "
            "use sqlite:///path/to/facts.db or postgresql+psycopg://user@host/dbname"
        )
    return parsed


def _sqlite_transactions(engine: Engine) -> None:
    """Make pysqlite transactions real: BEGIN IMMEDIATE at the start of each one.

    Why: by default the sqlite3 module opens a transaction only at the first
    INSERT/DELETE, so the "is this document already stored?" SELECT would run
    outside it; IMMEDIATE takes the write lock up front, so two loaders queue
    (busy timeout) instead of failing to upgrade a read lock.

    Two settings for speed, both per connection: the page cache may grow to
    256 MiB (only as used), because a batch larger than the default 2 MiB
    cache was spilled to the file mid-transaction, several times slower; and
    foreign keys stay unchecked (SQLite's default), because the loader builds
    every row of a document from one validated record set and deletes
    children explicitly, so the references hold by construction (a test runs
    `PRAGMA foreign_key_check`), and the checks cost a quarter of the load
    time. PostgreSQL checks them always.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA cache_size = -262144")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def open_engine(url: str | URL) -> Engine:
    """Create an engine for `url` and check that it connects.

    Every failure becomes a `DatabaseError` that says what to do: a bad URL,
    a driver that is not installed, a server that does not answer.
    """
    parsed = normalize_url(url)
    shown = parsed.render_as_string(hide_password=True)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        connect_args["timeout"] = 60
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(
                    f"cannot connect to {shown}: cannot create its folder ({exc.strerror}); "
                    "check the path and its permissions"
                ) from None
    else:
        connect_args["connect_timeout"] = 10
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except NoSuchModuleError:
        raise DatabaseError(
            f"no database driver named {parsed.drivername!r} ({shown}); "
            "use sqlite:///... or postgresql+psycopg://..."
        ) from None
    except ImportError as exc:
        raise DatabaseError(
            f"the driver for {parsed.drivername!r} is not installed ({exc}); "
            "install psycopg 3 (pip install 'psycopg[binary]') and use postgresql+psycopg://"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        _sqlite_transactions(engine)
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        hint = (
            "check the path and its permissions"
            if parsed.get_backend_name() == "sqlite"
            else "is the server running and reachable, and are user, password and database right?"
        )
        raise DatabaseError(f"cannot connect to {shown}: {_first_line(exc)}; {hint}") from None
    return engine


def init_db(url: str | URL | Engine) -> Engine:
    """Create the tables (if missing) and return the engine.

    Refuses a database whose recorded schema version differs from ours,
    since loading into a different layout would fail half-way or misfile.
    """
    engine = url if isinstance(url, Engine) else open_engine(url)
    try:
        with engine.begin() as conn:
            metadata.create_all(conn)
            stored = conn.execute(
                select(schema_info.c.value).where(schema_info.c.key == "schema_version")
            ).scalar_one_or_none()
            if stored is None:
                conn.execute(
                    insert(schema_info), [{"key": "schema_version", "value": SCHEMA_VERSION}]
                )
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot create the tables: {_first_line(exc)}") from None
    if stored is not None and stored != SCHEMA_VERSION:
        raise DatabaseError(
            f"the database has schema version {stored}, this pipeline writes {SCHEMA_VERSION}; "
            "export into a new database"
        )
    return engine


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load.

    Why: a load allocates millions of short-lived objects (parsed records,
    row dicts) that hold no cycles; the collector kept rescanning the live
    batch and cost about a sixth of the load time. Restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__


# ---------------------------------------------------------------------------
# Records → rows
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def timex_period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a TIMEX3 date value names, or None.

    Why a period: "2023-03" is the whole of March, so a query for facts in
    2023 must see it; a full date is a period of one day. Durations (`P6M`)
    and references (`PAST_REF`) name no period on the calendar.

    >>> timex_period("2024-Q3")
    (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    """
    if not value:
        return None
    try:
        return _timex_period(value)
    except ValueError:  # out-of-range month, day or week
        return None


_TIMEX = re.compile(
    r"^(?:(?P<century>\d{2})|(?P<decade>\d{3})|(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|W(?P<week>\d{2})))?)$"
)


def _timex_period(value: str) -> tuple[dt.date, dt.date] | None:
    m = _TIMEX.match(value)
    if m is None:
        return None
    if m["century"]:
        first_year = int(m["century"]) * 100
        return _years(max(first_year, 1), first_year + 99)
    if m["decade"]:
        first_year = int(m["decade"]) * 10
        return _years(max(first_year, 1), first_year + 9)
    year = int(m["year"])
    if m["day"]:
        day = dt.date(year, int(m["month"]), int(m["day"]))
        return day, day
    if m["month"]:
        return _months(year, int(m["month"]), int(m["month"]))
    if m["quarter"]:
        q = int(m["quarter"])
        return _months(year, 3 * q - 2, 3 * q)
    if m["half"]:
        h = int(m["half"])
        return _months(year, 6 * h - 5, 6 * h)
    if m["week"]:
        monday = dt.date.fromisocalendar(year, int(m["week"]), 1)
        return monday, monday + dt.timedelta(days=6)
    return _years(year, year)


def _years(first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    after = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return dt.date(year, first, 1), after - dt.timedelta(days=1)


@dataclass(frozen=True)
class LoadFailure:
    """A document (or a line that names none) that was not loaded, and why."""

    path: str
    line: int | None
    doc_id: str | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        who = f" [{self.doc_id}]" if self.doc_id is not None else ""
        return f"{where}{who}: {self.reason}"


@dataclass
class LoadSummary:
    """What a load did: documents loaded, skipped (unchanged) and failed, facts written."""

    documents_loaded: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    facts_written: int = 0
    failures: list[LoadFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


class _DocumentRejected(Exception):
    """A document's records contradict each other or its documents row."""

    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class _PreparedDocument:
    """One document's rows, checked and ready to insert."""

    doc_id: str
    sha256: str
    pipeline_version: str
    source: str
    first_line: int | None
    rows: dict[str, list[dict[str, Any]]]
    n_facts: int


def _parse_date(value: str | None, what: str, line: int | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _DocumentRejected(f"{what} {value!r} is not a YYYY-MM-DD date", line) from None


def _fact_row(rec: Fact) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": rec.id,
        "doc_id": rec.doc_id,
        "type": rec.type,
        "start_char": rec.start,
        "end_char": rec.end,
        "text": rec.text,
        "sentence_index": rec.sentence.index,
        "rule": rec.rule,
        "value_text": None,
        "value_number": None,
        "value_date": None,
        "value_date_end": None,
        "unit": None,
        "comparator": None,
        "party_kind": None,
        "mineral_symbol": None,
        "quote_prefix": rec.quote.prefix,
        "quote_suffix": rec.quote.suffix,
    }
    if isinstance(rec, DateFact):
        row["value_text"] = rec.value
        period = timex_period(rec.value)
        if period is not None:
            row["value_date"], row["value_date_end"] = period
    elif isinstance(rec, PartyFact):
        row["value_text"] = rec.value
        row["party_kind"] = rec.kind
    elif isinstance(rec, MineralFact):
        row["value_text"] = rec.value
        row["mineral_symbol"] = rec.symbol
    elif isinstance(rec, PercentageFact):
        row["value_text"] = json.dumps(rec.value)
        row["value_number"] = rec.value
        row["unit"] = rec.unit
        row["comparator"] = rec.comparator
    elif isinstance(rec, AmountFact):
        row["value_text"] = rec.value.model_dump_json()
        row["value_number"] = rec.value.value
        row["unit"] = rec.value.unit
        row["comparator"] = rec.comparator
    return row


def _prepare(
    document: DocumentRecord,
    records: Sequence[Fact],
    lines: Sequence[int | None],
    source: str,
    *,
    check_count: bool,
    extracted_at: dt.datetime | None,
) -> _PreparedDocument:
    """Check a document's records against each other and build its rows.

    Raises `_DocumentRejected` naming the first offending line. Why check
    here, not leave it to the database: a reason like "fact X links to a
    fact not in this document" tells the user what to fix; a foreign-key
    violation does not.
    """
    if check_count and document.n_facts != len(records):
        raise _DocumentRejected(
            f"the document row says n_facts={document.n_facts}, "
            f"but {len(records)} records were found for it",
            lines[0] if lines else None,
        )
    period = timex_period(document.date[:10]) if document.date else None
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in _CHILD_FIRST}
    rows["documents"].append(
        {
            "doc_id": document.doc_id,
            "sha256": document.sha256,
            "date": document.date,
            "date_value": period[0] if period else None,
            "source": document.source,
            "title": document.title,
            "path": document.path,
            "n_facts": len(records),
            "pipeline_version": document.pipeline_version,
            "extracted_at": extracted_at,
            "loaded_at": None,  # set when written
        }
    )
    seen_ids: dict[str, int | None] = {}
    seen_sentences: dict[int, tuple[int, int, str]] = {}
    for rec, line in zip(records, lines, strict=True):
        if rec.doc_id != document.doc_id:
            raise _DocumentRejected(
                f"a record of document {rec.doc_id!r} is among those of {document.doc_id!r}", line
            )
        if rec.doc_sha256 != document.sha256:
            raise _DocumentRejected(
                f"doc_sha256 {rec.doc_sha256[:12]}… differs from the document's "
                f"sha256 {document.sha256[:12]}… (facts and documents from different runs?)",
                line,
            )
        if rec.pipeline_version != document.pipeline_version:
            raise _DocumentRejected(
                f"pipeline_version {rec.pipeline_version!r} differs from the document's "
                f"{document.pipeline_version!r}",
                line,
            )
        if rec.id in seen_ids:
            earlier = seen_ids[rec.id]
            also = f" (also at line {earlier})" if earlier is not None else ""
            raise _DocumentRejected(f"fact id {rec.id} appears twice{also}", line)
        seen_ids[rec.id] = line
        s = rec.sentence
        known = seen_sentences.get(s.index)
        if known is None:
            seen_sentences[s.index] = (s.start, s.end, s.text)
            rows["sentences"].append(
                {
                    "doc_id": rec.doc_id,
                    "sentence_index": s.index,
                    "start_char": s.start,
                    "end_char": s.end,
                    "text": s.text,
                }
            )
        elif known != (s.start, s.end, s.text):
            raise _DocumentRejected(
                f"sentence {s.index} differs from the same sentence in an earlier record", line
            )
        rows["facts"].append(_fact_row(rec))
        if isinstance(rec, CommitmentFact):
            _commitment_rows(rec, line, rows)
    for rec, line in zip(records, lines, strict=True):
        if isinstance(rec, CommitmentFact):
            for linked in rec.links:
                if linked not in seen_ids:
                    raise _DocumentRejected(
                        f"commitment {rec.id} links to fact {linked}, not in this document",
                        line,
                    )
    return _PreparedDocument(
        doc_id=document.doc_id,
        sha256=document.sha256,
        pipeline_version=document.pipeline_version,
        source=source,
        first_line=lines[0] if lines else None,
        rows=rows,
        n_facts=len(records),
    )


def _commitment_rows(
    rec: CommitmentFact, line: int | None, rows: dict[str, list[dict[str, Any]]]
) -> None:
    rows["commitments"].append(
        {
            "fact_id": rec.id,
            "modality": rec.modality,
            "deadline": rec.deadline,
            "deadline_date": _parse_date(rec.deadline_date, "deadline_date", line),
            "amount_value": rec.amount.value if rec.amount else None,
            "amount_unit": rec.amount.unit if rec.amount else None,
            "trigger_text": rec.trigger.text,
            "trigger_start_char": rec.trigger.start,
            "trigger_end_char": rec.trigger.end,
        }
    )
    # Agents are a set (docs/ANNOTATION.md); a repeated one is stored once.
    for position, agent in enumerate(dict.fromkeys(rec.agents)):
        rows["commitment_agents"].append({"fact_id": rec.id, "agent": agent, "position": position})
    for position, linked in enumerate(dict.fromkeys(rec.links)):
        rows["fact_links"].append(
            {"fact_id": rec.id, "linked_fact_id": linked, "position": position}
        )


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


class Loader:
    """Writes whole documents, many per transaction, each all-or-nothing.

    Why batches with a retry: one transaction per document costs a commit
    (an fsync) each; one per batch is fast. If a batch hits a database error
    it is rolled back and its documents are retried one per transaction, so
    only the offending document fails. A document is never split across
    transactions, so a crash leaves each one as before or fully loaded.

    Use `open_loader(url)` to get one; `add_document` per document (e.g. from
    `facts extract --db`), then `close()` for the summary.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        batch_facts: int = 20_000,
        batch_documents: int = 500,
        dispose: bool = False,
    ) -> None:
        self.engine = engine
        self.summary = LoadSummary()
        self._batch: list[_PreparedDocument] = []
        self._batch_facts = 0
        self._max_facts = batch_facts
        self._max_documents = batch_documents
        self._dispose = dispose
        self._closed = False

    def __enter__(self) -> Loader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add_document(
        self,
        document: DocumentRecord,
        records: Sequence[Fact],
        *,
        source: str = "<extract>",
        lines: Sequence[int | None] | None = None,
        extracted_at: dt.datetime | None = None,
        check_count: bool = True,
    ) -> bool:
        """Queue one document with all its records; False if it was rejected.

        A rejected document is recorded in `summary.failures` (source, line,
        reason) and its stored version is left as it was. `extracted_at`
        defaults to now (UTC): the call comes right after extraction.
        """
        if self._closed:
            raise DatabaseError("this loader is closed; open a new one with open_loader()")
        line_numbers: Sequence[int | None] = lines if lines is not None else [None] * len(records)
        try:
            prepared = _prepare(
                document,
                records,
                line_numbers,
                source,
                check_count=check_count,
                extracted_at=extracted_at or dt.datetime.now(dt.timezone.utc),
            )
        except _DocumentRejected as exc:
            self.reject(source, exc.line, document.doc_id, [exc.reason])
            return False
        if any(p.doc_id == prepared.doc_id for p in self._batch):
            self.flush()  # a second version of a queued document: write the first one first
        self._batch.append(prepared)
        self._batch_facts += prepared.n_facts
        if self._batch_facts >= self._max_facts or len(self._batch) >= self._max_documents:
            self.flush()
        return True

    def reject(
        self, source: str, line: int | None, doc_id: str | None, reasons: Iterable[str]
    ) -> None:
        """Record a document (or a line with no usable doc_id) that will not be loaded."""
        for reason in reasons:
            self.summary.failures.append(LoadFailure(source, line, doc_id, reason))
        if doc_id is not None:
            self.summary.documents_failed += 1

    def reject_lines(self, source: str, doc_id: str, errors: Sequence[tuple[int, str]]) -> None:
        """Record a document rejected because of bad lines, one failure per line."""
        for line, reason in errors:
            self.summary.failures.append(LoadFailure(source, line, doc_id, reason))
        self.summary.documents_failed += 1

    def skip_unchanged(self) -> None:
        """Count a document found unchanged before its records were even read."""
        self.summary.documents_skipped += 1

    def stored_versions(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """{doc_id: (sha256, pipeline_version)} of those `doc_ids` already stored."""
        ids = list(doc_ids)
        found: dict[str, tuple[str, str]] = {}
        try:
            with self.engine.connect() as conn:
                for i in range(0, len(ids), 500):
                    rows = conn.execute(
                        select(
                            documents.c.doc_id, documents.c.sha256, documents.c.pipeline_version
                        ).where(documents.c.doc_id.in_(ids[i : i + 500]))
                    )
                    found.update((r.doc_id, (r.sha256, r.pipeline_version)) for r in rows)
        except SQLAlchemyError as exc:
            raise DatabaseError(f"cannot read the stored documents: {_first_line(exc)}") from None
        return found

    def flush(self) -> None:
        """Write the queued documents now."""
        batch, self._batch, self._batch_facts = self._batch, [], 0
        if batch:
            self._write(batch)

    def close(self) -> LoadSummary:
        """Write what is queued, release the engine if we own it, return the summary."""
        if not self._closed:
            self._closed = True
            try:
                self.flush()
            finally:
                if self._dispose:
                    self.engine.dispose()
        return self.summary

    def _write(self, batch: list[_PreparedDocument]) -> None:
        try:
            with self.engine.begin() as conn:
                loaded, skipped = _write_batch(conn, batch)
        except (IntegrityError, DataError) as exc:
            # About the data of some document: find which, one per transaction.
            if len(batch) > 1:
                for prepared in batch:
                    self._write([prepared])
                return
            prepared = batch[0]
            reason = self._explain(prepared, exc)
            self.reject(prepared.source, prepared.first_line, prepared.doc_id, [reason])
            return
        except SQLAlchemyError as exc:
            # About the database (lost connection, locked, full disk): stop.
            raise DatabaseError(
                f"writing to the database failed: {_first_line(exc)}; "
                f"{self.summary.documents_loaded} documents were loaded before that"
            ) from None
        self.summary.documents_loaded += len(loaded)
        self.summary.documents_skipped += len(skipped)
        self.summary.facts_written += sum(p.n_facts for p in loaded)

    def _explain(self, prepared: _PreparedDocument, exc: SQLAlchemyError) -> str:
        """The database's reason, plus the likely cause when it is a known one."""
        reason = f"the database rejected the document: {_first_line(exc)}"
        try:
            with self.engine.connect() as conn:
                twin = conn.execute(
                    select(documents.c.doc_id)
                    .where(documents.c.sha256 == prepared.sha256)
                    .where(documents.c.doc_id != prepared.doc_id)
                    .limit(1)
                ).scalar_one_or_none()
        except SQLAlchemyError:
            return reason
        if twin is not None:
            reason += (
                f" — the same text (sha256 {prepared.sha256[:12]}…) is already stored as "
                f"document {twin!r}, and fact ids made without the doc_id collide; "
                "re-extract with a pipeline whose fact ids include the doc_id, or drop the copy"
            )
        return reason


def _write_batch(
    conn: Connection, batch: list[_PreparedDocument]
) -> tuple[list[_PreparedDocument], list[_PreparedDocument]]:
    """Replace changed documents, skip unchanged ones; inside the caller's transaction."""
    ids = [p.doc_id for p in batch]
    stored = {
        row.doc_id: (row.sha256, row.pipeline_version)
        for row in conn.execute(
            select(documents.c.doc_id, documents.c.sha256, documents.c.pipeline_version)
            .where(documents.c.doc_id.in_(ids))
            .with_for_update()
        )
    }
    loaded = [p for p in batch if stored.get(p.doc_id) != (p.sha256, p.pipeline_version)]
    skipped = [p for p in batch if stored.get(p.doc_id) == (p.sha256, p.pipeline_version)]
    replaced = [p.doc_id for p in loaded if p.doc_id in stored]
    if replaced:
        of_replaced = select(facts.c.id).where(facts.c.doc_id.in_(replaced))
        for table in _CHILD_FIRST:
            key = table.c.fact_id if "fact_id" in table.c else table.c.doc_id
            target = of_replaced if key.name == "fact_id" else replaced
            conn.execute(delete(table).where(key.in_(target)))
    now = dt.datetime.now(dt.timezone.utc)
    for table in reversed(_CHILD_FIRST):
        rows = [row for p in loaded for row in p.rows[table.name]]
        if table is documents:
            rows = [{**row, "loaded_at": now} for row in rows]
        if rows:
            _insert_many(conn, table, rows)
    return loaded, skipped


_RowConverter = Callable[[Mapping[str, Any]], "tuple[Any, ...] | dict[str, Any]"]


@functools.lru_cache(maxsize=64)
def _compiled_insert(table: Table, dialect: Dialect) -> tuple[str, _RowConverter]:
    """The INSERT for `table` as SQLAlchemy compiles it for `dialect`, and a row converter.

    Why not `conn.execute(insert(table), rows)`: SQLAlchemy then builds and
    processes a parameter dict per row in Python, which took longer than
    SQLite took to store the rows. The statement is still SQLAlchemy's, and
    values still pass through each column type's bind processor (dates on
    SQLite become ISO strings exactly as SQLAlchemy writes them).
    """
    compiled = insert(table).compile(dialect=dialect)
    positional = compiled.positiontup is not None
    order = list(compiled.positiontup or table.c.keys())
    processors = [
        (i, proc)
        for i, name in enumerate(order)
        if (proc := table.c[name].type.bind_processor(dialect)) is not None
    ]
    getter = operator.itemgetter(*order)

    def convert(row: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        values = getter(row)
        if processors:
            values = list(values)
            for i, proc in processors:
                if values[i] is not None:
                    values[i] = proc(values[i])
        return tuple(values) if positional else dict(zip(order, values, strict=True))

    return str(compiled), convert


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (dicts keyed by column name) with one executemany."""
    sql, convert = _compiled_insert(table, conn.dialect)
    conn.exec_driver_sql(sql, [convert(row) for row in rows])


def open_loader(url: str | URL | Engine, *, batch_facts: int = 20_000) -> Loader:
    """A `Loader` writing into `url` (tables created if missing).

    Example, while extracting::

        loader = open_loader("sqlite:///outputs/facts.db")
        for doc_record, records in extracted:
            loader.add_document(doc_record, records)
        summary = loader.close()
    """
    engine = init_db(url)
    return Loader(engine, batch_facts=batch_facts, dispose=not isinstance(url, Engine))


# ---------------------------------------------------------------------------
# Reading facts files
# ---------------------------------------------------------------------------

# Top-level keys of a JSON line, read without parsing it. Inside a JSON string
# every quote is escaped, so `"doc_id"` followed by a colon can only be a key
# (and no nested object of a record has these keys).
_DOC_ID = re.compile(rb'"doc_id"\s*:\s*"((?:[^"\\]|\\.)*)"')
_DOC_SHA256 = re.compile(rb'"doc_sha256"\s*:\s*"((?:[^"\\]|\\.)*)"')
_PIPELINE_VERSION = re.compile(rb'"pipeline_version"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _doc_id_of(raw: bytes) -> str | None:
    """The doc_id of a JSON line, even a line that fails validation, or None."""
    # Fast path for the compact form `facts extract` writes: a plain find.
    start = raw.find(b'"doc_id":"')
    if start != -1:
        start += 10
        end = raw.find(b'"', start)
        if end != -1 and b"\\" not in raw[start:end]:
            try:
                return raw[start:end].decode()
            except UnicodeDecodeError:
                return None
    doc_id = _string_of(_DOC_ID, raw)
    if doc_id is not None:
        return doc_id
    try:
        obj = json.loads(raw)
    except ValueError:
        return None
    value = obj.get("doc_id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) else None


def _validation_reason(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    parts = [f"{'.'.join(str(p) for p in e['loc']) or '<record>'}: {e['msg']}" for e in errors[:3]]
    more = f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""
    return "invalid record: " + "; ".join(parts) + more


def documents_path_for(facts_path: Path) -> Path:
    """`X.jsonl` → `X.documents.jsonl`, where an extraction run writes its documents."""
    return facts_path.with_name(facts_path.name.removesuffix(".jsonl") + ".documents.jsonl")


def _read_documents(path: Path, loader: Loader) -> dict[str, tuple[DocumentRecord, int]]:
    """The documents file as {doc_id: (record, line)}; bad lines go to the summary."""
    found: dict[str, tuple[DocumentRecord, int]] = {}
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if raw.isspace():
                continue
            try:
                doc = DocumentRecord.model_validate_json(raw)
            except ValidationError as exc:
                loader.reject(str(path), n, _doc_id_of(raw), [_validation_reason(exc)])
                continue
            if doc.doc_id in found:
                loader.reject(
                    str(path),
                    n,
                    doc.doc_id,
                    [f"document listed twice (first at line {found[doc.doc_id][1]})"],
                )
                continue
            found[doc.doc_id] = (doc, n)
    return found


def _string_of(pattern: re.Pattern[bytes], raw: bytes) -> str | None:
    """The JSON string value of the first key `pattern` matches in a line, or None."""
    m = pattern.search(raw)
    if m is None:
        return None
    quoted = m.group(1)
    try:
        value = json.loads(b'"' + quoted + b'"') if b"\\" in quoted else quoted.decode()
    except ValueError:
        return None
    return value if isinstance(value, str) else None


@dataclass
class _Extent:
    """What the first pass learns of a document: its last line and its version."""

    last_line: int
    sha256: str | None
    pipeline_version: str | None


def _scan(path: Path) -> dict[str, _Extent]:
    """First pass: where each document ends, and its hash and pipeline version.

    Cheap (a regex per line, no validation); lets the second pass hand a
    document over at its last line, and skip unchanged documents unread.
    """
    extents: dict[str, _Extent] = {}
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if raw.isspace():
                continue
            doc_id = _doc_id_of(raw)
            if doc_id is None:
                continue
            extent = extents.get(doc_id)
            if extent is None:
                sha, version = _string_of(_DOC_SHA256, raw), _string_of(_PIPELINE_VERSION, raw)
                extents[doc_id] = _Extent(n, sha, version)
            else:
                extent.last_line = n
    return extents


@dataclass
class _Group:
    records: list[Fact] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _iter_groups(
    path: Path, extents: Mapping[str, _Extent], unchanged: Collection[str], loader: Loader
) -> Iterator[tuple[str, _Group | None]]:
    """Yield each document's records as soon as its last line has been read.

    Records are validated and buffered per document until the line where
    `_scan` saw it end. A file grouped by document (what `facts extract`
    writes) keeps one document in memory; an interleaved one keeps the
    documents still open, at worst the whole file. Documents in `unchanged`
    are not validated: they yield None at their last line.
    """
    open_groups: dict[str, _Group] = {}
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if raw.isspace():
                continue
            if unchanged:
                known = _doc_id_of(raw)
                if known is not None and known in unchanged:
                    if extents[known].last_line == n:
                        yield known, None
                    continue
            try:
                rec: Fact | None = FACT_ADAPTER.validate_json(raw)
                doc_id: str | None = rec.doc_id if rec is not None else None
                error = ""
            except ValidationError as exc:
                rec, doc_id, error = None, _doc_id_of(raw), _validation_reason(exc)
            if doc_id is None:
                loader.reject(str(path), n, None, [error or "the line names no doc_id"])
                continue
            group = open_groups.get(doc_id)
            if group is None:
                group = open_groups[doc_id] = _Group()
            if rec is None:
                group.errors.append((n, error))
            else:
                group.records.append(rec)
                group.lines.append(n)
            extent = extents.get(doc_id)
            if extent is not None and extent.last_line == n:
                yield doc_id, open_groups.pop(doc_id)
    # Only if the file changed between the passes.
    yield from open_groups.items()


def _load_file(loader: Loader, path: Path, documents_file: Path | None) -> None:
    source = str(path)
    extracted_at = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
    listed = _read_documents(documents_file, loader) if documents_file is not None else None
    extents = _scan(path)
    versions: dict[str, tuple[str | None, str | None]]
    if listed is not None:
        versions = {d: (doc.sha256, doc.pipeline_version) for d, (doc, _) in listed.items()}
    else:
        versions = {d: (e.sha256, e.pipeline_version) for d, e in extents.items()}
    loader.flush()  # what is queued from an earlier file must count as stored
    stored = loader.stored_versions(versions)
    unchanged = {d for d, version in versions.items() if stored.get(d) == version}
    for doc_id, group in _iter_groups(path, extents, unchanged, loader):
        if group is None:
            loader.skip_unchanged()
            if listed is not None:
                listed.pop(doc_id, None)
            continue
        if group.errors:
            loader.reject_lines(source, doc_id, group.errors)
            if listed is not None:
                listed.pop(doc_id, None)
            continue
        first = group.records[0]
        if listed is None:
            document = DocumentRecord(
                doc_id=doc_id,
                sha256=first.doc_sha256,
                n_facts=len(group.records),
                pipeline_version=first.pipeline_version,
            )
        elif doc_id in listed:
            document = listed.pop(doc_id)[0]
        else:
            loader.reject(
                source,
                group.lines[0],
                doc_id,
                [f"the document has facts but no row in {documents_file}; use files of one run"],
            )
            continue
        loader.add_document(
            document, group.records, source=source, lines=group.lines, extracted_at=extracted_at
        )
    # Documents without facts are loaded too: "processed, nothing found" is a fact as well.
    for document, line in (listed or {}).values():
        loader.add_document(
            document, [], source=f"{documents_file}:{line}", extracted_at=extracted_at
        )


def load(
    url: str | URL | Engine,
    facts_paths: Iterable[Path | str],
    documents_path: Path | str | None = None,
    *,
    batch_facts: int = 20_000,
) -> LoadSummary:
    """Load facts files into the database at `url`; return what was done.

    Each file's documents come from `documents_path` (only with one facts
    file), else from `X.documents.jsonl` next to `X.jsonl` when it exists,
    else they are derived from the facts (doc_id, doc_sha256,
    pipeline_version). A document's records must all be in one file; a
    later file's version of a document replaces an earlier one's.

    Raises `InputFormatError` for a missing file, `DatabaseError` when the
    database cannot be used at all; bad documents are in the summary.
    """
    paths = [Path(p) for p in facts_paths]
    if documents_path is not None and len(paths) != 1:
        raise InputFormatError("a documents file can only be given with exactly one facts file")
    for path in paths:
        if path.name.endswith((".documents.jsonl", ".errors.jsonl")):
            raise InputFormatError(
                f"{path} is a documents/errors file, not facts; pass the facts file "
                "(its documents file next to it is read automatically)"
            )
        if not path.is_file():
            raise InputFormatError(f"facts file {path} does not exist")
    if documents_path is not None and not Path(documents_path).is_file():
        raise InputFormatError(f"documents file {documents_path} does not exist")
    loader = open_loader(url, batch_facts=batch_facts)
    with _gc_paused():
        try:
            for path in paths:
                sibling = documents_path_for(path)
                documents_file = (
                    Path(documents_path)
                    if documents_path is not None
                    else (sibling if sibling.is_file() else None)
                )
                _load_file(loader, path, documents_file)
        finally:
            summary = loader.close()
    return summary


def load_records(
    engine: Engine,
    documents: Iterable[DocumentRecord] | None,
    records: Iterable[Fact | Mapping[str, Any]],
    *,
    source: str = "<records>",
) -> LoadSummary:
    """Load records from memory, grouping them by document in any order.

    Records are buffered per document until the input ends (no order is
    assumed); for large inputs stream with `load` (files) or `add_document`
    on an `open_loader` (one document at a time). `documents` None → derived
    from the facts. A record's "line" in failures is its 1-based position.
    """
    init_db(engine)
    loader = Loader(engine)
    listed: dict[str, DocumentRecord] = {}
    for doc in documents or ():
        if doc.doc_id in listed:
            loader.reject(source, None, doc.doc_id, ["document listed twice"])
        listed[doc.doc_id] = doc
    groups: dict[str, _Group] = {}
    for n, item in enumerate(records, 1):
        try:
            rec = FACT_ADAPTER.validate_python(item)
        except ValidationError as exc:
            doc_id = item.get("doc_id") if isinstance(item, Mapping) else None
            if not isinstance(doc_id, str):
                loader.reject(source, n, None, [_validation_reason(exc)])
                continue
            groups.setdefault(doc_id, _Group()).errors.append((n, _validation_reason(exc)))
            continue
        group = groups.setdefault(rec.doc_id, _Group())
        group.records.append(rec)
        group.lines.append(n)
    for doc_id, group in groups.items():
        if group.errors:
            loader.reject_lines(source, doc_id, group.errors)
            listed.pop(doc_id, None)
            continue
        first = group.records[0]
        document = listed.pop(doc_id, None)
        if document is None and documents is not None:
            loader.reject(source, group.lines[0], doc_id, ["the document has facts but no row"])
            continue
        if document is None:
            document = DocumentRecord(
                doc_id=doc_id,
                sha256=first.doc_sha256,
                n_facts=len(group.records),
                pipeline_version=first.pipeline_version,
            )
        loader.add_document(document, group.records, source=source, lines=group.lines)
    for document in listed.values():
        loader.add_document(document, [], source=source)
    return loader.close()
