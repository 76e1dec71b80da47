"""Check fact records against their sources: the provenance promise, made testable.

For every record: the document exists and its text still hashes to
`doc_sha256`; `text == doc[start:end]`; the sentence bounds give the
sentence text and contain the fact; the quote's prefix/exact/suffix are
found at the offsets. Each failure names the record id and the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from pipeline.corpus import Document, read_inputs
from pipeline.io import iter_jsonl
from pipeline.records import FACT_ADAPTER, Fact, sha256_text


@dataclass(frozen=True)
class Mismatch:
    """One failed check: which record (or line), and why."""

    record_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.record_id}: {self.reason}"


def check_record(rec: Fact, text: str) -> Iterator[str]:
    """Reasons why `rec` does not match the document `text` (none when it holds)."""
    if sha256_text(text) != rec.doc_sha256:
        yield "document text changed (sha256 differs)"
        return
    if text[rec.start : rec.end] != rec.text:
        yield f"text {rec.text!r} != document[{rec.start}:{rec.end}] {text[rec.start : rec.end]!r}"
    s = rec.sentence
    if text[s.start : s.end] != s.text:
        yield f"sentence {s.index} text does not match document[{s.start}:{s.end}]"
    if not (s.start <= rec.start and rec.end <= s.end):
        yield f"fact [{rec.start},{rec.end}) lies outside sentence [{s.start},{s.end})"
    q = rec.quote
    if text[max(0, rec.start - len(q.prefix)) : rec.start] != q.prefix:
        yield "quote prefix does not match the text before the fact"
    if text[rec.end : rec.end + len(q.suffix)] != q.suffix:
        yield "quote suffix does not match the text after the fact"


def verify(facts_path: Path, inputs: Iterable[str]) -> tuple[int, list[Mismatch]]:
    """Verify every record of `facts_path` against the documents of `inputs`.

    Returns (records checked, mismatches). Input read errors of documents
    that no record refers to are ignored; a record whose document is
    missing is a mismatch.
    """
    docs: dict[str, Document] = {
        d.doc_id: d for d in read_inputs(inputs) if isinstance(d, Document)
    }
    problems: list[Mismatch] = []
    n = 0
    try:
        lines = list(iter_jsonl(facts_path))
    except (OSError, ValueError) as exc:
        return 0, [Mismatch(str(facts_path), str(exc))]
    for line_no, obj in lines:
        n += 1
        try:
            rec = FACT_ADAPTER.validate_python(obj)
        except ValidationError as exc:
            where = str(obj.get("id") or f"{facts_path}:{line_no}")
            first = exc.errors()[0]
            loc = ".".join(str(x) for x in first["loc"])
            problems.append(Mismatch(where, f"invalid record ({loc}: {first['msg']})"))
            continue
        doc = docs.get(rec.doc_id)
        if doc is None:
            problems.append(Mismatch(rec.id, f"document {rec.doc_id!r} not found in the inputs"))
            continue
        problems.extend(Mismatch(rec.id, reason) for reason in check_record(rec, doc.text))
    return n, problems
