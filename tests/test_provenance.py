"""The provenance promise: every record points at the exact text it came from.

For every record: `doc_text[start:end] == text`; its sentence's text is
`doc_text[sentence.start:sentence.end]` and contains the fact; the quote's
prefix/exact/suffix sit around the offsets; and `pipeline.verify.check_record`
(what `facts verify` runs) finds nothing. Checked on every corpus article and
on generated texts that mix fact fragments with arbitrary Unicode.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.corpus import Document, read_inputs
from pipeline.records import CommitmentFact, Fact, sha256_text
from pipeline.verify import check_record

Extract = Callable[..., list[Fact]]  # the `extract` fixture of conftest.py

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))


def provenance_problems(records: list[Fact], text: str) -> list[str]:
    """Every way a record fails to point at `text`, as readable strings."""
    problems: list[str] = []
    ids = {r.id for r in records}
    for r in records:
        where = f"{r.type} {r.text!r} [{r.start}:{r.end}]"
        if r.doc_sha256 != sha256_text(text):
            problems.append(f"{where}: doc_sha256 is not the hash of the text")
        if text[r.start : r.end] != r.text:
            problems.append(f"{where}: text is {text[r.start : r.end]!r} at its offsets")
        s = r.sentence
        if text[s.start : s.end] != s.text:
            problems.append(f"{where}: sentence {s.index} text differs from the document")
        if not (s.start <= r.start and r.end <= s.end):
            problems.append(f"{where}: outside its sentence [{s.start}:{s.end}]")
        if s.text != s.text.strip():
            problems.append(f"{where}: sentence {s.index} has surrounding whitespace")
        q = r.quote
        if q.exact != r.text:
            problems.append(f"{where}: quote.exact differs")
        if text[r.start - len(q.prefix) : r.start] != q.prefix:
            problems.append(f"{where}: quote prefix does not precede the fact")
        if text[r.end : r.end + len(q.suffix)] != q.suffix:
            problems.append(f"{where}: quote suffix does not follow the fact")
        if isinstance(r, CommitmentFact):
            t = r.trigger
            if text[t.start : t.end] != t.text or not (r.start <= t.start and t.end <= r.end):
                problems.append(f"{where}: trigger {t.text!r} is not inside the commitment")
            problems.extend(
                f"{where}: link {link} is no fact" for link in r.links if link not in ids
            )
        problems.extend(f"{where}: verify: {reason}" for reason in check_record(r, text))
    if len(ids) != len(records):
        problems.append("two records share an id")
    return problems


def sentence_indexes_are_consistent(records: list[Fact]) -> bool:
    """The same sentence index always means the same bounds, and indexes grow with offsets."""
    seen: dict[int, tuple[int, int]] = {}
    for r in records:
        bounds = (r.sentence.start, r.sentence.end)
        if seen.setdefault(r.sentence.index, bounds) != bounds:
            return False
    ordered = sorted(seen.items())
    return all(a[1][1] <= b[1][0] for a, b in pairwise(ordered))


def test_the_corpus_is_there() -> None:
    assert len(ARTICLES) >= 20


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_corpus_record_points_at_its_text(extract: Extract, path: Path) -> None:
    (doc,) = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
    records = extract(doc.text, date=doc.date, doc_id=doc.doc_id)
    assert records, f"{path.name} yields no facts"
    assert provenance_problems(records, doc.text) == []
    assert sentence_indexes_are_consistent(records)
    assert all(r.doc_id == doc.doc_id for r in records)
    assert all("\n" not in r.text for r in records), "a fact crosses a line break"


# --- generated texts ------------------------------------------------------------

FRAGMENTS = [
    # dates
    "October 28, 2025", "2025-10-28", "Oct. 28, 2025", "2025–2030", "the 1990s", "Q3 2024",
    "within six months", "a six-month review", "over a decade ago", "two years ago",
    "last year", "this week", "on Tuesday", "earlier this year", "by 2030", "2,030 jobs",
    # parties
    "the United States", "US officials", "the US–Japan deal", "President Donald Trump",
    "Trump", "Lynas Rare Earths Ltd", "Lynas", "Tokyo said", "in Tokyo", "Beijing's",
    "the EU", "JOGMEC", "U.S.", "South America", "Japanese", "Critical Minerals Agreement",
    # minerals
    "rare earths", "rare earth magnets", "lithium-ion", "lead and zinc", "cobalt", "aluminum",
    "critical minerals", "iron ore",
    # percentages
    "90%", "over 90%", "ninety per cent", "3.5 percentage points", "10-15%", "half",
    # amounts
    "$550 billion", "US$1.2bn", "A$8.5 billion", "€2 billion", "¥1 trillion",
    "550 billion dollars", "up to US$200 million", "an estimated $5bn", "3 billion yuan",
    "C$500m.", "$500m",
    # commitment triggers and structure
    "will invest", "pledged to", "agreed to", "aims to", "signed", "The two countries will:",
    "\n- ", "\n", "\n\n", "\r\n", ". ", "? ", '"', "“", "”", "(", ")", ";", ", ",
]  # fmt: skip

NOISE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("éèüñçøß–—‘’“”…·•中国日本語한국🚀🙂\u00a0\u200b\u2028\t\n ")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=12,
)
PIECES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), NOISE), min_size=1, max_size=14)
SEPARATORS = st.sampled_from([" ", "", "\n", ", ", " – "])
DATES = st.one_of(
    st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pieces=PIECES, separator=SEPARATORS, date=DATES)
def test_generated_texts_keep_provenance(
    extract: Extract, pieces: list[str], separator: str, date: dt.date | None
) -> None:
    text = separator.join(pieces)
    if not text.strip():
        return
    records = extract(text, date=date, doc_id="generated")
    assert provenance_problems(records, text) == []
    assert sentence_indexes_are_consistent(records)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
def test_arbitrary_unicode_never_breaks_provenance(extract: Extract, text: str) -> None:
    if not text.strip():
        return
    assert provenance_problems(extract(text), text) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=PIECES, prefix=NOISE)
def test_shifting_a_text_shifts_its_facts(extract: Extract, pieces: list[str], prefix: str) -> None:
    """A prefix on its own line moves every later fact by its length and keeps its value."""
    body = " ".join(pieces)
    if not body.strip() or not prefix.strip():
        return
    shifted_text = prefix.replace("\n", " ").replace("\u2028", " ") + "\n" + body
    offset = len(shifted_text) - len(body)
    # Names learnt from the prefix may add or rename parties, and a mineral word in the
    # prefix may confirm an ambiguous one ("zinc" / "lead"): compare the other types only.
    kept = ("DATE", "PERCENTAGE", "AMOUNT")
    alone = {
        (r.type, r.start + offset, r.end + offset, repr(r.value))
        for r in extract(body)
        if r.type in kept
    }
    shifted = {
        (r.type, r.start, r.end, repr(r.value))
        for r in extract(shifted_text)
        if r.type in kept and r.start >= offset
    }
    assert shifted == alone
