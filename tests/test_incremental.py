"""--incremental: unchanged documents are carried over, and the output equals a full run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import convert, extract, records
from pipeline.cli import app
from pipeline.extract import run_extraction, sidecar
from pipeline.incremental import manifest_path
from pipeline.parallel import run, worker_pipeline
from pipeline.records import PIPELINE_VERSION

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for src in sorted(CORPUS.glob("*.txt"))[:4]:
        shutil.copy(src, folder / src.name)
    (folder / "zz-wire.jsonl").write_text(
        '{"id": "w1", "date": "2025-01-02", "text": "Japan agreed to buy 30% of the lithium."}\n'
        '{"id": "w2", "text": "No facts here at all."}\n'
    )
    return folder


def files(output: Path) -> tuple[bytes, bytes, bytes]:
    return (
        output.read_bytes(),
        sidecar(output, "documents").read_bytes(),
        sidecar(output, "errors").read_bytes(),
    )


def full_run(inputs: Path, output: Path) -> tuple[bytes, bytes, bytes]:
    run([str(inputs)], output, workers=1)
    return files(output)


def test_unchanged_corpus_processes_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    notes: list[str] = []
    first = run([str(corpus)], out, workers=1, incremental=True, on_note=notes.append)
    assert (first.processed, first.skipped) == (6, 0)
    assert "no previous output" in notes[0]
    before = files(out)
    second = run([str(corpus)], out, workers=1, incremental=True)
    assert (second.processed, second.skipped) == (0, 6)
    assert second.facts == first.facts
    assert "0 processed, 6 unchanged" in second.line()
    assert files(out) == before


def test_one_edited_document_is_processed_and_output_equals_a_full_run(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    run([str(corpus)], out, workers=1, incremental=True)
    edited = sorted(corpus.glob("*.txt"))[1]
    edited.write_text(edited.read_text() + "\nIndonesia will ban nickel ore exports by 2027.\n")
    (sorted(corpus.glob("*.txt"))[2]).unlink()  # a vanished document is dropped
    summary = run([str(corpus)], out, workers=1, incremental=True)
    assert (summary.processed, summary.skipped) == (1, 4)
    assert files(out) == full_run(corpus, tmp_path / "full" / "facts.jsonl")


def test_a_changed_document_date_reprocesses_it(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    run([str(corpus)], out, workers=1, incremental=True)
    wire = corpus / "zz-wire.jsonl"
    wire.write_text(wire.read_text().replace("2025-01-02", "2024-06-30"))
    summary = run([str(corpus)], out, workers=1, incremental=True)
    assert (summary.processed, summary.skipped) == (1, 5)
    assert files(out) == full_run(corpus, tmp_path / "full" / "facts.jsonl")


def test_a_pipeline_version_change_reprocesses_everything(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    run([str(corpus)], out, workers=1, incremental=True)
    for module in (records, extract, convert):
        monkeypatch.setattr(module, "PIPELINE_VERSION", "9.9.9")
    notes: list[str] = []
    summary = run([str(corpus)], out, workers=1, incremental=True, on_note=notes.append)
    assert (summary.processed, summary.skipped) == (6, 0)
    assert f"pipeline version changed ({PIPELINE_VERSION} → 9.9.9)" in notes[0]
    assert b'"pipeline_version":"9.9.9"' in out.read_bytes()


def test_other_settings_and_rewritten_outputs_are_not_trusted(corpus: Path, tmp_path: Path) -> None:
    import datetime as dt

    out = tmp_path / "out" / "facts.jsonl"
    run([str(corpus)], out, workers=1, incremental=True)
    notes: list[str] = []
    again = run(
        [str(corpus)], out, workers=1, incremental=True, default_date=dt.date(2020, 1, 1),
        on_note=notes.append,
    )  # fmt: skip
    assert again.skipped == 0 and "default date changed" in notes[-1]
    # A run that does not write the manifest leaves it stale: nothing is reused.
    assert run([str(corpus)], out, workers=1, incremental=True).skipped == 0
    run_extraction(worker_pipeline(None), [str(corpus)], out)
    again = run([str(corpus)], out, workers=1, incremental=True, on_note=notes.append)
    assert again.skipped == 0 and "rewritten" in notes[-1]
    assert manifest_path(out).is_file()


def test_incremental_through_worker_processes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    run([str(corpus)], out, workers=1, incremental=True)
    edited = sorted(corpus.glob("*.txt"))[0]
    edited.write_text(edited.read_text().replace("the", "a", 3))
    summary = run([str(corpus)], out, workers=2, incremental=True, min_chars_for_workers=0)
    assert (summary.processed, summary.skipped) == (1, 5)
    assert files(out) == full_run(corpus, tmp_path / "full" / "facts.jsonl")


def test_cli_incremental_reports_processed_and_unchanged(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    args = ["extract", str(corpus), "-o", str(out), "--workers", "1", "--incremental"]
    runner = CliRunner()
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "6 documents (0 processed, 6 unchanged)" in result.output


def test_an_index_that_does_not_match_its_facts_file_is_refused(
    corpus: Path, tmp_path: Path
) -> None:
    from pipeline.incremental import _build_index

    out = tmp_path / "out" / "facts.jsonl"
    run([str(corpus)], out, workers=1)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[1:]))  # one record lost: every later group shifts
    with pytest.raises(ValueError, match=r"does not match|ends inside"):
        _build_index(out, records.PIPELINE_VERSION)
