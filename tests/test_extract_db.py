"""`facts extract --db`: a finished run is loaded into the database, idempotently."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

ARTICLE = "---\nid: d1\ndate: 2025-10-28\n---\nJapan pledged $550 billion by 2030 for lithium.\n"


def test_extract_with_db_loads_the_run_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "d1.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "facts.db"
    args = ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "--workers", "1"]
    runner = CliRunner()
    first = runner.invoke(app, [*args, "--db", f"sqlite:///{db}"])
    assert first.exit_code == 0, first.output
    with sqlite3.connect(db) as conn:
        n_facts = conn.execute("select count(*) from facts").fetchone()[0]
        agents = conn.execute("select agent from commitment_agents").fetchall()
    assert n_facts == len((tmp_path / "out.jsonl").read_text().splitlines())
    assert agents == [("JPN",)]
    second = runner.invoke(app, [*args, "--db", f"sqlite:///{db}"])
    assert second.exit_code == 0
    assert "skipped 1 unchanged" in second.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from facts").fetchone()[0] == n_facts
