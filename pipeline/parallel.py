"""Engines: run the pipeline in-process, on worker processes or on a Dask cluster, in input order.

Why one design for all three: the main process (the client) reads the
inputs and writes the outputs; workers only compute. Documents go out in
chunks, each worker builds the pipeline once and sends back its records
already dumped as JSON lines (`SerializedFacts`: ten times cheaper to
pickle than pydantic models, and written as they are), and the client
yields the chunks in the order it sent them. So the output is the same byte
for byte whatever the engine or the number of workers, and workers never
need to see the input or output files.

Memory stays bounded: at most `window` chunks are in flight (never the
whole input, unlike `Pool.imap`, whose feeder thread drains its iterable).

    >>> summary = run(["corpus"], Path("out/facts.jsonl"), workers=2)
    >>> summary = run(["corpus"], Path("out/facts.jsonl"), engine="dask", scheduler="tcp://h:8786")
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from spacy.language import Language

from pipeline.corpus import Document, read_inputs
from pipeline.errors import EngineError
from pipeline.extract import RunSummary, SerializedFacts, iter_extracted, run_extraction
from pipeline.incremental import (
    PreviousOutput,
    current_settings,
    pipeline_fingerprint,
    write_manifest,
)
from pipeline.io import dumps_record
from pipeline.nlp import build_nlp
from pipeline.records import PIPELINE_VERSION, Fact, InputError

Engine = Literal["local", "dask"]
T = TypeVar("T")
Outcome = SerializedFacts | InputError

CHUNK_DOCS = 8  # documents per chunk sent to a worker ...
CHUNK_CHARS = 50_000  # ... or fewer, when they are long (~8k words, under a second of work)
CHUNK_ITEMS = 256  # pass-through items (errors, carried documents) held per chunk at most
# Below this much text, starting worker processes (~1.5 s each, spaCy import
# and pipeline build) costs more than it saves, so the run stays in-process.
IN_PROCESS_BELOW_CHARS = 300_000
DASK_LOCAL_WORKERS = 2
DASK_INSTALL_HINT = (
    "--engine dask needs Dask, which is optional. Install it with "
    "`pip install 'mineral-facts[dask]'` (or `pip install 'dask[distributed]'`), "
    "or use the local engine: --workers N."
)


def default_workers() -> int:
    """The number of cores this process may use (respects CPU affinity in containers)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What a worker needs to build and run the pipeline; small and picklable."""

    model: str | None = None
    default_date: dt.date | None = None
    fingerprint: str | None = None  # the client's pipeline code and data; workers must match


class WorkerMismatch(Exception):
    """A worker runs other pipeline code than the client (plain, so it pickles as it is)."""


# -- worker side: one pipeline per process, built on first use ----------------

_PIPELINES: dict[str | None, Language] = {}
_PIPELINE_LOCK = threading.Lock()
# A Dask worker may run tasks on several threads; a spaCy pipeline is not
# thread-safe, and the GIL would serialise the work anyway.
_RUN_LOCK = threading.Lock()


def worker_pipeline(model: str | None) -> Language:
    """The process's pipeline for `model`, built once (the module global is the cache)."""
    with _PIPELINE_LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            nlp = _PIPELINES[model] = build_nlp(model)
        return nlp


def forget_pipelines() -> None:
    """Drop this process's cached pipelines (the benchmark times each run from a cold one)."""
    with _PIPELINE_LOCK:
        _PIPELINES.clear()


def init_worker(model: str | None) -> None:
    """Process-pool initializer: build the pipeline; leave Ctrl-C to the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_pipeline(model)


def serialize(facts: list[Fact]) -> SerializedFacts:
    return SerializedFacts(tuple(dumps_record(f) for f in facts), tuple(f.type for f in facts))


def process_chunk(spec: PipelineSpec, documents: list[Document]) -> list[Outcome]:
    """Run one chunk through the pipeline: per document its record lines or an InputError."""
    if spec.fingerprint is not None and spec.fingerprint != pipeline_fingerprint():
        raise WorkerMismatch(
            f"a worker runs other pipeline code or data than the client (worker "
            f"{pipeline_fingerprint()[:12]}, client {spec.fingerprint[:12]}): install the same "
            "mineral-facts and libraries everywhere, and do not edit rules during a run"
        )
    nlp = worker_pipeline(spec.model)
    out: list[Outcome] = []
    with _RUN_LOCK:
        for item in iter_extracted(nlp, documents, spec.default_date):
            out.append(item if isinstance(item, InputError) else serialize(item[1]))
    return out


def worker_version(model: str | None) -> tuple[str, str]:
    """Warm a Dask worker up (build its pipeline); report its pipeline version and fingerprint."""
    worker_pipeline(model)
    return PIPELINE_VERSION, pipeline_fingerprint()


# -- client side: chunks out, results back in order ---------------------------


class Pending(Protocol):
    """A chunk's results to come: a concurrent.futures or a Dask future."""

    def result(self) -> list[Outcome]: ...


