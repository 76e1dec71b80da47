"""The Dask engine (a LocalCluster of two worker processes) gives the local engine's records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.extract import sidecar
from pipeline.parallel import run

pytest.importorskip(
    "distributed",
    reason="Dask is not installed; pip install 'mineral-facts[dask]' to test the Dask engine",
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_dask_engine_matches_the_local_engine_record_for_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for src in sorted(CORPUS.glob("*.txt"))[:6]:
        shutil.copy(src, folder / src.name)
    (folder / "c00-empty.md").write_text("   \n")
    monkeypatch.setattr("pipeline.parallel.CHUNK_DOCS", 2)  # several tasks, so order matters
    local = tmp_path / "local" / "facts.jsonl"
    dask = tmp_path / "dask" / "facts.jsonl"
    run([str(folder)], local, workers=1)
    summary = run([str(folder)], dask, engine="dask")  # LocalCluster, 2 worker processes
    assert summary.documents == 6 and summary.errors == 1
    for kind in (None, "documents", "errors"):
        a = local if kind is None else sidecar(local, kind)
        b = dask if kind is None else sidecar(dask, kind)
        assert records(a) == records(b)
        assert a.read_bytes() == b.read_bytes()
