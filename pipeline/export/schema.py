"""The facts database's tables, and their DDL for each dialect.

Why SQLAlchemy Core tables, not hand-written SQL: one definition serves
SQLite and PostgreSQL, and `ddl()` renders it for a reviewer or a DBA.
Imports nothing else of this package: everything here stands on it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.schema import (
    CreateIndex,
    CreateTable,
    ExecutableDDLElement,
    SetColumnComment,
    SetTableComment,
)

from pipeline.records import FACT_TYPES

SCHEMA_VERSION = "1"
DIALECTS = ("sqlite", "postgresql")

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
