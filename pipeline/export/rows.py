"""One document's records → checked rows for every table.

Pure: no database here. The loader writes what `_prepare` returns, or
reports the `_DocumentRejected` reason it raised.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.export.schema import _CHILD_FIRST
from pipeline.export.timex import timex_period
from pipeline.records import (
    AmountFact,
    CommitmentFact,
    DateFact,
    DocumentRecord,
    Fact,
    MineralFact,
    PartyFact,
    PercentageFact,
)


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
