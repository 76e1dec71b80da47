"""Fact records: the contract between extraction and everything downstream.

Why a model per fact type: downstream users (diff, databases, reports) rely
on each type's value having one shape — a DATE value is a TIMEX3 string, a
PERCENTAGE value a float — and pydantic makes that shape checked, not hoped.
Records are frozen and reject unknown fields, so a typo in a producer fails
loudly instead of leaking into a database.

This module imports nothing else of ours and nothing of spaCy.

Example::

    >>> rec = FACT_ADAPTER.validate_python({...})   # any of the six types
    >>> rec.type, rec.start, rec.end
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

PIPELINE_VERSION = "0.2.0"

Comparator = Literal["=", ">", ">=", "<", "<=", "~"]
Modality = Literal["binding", "pledge", "intent", "exploratory"]
FactType = Literal["DATE", "PARTY", "MINERAL", "PERCENTAGE", "AMOUNT", "COMMITMENT"]
FACT_TYPES: tuple[str, ...] = ("DATE", "PARTY", "MINERAL", "PERCENTAGE", "AMOUNT", "COMMITMENT")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SentenceRef(_Strict):
    """The sentence a fact came from: its index in the document and its text."""

    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _bounds(self) -> SentenceRef:
        if self.end < self.start:
            raise ValueError("sentence end must not precede its start")
        if len(self.text) != self.end - self.start:
            raise ValueError("sentence text length must equal end - start")
        return self


class TextQuote(_Strict):
    """A W3C Web Annotation TextQuoteSelector: re-finds a fact if offsets drift."""

    prefix: str
    exact: str
    suffix: str


class Money(_Strict):
    """A sum of money: a number and its ISO 4217 currency code."""

    value: float
    unit: str = Field(pattern=r"^[A-Z]{3}$")


class Trigger(_Strict):
    """The word or phrase that makes a sentence a commitment."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class _FactBase(_Strict):
    id: str = Field(description="Stable id: hash of document hash, type and offsets.")
    doc_id: str
    doc_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    start: int = Field(ge=0, description="Start offset (code points) into the document text.")
    end: int = Field(ge=0, description="End offset, exclusive.")
    text: str = Field(min_length=1)
    sentence: SentenceRef
    quote: TextQuote
    rule: str = Field(min_length=1, description="Id of the pattern or rule that produced it.")
    pipeline_version: str

    @model_validator(mode="after")
    def _span(self) -> _FactBase:
        if self.end <= self.start:
            raise ValueError("end must be greater than start")
        if len(self.text) != self.end - self.start:
            raise ValueError("text length must equal end - start")
        s = self.sentence
        if not (s.start <= self.start and self.end <= s.end):
            raise ValueError("a fact must lie inside its sentence")
        if self.quote.exact != self.text:
            raise ValueError("quote.exact must equal text")
        return self


class DateFact(_FactBase):
    type: Literal["DATE"] = "DATE"
    value: str | None = Field(description="TIMEX3-style value: 2025-10-28, 2023-03, P6M, PAST_REF")


class PartyFact(_FactBase):
    type: Literal["PARTY"] = "PARTY"
    value: str = Field(description="ISO 3166-1 alpha-3 for countries, else canonical name")
    kind: Literal["country", "person", "organization"]


class MineralFact(_FactBase):
    type: Literal["MINERAL"] = "MINERAL"
    value: str = Field(description="Canonical lower-case name")
    symbol: str | None = Field(default=None, description="Chemical symbol for elements")


class PercentageFact(_FactBase):
    type: Literal["PERCENTAGE"] = "PERCENTAGE"
    value: float
    comparator: Comparator = "="
    unit: Literal["percent", "percentage_points"] = "percent"


class AmountFact(_FactBase):
    type: Literal["AMOUNT"] = "AMOUNT"
    value: Money
    comparator: Comparator = "="


class CommitmentFact(_FactBase):
    type: Literal["COMMITMENT"] = "COMMITMENT"
    value: None = None
    modality: Modality
    agents: list[str]
    deadline: str | None = None
    deadline_date: str | None = Field(
        default=None, description="Deadline resolved to a date (YYYY-MM-DD) when computable"
    )
    amount: Money | None = None
    trigger: Trigger
    links: list[str] = Field(
        default_factory=list, description="Ids of the PARTY, DATE and AMOUNT facts it uses"
    )


Fact = Annotated[
    DateFact | PartyFact | MineralFact | PercentageFact | AmountFact | CommitmentFact,
    Field(discriminator="type"),
]
FACT_ADAPTER: TypeAdapter[Fact] = TypeAdapter(Fact)
# A document's facts validated in one call: one trip into pydantic-core instead of one per fact.
FACTS_ADAPTER: TypeAdapter[list[Fact]] = TypeAdapter(list[Fact])


class DocumentRecord(_Strict):
    """One processed document: what databases and incremental runs need to know."""

    doc_id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    date: str | None = None
    source: str | None = None
    title: str | None = None
    path: str | None = None
    n_facts: int = Field(ge=0)
    pipeline_version: str


class InputError(_Strict):
    """One input that could not be read: which file, which line, why."""

    path: str
    line: int | None = None
    reason: str


def sha256_text(text: str) -> str:
    """Hash of a document text (UTF-8), the document's identity for provenance."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fact_id(
    doc_sha256: str, fact_type: str, start: int, end: int, doc_id: str | None = None
) -> str:
    """Stable id: the same document text, type and span give the same id on every run.

    With `doc_id`, two documents with the same text (a syndicated story filed
    under two ids) still get distinct ids, as a database primary key needs.
    """
    key = f"{doc_sha256}:{fact_type}:{start}:{end}"
    raw = (key if doc_id is None else f"{doc_id}:{key}").encode()
    return hashlib.sha256(raw).hexdigest()[:24]


def quote_for(text: str, start: int, end: int, context: int = 32) -> TextQuote:
    """Build the TextQuoteSelector for `text[start:end]` with `context` characters around."""
    return TextQuote(**quote_fields(text, start, end, context))


def quote_fields(text: str, start: int, end: int, context: int = 32) -> dict[str, str]:
    """The TextQuoteSelector's fields, unvalidated (the Fact validator checks them)."""
    return dict(
        prefix=text[max(0, start - context) : start],
        exact=text[start:end],
        suffix=text[end : end + context],
    )
