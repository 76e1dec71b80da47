"""Bad input never stops a run: each problem is reported with file, line and reason,
and every good document still comes through (pipeline.corpus, `facts extract`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.corpus import Document, read_inputs
from pipeline.corpus import read_jsonl as parse_jsonl
from pipeline.records import InputError

runner = CliRunner()

GOOD = "---\nid: good\ndate: 2025-10-28\n---\nJapan will invest $550 billion in lithium.\n"

# (file name, bytes, expected reason (substring), expected line for JSONL)
BAD_FILES: list[tuple[str, bytes, str, int | None]] = [
    ("empty.txt", b"", "empty file", None),
    ("blank.txt", b"  \n\n\t\n", "empty file", None),
    ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary file (contains NUL bytes)", None),
    ("latin1.txt", "café".encode("latin-1"), "invalid UTF-8", None),
    ("no-body.txt", b"---\nid: x\n---\n", "empty document", None),
    ("unclosed.txt", b"---\nid: x\ndate: 2025-10-28\nThe body.\n", "never closed", None),
    ("bad-key.txt", b"---\nid x\n---\nThe body.\n", "is not 'key: value'", None),
    ("bad-date.md", b"---\ndate: 28/10/2025\n---\nThe body.\n", "is not YYYY-MM-DD", None),
    ("malformed.jsonl", b'{"text": "unterminated\n', "malformed JSON", 1),
    ("no-text.jsonl", b'{"id": "x", "title": "No text"}\n', "no 'text' key", 1),
    ("null-text.jsonl", b'{"text": null}\n', "no 'text' key", 1),
    ("int-text.jsonl", b'{"text": 5}\n', "'text' is not a string", 1),
    ("list-text.jsonl", b'{"text": ["a", "b"]}\n', "'text' is not a string", 1),
    ("blank-text.jsonl", b'{"text": "   "}\n', "'text' is empty", 1),
    ("array.jsonl", b"[1, 2]\n", "not a JSON object", 1),
    ("string.jsonl", b'"just a string"\n', "not a JSON object", 1),
    ("empty-id.jsonl", b'{"id": "", "text": "A."}\n', "'id' must be a non-empty string", 1),
    ("list-id.jsonl", b'{"id": [1], "text": "A."}\n', "'id' must be a non-empty string", 1),
    ("bad-source.jsonl", b'{"text": "A.", "source": 5}\n', "'source' must be a string", 1),
    ("bad-date.jsonl", b'{"text": "A.", "date": "2025-13-01"}\n', "is not YYYY-MM-DD", 1),
    ("int-date.jsonl", b'{"text": "A.", "date": 20251028}\n', "date must be a string", 1),
    ("latin1.jsonl", b'{"text": "caf\xe9"}\n', "invalid UTF-8", 1),
    ("nul.jsonl", b'{"text": "a\x00b"}\n', "binary", 1),
    ("empty.jsonl", b"", "empty file", None),
]


def errors_and_docs(inputs: list[str]) -> tuple[list[InputError], list[Document]]:
    items = list(read_inputs(inputs))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, Document)]
    assert len(errors) + len(docs) == len(items)
    return errors, docs


@pytest.mark.parametrize(
    ("name", "data", "reason", "line"), BAD_FILES, ids=[case[0] for case in BAD_FILES]
)
def test_each_bad_input_is_reported_and_good_documents_come_through(
    tmp_path: Path, name: str, data: bytes, reason: str, line: int | None
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)
    errors, docs = errors_and_docs([str(tmp_path)])
    assert [d.doc_id for d in docs] == ["good"]
    (error,) = errors
    assert error.path == str(bad)
    assert reason in error.reason
    assert error.line == line


def test_one_bad_jsonl_line_costs_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Japan signed."}\n'
        b"{not json}\n"
        b'{"id": "c", "text": "caf\xe9"}\n'
        b'{"id": "d"}\n'
        b"\n"
        b'{"id": "f", "text": "China objected."}\n'
    )
    errors, docs = errors_and_docs([str(path)])
    assert [(d.doc_id, d.line) for d in docs] == [("a", 1), ("f", 6)]
    assert [(e.path, e.line) for e in errors] == [(str(path), 2), (str(path), 3), (str(path), 4)]


def test_jsonl_is_read_line_by_line_and_a_read_failure_keeps_the_lines_before() -> None:
    """Documents come out as their lines are read; a disk error mid-file costs only the rest."""
    consumed: list[int] = []

    def lines() -> Iterator[bytes]:
        for n in (1, 2):
            consumed.append(n)
            yield json.dumps({"id": f"d{n}", "text": f"Text {n}."}).encode() + b"\n"
        raise OSError(5, "Input/output error")

    stream = parse_jsonl(lines(), "big", "big.jsonl")
    first = next(stream)
    assert isinstance(first, Document) and first.doc_id == "d1"
    assert consumed == [1]  # the second line is not read before the first document is used
    rest = list(stream)
    assert isinstance(rest[0], Document) and rest[0].doc_id == "d2"
    assert isinstance(rest[1], InputError)
    assert (rest[1].line, rest[1].reason) == (3, "cannot read: Input/output error")


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    missing = str(tmp_path / "nope" / "missing.txt")
    errors, docs = errors_and_docs([missing, str(tmp_path)])
    assert [d.doc_id for d in docs] == ["good"]
    (error,) = errors
    assert (error.path, error.line, error.reason) == (missing, None, "no such file or folder")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root can read a chmod 000 file; the missing-path test covers unreadable inputs",
)
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.", encoding="utf-8")
    locked.chmod(0)
    try:
        errors, docs = errors_and_docs([str(tmp_path)])
    finally:
        locked.chmod(0o644)
    assert [d.doc_id for d in docs] == ["good"]
    (error,) = errors
    assert error.path == str(locked)
    assert error.reason.startswith("cannot read")


def test_duplicate_document_ids_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\nid: dup\n---\nFirst.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\nid: dup\n---\nSecond.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"id": "other", "text": "Third."}\n{"id": "dup", "text": "Fourth."}\n', encoding="utf-8"
    )
    errors, docs = errors_and_docs([str(tmp_path)])
    assert [(d.doc_id, d.text) for d in docs] == [("dup", "First.\n"), ("other", "Third.")]
    assert [(Path(e.path).name, e.line) for e in errors] == [("b.txt", None), ("c.jsonl", 2)]
    assert all(e.reason == "duplicate document id 'dup'" for e in errors)


def test_a_file_stem_colliding_with_a_front_matter_id_is_a_duplicate(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\nid: b\n---\nFirst.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second.\n", encoding="utf-8")
    errors, docs = errors_and_docs([str(tmp_path)])
    assert [d.text for d in docs] == ["First.\n"]
    assert [e.reason for e in errors] == ["duplicate document id 'b'"]


# --- through the CLI ------------------------------------------------------------


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "batch.jsonl").write_bytes(
        b'{"id": "j1", "text": "China refines over 90% of rare earths."}\n{oops\n'
    )
    return folder


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_good_documents_and_an_errors_file_and_exits_1(
    shared_nlp: Language, mixed_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(mixed_folder), "-o", str(out)])
    assert result.exit_code == 1, result.output

    facts = read_jsonl(out)
    assert {f["doc_id"] for f in facts} == {"good", "j1"}
    documents = read_jsonl(tmp_path / "out" / "facts.documents.jsonl")
    assert [d["doc_id"] for d in documents] == ["j1", "good"]

    errors = read_jsonl(tmp_path / "out" / "facts.errors.jsonl")
    assert [(Path(str(e["path"])).name, e["line"]) for e in errors] == [
        ("batch.jsonl", 2),
        ("binary.txt", None),
        ("empty.txt", None),
    ]
    assert all(e["reason"] for e in errors)
    stderr = " ".join(result.stderr.split())
    assert "batch.jsonl:2: malformed JSON" in stderr
    assert "binary.txt: binary file" in stderr
    assert "empty.txt: empty file" in stderr


def test_extract_with_only_good_input_exits_0_with_an_empty_errors_file(
    shared_nlp: Language, tmp_path: Path
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "good.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "facts.errors.jsonl").read_text(encoding="utf-8") == ""
    assert read_jsonl(out)


def test_extract_with_only_bad_input_still_writes_the_files(
    shared_nlp: Language, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    out = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(missing), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == ""
    (error,) = read_jsonl(tmp_path / "facts.errors.jsonl")
    assert error == {"path": str(missing), "line": None, "reason": "no such file or folder"}


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "IN", "--bogus"],
        ["extract", "IN", "--date", "2025-13-01"],
        ["extract", "IN", "--date", "yesterday"],
        ["extract", "IN", "--date", "28/10/2025"],
        ["extract"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(
    shared_nlp: Language, mixed_folder: Path, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "facts.jsonl"
    argv = [str(mixed_folder) if a == "IN" else a for a in args]
    result = runner.invoke(app, [*argv, "-o", str(out)] if len(argv) > 1 else argv)
    assert result.exit_code == 2, result.output
    assert not out.exists()


def test_bad_date_message_names_the_value(shared_nlp: Language, mixed_folder: Path) -> None:
    out = str(mixed_folder.parent / "facts.jsonl")
    result = runner.invoke(app, ["extract", str(mixed_folder), "-o", out, "--date", "2025-13-01"])
    assert result.exit_code == 2
    assert "2025-13-01" in result.output
