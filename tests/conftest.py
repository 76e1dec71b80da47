"""Shared fixtures: one rule pipeline per test session, and small helpers around it.

Why session-scoped: building the pipeline (gazetteers, matchers) takes about
two seconds; the components keep no state between documents, so every test
can share one. No fixture needs a statistical model, the network or a clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language

from pipeline.corpus import Document
from pipeline.extract import extract_document
from pipeline.nlp import build_nlp
from pipeline.records import Fact

# The seed article's date (docs/annotation-notes.md): a Tuesday, ISO week 44.
DOC_DATE = dt.date(2025, 10, 28)

Extract = Callable[..., list[Fact]]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The rule pipeline, built once (blank English tokenizer plus our components)."""
    return build_nlp()


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Extract:
    """`extract(text, date=DOC_DATE)` → the records of one document, in document order."""

    def run(text: str, date: dt.date | None = DOC_DATE, doc_id: str = "t") -> list[Fact]:
        return extract_document(nlp, Document(doc_id=doc_id, text=text, date=date))

    return run


@pytest.fixture
def shared_nlp(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Language:
    """Make `facts extract` reuse the session pipeline instead of building its own.

    The in-process engine takes its pipeline from `pipeline.parallel`'s
    per-process cache (keyed by model name; None is the rule pipeline), so
    the session pipeline is put there for the duration of a test.
    """
    import pipeline.parallel

    monkeypatch.setattr("pipeline.nlp.build_nlp", lambda model=None: nlp)
    monkeypatch.setitem(pipeline.parallel._PIPELINES, None, nlp)
    return nlp
