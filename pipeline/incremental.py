"""Incremental runs: process only new or changed documents, carry the rest over byte for byte.

Why: re-extracting an archive of hundreds of thousands of articles because
ten were added wastes hours. A document whose text hash, date and pipeline
are the same as in the previous output gets the same records, so its lines
are copied from the old facts file instead of being recomputed.

What "the same" means, per run (`X.manifest.json`, written after every run
through `pipeline.parallel.run`): the pipeline version, a fingerprint of the
package's code and pattern data (so editing a rule also reprocesses
everything), the versions of the libraries that shape records (spaCy's
tokenizer, pycountry, periodictable, pydantic's JSON), `--model` and
`--date`; and the size and modification time of the facts and documents
files it describes, so an output rewritten by any other run is never trusted.
Per document (`X.documents.jsonl`): doc_id, sha256 of the text, date,
pipeline_version. Documents missing from the input are dropped; documents
that failed last time are retried.

Memory stays bounded by the number of documents, not of facts: the index
keeps, per doc_id, the text digest, date, byte offset of its first record in
the old facts file and its number of records. Carried records are read with
a seek when their turn comes in input order.

Example::

    >>> previous = PreviousOutput.open(Path("out/facts.jsonl"), current_settings(None, None))
    >>> results = previous.fill(engine(previous.plan(read_inputs(["corpus"]))))
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import IO, Any, TypeVar

from pipeline import records
from pipeline.corpus import Document
from pipeline.extract import SerializedFacts, sidecar
from pipeline.io import atomic_writer

# Libraries whose versions change the records a document gets.
RECORD_LIBRARIES = ("spacy", "pycountry", "periodictable", "pydantic")
# The parts of the package that decide a document's records: code and pattern data.
FINGERPRINT_PATHS = (
    "components", "normalize", "patterns", "convert.py", "corpus.py", "extract.py",
    "factories.py", "gazetteers.py", "io.py", "nlp.py", "records.py",
)  # fmt: skip
FINGERPRINT_SUFFIXES = (".py", ".json", ".jsonl", ".cfg")
_TYPE = re.compile(rb'"type":"([A-Z_]+)"')

T = TypeVar("T")


def manifest_path(output: Path) -> Path:
    """`outputs/facts.jsonl` → `outputs/facts.manifest.json`."""
    return output.with_name(f"{output.stem}.manifest.json")


@functools.cache
def pipeline_fingerprint() -> str:
    """Hash of the package's code and data files plus the record-shaping library versions.

    Computed once per process (reading ~60 small files takes a few
    milliseconds), so it stands for the code the process loaded, not for
    files edited since.
    """
    h = hashlib.sha256()
    root = Path(str(resources.files("pipeline")))
    for path in sorted(_package_files(root)):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    for lib in RECORD_LIBRARIES:
        try:
            h.update(f"{lib}=={metadata.version(lib)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} missing\n".encode())
    return h.hexdigest()


def _package_files(root: Path) -> Iterator[Path]:
    for name in FINGERPRINT_PATHS:
        top = root / name
        for path in top.rglob("*") if top.is_dir() else [top]:
            if path.suffix in FINGERPRINT_SUFFIXES and path.is_file():
                yield path


@dataclass(frozen=True)
class RunSettings:
    """Everything besides a document's own text and date that decides its records."""

    pipeline_version: str
    fingerprint: str
    model: str | None
    default_date: str | None


def current_settings(model: str | None, default_date: str | None) -> RunSettings:
    """The settings of a run about to start (`records.PIPELINE_VERSION` read at call time)."""
    return RunSettings(records.PIPELINE_VERSION, pipeline_fingerprint(), model, default_date)


def _file_stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def write_manifest(output: Path, settings: RunSettings) -> Path:
    """Record the settings of the run that just wrote `output`, and the files' stamps."""
    data: dict[str, Any] = asdict(settings)
    data["facts_file"] = _file_stamp(output)
    data["documents_file"] = _file_stamp(sidecar(output, "documents"))
    path = manifest_path(output)
    with atomic_writer(path) as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
        fh.write("\n")
    return path


@dataclass(frozen=True, slots=True)
class Carried:
    """A document whose records are copied from the previous output, not recomputed."""

    document: Document
    offset: int
    n_facts: int


@dataclass(frozen=True, slots=True)
class _Entry:
    digest: bytes
    date: str | None
    offset: int
    n_facts: int


