"""`facts export`: schema, idempotent per-document loads, failure isolation, queries.

Every database test runs on SQLite and, when FACTS_TEST_POSTGRES_URL is set,
on PostgreSQL too (each test in a schema of its own, dropped afterwards):

    source scripts/ci_postgres.sh start   # or set the URL to a server of yours
    pytest tests/test_export.py
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, Select, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema
from typer.testing import CliRunner

from pipeline.errors import DatabaseError, InputFormatError
from pipeline.export import (
    commitment_agents,
    commitments,
    ddl,
    documents,
    documents_path_for,
    fact_links,
    facts,
    init_db,
    load,
    load_records,
    normalize_url,
    open_engine,
    open_loader,
    sentences,
    timex_period,
)
from pipeline.io import dumps_record, write_jsonl
from pipeline.records import (
    FACT_ADAPTER,
    CommitmentFact,
    DocumentRecord,
    Fact,
    SentenceRef,
    fact_id,
    quote_for,
    sha256_text,
)

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = os.environ.get("FACTS_TEST_POSTGRES_URL")
POSTGRES_HOWTO = (
    "PostgreSQL export tests skipped: set "
    "FACTS_TEST_POSTGRES_URL=postgresql+psycopg://user:password@host:port/dbname "
    "(`source scripts/ci_postgres.sh start` starts a throwaway server and sets it)"
)
TABLES = (documents, sentences, facts, commitments, commitment_agents, fact_links)


# ---------------------------------------------------------------------------
# Building valid records
# ---------------------------------------------------------------------------


@dataclass
class Article:
    """A document text made of sentences, and helpers that build its records."""

    doc_id: str
    sentences: list[str]
    version: str = "test-1"
    records: list[Fact] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def sha(self) -> str:
        return sha256_text(self.text)

    def _sentence_at(self, start: int) -> SentenceRef:
        pos = 0
        for index, sentence in enumerate(self.sentences):
            if pos <= start < pos + len(sentence):
                return SentenceRef(index=index, start=pos, end=pos + len(sentence), text=sentence)
            pos += len(sentence) + 1
        raise ValueError(f"offset {start} is in no sentence")

    def span(self, phrase: str, nth: int = 0) -> tuple[int, int]:
        starts = [m.start() for m in re.finditer(re.escape(phrase), self.text)]
        return starts[nth], starts[nth] + len(phrase)

    def fact(self, ftype: str, phrase: str, value: Any, *, nth: int = 0, **extra: Any) -> Fact:
        start, end = self.span(phrase, nth)
        record = FACT_ADAPTER.validate_python(
            {
                "id": fact_id(self.sha, ftype, start, end, self.doc_id),
                "doc_id": self.doc_id,
                "doc_sha256": self.sha,
                "type": ftype,
                "start": start,
                "end": end,
                "text": phrase,
                "sentence": self._sentence_at(start),
                "quote": quote_for(self.text, start, end),
                "rule": f"test.{ftype.lower()}",
                "pipeline_version": self.version,
                "value": value,
                **extra,
            }
        )
        self.records.append(record)
        return record

    def commitment(
        self, phrase: str, trigger: str, agents: list[str], links: list[Fact], **extra: Any
    ) -> Fact:
        t_start, t_end = self.span(trigger)
        return self.fact(
            "COMMITMENT",
            phrase,
            None,
            modality=extra.pop("modality", "binding"),
            agents=agents,
            trigger={"text": trigger, "start": t_start, "end": t_end},
            links=[r.id for r in links],
            **extra,
        )

    def document(self) -> DocumentRecord:
        return DocumentRecord(
            doc_id=self.doc_id,
            sha256=self.sha,
            date="2025-10-28",
            source=f"https://example.org/{self.doc_id}",
            title=f"Title of {self.doc_id}",
            path=f"corpus/{self.doc_id}.txt",
            n_facts=len(self.records),
            pipeline_version=self.version,
        )


def pact_article(doc_id: str = "us-japan", version: str = "test-1", edit: str = "") -> Article:
    """The running example: a US–Japan pact, China's share, an Australian pledge."""
    a = Article(
        doc_id,
        [
            "On October 28, 2025, the United States and Japan signed a framework on "
            "critical minerals.",
            f"Japan will invest $550 billion in US projects by 2029{edit}.",
            "China produces over 90% of the world's rare earths.",
            "Australia pledged A$8.5 billion for lithium processing.",
        ],
        version,
    )
    date = a.fact("DATE", "October 28, 2025", "2025-10-28")
    usa = a.fact("PARTY", "United States", "USA", kind="country")
    jpn = a.fact("PARTY", "Japan", "JPN", kind="country")
    a.fact("MINERAL", "critical minerals", "critical minerals")
    a.commitment(
        "signed a framework on critical minerals", "signed", ["USA", "JPN"], [usa, jpn, date]
    )
    jpn2 = a.fact("PARTY", "Japan", "JPN", nth=1, kind="country")
    amount = a.fact("AMOUNT", "$550 billion", {"value": 550e9, "unit": "USD"})
    year = a.fact("DATE", "2029", "2029")
    a.commitment(
        "will invest $550 billion in US projects by 2029",
        "will",
        ["JPN"],
        [jpn2, amount, year],
        deadline="2029",
        deadline_date="2029-12-31",
        amount={"value": 550e9, "unit": "USD"},
    )
    a.fact("PARTY", "China", "CHN", kind="country")
    a.fact("PERCENTAGE", "over 90%", 90.0, comparator=">")
    a.fact("MINERAL", "rare earths", "rare earth elements")
    aus = a.fact("PARTY", "Australia", "AUS", kind="country")
    aud = a.fact("AMOUNT", "A$8.5 billion", {"value": 8.5e9, "unit": "AUD"})
    a.fact("MINERAL", "lithium", "lithium", symbol="Li")
    a.commitment(
        "pledged A$8.5 billion for lithium processing",
        "pledged",
        ["AUS"],
        [aus, aud],
        modality="pledge",
        amount={"value": 8.5e9, "unit": "AUD"},
    )
    return a


