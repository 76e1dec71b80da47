"""Export fact records into SQLite or PostgreSQL (issue 6).

Why a relational schema, not a JSON blob per fact: an analyst's questions
("every pledge by Japan, with amount, deadline and the sentence it came
from") should be plain joins and indexed filters. So each value is stored
twice: as text (`value_text`, what equality queries match) and, where it has
one, in a typed column (`value_number`, `value_date`); structured types get
detail tables (`commitments`, `commitment_agents`, `fact_links`).

Why per-document idempotency: a document is the unit an extraction run
produces and replaces (see `loader`).

Dialect-neutral: SQLAlchemy Core builds every statement; the DDL for each
dialect is generated into `schemas/` by `write_ddl`. No module of this
package imports spaCy.

The modules, each importing only from those above it:

    schema    tables, `ddl`, `write_ddl`
    urls      `normalize_url`, `open_engine`, `init_db`
    timex     `timex_period`
    rows      one document's records → checked rows
    writing   a batch of documents written in one transaction
    loader    `Loader`, `open_loader`, `LoadSummary`
    reading   facts/documents files → per-document groups
    bulk      `load` (files), `load_records` (memory)

Example::

    >>> summary = load("sqlite:///outputs/facts.db", ["outputs/facts.jsonl"])
    >>> summary.documents_loaded, summary.facts_written
"""

from pipeline.dburl import DEFAULT_DB_URL
from pipeline.export.bulk import load, load_records
from pipeline.export.loader import Loader, LoadFailure, LoadSummary, open_loader
from pipeline.export.reading import documents_path_for
from pipeline.export.schema import (
    DIALECTS,
    SCHEMA_VERSION,
    commitment_agents,
    commitments,
    ddl,
    documents,
    fact_links,
    facts,
    metadata,
    schema_info,
    sentences,
    write_ddl,
)
from pipeline.export.timex import timex_period
from pipeline.export.urls import init_db, normalize_url, open_engine

__all__ = [
    "DEFAULT_DB_URL",
    "DIALECTS",
    "SCHEMA_VERSION",
    "LoadFailure",
    "LoadSummary",
    "Loader",
    "commitment_agents",
    "commitments",
    "ddl",
    "documents",
    "documents_path_for",
    "fact_links",
    "facts",
    "init_db",
    "load",
    "load_records",
    "metadata",
    "normalize_url",
    "open_engine",
    "open_loader",
    "schema_info",
    "sentences",
    "timex_period",
    "write_ddl",
]