class PreviousOutput:
    """The index of a previous run's output, and the plan of what to reprocess.

    `reason` says why nothing can be reused (None when the output is usable).
    Use as a context manager: the old facts file stays open until the run
    ends, which also keeps it readable while the new one replaces it.
    """

    def __init__(self, output: Path, index: dict[str, _Entry], reason: str | None) -> None:
        self.output = output
        self.index = index
        self.reason = reason
        self._fh: IO[bytes] | None = None
        if index:
            self._fh = output.open("rb")

    @classmethod
    def open(cls, output: Path, settings: RunSettings) -> PreviousOutput:
        """Index `output` if its manifest matches `settings`; else an empty index with a reason."""
        reason = _unusable(output, settings)
        if reason is not None:
            return cls(output, {}, reason)
        try:
            index = _build_index(output, settings.pipeline_version)
        except (ValueError, KeyError, TypeError, OSError) as exc:
            return cls(output, {}, f"previous output cannot be indexed: {exc}")
        return cls(output, index, None)

    def __enter__(self) -> PreviousOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def plan(self, items: Iterable[Document | T]) -> Iterator[Document | T | Carried]:
        """Replace each unchanged document by a `Carried`; pass everything else through."""
        for item in items:
            if isinstance(item, Document):
                entry = self.index.get(item.doc_id)
                if entry is not None and self._unchanged(item, entry):
                    yield Carried(item, entry.offset, entry.n_facts)
                    continue
            yield item

    @staticmethod
    def _unchanged(document: Document, entry: _Entry) -> bool:
        date = document.date.isoformat() if document.date else None
        return entry.date == date and entry.digest == bytes.fromhex(document.sha256)

    def fill(
        self, results: Iterable[T | Carried]
    ) -> Iterator[T | tuple[Document, SerializedFacts]]:
        """Replace each `Carried` by its document and its old record lines, as they were."""
        for item in results:
            if isinstance(item, Carried):
                yield item.document, self.read(item)
            else:
                yield item

    def read(self, carried: Carried) -> SerializedFacts:
        if carried.n_facts == 0:
            return SerializedFacts((), (), carried=True)
        if self._fh is None:
            raise RuntimeError("PreviousOutput is closed")
        if self._fh.tell() != carried.offset:
            self._fh.seek(carried.offset)
        raw = [self._fh.readline() for _ in range(carried.n_facts)]
        types = []
        for line in raw:
            m = _TYPE.search(line)
            if m is None or not line.endswith(b"\n"):
                raise ValueError(f"{self.output}: record at byte {carried.offset} was truncated")
            types.append(m.group(1).decode())
        lines = tuple(line[:-1].decode("utf-8") for line in raw)
        return SerializedFacts(lines, tuple(types), carried=True)


def _unusable(output: Path, settings: RunSettings) -> str | None:
    """Why the previous output cannot be reused, or None."""
    manifest = manifest_path(output)
    documents = sidecar(output, "documents")
    if not (output.is_file() and documents.is_file()):
        return "no previous output"
    if not manifest.is_file():
        return f"no manifest {manifest.name} from a previous run"
    try:
        data = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return f"manifest {manifest.name} unreadable: {exc}"
    for key, now in asdict(settings).items():
        before = data.get(key)
        if before != now:
            if key == "fingerprint":
                return "pipeline code or pattern data changed"
            return f"{key.replace('_', ' ')} changed ({before} → {now})"
    if data.get("facts_file") != _file_stamp(output) or data.get("documents_file") != _file_stamp(
        documents
    ):
        return "output was rewritten since the manifest was written"
    return None


def _intern(date: str | None) -> str | None:
    """One string per distinct date: a million documents share a few thousand dates."""
    return sys.intern(date) if date is not None else None


def _build_index(output: Path, version: str) -> dict[str, _Entry]:
    """doc_id → entry, walking the documents file and the facts file side by side.

    The facts file holds each document's records contiguously, in the order
    of the documents file, `n_facts` lines each; only the first line of each
    document is parsed (to check its doc_id), the others are just counted.
    """
    index: dict[str, _Entry] = {}
    with (
        sidecar(output, "documents").open("rb") as docs_fh,
        output.open("rb") as facts_fh,
    ):
        offset = 0
        for n, line in enumerate(docs_fh, 1):
            if not line.strip():
                continue
            doc = json.loads(line)
            n_facts = int(doc["n_facts"])
            start = offset
            for i in range(n_facts):
                fact_line = facts_fh.readline()
                if not fact_line.endswith(b"\n"):
                    raise ValueError(f"facts file ends inside document {doc['doc_id']!r}")
                if i == 0 and json.loads(fact_line).get("doc_id") != doc["doc_id"]:
                    raise ValueError(f"documents line {n} does not match the facts file")
                offset += len(fact_line)
            if doc.get("pipeline_version") == version:
                index[doc["doc_id"]] = _Entry(
                    bytes.fromhex(doc["sha256"]), _intern(doc.get("date")), start, n_facts
                )
        if facts_fh.readline():
            raise ValueError("facts file has records after the last document")
    return index
