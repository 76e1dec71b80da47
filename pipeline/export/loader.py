"""The per-document idempotent loader, `open_loader`, and what a load reports.

Why per-document idempotency: a document is the unit an extraction run
produces and replaces. Loading a document compares its `sha256` and
`pipeline_version` with the stored row: equal → skipped; otherwise its old
rows are deleted and the new ones inserted in the same transaction, so a
reader never sees half of a document, even if the loader is killed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from pipeline.errors import DatabaseError
from pipeline.export.rows import _DocumentRejected, _prepare, _PreparedDocument
from pipeline.export.schema import documents
from pipeline.export.urls import _first_line, init_db
from pipeline.export.writing import _write_batch
from pipeline.records import DocumentRecord, Fact


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
