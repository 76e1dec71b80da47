"""Engines: N worker processes write the same bytes as one; chunks come back in input order."""

from __future__ import annotations

import importlib
import multiprocessing as mp
import random
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import parallel
from pipeline.cli import app
from pipeline.corpus import Document
from pipeline.errors import EngineError
from pipeline.extract import SerializedFacts, sidecar
from pipeline.parallel import Outcome, chunked, ordered_results, run
from pipeline.records import InputError

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
OUTPUT_KINDS = ("facts", "documents", "errors")


def small_corpus(folder: Path, n: int = 5) -> Path:
    """A few corpus articles, an empty file and a JSONL with a bad line, so errors interleave."""
    folder.mkdir(parents=True, exist_ok=True)
    for src in sorted(CORPUS.glob("*.txt"))[:n]:
        shutil.copy(src, folder / src.name)
    (folder / "a00-empty.txt").write_text("")
    (folder / "b00-wire.jsonl").write_text(
        '{"id": "w1", "date": "2025-01-02", "text": "Japan agreed to buy 30% of the lithium."}\n'
        "{not json\n"
        '{"id": "w2", "text": "Chile and China signed a $2 billion copper deal in May 2024."}\n'
    )
    return folder


def outputs(output: Path) -> dict[str, bytes]:
    return {
        "facts": output.read_bytes(),
        "documents": sidecar(output, "documents").read_bytes(),
        "errors": sidecar(output, "errors").read_bytes(),
    }


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_workers_write_the_same_bytes_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    if method not in mp.get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    inputs = [str(small_corpus(tmp_path / "in"))]
    one = run(inputs, tmp_path / "one" / "facts.jsonl", workers=1)
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 2)  # several chunks, so order matters
    monkeypatch.setattr(parallel, "choose_start_method", lambda: method)
    two = run(inputs, tmp_path / "two" / "facts.jsonl", workers=2, min_chars_for_workers=0)
    assert one.documents == two.documents == 7
    assert one.errors == two.errors == 2
    assert one.facts == two.facts
    assert outputs(tmp_path / "one" / "facts.jsonl") == outputs(tmp_path / "two" / "facts.jsonl")


def test_workers_are_forked_only_from_a_single_threaded_process_on_linux() -> None:
    release = threading.Event()
    helper = threading.Thread(target=release.wait)
    helper.start()
    try:
        assert parallel.choose_start_method() == "spawn"  # a thread could hold a lock
    finally:
        release.set()
        helper.join()
    alone = threading.active_count() == 1
    expected = "fork" if sys.platform == "linux" and alone else "spawn"
    assert parallel.choose_start_method() == expected


def test_one_worker_matches_the_sequential_engine(tmp_path: Path) -> None:
    from pipeline.extract import run_extraction
    from pipeline.parallel import worker_pipeline

    inputs = [str(small_corpus(tmp_path / "in", n=2))]
    run_extraction(worker_pipeline(None), inputs, tmp_path / "seq" / "facts.jsonl")
    run(inputs, tmp_path / "one" / "facts.jsonl", workers=1)
    assert outputs(tmp_path / "seq" / "facts.jsonl") == outputs(tmp_path / "one" / "facts.jsonl")


def _doc(i: int) -> Document:
    return Document(doc_id=f"d{i}", text="x" * (i % 7 + 1))


def test_ordered_results_keep_input_order_and_pass_other_items_through() -> None:
    items: list[Document | InputError] = []
    for i in range(40):
        items.append(_doc(i))
        if i % 9 == 0:
            items.append(InputError(path=f"e{i}", reason="bad"))

    def work(docs: list[Document]) -> list[Outcome]:
        time.sleep(random.random() / 200)  # finish out of order
        return [SerializedFacts((d.doc_id,), ("DATE",)) for d in docs]

    with ThreadPoolExecutor(4) as pool:

        def submit(docs: list[Document]) -> Future[list[Outcome]]:
            return pool.submit(work, docs)

        out = list(ordered_results(items, submit, window=5, max_docs=3))
    expected = [i.doc_id if isinstance(i, Document) else i.path for i in items]
    got = [o.path if isinstance(o, InputError) else o[1].lines[0] for o in out]
    assert got == expected


def test_ordered_results_read_the_input_lazily() -> None:
    consumed = 0

    def source() -> Iterator[Document]:
        nonlocal consumed
        for i in range(1000):
            consumed += 1
            yield _doc(i)

    def submit(docs: list[Document]) -> parallel.Pending:
        return parallel._Done([SerializedFacts((), ()) for _ in docs])

    stream = ordered_results(source(), submit, window=3, max_docs=4)
    next(stream)
    assert consumed <= 3 * 4  # at most `window` chunks read ahead, never the whole input


def test_chunks_are_bounded_by_documents_characters_and_items() -> None:
    long = Document(doc_id="long", text="y" * 100)
    chunks = list(chunked([_doc(1), long, _doc(2), _doc(3)], max_docs=10, max_chars=50))
    assert [[d.doc_id for d in c if isinstance(d, Document)] for c in chunks] == [
        ["d1", "long"],
        ["d2", "d3"],
    ]
    errors = [InputError(path=str(i), reason="r") for i in range(10)]
    assert [len(c) for c in chunked(errors, max_items=4)] == [4, 4, 2]


def test_a_small_input_stays_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a small input must not start worker processes")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    inputs = [str(small_corpus(tmp_path / "in", n=2))]
    summary = run(inputs, tmp_path / "out" / "facts.jsonl", workers=4)
    assert summary.documents == 4


def test_dask_engine_without_dask_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def missing(name: str) -> object:
        if name == "distributed":
            raise ImportError(name)
        return real(name)

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(EngineError, match=r"pip install 'mineral-facts\[dask\]'"):
        run([str(tmp_path)], tmp_path / "out" / "facts.jsonl", engine="dask")
    assert not (tmp_path / "out" / "facts.jsonl").exists()


def test_cli_workers_and_engine_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = small_corpus(tmp_path / "in", n=1)
    out = tmp_path / "out" / "facts.jsonl"
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(inputs), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 1, result.output  # the empty file and the bad JSON line
    assert "3 documents" in result.output
    result = runner.invoke(
        app, ["extract", str(inputs), "-o", str(out), "--scheduler", "tcp://localhost:1"]
    )
    assert result.exit_code == 2
    assert "--engine dask" in result.output


def test_workers_running_other_pipeline_code_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document(doc_id="d", text="Japan agreed.")
    with pytest.raises(parallel.WorkerMismatch, match="other pipeline code"):
        parallel.process_chunk(parallel.PipelineSpec(fingerprint="0" * 64), [doc])
    # Through spawned workers: the client's code "changed" after they loaded theirs.
    monkeypatch.setattr("pipeline.incremental.pipeline_fingerprint", lambda: "0" * 64)
    inputs = [str(small_corpus(tmp_path / "in", n=2))]
    out = tmp_path / "out" / "facts.jsonl"
    with pytest.raises(EngineError, match="other pipeline code"):
        run(inputs, out, workers=2, min_chars_for_workers=0)
    assert not out.exists()
