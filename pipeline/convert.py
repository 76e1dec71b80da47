"""Doc → records: exact offsets, sentence, text quote, rule and a stable id per fact.

Why here and not in the components: records are the product's contract
(pydantic, `pipeline.records`), and building them needs the whole document
(hash, sentences). Components stay free of pydantic.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from pipeline.components.base import COMMITMENTS_KEY, Candidate, doc_text, facts, sentence_chars
from pipeline.records import (
    FACTS_ADAPTER,
    PIPELINE_VERSION,
    Fact,
    fact_id,
    quote_fields,
    sha256_text,
)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of each sentence, without leading/trailing whitespace."""
    bounds = []
    text = doc_text(doc)
    for s, e in zip(*sentence_chars(doc), strict=True):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        bounds.append((s, e))
    return bounds


def doc_to_records(doc: Doc, doc_id: str) -> Iterator[Fact]:
    """Every fact of a processed Doc as a validated record, in document order.

    The records are built as plain data and validated in one call
    (`FACTS_ADAPTER`): the same pydantic checks as one model at a time,
    without a trip from Python into pydantic-core per fact and per nested model.
    """
    text = doc_text(doc)
    digest = sha256_text(text)
    bounds = sentence_bounds(doc)
    starts = [b[0] for b in bounds]
    ids: dict[tuple[str, int, int], str] = {}
    items: list[Candidate] = sorted(
        [*facts(doc), *doc.user_data.get(COMMITMENTS_KEY, [])],
        key=lambda c: (c.start, c.end, c.type),
    )
    for cand in items:
        ids[(cand.type, cand.start, cand.end)] = fact_id(
            digest, cand.type, cand.start, cand.end, doc_id
        )
    rows: list[dict[str, Any]] = []
    for cand in items:
        index = max(0, bisect_right(starts, cand.start) - 1)
        s_start, s_end = bounds[index]
        data: dict[str, Any] = {
            "id": ids[(cand.type, cand.start, cand.end)],
            "doc_id": doc_id,
            "doc_sha256": digest,
            "type": cand.type,
            "start": cand.start,
            "end": cand.end,
            "text": text[cand.start : cand.end],
            "value": cand.value,
            "sentence": {"index": index, "start": s_start, "end": s_end,
                         "text": text[s_start:s_end]},
            "quote": quote_fields(text, cand.start, cand.end),
            "rule": cand.rule,
            "pipeline_version": PIPELINE_VERSION,
        }  # fmt: skip
        attrs = dict(cand.attrs)
        if cand.type == "COMMITMENT":
            attrs["links"] = [ids[k] for k in attrs.pop("link_keys", []) if k in ids]
        data.update(attrs)
        rows.append(data)
    return iter(FACTS_ADAPTER.validate_python(rows))
