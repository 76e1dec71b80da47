"""The batch run: documents → nlp.pipe → records → files (facts, documents, errors).

Why streaming: archives hold hundreds of thousands of articles, so no step
keeps all documents or records in memory; records are written as each
document finishes. Why three files: `X.jsonl` holds the facts,
`X.documents.jsonl` what was processed (hash, metadata; databases and
incremental runs read it), `X.errors.jsonl` what could not be (file, line,
reason). All three are replaced atomically at the end of the run.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import TEXT_KEY
from pipeline.components.dates import DOC_DATE_KEY
from pipeline.convert import doc_to_records
from pipeline.corpus import Document, read_inputs
from pipeline.io import atomic_writer, dumps_record
from pipeline.records import FACT_ADAPTER, PIPELINE_VERSION, DocumentRecord, Fact, InputError

BATCH_SIZE = 64


@dataclass
class RunSummary:
    """What a run did: counts per fact type, documents, errors, seconds."""

    documents: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    skipped: int = 0  # documents carried over unchanged from a previous output
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        """Documents that went through the pipeline in this run."""
        return self.documents - self.skipped

    def line(self) -> str:
        per_type = ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items())) or "no facts"
        extra = f" ({self.processed} processed, {self.skipped} unchanged)" if self.skipped else ""
        return (
            f"{self.documents} documents{extra}, {sum(self.facts.values())} facts ({per_type}), "
            f"{self.errors} errors, {self.seconds:.2f}s"
        )


def sidecar(output: Path, kind: str) -> Path:
    """`outputs/facts.jsonl` → `outputs/facts.<kind>.jsonl`."""
    return output.with_name(f"{output.stem}.{kind}.jsonl")


def make_doc(nlp: Language, document: Document, default_date: dt.date | None) -> Doc:
    """A tokenised Doc carrying its reference date for relative-date resolution."""
    doc = nlp.make_doc(document.text)
    doc.user_data[DOC_DATE_KEY] = document.date or default_date
    doc.user_data[TEXT_KEY] = document.text  # spaCy keeps the text exactly; see doc_text
    return doc


def document_record(document: Document, n_facts: int) -> DocumentRecord:
    return DocumentRecord(
        doc_id=document.doc_id,
        sha256=document.sha256,
        date=document.date.isoformat() if document.date else None,
        source=document.source,
        title=document.title,
        path=document.path,
        n_facts=n_facts,
        pipeline_version=PIPELINE_VERSION,
    )


def extract_document(
    nlp: Language, document: Document, default_date: dt.date | None = None
) -> list[Fact]:
    """All records of one document (the simplest entry point; tests use it)."""
    doc = nlp(make_doc(nlp, document, default_date))
    return list(doc_to_records(doc, document.doc_id))


Result = tuple[Document, list[Fact]] | InputError


@dataclass(frozen=True, slots=True)
class SerializedFacts:
    """A document's records already dumped as JSON lines (no newline), written as they are.

    Why: worker processes send lines back instead of pydantic models (ten
    times cheaper to pickle), and an incremental run carries the lines of
    unchanged documents over from the previous output byte for byte.
    `carried` marks the latter, so the summary can count them apart.
    """

    lines: tuple[str, ...]
    types: tuple[str, ...]
    carried: bool = False

    def facts(self) -> list[Fact]:
        return [FACT_ADAPTER.validate_json(line) for line in self.lines]


AnyResult = Result | tuple[Document, SerializedFacts]


def iter_extracted(
    nlp: Language,
    items: Iterable[Document | InputError],
    default_date: dt.date | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Result]:
    """Run documents through `nlp.pipe` in batches, in input order, errors inline.

    A document whose processing raises is reported as an InputError and the
    rest of its batch is processed again one by one, so one bad document
    never costs the others.
    """
    it = iter(items)
    while True:
        batch = list(islice(it, batch_size))
        if not batch:
            return
        docs = [d for d in batch if isinstance(d, Document)]
        processed: dict[int, list[Fact] | InputError] = {}
        try:
            pairs = ((make_doc(nlp, d, default_date), i) for i, d in enumerate(docs))
            for doc, i in nlp.pipe(pairs, as_tuples=True):
                processed[i] = list(doc_to_records(doc, docs[i].doc_id))
        except Exception:  # isolate the failing document below
            for i, d in enumerate(docs):
                if i in processed:
                    continue
                try:
                    processed[i] = extract_document(nlp, d, default_date)
                except Exception as exc:
                    processed[i] = InputError(
                        path=d.path or "-", line=d.line,
                        reason=f"extraction failed for {d.doc_id!r}: {type(exc).__name__}: {exc}",
                    )  # fmt: skip
        n = 0
        for item in batch:
            if isinstance(item, InputError):
                yield item
                continue
            result = processed[n]
            n += 1
            yield result if isinstance(result, InputError) else (item, result)


Sink = Callable[[DocumentRecord, list[Fact]], None]


def run_extraction(
    nlp: Language | None,
    inputs: list[str],
    output: Path,
    default_date: dt.date | None = None,
    on_document: Callable[[], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    sink: Sink | None = None,
    results: Iterable[AnyResult] | None = None,
) -> RunSummary:
    """Extract every input document into `output` (+ documents and errors sidecars).

    `results` lets another engine (workers, Dask) supply the processed
    documents (then `nlp` may be None); the writing, ordering and error
    handling stay here.
    """
    started = time.perf_counter()
    summary = RunSummary()
    stream: Iterable[AnyResult]
    if results is not None:
        stream = results
    elif nlp is not None:
        stream = iter_extracted(nlp, read_inputs(inputs), default_date)
    else:
        raise ValueError("run_extraction needs an nlp pipeline or an iterable of results")
    with (
        atomic_writer(output) as facts_fh,
        atomic_writer(sidecar(output, "documents")) as docs_fh,
        atomic_writer(sidecar(output, "errors")) as errors_fh,
    ):
        for item in stream:
            if isinstance(item, InputError):
                summary.errors += 1
                errors_fh.write(dumps_record(item) + "\n")
                if on_error:
                    on_error(item)
                continue
            document, records = item
            if isinstance(records, SerializedFacts):
                for line in records.lines:
                    facts_fh.write(line + "\n")
                summary.facts.update(records.types)
                if records.carried:
                    summary.skipped += 1
                n_facts = len(records.lines)
            else:
                for rec in records:
                    facts_fh.write(dumps_record(rec) + "\n")
                    summary.facts[rec.type] += 1
                n_facts = len(records)
            doc_rec = document_record(document, n_facts)
            docs_fh.write(dumps_record(doc_rec) + "\n")
            if sink:
                sink(doc_rec, records.facts() if isinstance(records, SerializedFacts) else records)
            summary.documents += 1
            if on_document:
                on_document()
    summary.seconds = time.perf_counter() - started
    return summary
