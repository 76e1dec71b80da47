"""Read documents from .txt/.md files (with optional front matter) and .jsonl.

Why one module: every command (extract, verify, diff --corpus) must agree
exactly on what "the document text" is, or offsets stop meaning anything.
The rule (docs/ANNOTATION.md): the text is everything after the closing
`---` line of the front matter, or the whole file without one. A leading
UTF-8 byte-order mark is not part of the text.

Bad input never stops a run: `read_inputs` yields an `InputError` (file,
line, reason) for each input it cannot use and goes on with the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from pipeline.records import InputError, sha256_text

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
FRONT_MATTER_KEYS = ("id", "date", "source", "title")


@dataclass(frozen=True, slots=True)
class Document:
    """A document ready for extraction: its text and the metadata around it."""

    doc_id: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    title: str | None = None
    path: str | None = None
    line: int | None = None

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)


def parse_date(value: object) -> dt.date | None:
    """Parse a document date: `YYYY-MM-DD`, or an ISO timestamp whose date part is taken.

    >>> parse_date("2025-10-28T09:00:00Z")
    datetime.date(2025, 10, 28)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"date must be a string YYYY-MM-DD, got {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"date {value!r} is not YYYY-MM-DD") from None


def split_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split `raw` into (front-matter keys, document text).

    >>> split_front_matter("---\\nid: a\\n---\\nBody")
    ({'id': 'a'}, 'Body')
    """
    for nl in ("\n", "\r\n"):
        opener = "---" + nl
        if not raw.startswith(opener):
            continue
        closer = nl + "---" + nl
        end = raw.find(closer, len("---"))
        if end == -1:
            if raw.endswith(nl + "---"):
                end = len(raw) - len(nl + "---")
                body = ""
            else:
                raise ValueError("front matter opened with '---' but never closed")
        else:
            body = raw[end + len(closer) :]
        meta: dict[str, str] = {}
        for n, line in enumerate(raw[len(opener) : end].splitlines(), 2):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, val = line.partition(":")
            if not sep:
                raise ValueError(f"front matter line {n} is not 'key: value'")
            meta[key.strip()] = val.strip().strip("'\"")
        return meta, body
    return {}, raw


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 text, refusing binary data with a reason."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start}") from None
    return text.removeprefix("\ufeff")


def document_from_text(raw: str, default_id: str, path: str | None) -> Document:
    """Build a Document from a .txt/.md file's text (front matter optional)."""
    meta, body = split_front_matter(raw)
    if not body.strip():
        raise ValueError("empty document (no text after front matter)")
    return Document(
        doc_id=meta.get("id") or default_id,
        text=body,
        date=parse_date(meta.get("date")),
        source=meta.get("source") or None,
        title=meta.get("title") or None,
        path=path,
    )


def document_from_json(obj: object, default_id: str, path: str, line: int) -> Document:
    """Build a Document from one JSONL object; only `text` is required."""
    if not isinstance(obj, dict):
        raise ValueError("line is not a JSON object")
    text = obj.get("text")
    if text is None:
        raise ValueError("object has no 'text' key")
    if not isinstance(text, str):
        raise ValueError("'text' is not a string")
    if not text.strip():
        raise ValueError("'text' is empty")
    doc_id = obj.get("id", default_id)
    if not isinstance(doc_id, (str, int)) or str(doc_id) == "":
        raise ValueError("'id' must be a non-empty string")
    for key in ("source", "title"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ValueError(f"'{key}' must be a string")
    return Document(
        doc_id=str(doc_id),
        text=text,
        date=parse_date(obj.get("date")),
        source=obj.get("source"),
        title=obj.get("title"),
        path=path,
        line=line,
    )


def expand_paths(inputs: Iterable[str]) -> Iterator[Path | InputError]:
    """Expand files and folders (recursively) into a sorted list of input files.

    Sorting makes the output independent of the order given on the command line.
    """
    files: set[Path] = set()
    problems: list[InputError] = []
    for item in inputs:
        if item == "-":
            continue
        p = Path(item)
        if p.is_dir():
            for sub in p.rglob("*"):
                if sub.is_file() and sub.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    if "gold" in sub.relative_to(p).parts:
                        continue  # gold annotations live beside articles, not inside them
                    files.add(sub)
        elif p.is_file():
            files.add(p)
        else:
            problems.append(InputError(path=item, reason="no such file or folder"))
    yield from problems
    yield from sorted(files, key=lambda f: f.as_posix())


def read_file(path: Path) -> Iterator[Document | InputError]:
    """Yield the documents of one file, or errors for what cannot be read.

    A JSONL file is read one line at a time, so a file of any size is never
    held in memory whole.
    """
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield InputError(path=str(path), reason=f"cannot read: {exc.strerror or exc}")
            return
        with handle:
            yield from read_jsonl(handle, path.stem, str(path))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(path=str(path), reason=f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, path.stem, str(path), False)


def read_bytes(
    data: bytes, stem: str, where: str, is_jsonl: bool
) -> Iterator[Document | InputError]:
    """Parse the bytes of a .txt/.md (is_jsonl False) or .jsonl input."""
    if is_jsonl:
        yield from read_jsonl(data.split(b"\n"), stem, where)
        return
    if not data.strip():
        yield InputError(path=where, reason="empty file")
        return
    try:
        raw = decode(data)
    except ValueError as exc:
        yield InputError(path=where, reason=str(exc))
        return
    try:
        yield document_from_text(raw, stem, where)
    except ValueError as exc:
        yield InputError(path=where, reason=str(exc))


def read_jsonl(lines: Iterable[bytes], stem: str, where: str) -> Iterator[Document | InputError]:
    """JSONL decoded line by line, so one bad line costs only that line."""
    found = False
    n = 0
    try:
        for n, line_bytes in enumerate(lines, 1):
            if not line_bytes.strip():
                continue
            found = True
            try:
                line = decode(line_bytes)
                obj = json.loads(line)
                yield document_from_json(obj, f"{stem}:{n}", where, n)
            except json.JSONDecodeError as exc:
                yield InputError(path=where, line=n, reason=f"malformed JSON: {exc.msg}")
            except ValueError as exc:
                yield InputError(path=where, line=n, reason=str(exc))
    except OSError as exc:
        yield InputError(path=where, line=n + 1, reason=f"cannot read: {exc.strerror or exc}")
        return
    if not found:
        yield InputError(path=where, reason="empty file")


def read_inputs(inputs: Iterable[str]) -> Iterator[Document | InputError]:
    """Yield every document of the inputs in a deterministic order, with errors inline.

    A document id seen twice is reported as an error at its second occurrence
    (two documents cannot share an id without their facts colliding).
    """
    items = list(inputs)
    seen: set[str] = set()

    def dedupe(stream: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        for item in stream:
            if isinstance(item, Document):
                if item.doc_id in seen:
                    yield InputError(
                        path=item.path or "-",
                        line=item.line,
                        reason=f"duplicate document id {item.doc_id!r}",
                    )
                    continue
                seen.add(item.doc_id)
            yield item

    if "-" in items:
        stdin = sys.stdin.buffer
        head: list[bytes] = []
        for line in stdin:  # up to the first line with content: JSONL if it opens with "{"
            head.append(line)
            if line.strip():
                break
        if b"".join(head).lstrip()[:1] == b"{":
            yield from dedupe(read_jsonl(chain(head, stdin), "stdin", "-"))
        else:
            yield from dedupe(read_bytes(b"".join(head) + stdin.read(), "stdin", "-", False))
    for entry in expand_paths(items):
        if isinstance(entry, InputError):
            yield entry
        else:
            yield from dedupe(read_file(entry))