@dataclass(frozen=True, slots=True)
class _Done:
    value: list[Outcome]

    def result(self) -> list[Outcome]:
        return self.value


def chunked(
    items: Iterable[Document | T],
    max_docs: int | None = None,
    max_chars: int | None = None,
    max_items: int | None = None,
) -> Iterator[list[Document | T]]:
    """Group items into chunks of at most `max_docs` documents or `max_chars` of text.

    Defaults are the module's CHUNK_* constants, read at call time.
    """
    max_docs = max_docs or CHUNK_DOCS
    max_chars = max_chars or CHUNK_CHARS
    max_items = max_items or CHUNK_ITEMS
    chunk: list[Document | T] = []
    docs = chars = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Document):
            docs += 1
            chars += len(item.text)
        if docs >= max_docs or chars >= max_chars or len(chunk) >= max_items:
            yield chunk
            chunk, docs, chars = [], 0, 0
    if chunk:
        yield chunk


def ordered_results(
    items: Iterable[Document | T],
    submit: Callable[[list[Document]], Pending],
    window: int,
    max_docs: int | None = None,
    max_chars: int | None = None,
) -> Iterator[tuple[Document, SerializedFacts] | InputError | T]:
    """Submit chunks of documents, at most `window` in flight; yield results in input order.

    Items that are not Documents (input errors, carried-over documents) are
    not sent anywhere: they wait in their chunk and come out in their place.
    """
    in_flight: deque[tuple[list[Document | T], Pending | None]] = deque()

    def drain(
        chunk: list[Document | T], pending: Pending | None
    ) -> Iterator[tuple[Document, SerializedFacts] | InputError | T]:
        outcomes = iter(pending.result() if pending is not None else ())
        for item in chunk:
            if not isinstance(item, Document):
                yield item
                continue
            outcome = next(outcomes)
            yield outcome if isinstance(outcome, InputError) else (item, outcome)

    for chunk in chunked(items, max_docs, max_chars):
        docs = [item for item in chunk if isinstance(item, Document)]
        in_flight.append((chunk, submit(docs) if docs else None))
        if len(in_flight) >= window:
            yield from drain(*in_flight.popleft())
    while in_flight:
        yield from drain(*in_flight.popleft())


def in_process_results(
    items: Iterable[Document | T], spec: PipelineSpec
) -> Iterator[tuple[Document, SerializedFacts] | InputError | T]:
    """The 1-worker engine: the same chunks and serialisation, computed right here."""
    return ordered_results(items, lambda docs: _Done(process_chunk(spec, docs)), window=1)