def small_article(n: int, version: str = "test-1", doc_id: str | None = None) -> Article:
    """A short document whose text (and so sha256) depends on `n`."""
    a = Article(
        doc_id or f"doc-{n:03d}",
        [f"Report {n}: Canada agreed to supply {n + 10}% more cobalt.", "Prices rose in 2024."],
        version,
    )
    can = a.fact("PARTY", "Canada", "CAN", kind="country")
    pct = a.fact("PERCENTAGE", f"{n + 10}%", float(n + 10))
    a.fact("MINERAL", "cobalt", "cobalt", symbol="Co")
    a.commitment(f"agreed to supply {n + 10}% more cobalt", "agreed to", ["CAN"], [can, pct])
    a.fact("DATE", "2024", "2024")
    return a


def write_run(folder: Path, articles: list[Article], name: str = "facts") -> Path:
    """Write what `facts extract` writes: X.jsonl and X.documents.jsonl."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    write_jsonl(path, [r for a in articles for r in a.records])
    write_jsonl(documents_path_for(path), [a.document() for a in articles])
    return path


# ---------------------------------------------------------------------------
# Databases
# ---------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'facts.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip(POSTGRES_HOWTO)
    schema = f"facts_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalize_url(POSTGRES_URL))
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    url = normalize_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_engine(db_url)
    yield eng
    eng.dispose()


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES
        }


def stored_sha(engine: Engine, doc_id: str) -> str | None:
    with engine.connect() as conn:
        return conn.scalar(select(documents.c.sha256).where(documents.c.doc_id == doc_id))


def assert_whole(engine: Engine, article: Article) -> None:
    """Every row of `article` is stored, and nothing else for its doc_id."""
    of_doc = select(facts.c.id).where(facts.c.doc_id == article.doc_id)
    pledges = [r for r in article.records if isinstance(r, CommitmentFact)]
    with engine.connect() as conn:

        def rows(query: Select[Any]) -> set[tuple[Any, ...]]:
            return {tuple(row) for row in conn.execute(query)}

        doc = select(documents.c.sha256, documents.c.pipeline_version)
        assert rows(doc.where(documents.c.doc_id == article.doc_id)) == {
            (article.sha, article.version)
        }
        assert rows(of_doc) == {(r.id,) for r in article.records}
        sentence = select(sentences.c.sentence_index).where(sentences.c.doc_id == article.doc_id)
        assert rows(sentence) == {(r.sentence.index,) for r in article.records}
        assert rows(select(commitments.c.fact_id).where(commitments.c.fact_id.in_(of_doc))) == {
            (c.id,) for c in pledges
        }
        agents = select(commitment_agents.c.fact_id, commitment_agents.c.agent)
        assert rows(agents.where(commitment_agents.c.fact_id.in_(of_doc))) == {
            (c.id, agent) for c in pledges for agent in c.agents
        }
        links = select(fact_links.c.fact_id, fact_links.c.linked_fact_id)
        assert rows(links.where(fact_links.c.fact_id.in_(of_doc))) == {
            (c.id, linked) for c in pledges for linked in c.links
        }


# ---------------------------------------------------------------------------
# Loading and idempotency
# ---------------------------------------------------------------------------


def test_loading_twice_gives_the_same_rows(db_url: str, engine: Engine, tmp_path: Path) -> None:
    articles = [pact_article(), small_article(1), small_article(2)]
    path = write_run(tmp_path, articles)
    first = load(db_url, [path])
    assert (first.documents_loaded, first.documents_skipped, first.documents_failed) == (3, 0, 0)
    assert first.facts_written == sum(len(a.records) for a in articles)
    before = counts(engine)
    assert before == {
        "documents": 3,
        "sentences": 4 + 2 + 2,
        "facts": first.facts_written,
        "commitments": 5,
        "commitment_agents": 6,
        "fact_links": 3 + 3 + 2 + 2 + 2,
    }
    second = load(db_url, [path])
    assert (second.documents_loaded, second.documents_skipped, second.facts_written) == (0, 3, 0)
    assert counts(engine) == before
    for article in articles:
        assert_whole(engine, article)


def test_a_changed_document_replaces_its_facts(db_url: str, engine: Engine, tmp_path: Path) -> None:
    old, other = pact_article(), small_article(1)
    load(db_url, [write_run(tmp_path / "v1", [old, other])])
    new = pact_article(edit=" and beyond")  # new text: new sha256, shifted offsets
    assert new.sha != old.sha
    summary = load(db_url, [write_run(tmp_path / "v2", [new, other])])
    assert (summary.documents_loaded, summary.documents_skipped) == (1, 1)
    assert_whole(engine, new)
    assert_whole(engine, other)


def test_a_later_file_wins(db_url: str, engine: Engine, tmp_path: Path) -> None:
    old, new = small_article(1), small_article(1, version="test-2")
    old_path, new_path = write_run(tmp_path / "v1", [old]), write_run(tmp_path / "v2", [new])
    load(db_url, [new_path])
    summary = load(db_url, [old_path, new_path])  # v1 replaces v2, then v2 replaces v1
    assert (summary.documents_loaded, summary.documents_skipped) == (2, 0)
    assert_whole(engine, new)
    load(db_url, [new_path, old_path])
    assert_whole(engine, old)


def test_unchanged_documents_are_not_read_again(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    """A re-run skips stored documents before validating them: that is what makes it fast."""
    a, b = small_article(1), small_article(2)
    path = write_run(tmp_path, [a, b])
    load(db_url, [path])
    lines = path.read_text().splitlines()
    broken = json.loads(lines[1])
    broken["rule"] = ""  # invalid, but its document (a) is unchanged
    lines[1] = json.dumps(broken)
    path.write_text("\n".join(lines) + "\n")
    summary = load(db_url, [path])
    assert (summary.documents_skipped, summary.failures) == (2, [])


def test_a_new_pipeline_version_reloads_an_unchanged_text(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    load(db_url, [write_run(tmp_path / "v1", [small_article(1)])])
    summary = load(db_url, [write_run(tmp_path / "v2", [small_article(1, version="test-2")])])
    assert summary.documents_loaded == 1
    with engine.connect() as conn:
        assert conn.scalar(select(documents.c.pipeline_version)) == "test-2"


def test_a_bad_record_rolls_back_only_its_document(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    a1, b1 = small_article(1), small_article(2)
    load(db_url, [write_run(tmp_path / "v1", [a1, b1])])
    a2, b2 = small_article(1, version="test-2"), small_article(2, version="test-2")
    path = write_run(tmp_path / "v2", [a2, b2])
    lines = path.read_text().splitlines()
    bad = json.loads(lines[2])
    assert bad["doc_id"] == a2.doc_id
    bad["end"] = bad["start"]  # an empty span: fails validation
    lines[2] = json.dumps(bad)
    path.write_text("\n".join(lines) + "\n")

    summary = load(db_url, [path])

    assert (summary.documents_loaded, summary.documents_failed) == (1, 1)
    (failure,) = summary.failures
    assert (failure.path, failure.line, failure.doc_id) == (str(path), 3, a2.doc_id)
    assert "end must be greater than start" in failure.reason
    assert_whole(engine, a1)  # as before
    assert_whole(engine, b2)  # loaded


def test_the_same_text_under_two_doc_ids_loads_twice(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    """A syndicated story filed twice: fact ids include the doc_id, so both copies load."""
    original, copy = small_article(1), small_article(1, doc_id="copy-of-doc-001")
    assert original.sha == copy.sha
    summary = load(db_url, [write_run(tmp_path, [original, copy])])
    assert (summary.documents_loaded, summary.documents_failed) == (2, 0)
    assert_whole(engine, original)
    assert_whole(engine, copy)


def test_a_database_error_rolls_back_only_its_document(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    """Ids made without the doc_id (older runs) collide for a repeated text: that copy fails."""
    original = small_article(1)
    copy = small_article(1)
    copy.doc_id = "copy-of-doc-001"
    copy.records = [r.model_copy(update={"doc_id": copy.doc_id}) for r in original.records]
    path = write_run(tmp_path, [original, copy, small_article(2)])

    summary = load(db_url, [path])

    assert (summary.documents_loaded, summary.documents_failed) == (2, 1)
    (failure,) = summary.failures
    assert failure.doc_id == copy.doc_id
    assert "already stored as document 'doc-001'" in failure.reason
    assert stored_sha(engine, copy.doc_id) is None
    assert_whole(engine, original)


def test_text_postgresql_cannot_store_rejects_only_its_document(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    """PostgreSQL refuses NUL characters in text (a DataError): only that document fails."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite stores NUL characters")
    odd = Article("odd", ["Chile raised its lithium\x00 royalty."])
    odd.fact("MINERAL", "lithium\x00", "lithium")
    summary = load(db_url, [write_run(tmp_path, [small_article(1), odd, small_article(2)])])
    assert (summary.documents_loaded, summary.documents_failed) == (2, 1)
    assert summary.failures[0].doc_id == "odd"
    assert "NUL" in summary.failures[0].reason


