"""Benchmark `facts export`: how many facts per second go into a database.

Why a generated file: the bundled corpus has a few hundred facts, far too
few to time. The generator writes news-like documents (about 100 facts each,
all six types, commitments with agents, amounts and links) whose records
are valid `pipeline.records` models, exactly what `facts extract` writes.

    python benchmarks/load.py                      # 200,000 facts into SQLite
    python benchmarks/load.py --facts 50000 --db postgresql+psycopg://me@localhost/facts

Prints facts/s for a first load, a re-load (every document unchanged, so
skipped) and a replacing load (new pipeline version: delete + insert).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.export import documents_path_for, load  # noqa: E402
from pipeline.io import write_jsonl  # noqa: E402
from pipeline.records import (  # noqa: E402
    FACT_ADAPTER,
    DocumentRecord,
    Fact,
    SentenceRef,
    fact_id,
    quote_for,
    sha256_text,
)

COUNTRIES = [
    ("Japan", "JPN"),
    ("Australia", "AUS"),
    ("the United States", "USA"),
    ("India", "IND"),
    ("Canada", "CAN"),
    ("Germany", "DEU"),
    ("Chile", "CHL"),
    ("Indonesia", "IDN"),
]
MINERALS = [
    ("lithium", "Li"),
    ("cobalt", "Co"),
    ("nickel", "Ni"),
    ("graphite", None),
    ("rare earth elements", None),
    ("neodymium", "Nd"),
    ("copper", "Cu"),
]
MONTHS = ["January", "March", "May", "June", "September", "October", "November"]

# A sentence is a list of segments: plain text, or (text, fact-spec). In the
# commitment template two markers delimit the committed clause.
Segment = str | tuple[str, dict[str, Any]]
COMMIT_START, COMMIT_END = "\x00commit-start", "\x00commit-end"


def _sentences(rng: random.Random) -> Iterator[list[Segment]]:
    while True:
        (c1, i1), (c2, i2) = rng.sample(COUNTRIES, 2)
        mineral, symbol = rng.choice(MINERALS)
        year = rng.randint(2019, 2035)
        month = rng.randrange(len(MONTHS))
        pct = round(rng.uniform(1, 99), 1)
        billions = rng.choice([1, 2.5, 8.5, 15, 120, 550])
        choice = rng.randrange(4)
        if choice == 0:
            yield [
                "On ",
                (
                    f"{MONTHS[month]} 3, {year}",
                    {"type": "DATE", "value": f"{year}-{month + 1:02d}-03"},
                ),
                ", ",
                (c1, {"type": "PARTY", "value": i1, "kind": "country"}),
                " said it supplied ",
                (f"over {pct}%", {"type": "PERCENTAGE", "value": pct, "comparator": ">"}),
                " of the world's ",
                (mineral, {"type": "MINERAL", "value": mineral, "symbol": symbol}),
                ".",
            ]
        elif choice == 1:
            yield [
                "Prices of ",
                (mineral, {"type": "MINERAL", "value": mineral, "symbol": symbol}),
                " fell ",
                (f"{pct} percent", {"type": "PERCENTAGE", "value": pct}),
                " in ",
                (str(year), {"type": "DATE", "value": str(year)}),
                ", analysts in ",
                (c2, {"type": "PARTY", "value": i2, "kind": "country"}),
                " said.",
            ]
        elif choice == 2:
            yield [
                (c2, {"type": "PARTY", "value": i2, "kind": "country"}),
                " imported ",
                (
                    f"${billions} billion",
                    {"type": "AMOUNT", "value": billions * 1e9, "unit": "USD"},
                ),
                " worth of ",
                (mineral, {"type": "MINERAL", "value": mineral, "symbol": symbol}),
                " last year.",
            ]
        else:
            yield [
                (c1, {"type": "PARTY", "value": i1, "kind": "country"}),
                " and ",
                (c2, {"type": "PARTY", "value": i2, "kind": "country"}),
                " ",
                COMMIT_START,
                "agreed to",
                " invest ",
                (
                    f"${billions} billion",
                    {"type": "AMOUNT", "value": billions * 1e9, "unit": "USD"},
                ),
                " in ",
                (mineral, {"type": "MINERAL", "value": mineral, "symbol": symbol}),
                " mines by ",
                (str(year), {"type": "DATE", "value": str(year)}),
                COMMIT_END,
                ".",
            ]


def _base(
    doc_id: str, sha: str, text: str, sent: SentenceRef, start: int, end: int
) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "doc_sha256": sha,
        "start": start,
        "end": end,
        "text": text[start:end],
        "sentence": sent,
        "quote": quote_for(text, start, end),
        "pipeline_version": VERSION,
    }


VERSION = "bench-1"


def make_document(
    doc_id: str, n_facts: int, rng: random.Random
) -> tuple[DocumentRecord, list[Fact]]:
    """A news-like document with about `n_facts` facts, as extraction would write it."""
    parts: list[str] = []
    planned: list[tuple[int, int, int, dict[str, Any]]] = []  # sentence, start, end, spec
    commitments: list[tuple[int, int, int, int, int]] = []  # sentence, start, end, trig s, trig e
    sentence_spans: list[tuple[int, int]] = []
    pos, count = 0, 0
    for segments in _sentences(rng):
        if count >= n_facts:
            break
        index, s_start = len(sentence_spans), pos
        commit_start = trig = None
        for seg in segments:
            if seg in (COMMIT_START, COMMIT_END):
                if seg == COMMIT_START:
                    commit_start = pos
                else:
                    assert commit_start is not None and trig is not None
                    commitments.append((index, commit_start, pos, *trig))
                    count += 1
                continue
            text, spec = (seg, None) if isinstance(seg, str) else seg
            if text == "agreed to":
                trig = (pos, pos + len(text))
            if spec is not None:
                planned.append((index, pos, pos + len(text), spec))
                count += 1
            parts.append(text)
            pos += len(text)
        sentence_spans.append((s_start, pos))
        parts.append(" ")
        pos += 1
    text = "".join(parts)
    sha = sha256_text(text)
    sents = [
        SentenceRef(index=i, start=s, end=e, text=text[s:e])
        for i, (s, e) in enumerate(sentence_spans)
    ]
    records: list[Fact] = []
    by_sentence: dict[int, list[Fact]] = {}
    for index, start, end, spec in planned:
        spec = dict(spec)
        ftype = spec.pop("type")
        raw = _base(doc_id, sha, text, sents[index], start, end)
        raw.update(
            id=fact_id(sha, ftype, start, end, doc_id), type=ftype, rule=f"bench.{ftype.lower()}"
        )
        if ftype == "AMOUNT":
            raw["value"] = {"value": spec.pop("value"), "unit": spec.pop("unit")}
        raw.update(spec)
        rec = FACT_ADAPTER.validate_python(raw)
        records.append(rec)
        by_sentence.setdefault(index, []).append(rec)
    for index, start, end, t_start, t_end in commitments:
        inside = [r for r in by_sentence[index]]
        agents = [r.value for r in inside if r.type == "PARTY"]
        amount = next((r.value for r in inside if r.type == "AMOUNT"), None)
        deadline = next((r.value for r in inside if r.type == "DATE"), None)
        raw = _base(doc_id, sha, text, sents[index], start, end)
        raw.update(
            id=fact_id(sha, "COMMITMENT", start, end, doc_id),
            type="COMMITMENT",
            rule="bench.commitment",
            modality="binding",
            agents=agents,
            deadline=deadline,
            deadline_date=f"{deadline}-12-31" if deadline else None,
            amount=amount,
            trigger={"text": text[t_start:t_end], "start": t_start, "end": t_end},
            links=[r.id for r in inside if r.type in ("PARTY", "AMOUNT", "DATE")],
        )
        records.append(FACT_ADAPTER.validate_python(raw))
    records.sort(key=lambda r: (r.start, r.type))
    document = DocumentRecord(
        doc_id=doc_id,
        sha256=sha,
        date="2025-10-28",
        source=f"https://example.org/{doc_id}",
        title=f"Minerals news {doc_id}",
        path=f"corpus/{doc_id}.txt",
        n_facts=len(records),
        pipeline_version=VERSION,
    )
    return document, records


def write_corpus(folder: Path, total_facts: int, per_document: int = 100, seed: int = 7) -> Path:
    """Write `facts.jsonl` and `facts.documents.jsonl` into `folder`; return the facts path."""
    rng = random.Random(seed)
    facts_path = folder / "facts.jsonl"
    docs: list[DocumentRecord] = []

    def records() -> Iterator[Fact]:
        written, n = 0, 0
        while written < total_facts:
            doc, recs = make_document(f"bench-{n:06d}", per_document, rng)
            docs.append(doc)
            written += len(recs)
            n += 1
            yield from recs

    write_jsonl(facts_path, records())
    write_jsonl(documents_path_for(facts_path), docs)
    return facts_path


def _timed(label: str, url: str, path: Path, n_facts: int) -> None:
    """Load `path` and print facts/s by the clock and per CPU-second of this process.

    Both, because on a shared machine the clock also counts time spent
    waiting for a CPU; CPU time is what the loader itself costs.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    summary = load(url, [path])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{label}: {summary.documents_loaded} loaded, {summary.documents_skipped} skipped, "
        f"{summary.documents_failed} failed; {n_facts:,} facts in {wall:.2f} s "
        f"= {n_facts / wall:,.0f} facts/s ({n_facts / cpu:,.0f} per CPU-second)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=200_000, help="facts to generate")
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        facts_path = write_corpus(folder, args.facts)
        n_facts = sum(1 for _ in facts_path.open(encoding="utf-8"))
        print(f"generated {n_facts:,} facts in {time.perf_counter() - t0:.1f} s")
        url = args.db or f"sqlite:///{folder / 'facts.db'}"
        _timed("first load", url, facts_path, n_facts)
        _timed("re-load (all unchanged: skipped)", url, facts_path, n_facts)
        # Replace every document: same texts, a new pipeline version.
        replaced = folder / "replaced.jsonl"
        for src, dst in (
            (facts_path, replaced),
            (documents_path_for(facts_path), documents_path_for(replaced)),
        ):
            dst.write_text(src.read_text().replace(f'"{VERSION}"', '"bench-2"'))
        _timed("replacing load (delete + insert)", url, replaced, n_facts)


if __name__ == "__main__":
    main()