def choose_start_method() -> str:
    """How worker processes start: forked from this process where that is safe, else spawned.

    Why fork: a forked worker inherits the modules imported here and the
    pipeline built here, so it starts at once instead of importing spaCy
    and building the pipeline again (about a second of CPU each, a tenth
    of a minute-long run on two cores). Only on Linux and only while this
    process runs one thread: forking beside another thread (a progress
    bar's refresher) could leave a lock held in the child. Anywhere else
    workers are spawned, which behaves the same on every OS.
    """
    if (
        sys.platform == "linux"
        and "fork" in mp.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return "fork"
    return "spawn"


def process_results(
    items: Iterable[Document | T],
    spec: PipelineSpec,
    workers: int,
    min_chars: int = IN_PROCESS_BELOW_CHARS,
    start_method: str | None = None,
) -> Iterator[tuple[Document, SerializedFacts] | InputError | T]:
    """The local engine: `workers` processes (`choose_start_method` unless given).

    Reads ahead up to `min_chars` of text first: a smaller input runs
    in-process, because starting the workers would cost more than it saves.
    """
    it = iter(items)
    head: list[Document | T] = []
    chars = 0
    for item in it:
        head.append(item)
        if isinstance(item, Document):
            chars += len(item.text)
            if chars >= min_chars:
                break
    else:
        yield from in_process_results(head, spec)
        return
    method = start_method or choose_start_method()
    if method == "fork":
        worker_pipeline(spec.model)  # built once here, inherited by every worker
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context(method),
        initializer=init_worker,
        initargs=(spec.model,),
    )

    def submit(docs: list[Document]) -> Future[list[Outcome]]:
        return pool.submit(process_chunk, spec, docs)

    try:
        yield from ordered_results(chain(head, it), submit, window=2 * workers + 1)
    except WorkerMismatch as exc:
        raise EngineError(str(exc)) from None
    except BrokenProcessPool as exc:
        raise EngineError(
            f"a worker process died ({exc}); it may have run out of memory. "
            "Rerun with --workers 1 to see the failing document."
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def dask_results(
    items: Iterable[Document | T],
    spec: PipelineSpec,
    scheduler: str | None = None,
    n_workers: int = DASK_LOCAL_WORKERS,
) -> Iterator[tuple[Document, SerializedFacts] | InputError | T]:
    """The Dask engine: chunks become tasks on a cluster (or a local one of `n_workers` processes).

    Workers need the same `mineral-facts` installed (checked: each reports
    its pipeline version while building its pipeline), not the files.
    Raises EngineError at once (not on first use) when Dask is not installed.
    """
    try:
        dist = importlib.import_module("distributed")  # untyped: keep it Any
    except ImportError:
        raise EngineError(DASK_INSTALL_HINT) from None
    return _dask_stream(dist, items, spec, scheduler, n_workers)


def _dask_stream(
    dist: Any,
    items: Iterable[Document | T],
    spec: PipelineSpec,
    scheduler: str | None,
    n_workers: int,
) -> Iterator[tuple[Document, SerializedFacts] | InputError | T]:
    with ExitStack() as stack:
        client: Any
        if scheduler:
            try:
                client = stack.enter_context(dist.Client(scheduler, timeout="20s"))
            except (OSError, TimeoutError) as exc:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}"
                ) from None
        else:
            cluster = stack.enter_context(
                dist.LocalCluster(
                    n_workers=n_workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(dist.Client(cluster))
        _check_workers(client, spec)
        window = 2 * max(1, sum(client.nthreads().values())) + 1

        def submit(docs: list[Document]) -> Pending:
            pending: Pending = client.submit(process_chunk, spec, docs, pure=False)
            return pending

        try:
            yield from ordered_results(items, submit, window)
        except WorkerMismatch as exc:
            raise EngineError(str(exc)) from None


def _check_workers(client: Any, spec: PipelineSpec) -> None:
    """Build the pipeline on every worker (in a task, as work will run) and compare versions."""
    workers = list(client.scheduler_info()["workers"])
    if not workers:
        raise EngineError("the Dask cluster has no workers; start some with `dask worker ADDRESS`")
    futures = [
        client.submit(
            worker_version, spec.model, workers=[w], allow_other_workers=False, pure=False
        )
        for w in workers
    ]
    for w, (version, fingerprint) in zip(workers, client.gather(futures), strict=True):
        if version != PIPELINE_VERSION:
            raise EngineError(
                f"Dask worker {w} runs pipeline {version}, this client {PIPELINE_VERSION}: "
                "install the same mineral-facts version on the client and every worker."
            )
        if fingerprint != spec.fingerprint:
            raise EngineError(
                f"Dask worker {w} runs other pipeline code, data or library versions "
                "(spaCy, pycountry, periodictable, pydantic) than this client: install the "
                "same environment on the client and every worker."
            )


# -- one run: inputs → engine (→ incremental) → files -------------------------


def run(
    inputs: list[str],
    output: Path,
    *,
    workers: int | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    incremental: bool = False,
    model: str | None = None,
    default_date: dt.date | None = None,
    on_document: Callable[[], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_note: Callable[[str], None] | None = None,
    min_chars_for_workers: int = IN_PROCESS_BELOW_CHARS,
) -> RunSummary:
    """Extract `inputs` into `output` with the chosen engine; always write the manifest.

    `workers` None means one per core (local engine) or two (local Dask
    cluster). With `incremental`, unchanged documents are carried over from
    the previous `output` (`pipeline.incremental`); the summary's `skipped`
    counts them and `processed` the others; `on_note` hears why nothing
    could be reused ("pipeline version changed (0.1.0 → 0.2.0)"), if so.
    """
    if model:
        worker_pipeline(model)  # fails here, with the install hint, if the model is missing
    settings = current_settings(model, default_date.isoformat() if default_date else None)
    spec = PipelineSpec(model, default_date, settings.fingerprint)
    with ExitStack() as stack:
        items: Iterable[Any] = read_inputs(inputs)
        previous = None
        if incremental:
            previous = stack.enter_context(PreviousOutput.open(output, settings))
            if previous.reason and on_note:
                on_note(f"incremental: processing everything: {previous.reason}")
            items = previous.plan(items)
        results: Iterable[Any]
        if engine == "dask":
            n = workers if workers is not None else DASK_LOCAL_WORKERS
            results = dask_results(items, spec, scheduler, n)
        elif engine != "local":
            raise EngineError(f"unknown engine {engine!r}; choose local or dask")
        elif (workers if workers is not None else default_workers()) <= 1:
            results = in_process_results(items, spec)
        else:
            n = workers if workers is not None else default_workers()
            results = process_results(items, spec, n, min_chars=min_chars_for_workers)
        if previous is not None:
            results = previous.fill(results)
        summary = run_extraction(
            None, inputs, output, default_date, on_document, on_error, results=results
        )
    write_manifest(output, settings)
    return summary