def test_mismatched_documents_file_rejects_the_document(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    a, b = small_article(1), small_article(2)
    path = write_run(tmp_path, [a, b])
    docs_path = documents_path_for(path)
    rows = [json.loads(line) for line in docs_path.read_text().splitlines()]
    rows[0]["n_facts"] += 1  # as if the facts file had lost a line
    docs_path.write_text("".join(json.dumps(r) + "\n" for r in rows))

    summary = load(db_url, [path])

    assert [f.doc_id for f in summary.failures] == [a.doc_id]
    assert "n_facts=6, but 5 records" in summary.failures[0].reason
    assert stored_sha(engine, a.doc_id) is None
    assert_whole(engine, b)


def test_unreadable_lines_are_reported_with_their_line(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    a, b = small_article(1), small_article(2)
    path = tmp_path / "facts.jsonl"
    lines = [dumps_record(r) for r in a.records + b.records]
    lines[1] = lines[1][:80]  # truncated: not JSON, but its doc_id is still readable
    lines.append("[1, 2]")  # no doc_id at all
    path.write_text("\n".join(lines) + "\n")

    summary = load(db_url, [path])

    assert sorted((f.line, f.doc_id) for f in summary.failures) == [
        (2, a.doc_id),
        (len(lines), None),
    ]
    assert summary.documents_failed == 1
    assert_whole(engine, b)


def test_documents_are_derived_from_facts_without_a_documents_file(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    article = pact_article()
    path = tmp_path / "facts.jsonl"
    write_jsonl(path, article.records)

    assert load(db_url, [path]).documents_loaded == 1

    with engine.connect() as conn:
        row = conn.execute(select(documents)).one()
    assert (row.doc_id, row.sha256, row.pipeline_version, row.n_facts, row.title) == (
        article.doc_id,
        article.sha,
        "test-1",
        len(article.records),
        None,
    )
    assert row.extracted_at is not None and row.loaded_at is not None


def test_a_document_with_no_facts_is_stored_and_clears_old_facts(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    article = small_article(1)
    load(db_url, [write_run(tmp_path / "v1", [article])])
    emptied = Article(article.doc_id, ["Nothing to see here."])
    summary = load(db_url, [write_run(tmp_path / "v2", [emptied])])
    assert (summary.documents_loaded, summary.facts_written) == (1, 0)
    assert stored_sha(engine, article.doc_id) == emptied.sha
    assert counts(engine)["facts"] == 0


def test_interleaved_records_load_like_sorted_ones(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    articles = [pact_article(), *(small_article(n) for n in range(5))]
    path = write_run(tmp_path, articles)
    lines = path.read_text().splitlines()
    random.Random(3).shuffle(lines)
    path.write_text("\n".join(lines) + "\n")

    summary = load(db_url, [path], batch_facts=10)

    assert (summary.documents_loaded, summary.documents_failed) == (6, 0)
    for article in articles:
        assert_whole(engine, article)


def test_load_records_and_open_loader(db_url: str, engine: Engine) -> None:
    a, b = pact_article(), small_article(1)
    mixed: list[Fact | dict[str, Any]] = [*b.records[:2], *a.records, *b.records[2:]]
    mixed[0] = b.records[0].model_dump()  # dicts are validated too
    summary = load_records(engine, None, mixed)
    assert (summary.documents_loaded, summary.facts_written) == (2, len(mixed))

    c = small_article(3)
    with open_loader(db_url) as loader:
        assert loader.add_document(c.document(), c.records)
        assert not loader.add_document(c.document(), c.records[:-1])  # n_facts disagrees
    assert loader.summary.documents_loaded == 1
    assert loader.summary.failures[0].doc_id == c.doc_id
    assert_whole(engine, c)


def test_sqlite_references_hold(tmp_path: Path) -> None:
    """The loader leaves SQLite's foreign-key checks off; the rows must satisfy them anyway."""
    url = f"sqlite:///{tmp_path / 'facts.db'}"
    load(url, [write_run(tmp_path / "v1", [pact_article(), small_article(1)])])
    load(url, [write_run(tmp_path / "v2", [pact_article(edit="!"), small_article(1, "test-2")])])
    eng = create_engine(url)
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    eng.dispose()


# ---------------------------------------------------------------------------
# A load killed half-way
# ---------------------------------------------------------------------------

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from pipeline.export import load

    url, path, batch_facts, kill_at = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    seen = 0

    @event.listens_for(Engine, "before_cursor_execute")
    def die_mid_transaction(conn, cursor, statement, parameters, context, executemany):
        global seen
        if statement.startswith("INSERT INTO facts "):
            seen += 1
            if seen == kill_at:  # documents and sentences of this batch are written, not committed
                os.kill(os.getpid(), signal.SIGKILL)

    load(url, [path], batch_facts=batch_facts)
    """
)


def test_a_killed_load_leaves_each_document_old_or_new(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    old = [small_article(n) for n in range(12)]
    load(db_url, [write_run(tmp_path / "v1", old)])
    new = [small_article(n, version="test-2") for n in range(12)]
    path = write_run(tmp_path / "v2", new)

    # Batches of 3 documents (15 facts); killed while writing the third batch.
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, db_url, str(path), "15", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr

    versions = []
    for before, after in zip(old, new, strict=True):
        with engine.connect() as conn:
            version = conn.scalar(
                select(documents.c.pipeline_version).where(documents.c.doc_id == before.doc_id)
            )
        versions.append(version)
        assert_whole(engine, after if version == "test-2" else before)
    assert versions == ["test-2"] * 6 + ["test-1"] * 6

    summary = load(db_url, [path])  # the re-run finishes the job
    assert (summary.documents_loaded, summary.documents_skipped) == (6, 6)
    for article in new:
        assert_whole(engine, article)


# ---------------------------------------------------------------------------
# Queries an analyst runs
# ---------------------------------------------------------------------------


def test_commitments_by_a_party_are_a_plain_join(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    load(db_url, [write_run(tmp_path, [pact_article(), small_article(1)])])
    query = (
        select(
            facts.c.text,
            commitments.c.modality,
            commitments.c.amount_value,
            commitments.c.amount_unit,
            commitments.c.deadline_date,
            sentences.c.text.label("sentence"),
        )
        .join(commitments, commitments.c.fact_id == facts.c.id)
        .join(commitment_agents, commitment_agents.c.fact_id == facts.c.id)
        .join(
            sentences,
            (sentences.c.doc_id == facts.c.doc_id)
            & (sentences.c.sentence_index == facts.c.sentence_index),
        )
        .where(commitment_agents.c.agent == "JPN")
        .order_by(facts.c.start_char)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    assert [tuple(r) for r in rows] == [
        (
            "signed a framework on critical minerals",
            "binding",
            None,
            None,
            None,
            "On October 28, 2025, the United States and Japan signed a framework on "
            "critical minerals.",
        ),
        (
            "will invest $550 billion in US projects by 2029",
            "binding",
            550e9,
            "USD",
            dt.date(2029, 12, 31),
            "Japan will invest $550 billion in US projects by 2029.",
        ),
    ]


def test_typed_value_columns(db_url: str, engine: Engine, tmp_path: Path) -> None:
    load(db_url, [write_run(tmp_path, [pact_article()])])
    with engine.connect() as conn:
        by_text = {
            r.text: r
            for r in conn.execute(
                select(facts).where(facts.c.doc_id == "us-japan").order_by(facts.c.start_char)
            )
        }
        links = conn.execute(
            select(fact_links.c.linked_fact_id).order_by(fact_links.c.position)
        ).all()
    assert by_text["over 90%"].value_number == 90.0
    assert (by_text["over 90%"].unit, by_text["over 90%"].comparator) == ("percent", ">")
    assert by_text["A$8.5 billion"].value_number == 8.5e9
    assert by_text["A$8.5 billion"].unit == "AUD"
    assert json.loads(by_text["A$8.5 billion"].value_text) == {"value": 8.5e9, "unit": "AUD"}
    assert by_text["October 28, 2025"].value_date == dt.date(2025, 10, 28)
    assert by_text["2029"].value_date == dt.date(2029, 1, 1)
    assert by_text["2029"].value_date_end == dt.date(2029, 12, 31)
    assert by_text["lithium"].mineral_symbol == "Li"
    assert by_text["China"].party_kind == "country"
    assert by_text["China"].quote_suffix.startswith(" produces over 90%")
    assert by_text["signed a framework on critical minerals"].value_text is None
    assert len(links) == 8


def _doc_queries() -> list[str]:
    doc = (ROOT / "docs" / "databases.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", doc, flags=re.S)


def test_the_documented_queries_run(db_url: str, engine: Engine, tmp_path: Path) -> None:
    """Every ```sql block of docs/databases.md runs on both databases and returns rows."""
    load(db_url, [write_run(tmp_path, [pact_article(), small_article(1)])])
    queries = _doc_queries()
    assert len(queries) >= 4
    with engine.connect() as conn:
        for query in queries:
            assert conn.execute(text(query)).all(), query


# ---------------------------------------------------------------------------
# Schema, URLs, CLI
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_ddl_files_are_current(dialect: str) -> None:
    stored = (ROOT / "schemas" / f"{dialect}.sql").read_text(encoding="utf-8")
    assert stored == ddl(dialect), "schemas/ is stale: run `facts db ddl schemas` and commit"


def test_init_db_creates_the_documented_tables(db_url: str) -> None:
    engine = init_db(db_url)
    init_db(engine)  # twice is fine
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(facts)).scalar_one() == 0
    engine.dispose()


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2025-10-28", ("2025-10-28", "2025-10-28")),
        ("2023-03", ("2023-03-01", "2023-03-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2024-Q3", ("2024-07-01", "2024-09-30")),
        ("2026-H2", ("2026-07-01", "2026-12-31")),
        ("2025-W43", ("2025-10-20", "2025-10-26")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("20", ("2000-01-01", "2099-12-31")),
        ("P6M", None),
        ("PAST_REF", None),
        ("2025-13", None),
        (None, None),
    ],
)
def test_timex_period(value: str | None, period: tuple[str, str] | None) -> None:
    expected = tuple(dt.date.fromisoformat(d) for d in period) if period else None
    assert timex_period(value) == expected


def test_urls() -> None:
    assert normalize_url("postgresql://me@db/facts").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://me@db/facts").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:///x.db").drivername == "sqlite"
    with pytest.raises(DatabaseError, match="is not a database URL"):
        normalize_url("facts.db")
    with pytest.raises(DatabaseError, match="unsupported database 'mysql'"):
        normalize_url("mysql://me@db/facts")


def test_connection_errors_say_what_to_do(tmp_path: Path) -> None:
    if importlib.util.find_spec("psycopg2") is None:
        with pytest.raises(
            DatabaseError, match="driver for 'postgresql\\+psycopg2' is not installed"
        ):
            open_engine("postgresql+psycopg2://me@127.0.0.1/facts")
    with pytest.raises(DatabaseError, match="no database driver named 'postgresql\\+nosuch'"):
        open_engine("postgresql+nosuch://me@127.0.0.1/facts")
    with pytest.raises(DatabaseError, match=r"cannot connect to .*:1/facts.*server running"):
        open_engine("postgresql://me:secret@127.0.0.1:1/facts")
    with pytest.raises(DatabaseError) as info:
        open_engine("postgresql://me:secret@127.0.0.1:1/facts")
    assert "secret" not in str(info.value)
    (tmp_path / "file").write_text("")
    with pytest.raises(DatabaseError, match="cannot connect"):
        open_engine(f"sqlite:///{tmp_path / 'file' / 'facts.db'}")


def test_load_refuses_missing_and_non_facts_files(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'facts.db'}"
    with pytest.raises(InputFormatError, match="does not exist"):
        load(url, [tmp_path / "missing.jsonl"])
    path = write_run(tmp_path, [small_article(1)])
    with pytest.raises(InputFormatError, match="not facts"):
        load(url, [documents_path_for(path)])


def test_export_does_not_import_spacy() -> None:
    code = "import sys, pipeline.export, pipeline.commands.db; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_cli(tmp_path: Path) -> None:
    import typer

    from pipeline.commands.db import register

    app = typer.Typer()
    register(app)
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'out' / 'facts.db'}"
    path = write_run(tmp_path, [pact_article(), small_article(1)])

    result = runner.invoke(app, ["db", "init", "--db", url])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", str(path), "--db", url])
    assert result.exit_code == 0, result.output
    assert "loaded 2 documents (21 facts), skipped 0 unchanged, failed 0" in result.output
    result = runner.invoke(app, ["export", str(path)], env={"FACTS_DB": url})
    assert "skipped 2 unchanged" in result.output

    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n")
    result = runner.invoke(app, ["export", str(bad), "--db", url])
    assert result.exit_code == 1
    result = runner.invoke(app, ["export", str(path), "--db", "nonsense"])
    assert result.exit_code == 2
    assert "not a database URL" in result.output

    result = runner.invoke(app, ["db", "ddl", str(tmp_path / "schemas")])
    assert result.exit_code == 0
    assert (tmp_path / "schemas" / "postgresql.sql").read_text() == ddl("postgresql")


def test_url_with_options_survives_rendering() -> None:
    """The PostgreSQL fixture passes the schema through the URL; make sure that round-trips."""
    url = normalize_url("postgresql://u:p@h:5/d").update_query_dict({"options": "-csearch_path=s"})
    assert make_url(url.render_as_string(hide_password=False)).query["options"] == "-csearch_path=s"
