"""Reading documents (pipeline.corpus): what "the document text" is, and its metadata.

docs/ANNOTATION.md, Documents: the text is everything after the closing `---`
line of the front matter (or the whole file); `doc_id` is the `id` key, else
the file stem, else `<stem>:<line>` for JSONL; offsets index the exact text.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from pipeline.corpus import (
    Document,
    decode,
    expand_paths,
    parse_date,
    read_inputs,
    split_front_matter,
)
from pipeline.records import InputError, sha256_text


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def documents(*inputs: Path | str) -> list[Document]:
    items = list(read_inputs([str(i) for i in inputs]))
    assert all(isinstance(d, Document) for d in items), items
    return [d for d in items if isinstance(d, Document)]


def only(*inputs: Path | str) -> Document:
    (doc,) = documents(*inputs)
    return doc


# --- front matter -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "meta", "body"),
    [
        ("---\nid: a\n---\nBody", {"id": "a"}, "Body"),
        ("---\nid: a\ndate: 2025-10-28\n---\nBody\n", {"id": "a", "date": "2025-10-28"}, "Body\n"),
        ("---\r\nid: a\r\n---\r\nBody\r\n", {"id": "a"}, "Body\r\n"),
        ("---\n---\nBody", {}, "Body"),
        ("---\n# a comment\n\nid: a\n---\nBody", {"id": "a"}, "Body"),
        (
            "---\nid: \"quoted\"\ntitle: 'single'\n---\nBody",
            {"id": "quoted", "title": "single"},
            "Body",
        ),
        (
            "---\nsource: https://example.org/a?b=c\n---\nBody",
            {"source": "https://example.org/a?b=c"},
            "Body",
        ),
        ("---\nid: a\n---\n\nBody after a blank line", {"id": "a"}, "\nBody after a blank line"),
        ("No front matter.\n---\nid: a\n", {}, "No front matter.\n---\nid: a\n"),
        ("--- not front matter\nBody", {}, "--- not front matter\nBody"),
        ("Body with --- inside", {}, "Body with --- inside"),
    ],
)
def test_split_front_matter(raw: str, meta: dict[str, str], body: str) -> None:
    assert split_front_matter(raw) == (meta, body)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("---\nid: a\nBody without a closing line\n", "never closed"),
        ("---\nid a\n---\nBody", "line 2 is not 'key: value'"),
    ],
)
def test_split_front_matter_rejects_malformed_blocks(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        split_front_matter(raw)


def test_front_matter_fills_the_document(tmp_path: Path) -> None:
    path = write(
        tmp_path / "article.txt",
        "---\nid: us-japan-framework-2025\ndate: 2025-10-28\n"
        "source: https://example.org/article\ntitle: US and Japan sign framework\n---\n"
        "The article body starts here.\n",
    )
    doc = only(path)
    assert doc == Document(
        doc_id="us-japan-framework-2025",
        text="The article body starts here.\n",
        date=dt.date(2025, 10, 28),
        source="https://example.org/article",
        title="US and Japan sign framework",
        path=str(path),
    )
    assert doc.sha256 == sha256_text("The article body starts here.\n")


def test_without_front_matter_the_whole_file_is_the_text(tmp_path: Path) -> None:
    doc = only(write(tmp_path / "plain.md", "Japan signed.\nChina objected.\n"))
    assert (doc.doc_id, doc.text, doc.date) == ("plain", "Japan signed.\nChina objected.\n", None)


# --- doc ids ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "doc_id"),
    [
        ("a01-eu.txt", "---\nid: eu-crma\n---\nText.", "eu-crma"),
        ("a01-eu.txt", "---\ndate: 2025-01-01\n---\nText.", "a01-eu"),
        ("a01-eu.txt", "---\nid:\n---\nText.", "a01-eu"),
        ("notes.md", "Text.", "notes"),
        ("UPPER.TXT", "Text.", "UPPER"),
    ],
)
def test_doc_id_of_text_files(tmp_path: Path, name: str, content: str, doc_id: str) -> None:
    assert only(write(tmp_path / name, content)).doc_id == doc_id


def test_doc_ids_of_jsonl_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "batch.jsonl",
        '{"id": "given", "text": "One."}\n\n{"text": "Three."}\n{"id": 42, "text": "Four."}\n',
    )
    docs = documents(path)
    assert [(d.doc_id, d.line) for d in docs] == [("given", 1), ("batch:3", 3), ("42", 4)]


def test_jsonl_metadata(tmp_path: Path) -> None:
    line = {
        "id": "x",
        "text": "Body.",
        "date": "2025-10-28T09:00:00Z",
        "source": "https://example.org",
        "title": "T",
    }
    doc = only(write(tmp_path / "b.jsonl", json.dumps(line) + "\n"))
    assert (doc.date, doc.source, doc.title, doc.text) == (
        dt.date(2025, 10, 28),
        "https://example.org",
        "T",
        "Body.",
    )


def test_jsonl_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "  Leading spaces, CRLF\r\nand unicode: café – 中国 🚀\n"
    doc = only(write(tmp_path / "b.jsonl", json.dumps({"text": text}) + "\n"))
    assert doc.text == text


# --- encodings and line endings -----------------------------------------------


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    doc = only(write(tmp_path / "bom.txt", b"\xef\xbb\xbfJapan signed.\n"))
    assert doc.text == "Japan signed.\n"


def test_a_byte_order_mark_before_front_matter(tmp_path: Path) -> None:
    doc = only(write(tmp_path / "bom.txt", b"\xef\xbb\xbf---\nid: bom\n---\nJapan signed.\n"))
    assert (doc.doc_id, doc.text) == ("bom", "Japan signed.\n")


def test_a_byte_order_mark_in_jsonl(tmp_path: Path) -> None:
    doc = only(write(tmp_path / "bom.jsonl", b'\xef\xbb\xbf{"id": "j", "text": "Hi."}\n'))
    assert (doc.doc_id, doc.text) == ("j", "Hi.")


def test_crlf_front_matter_and_text(tmp_path: Path) -> None:
    """CRLF front matter is recognised; the body keeps its CRLF (offsets index the exact text)."""
    raw = b"\xef\xbb\xbf---\r\nid: crlf\r\ndate: 2025-01-02\r\n---\r\nBody line.\r\nMore.\r\n"
    doc = only(write(tmp_path / "crlf.txt", raw))
    assert (doc.doc_id, doc.date, doc.text) == (
        "crlf",
        dt.date(2025, 1, 2),
        "Body line.\r\nMore.\r\n",
    )


def test_crlf_jsonl_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.jsonl", b'{"text": "One."}\r\n{"text": "Two."}\r\n')
    assert [d.text for d in documents(path)] == ["One.", "Two."]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"plain", "plain"),
        ("café – 中国 🚀".encode(), "café – 中国 🚀"),
        (b"\xef\xbb\xbfwith bom", "with bom"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"abc\x00def", "binary file"), (b"caf\xe9", "invalid UTF-8 at byte 3")],
)
def test_decode_refuses_binary_and_invalid_utf8(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decode(data)


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-28", dt.date(2025, 10, 28)),
        (" 2025-10-28 ", dt.date(2025, 10, 28)),
        ("2025-10-28T09:00:00Z", dt.date(2025, 10, 28)),
        ("2025-10-28 09:00", dt.date(2025, 10, 28)),
        (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        (None, None),
        ("", None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["notadate", "2025-13-01", "2025-02-30", "28/10/2025", "October 28, 2025", 20251028]
)
def test_parse_date_rejects_what_is_not_yyyy_mm_dd(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


# --- which files, in which order ------------------------------------------------


def test_folders_are_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a.md", "A.")
    write(tmp_path / "sub" / "c.jsonl", '{"text": "C."}\n')
    write(tmp_path / "ignored.csv", "x,y")
    write(tmp_path / "README", "no suffix")
    paths = [p for p in expand_paths([str(tmp_path)]) if isinstance(p, Path)]
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a.md", "b.txt", "sub/c.jsonl"]


def test_gold_folders_are_not_documents(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "gold" / "a.jsonl", '{"doc_id": "a", "type": "DATE"}\n')
    assert [d.doc_id for d in documents(tmp_path)] == ["a"]


def test_order_of_inputs_does_not_matter(tmp_path: Path) -> None:
    a = write(tmp_path / "x" / "a.txt", "A.")
    b = write(tmp_path / "y" / "b.txt", "B.")
    assert documents(a, b) == documents(b, a)


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "A.")
    assert [d.doc_id for d in documents(a, tmp_path, a)] == ["a"]


def test_the_bundled_corpus_reads_cleanly() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    items = list(read_inputs([str(corpus)]))
    assert items and all(isinstance(d, Document) for d in items)
    docs = [d for d in items if isinstance(d, Document)]
    assert len({d.doc_id for d in docs}) == len(docs)


# --- stdin --------------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "ids", "texts"),
    [
        (b"Japan signed.\n", ["stdin"], ["Japan signed.\n"]),
        (b"---\nid: piped\n---\nJapan signed.\n", ["piped"], ["Japan signed.\n"]),
        (b'{"text": "One."}\n{"id": "b", "text": "Two."}\n', ["stdin:1", "b"], ["One.", "Two."]),
        (b'  \n{"text": "One."}\n', ["stdin:2"], ["One."]),
    ],
)
def test_stdin_is_jsonl_or_text(
    monkeypatch: pytest.MonkeyPatch, data: bytes, ids: list[str], texts: list[str]
) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    docs = documents("-")
    assert [d.doc_id for d in docs] == ids
    assert [d.text for d in docs] == texts
    assert all(d.path == "-" for d in docs)


def test_stdin_and_files_together(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin(b"From stdin."))
    a = write(tmp_path / "a.txt", "From a file.")
    items = list(read_inputs([str(a), "-"]))
    assert [d.doc_id for d in items if isinstance(d, Document)] == ["stdin", "a"]
    assert not [e for e in items if isinstance(e, InputError)]
