"""Benchmark `facts extract`: words/s against the tokenizer, worker speed-up, memory, start-up.

Why a generated input: the bundled corpus has about ten thousand words,
far too few to time. The corpus articles are repeated with new ids (and a
first line naming the copy, so no two texts are equal) into JSONL shards
of 500 documents, the way archives arrive. Everything is measured in one
run, on one machine, so the ratios compare like with like:

- words/s of the full pipeline (one process: read, extract, write), of
  `spacy.blank("en")` tokenizing the same texts (the ceiling), and of
  en_core_web_sm NER if it is installed;
- 2 worker processes against 1, end to end (worker start-up included);
- peak RSS of a fresh process extracting 1k and 10k (short) documents;
- start-up (import + build_nlp) in a fresh process.

    python benchmarks/throughput.py            # ≥ 1M words; a few minutes
    python benchmarks/throughput.py --quick    # smoke run, ~30 s
    python benchmarks/throughput.py --profile  # also print the top hotspots
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.corpus import Document, read_inputs  # noqa: E402

SHARD_DOCS = 500
GOALS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "pipeline / tokenizer": ("≥ 0.50", lambda v: v >= 0.50),
    "2 workers / 1 worker": ("≥ 1.70", lambda v: v >= 1.70),
    "  projected, idle cores": ("≥ 1.70", lambda v: v >= 1.70),
    "peak RSS 10× documents": ("≤ 1.20", lambda v: v <= 1.20),
    "start-up (s)": ("< 1.50", lambda v: v < 1.50),
}


def corpus_documents() -> list[Document]:
    docs = [d for d in read_inputs([str(ROOT / "corpus")]) if isinstance(d, Document)]
    if not docs:
        sys.exit("no documents under corpus/")
    return docs


def snippet(text: str, limit: int) -> str:
    """The start of `text`, cut at a line or word boundary before `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    return text[:cut]


def generate(folder: Path, n_docs: int, limit: int | None = None) -> tuple[list[str], int]:
    """Write `n_docs` documents as JSONL shards; return (texts, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = corpus_documents()
    texts: list[str] = []
    shard = None
    for i in range(n_docs):
        src = base[i % len(base)]
        copy = i // len(base)
        body = src.text if limit is None else snippet(src.text, limit)
        text = f"Wire copy {copy}.\n{body}"
        if i % SHARD_DOCS == 0:
            if shard:
                shard.close()
            shard = (folder / f"shard-{i // SHARD_DOCS:05d}.jsonl").open("w", encoding="utf-8")
        obj = {
            "id": f"{src.doc_id}-{copy}",
            "date": src.date.isoformat() if src.date else None,
            "title": src.title,
            "text": text,
        }
        assert shard is not None
        shard.write(json.dumps(obj, ensure_ascii=False) + "\n")
        texts.append(text)
    if shard:
        shard.close()
    return texts, sum(len(t.split()) for t in texts)


# In-process speeds are timed in CPU seconds of this process (time.process_time),
# so that other load on a shared machine does not skew the ratios; the
# worker comparison is timed on the wall clock, which is what workers buy.


def tokenizer_speed(texts: list[str], words: int) -> float:
    import spacy

    nlp = spacy.blank("en")
    started = time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return words / (time.process_time() - started)


def ner_speed(texts: list[str], words: int) -> float | None:
    import spacy

    if not spacy.util.is_package("en_core_web_sm"):
        return None
    nlp = spacy.load("en_core_web_sm", exclude=["parser", "lemmatizer", "attribute_ruler"])
    started = time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return words / (time.process_time() - started)


def extract_seconds(folder: Path, out: Path, workers: int) -> tuple[float, float, float]:
    """(wall s, CPU s of this process, CPU s of worker processes) of a whole `run`.

    The in-process pipeline is built before the clock starts (start-up is
    measured apart), fresh for each run: forked workers inherit it, and must
    not inherit the vocabulary and caches an earlier run warmed. Worker
    processes start, and are timed, inside the run.
    """
    from pipeline.parallel import forget_pipelines, run, worker_pipeline

    forget_pipelines()
    worker_pipeline(None)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = run([str(folder)], out, workers=workers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    if summary.errors:
        sys.exit(f"benchmark input had {summary.errors} errors")
    return wall, cpu, workers_cpu


# Peak RSS from /proc's VmHWM where there is one: Linux carries ru_maxrss
# over an exec, so a child would report its (large) parent's peak instead.
MEMORY_CHILD = """
import json, resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from pipeline.parallel import run
summary = run([sys.argv[1]], Path(sys.argv[2]), workers=1)
try:
    status = Path("/proc/self/status").read_text().splitlines()
    rss_kb = int(next(x for x in status if x.startswith("VmHWM:")).split()[1])
except (OSError, StopIteration):
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"documents": summary.documents, "rss_mb": rss_kb / 1024}))
"""

STARTUP_CHILD = """
import json, time
t0 = time.perf_counter()
from pipeline.nlp import build_nlp
t1 = time.perf_counter()
build_nlp()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "build": t2 - t1}))
"""


def child(code: str, *args: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        sys.exit(f"benchmark child failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def peak_rss(tmp: Path, n_docs: int) -> float:
    folder = tmp / f"mem-{n_docs}"
    generate(folder, n_docs, limit=600)
    out = tmp / f"mem-{n_docs}-out" / "facts.jsonl"
    result = child(MEMORY_CHILD, str(folder), str(out), str(ROOT))
    assert result["documents"] == n_docs, result
    return float(result["rss_mb"])


def startup(runs: int = 3) -> tuple[float, float, float]:
    """Median (total, import, build) seconds over `runs` fresh interpreters."""
    samples = sorted(
        (r["import"] + r["build"], r["import"], r["build"])
        for r in (child(STARTUP_CHILD) for _ in range(runs))
    )
    return samples[len(samples) // 2]


def profile(texts: list[str], top: int = 25) -> str:
    """cProfile of the single-process pipeline on `texts`: top functions by own time."""
    from pipeline.extract import iter_extracted
    from pipeline.parallel import worker_pipeline

    nlp = worker_pipeline(None)
    docs = [Document(doc_id=str(i), text=t) for i, t in enumerate(texts)]
    prof = cProfile.Profile()
    prof.enable()
    for _ in iter_extracted(nlp, docs):
        pass
    prof.disable()
    out = StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"pipeline", top)
    return out.getvalue()


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, {model}, Python {platform.python_version()}"


def rows(results: dict[str, float | None]) -> Iterator[str]:
    yield f"{'measure':<26}{'value':>10}  {'goal':<8} met"
    for name, value in results.items():
        goal, check = GOALS.get(name, ("", None))
        shown = "skipped" if value is None else f"{value:10.2f}"
        met = "" if check is None or value is None else ("yes" if check(value) else "NO")
        yield f"{name:<26}{shown:>10}  {goal:<8} {met}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    parser.add_argument("--docs", type=int, help="documents for the throughput input")
    parser.add_argument("--profile", action="store_true", help="print the top hotspots")
    args = parser.parse_args()
    n_docs = args.docs or (150 if args.quick else 3000)
    small, large = (50, 500) if args.quick else (1000, 10000)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="facts-bench-") as name:
        tmp = Path(name)
        texts, words = generate(tmp / "input", n_docs)
        print(f"input: {n_docs} documents, {words:,} words")

        load_before = os.getloadavg()[0]
        tok = tokenizer_speed(texts, words)
        ner = ner_speed(texts, words)
        one, one_cpu, _ = extract_seconds(tmp / "input", tmp / "w1" / "facts.jsonl", workers=1)
        two, two_main, two_workers = extract_seconds(
            tmp / "input", tmp / "w2" / "facts.jsonl", workers=2
        )
        load_after = os.getloadavg()[0]
        same = (tmp / "w1" / "facts.jsonl").read_bytes() == (
            tmp / "w2" / "facts.jsonl"
        ).read_bytes()
        rss_small, rss_large = peak_rss(tmp, small), peak_rss(tmp, large)
        total, imports, build = startup()

        pipeline_wps = words / one_cpu
        print(f"tokenizer (spacy.blank)  {tok:12,.0f} words/s (CPU time)")
        print(f"pipeline, 1 process      {pipeline_wps:12,.0f} words/s (CPU time)")
        print(f"pipeline, 1 process      {words / one:12,.0f} words/s (wall {one:.1f} s)")
        print(f"pipeline, 2 workers      {words / two:12,.0f} words/s (wall {two:.1f} s)")
        # On a busy machine the wall clock understates what workers buy; CPU
        # accounting does not: the work split over 2 workers, plus the client,
        # against the work of one process, gives the speed-up 2 idle cores allow.
        overhead = (two_main + two_workers) / one_cpu
        projected = one_cpu / max(two_workers / 2, two_main)
        print(
            f"2 workers: client {two_main:.1f} s CPU, workers {two_workers:.1f} s CPU "
            f"(×{overhead:.2f} the 1-process CPU, start-up included); "
            f"speed-up on 2 idle cores ≈ {projected:.2f}"
        )
        print("en_core_web_sm NER      " + (" skipped (not installed)" if ner is None else
              f"{ner:12,.0f} words/s"))  # fmt: skip
        print(f"2-worker output identical to 1 worker: {'yes' if same else 'NO'}")
        print(f"peak RSS: {small} docs {rss_small:.0f} MB, {large} docs {rss_large:.0f} MB")
        print(f"start-up: {total:.2f} s (import {imports:.2f} s, build_nlp {build:.2f} s)")
        print(f"load average: {load_before:.2f} before, {load_after:.2f} after the timed runs")
        if max(load_before, load_after) > 0.5:
            print("warning: the machine was busy; wall-clock figures (2 workers) are pessimistic")
        print()
        results: dict[str, float | None] = {
            "pipeline / tokenizer": pipeline_wps / tok,
            "pipeline / NER": None if ner is None else pipeline_wps / ner,
            "2 workers / 1 worker": one / two,
            "  projected, idle cores": projected,
            "peak RSS 10× documents": rss_large / rss_small,
            "start-up (s)": total,
        }
        for line in rows(results):
            print(line)
        if args.profile:
            print()
            print(profile(texts[: min(len(texts), 200)]))


if __name__ == "__main__":
    main()
