"""Reading facts and documents files into per-document groups of records.

Why two passes over a facts file: the first (`_scan`, a regex per line)
finds where each document ends and its version, so the second can skip
unchanged documents unread and hand each one over at its last line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pipeline.export.loader import Loader
from pipeline.records import FACT_ADAPTER, DocumentRecord, Fact

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
