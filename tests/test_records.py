"""The record models are the contract (pipeline.records): frozen, strict, self-checking.

Each validator states an invariant: `end > start`, `len(text) == end - start`,
the fact lies inside its sentence, the quote's exact text is the fact's text.
The union is discriminated by `type`, so each type's value has one shape.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from pipeline.records import (
    FACT_ADAPTER,
    AmountFact,
    CommitmentFact,
    DateFact,
    DocumentRecord,
    Fact,
    InputError,
    MineralFact,
    Money,
    PartyFact,
    PercentageFact,
    SentenceRef,
    TextQuote,
    fact_id,
    quote_for,
    sha256_text,
)

Extract = Callable[..., list[Fact]]  # the `extract` fixture of conftest.py

DOC = "Japan will invest $550 billion by 2030. China refines over 90% of rare earths."
SHA = sha256_text(DOC)
SENTENCES = [(0, 39), (40, len(DOC))]  # the two sentences of DOC, without the space between


def raw(fact_type: str, text: str, value: Any, **extra: Any) -> dict[str, Any]:
    """A valid record dict for the first occurrence of `text` in DOC."""
    start = DOC.index(text)
    end = start + len(text)
    s_index = 0 if start < SENTENCES[1][0] else 1
    s_start, s_end = SENTENCES[s_index]
    return {
        "id": fact_id(SHA, fact_type, start, end),
        "doc_id": "d1",
        "doc_sha256": SHA,
        "type": fact_type,
        "start": start,
        "end": end,
        "text": text,
        "value": value,
        "sentence": {"index": s_index, "start": s_start, "end": s_end, "text": DOC[s_start:s_end]},
        "quote": quote_for(DOC, start, end).model_dump(),
        "rule": "test-rule",
        "pipeline_version": "0.1.0",
        **extra,
    }


VALID: dict[str, dict[str, Any]] = {
    "DATE": raw("DATE", "2030", "2030"),
    "PARTY": raw("PARTY", "Japan", "JPN", kind="country"),
    "MINERAL": raw("MINERAL", "rare earths", "rare earth elements", symbol=None),
    "PERCENTAGE": raw("PERCENTAGE", "over 90%", 90.0, comparator=">", unit="percent"),
    "AMOUNT": raw("AMOUNT", "$550 billion", {"value": 550e9, "unit": "USD"}, comparator="="),
    "COMMITMENT": raw(
        "COMMITMENT",
        "will invest $550 billion by 2030",
        None,
        modality="binding",
        agents=["JPN"],
        deadline="2030",
        amount={"value": 550e9, "unit": "USD"},
        trigger={"text": "will", "start": 6, "end": 10},
    ),
}
MODEL_OF = {
    "DATE": DateFact,
    "PARTY": PartyFact,
    "MINERAL": MineralFact,
    "PERCENTAGE": PercentageFact,
    "AMOUNT": AmountFact,
    "COMMITMENT": CommitmentFact,
}


def valid(fact_type: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID[fact_type])
    data.update(changes)
    return data


@pytest.mark.parametrize("fact_type", list(VALID))
def test_the_union_picks_the_model_by_type(fact_type: str) -> None:
    rec = FACT_ADAPTER.validate_python(valid(fact_type))
    assert type(rec) is MODEL_OF[fact_type]
    assert rec.type == fact_type


@pytest.mark.parametrize("fact_type", list(VALID))
def test_records_round_trip_through_json(fact_type: str) -> None:
    rec = FACT_ADAPTER.validate_python(valid(fact_type))
    assert FACT_ADAPTER.validate_json(rec.model_dump_json()) == rec


def test_an_unknown_type_is_rejected() -> None:
    with pytest.raises(ValidationError):
        FACT_ADAPTER.validate_python(valid("DATE", type="EVENT"))


def test_a_record_without_type_is_rejected() -> None:
    data = valid("DATE")
    del data["type"]
    with pytest.raises(ValidationError):
        FACT_ADAPTER.validate_python(data)


@pytest.mark.parametrize(
    ("fact_type", "changes"),
    [
        ("DATE", {"value": 2030}),  # a TIMEX3 value is a string
        ("PERCENTAGE", {"value": "ninety"}),
        ("PERCENTAGE", {"value": {"value": 90.0, "unit": "percent"}}),
        ("PERCENTAGE", {"comparator": "about"}),
        ("PERCENTAGE", {"unit": "basis_points"}),
        ("AMOUNT", {"value": 550e9}),  # money is {value, unit}
        ("AMOUNT", {"value": {"value": 550e9}}),
        ("AMOUNT", {"value": {"value": 550e9, "unit": "usd"}}),  # ISO 4217 upper case
        ("AMOUNT", {"value": {"value": 550e9, "unit": "US$"}}),
        ("PARTY", {"kind": "place"}),
        ("PARTY", {"value": None}),
        ("MINERAL", {"value": None}),
        ("COMMITMENT", {"modality": "maybe"}),
        ("COMMITMENT", {"value": "something"}),
        ("COMMITMENT", {"agents": "JPN"}),
    ],
)
def test_each_type_has_one_value_shape(fact_type: str, changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        FACT_ADAPTER.validate_python(valid(fact_type, **changes))


@pytest.mark.parametrize("fact_type", list(VALID))
def test_extra_fields_are_rejected(fact_type: str) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        FACT_ADAPTER.validate_python(valid(fact_type, confidence=0.9))


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (SentenceRef, {"index": 0, "start": 0, "end": 2, "text": "ab"}),
        (TextQuote, {"prefix": "", "exact": "a", "suffix": ""}),
        (Money, {"value": 1.0, "unit": "USD"}),
        (InputError, {"path": "a.txt", "line": None, "reason": "empty file"}),
        (
            DocumentRecord,
            {"doc_id": "d1", "sha256": SHA, "n_facts": 0, "pipeline_version": "0.1.0"},
        ),
    ],
)
def test_every_model_is_frozen_and_rejects_extra_fields(
    model: type[BaseModel], data: dict[str, Any]
) -> None:
    obj = model.model_validate(data)
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate({**data, "extra": 1})
    field = next(iter(data))
    with pytest.raises(ValidationError, match="frozen"):
        setattr(obj, field, data[field])


@pytest.mark.parametrize("fact_type", list(VALID))
def test_facts_are_frozen(fact_type: str) -> None:
    rec = FACT_ADAPTER.validate_python(valid(fact_type))
    with pytest.raises(ValidationError, match="frozen"):
        rec.start = 0  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        rec.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": VALID["DATE"]["start"]}, "end must be greater than start"),
        ({"end": VALID["DATE"]["start"] - 1}, "end must be greater than start"),
        ({"end": VALID["DATE"]["end"] + 1}, "text length must equal end - start"),
        ({"text": "203"}, "text length must equal end - start"),
        ({"text": ""}, "at least 1 character"),
        ({"start": -1}, "greater than or equal to 0"),
        ({"rule": ""}, "at least 1 character"),
        ({"doc_sha256": "abc"}, "should match pattern"),
    ],
)
def test_span_invariants(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        FACT_ADAPTER.validate_python(valid("DATE", **changes))


def test_a_fact_must_lie_inside_its_sentence() -> None:
    other = {"index": 1, "start": 40, "end": len(DOC), "text": DOC[40:]}
    with pytest.raises(ValidationError, match="inside its sentence"):
        FACT_ADAPTER.validate_python(valid("DATE", sentence=other))


def test_a_fact_may_span_its_whole_sentence() -> None:
    text = DOC[:39]
    data = raw("DATE", text, None)
    assert (data["sentence"]["start"], data["sentence"]["end"]) == (data["start"], data["end"])
    FACT_ADAPTER.validate_python(data)


@pytest.mark.parametrize(
    "sentence",
    [
        {"index": 0, "start": 5, "end": 2, "text": ""},
        {"index": 0, "start": 0, "end": 39, "text": "too short"},
        {"index": -1, "start": 0, "end": 39, "text": DOC[:39]},
    ],
)
def test_sentence_invariants(sentence: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SentenceRef.model_validate(sentence)


def test_quote_exact_must_equal_text() -> None:
    quote = {**VALID["DATE"]["quote"], "exact": "2031"}
    with pytest.raises(ValidationError, match=r"quote\.exact must equal text"):
        FACT_ADAPTER.validate_python(valid("DATE", quote=quote))


@pytest.mark.parametrize(
    ("start", "end", "context", "expected"),
    [
        (0, 5, 32, ("", "Japan", " will invest $550 billion by 203")),
        (18, 30, 6, ("nvest ", "$550 billion", " by 20")),
        (len(DOC) - 1, len(DOC), 4, ("rths", ".", "")),
    ],
)
def test_quote_for(start: int, end: int, context: int, expected: tuple[str, str, str]) -> None:
    q = quote_for(DOC, start, end, context)
    assert (q.prefix, q.exact, q.suffix) == expected
    assert DOC[start - len(q.prefix) : end + len(q.suffix)] == q.prefix + q.exact + q.suffix


# --- stable ids ---------------------------------------------------------------


def test_fact_id_is_stable() -> None:
    assert fact_id(SHA, "DATE", 34, 38) == fact_id(SHA, "DATE", 34, 38)
    assert len(fact_id(SHA, "DATE", 34, 38)) == 24


@pytest.mark.parametrize(
    "other",
    [
        (SHA, "DATE", 35, 38),
        (SHA, "DATE", 34, 39),
        (SHA, "PARTY", 34, 38),
        (sha256_text(DOC + " "), "DATE", 34, 38),
    ],
)
def test_fact_id_changes_with_document_type_or_offsets(other: tuple[str, str, int, int]) -> None:
    assert fact_id(*other) != fact_id(SHA, "DATE", 34, 38)


def test_sha256_text_hashes_the_utf8_bytes() -> None:
    assert sha256_text("café") == hashlib.sha256("café".encode()).hexdigest()


def test_extracted_ids_are_stable_across_runs(extract: Extract) -> None:
    first = [r.id for r in extract(DOC)]
    second = [r.id for r in extract(DOC)]
    assert first == second
    assert len(set(first)) == len(first)


def test_extracted_ids_change_when_offsets_change(extract: Extract) -> None:
    before = {(r.type, r.text): r.id for r in extract(DOC)}
    after = {(r.type, r.text): r.id for r in extract("Today: " + DOC)}
    assert before.keys() <= after.keys()
    assert all(before[key] != after[key] for key in before)


def test_ids_are_unique_across_documents_with_the_same_text(extract: Extract) -> None:
    a = {r.id for r in extract(DOC, doc_id="wire-1")}
    b = {r.id for r in extract(DOC, doc_id="wire-2")}
    assert a.isdisjoint(b)
