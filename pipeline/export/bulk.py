"""Loading a whole input: facts files (`load`) or records in memory (`load_records`)."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from pipeline.errors import InputFormatError
from pipeline.export.loader import Loader, LoadSummary, open_loader
from pipeline.export.reading import (
    _Group,
    _iter_groups,
    _read_documents,
    _scan,
    _validation_reason,
    documents_path_for,
)
from pipeline.export.urls import init_db
from pipeline.records import FACT_ADAPTER, DocumentRecord, Fact


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
