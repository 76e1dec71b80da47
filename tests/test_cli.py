"""The `facts` command line end to end (typer's CliRunner on `pipeline.cli.app`).

`facts extract` reuses the session pipeline (the `shared_nlp` fixture), so
these tests cost no pipeline builds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from typer.testing import CliRunner, Result

from pipeline.cli import app
from pipeline.records import PIPELINE_VERSION
from pipeline.schema import render_schemas

runner = CliRunner()

ARTICLE_A = (
    "---\nid: a\ndate: 2025-10-28\n---\n"
    "US, Japan sign rare earths framework\n"
    "Japan will invest $550 billion within six months. China refines over 90% of rare earths.\n"
)
ARTICLE_B = "Lithium prices fell last year. Tokyo said it would act by 2030.\n"
BATCH = (
    '{"id": "c1", "text": "The EU pledged €2 billion for cobalt.", "date": "2024-05-01"}\n'
    '{"text": "Exports fell last month, officials said on Tuesday."}\n'
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "sub" / "batch.jsonl").write_text(BATCH, encoding="utf-8")
    return folder


def invoke(*args: str | Path, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sidecars(out: Path) -> list[Path]:
    return [
        out,
        out.with_name(f"{out.stem}.documents.jsonl"),
        out.with_name(f"{out.stem}.errors.jsonl"),
    ]


# --- extract --------------------------------------------------------------------


def test_extract_writes_facts_documents_and_errors(
    shared_nlp: Language, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    result = invoke("extract", corpus, "-o", out)
    assert result.exit_code == 0, result.output
    facts, documents, errors = (read_jsonl(p) for p in sidecars(out))
    assert [d["doc_id"] for d in documents] == ["a", "b", "c1", "batch:2"]
    assert errors == []
    assert {f["doc_id"] for f in facts} == {"a", "b", "c1", "batch:2"}
    assert sum(d["n_facts"] for d in documents) == len(facts)
    assert all(f["pipeline_version"] == PIPELINE_VERSION for f in facts)
    assert "4 documents" in result.stderr


def test_output_does_not_depend_on_the_order_of_the_inputs(
    shared_nlp: Language, corpus: Path, tmp_path: Path
) -> None:
    inputs = [corpus / "a.txt", corpus / "b.md", corpus / "sub" / "batch.jsonl"]
    forward, backward = tmp_path / "forward.jsonl", tmp_path / "backward.jsonl"
    assert invoke("extract", *inputs, "-o", forward).exit_code == 0
    assert invoke("extract", *reversed(inputs), "-o", backward).exit_code == 0
    for f, b in zip(sidecars(forward), sidecars(backward), strict=True):
        assert f.read_bytes() == b.read_bytes(), f.name
    assert forward.read_bytes()


def test_output_is_byte_identical_across_runs(
    shared_nlp: Language, corpus: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert invoke("extract", corpus, "-o", first).exit_code == 0
    assert invoke("extract", corpus, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_folder_and_its_files_give_the_same_output(
    shared_nlp: Language, corpus: Path, tmp_path: Path
) -> None:
    by_folder, by_files = tmp_path / "folder.jsonl", tmp_path / "files.jsonl"
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert invoke("extract", corpus, "-o", by_folder).exit_code == 0
    assert invoke("extract", *files, "-o", by_files).exit_code == 0
    assert by_folder.read_bytes() == by_files.read_bytes()


def test_stdin_jsonl(shared_nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = invoke("extract", "-", "-o", out, stdin=BATCH.encode("utf-8"))
    assert result.exit_code == 0, result.output
    documents = read_jsonl(sidecars(out)[1])
    assert [(d["doc_id"], d["path"]) for d in documents] == [("c1", "-"), ("stdin:2", "-")]
    amounts = [f for f in read_jsonl(out) if f["type"] == "AMOUNT"]
    assert [(a["text"], a["value"]) for a in amounts] == [
        ("€2 billion", {"value": 2e9, "unit": "EUR"})
    ]


def test_stdin_plain_text(shared_nlp: Language, tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = invoke("extract", "-", "-o", out, stdin=ARTICLE_B.encode("utf-8"))
    assert result.exit_code == 0, result.output
    facts = read_jsonl(out)
    assert {f["doc_id"] for f in facts} == {"stdin"}
    assert ("MINERAL", "Lithium") in {(f["type"], f["text"]) for f in facts}
    for f in facts:
        assert ARTICLE_B[f["start"] : f["end"]] == f["text"]


def date_values(out: Path, doc_id: str) -> dict[str, str | None]:
    return {
        f["text"]: f["value"]
        for f in read_jsonl(out)
        if f["doc_id"] == doc_id and f["type"] == "DATE"
    }


def test_date_option_resolves_relative_dates_of_undated_documents(
    shared_nlp: Language, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "facts.jsonl"
    assert invoke("extract", corpus, "-o", out, "--date", "2025-10-28").exit_code == 0
    assert date_values(out, "b") == {"last year": "2024", "2030": "2030"}
    assert date_values(out, "batch:2") == {"last month": "2025-09", "Tuesday": "2025-10-28"}
    # A document's own date wins over --date.
    assert date_values(out, "c1") == {}
    assert read_jsonl(sidecars(out)[1])[2]["date"] == "2024-05-01"


def test_without_a_date_relative_values_are_null(
    shared_nlp: Language, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "facts.jsonl"
    assert invoke("extract", corpus, "-o", out).exit_code == 0
    assert date_values(out, "b") == {"last year": None, "2030": "2030"}
    assert date_values(out, "batch:2") == {"last month": None, "Tuesday": None}
    assert date_values(out, "a") == {"six months": "P6M"}


def test_documents_file_records_hash_and_metadata(
    shared_nlp: Language, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "facts.jsonl"
    assert invoke("extract", corpus / "a.txt", "-o", out).exit_code == 0
    (doc,) = read_jsonl(sidecars(out)[1])
    facts = read_jsonl(out)
    assert doc["doc_id"] == "a"
    assert doc["date"] == "2025-10-28"
    assert doc["path"] == str(corpus / "a.txt")
    assert {f["doc_sha256"] for f in facts} == {doc["sha256"]}


# --- atomic writing ---------------------------------------------------------------


def test_a_run_that_fails_midway_leaves_the_previous_output_intact(
    shared_nlp: Language, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    assert invoke("extract", corpus / "a.txt", "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.parent.iterdir()}
    assert {p.name for p in sidecars(out)} <= before.keys()

    import pipeline.extract

    real = pipeline.extract.document_record
    calls = {"n": 0}

    def fail_on_second_document(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline.extract, "document_record", fail_on_second_document)
    result = invoke("extract", corpus, "-o", out)
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
    assert calls["n"] == 2
    # Same files, same bytes: nothing replaced, no temporary file left behind.
    assert {p.name: p.read_bytes() for p in out.parent.iterdir()} == before


# --- verify -----------------------------------------------------------------------


@pytest.fixture
def extracted(shared_nlp: Language, corpus: Path, tmp_path: Path) -> Path:
    out = tmp_path / "facts.jsonl"
    assert invoke("extract", corpus, "-o", out, "--date", "2025-10-28").exit_code == 0
    return out


def rewrite(path: Path, change: Any) -> dict[str, Any]:
    """Apply `change` to the first record that lies inside a longer sentence; return it."""
    records = read_jsonl(path)
    for i, rec in enumerate(records):
        if rec["sentence"]["start"] < rec["start"] and rec["end"] < rec["sentence"]["end"] - 1:
            records[i] = change(dict(rec))
            path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            return rec
    raise AssertionError("no suitable record")


def test_verify_accepts_fresh_output(extracted: Path, corpus: Path) -> None:
    result = invoke("verify", extracted, corpus)
    assert result.exit_code == 0, result.output
    n = len(read_jsonl(extracted))
    assert f"{n} records checked, 0 mismatches" in " ".join(result.stderr.split())


def shift_offsets(rec: dict[str, Any]) -> dict[str, Any]:
    rec["start"] += 1
    rec["end"] += 1
    return rec


def replace_text(rec: dict[str, Any]) -> dict[str, Any]:
    text = "X" * len(rec["text"])
    rec["text"] = text
    rec["quote"] = {**rec["quote"], "exact": text}
    return rec


def change_quote_prefix(rec: dict[str, Any]) -> dict[str, Any]:
    rec["quote"] = {**rec["quote"], "prefix": "not what came before "}
    return rec


def unknown_document(rec: dict[str, Any]) -> dict[str, Any]:
    rec["doc_id"] = "no-such-doc"
    return rec


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (shift_offsets, "!= document["),
        (replace_text, "!= document["),
        (change_quote_prefix, "quote prefix"),
        (unknown_document, "not found in the inputs"),
    ],
)
def test_verify_rejects_an_altered_record(
    extracted: Path, corpus: Path, change: Any, reason: str
) -> None:
    original = rewrite(extracted, change)
    result = invoke("verify", extracted, corpus)
    assert result.exit_code == 1
    stderr = " ".join(result.stderr.split())
    assert f"mismatch {original['id']}:" in stderr
    assert reason in stderr
    assert "0 mismatches" not in stderr


def test_verify_rejects_a_changed_source(extracted: Path, corpus: Path) -> None:
    (corpus / "b.md").write_text(ARTICLE_B.replace("fell", "rose"), encoding="utf-8")
    result = invoke("verify", extracted, corpus)
    assert result.exit_code == 1
    assert "sha256 differs" in " ".join(result.stderr.split())


def test_verify_names_an_invalid_record(extracted: Path, corpus: Path) -> None:
    def break_model(rec: dict[str, Any]) -> dict[str, Any]:
        rec["end"] = rec["start"]
        return rec

    original = rewrite(extracted, break_model)
    result = invoke("verify", extracted, corpus)
    assert result.exit_code == 1
    assert f"{original['id']}: invalid record" in " ".join(result.stderr.split())


def test_verify_of_a_missing_facts_file_is_a_usage_error(tmp_path: Path, corpus: Path) -> None:
    assert invoke("verify", tmp_path / "missing.jsonl", corpus).exit_code == 2


# --- schema, show, version ---------------------------------------------------------


def test_schema_writes_the_schema_files(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    result = invoke("schema", "--out", out)
    assert result.exit_code == 0, result.output
    expected = render_schemas()
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    for name, text in expected.items():
        assert (out / name).read_text(encoding="utf-8") == text
        assert str(out / name) in result.stdout


def test_show_filters_by_document_and_type(extracted: Path) -> None:
    result = invoke("show", extracted, "--doc-id", "a", "--type", "AMOUNT")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    doc_id, fact_type, text, value, rule = line.split("\t")
    assert (doc_id, fact_type, text, rule) == ("a", "AMOUNT", "'$550 billion'", "amount-symbol")
    assert json.loads(value) == {"value": 550e9, "unit": "USD"}


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"facts {PIPELINE_VERSION}"
