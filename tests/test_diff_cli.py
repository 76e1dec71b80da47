"""`facts diff` end to end through typer's CliRunner, on tiny hand-made fact files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from pipeline.commands import diff

runner = CliRunner()


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A stand-in for the facts app (a callback keeps `diff` a subcommand)."""

    diff.register(app)
    return app


APP = make_app()

DOC = "The US signed a <deal> with Japan in 2025. It is worth $5 billion."


def obj(
    ftype: str, text: str, value: Any, doc: str = "d1", nth: int = 0, **extra: Any
) -> dict[str, Any]:
    start = DOC.index(text) if nth == 0 else DOC.index(text, nth)
    line: dict[str, Any] = {
        "doc_id": doc,
        "type": ftype,
        "start": start,
        "end": start + len(text),
        "text": text,
        "value": value,
    }
    return line | extra


COMMIT: dict[str, Any] = {
    "agents": ["USA", "JPN"],
    "modality": "binding",
    "deadline": None,
    "amount": None,
}
GOLD = [
    obj("PARTY", "US", "USA"),
    obj("PARTY", "Japan", "JPN"),
    obj("DATE", "2025", "2025"),
    obj("AMOUNT", "$5 billion", {"value": 5e9, "unit": "USD"}),
    obj("COMMITMENT", "signed a <deal> with Japan in 2025", None, **COMMIT),
]


def write(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def run(*args: str | Path) -> Result:
    return runner.invoke(APP, ["diff", *map(str, args)])


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return write(tmp_path / "gold" / "d1.jsonl", GOLD)


@pytest.fixture
def degraded(tmp_path: Path) -> Path:
    """Japan missed, the DATE shifted (lenient-only match), a spurious PARTY, a wrong amount."""
    lines = [
        GOLD[0],
        obj("DATE", "in 2025", "2025"),
        obj("AMOUNT", "$5 billion", {"value": 5e9, "unit": "EUR"}),
        obj("PARTY", "It", "ITA"),
        GOLD[4] | {"modality": "pledge"},
    ]
    return write(tmp_path / "out.jsonl", lines)


# Hand-computed for `degraded` against GOLD:
#   lenient: PARTY tp1 fp1 fn1; DATE tp1; AMOUNT tp1 (value wrong); COMMITMENT tp1
#            micro tp4 fp1 fn1 -> P 0.8, R 0.8, F1 0.8
#   strict:  DATE becomes fp1 fn1 -> micro tp3 fp2 fn2 -> F1 0.6 (COMMITMENT stays lenient)


def test_same_set_passes_fail_under_one(gold: Path) -> None:
    result = run(gold, gold, "--fail-under", "1.0")
    assert result.exit_code == 0, result.output
    assert "1.000" in result.stdout and "all gates passed" in result.stdout


def test_degraded_set_fails_the_gate(gold: Path, degraded: Path) -> None:
    result = run(degraded, gold, "--fail-under", "1.0")
    assert result.exit_code == 1
    assert "quality gate failed (lenient): micro f1 < 1" in result.stderr
    assert run(degraded, gold, "--fail-under", "0.8").exit_code == 0


def test_mode_strict_gates_on_strict_scores(gold: Path, degraded: Path) -> None:
    assert run(degraded, gold, "--fail-under", "0.7").exit_code == 0
    assert run(degraded, gold, "--fail-under", "0.7", "--mode", "strict").exit_code == 1


def test_per_type_gates_and_thresholds_file(gold: Path, degraded: Path, tmp_path: Path) -> None:
    assert run(degraded, gold, "--fail-under-type", "DATE=1.0").exit_code == 0
    assert run(degraded, gold, "--fail-under-type", "PARTY=0.6").exit_code == 1
    toml = tmp_path / "t.toml"
    toml.write_text("[micro]\nf1 = 0.8\n[AMOUNT]\nvalue_accuracy = 0.5\n", encoding="utf-8")
    result = run(degraded, gold, "--thresholds", toml)
    assert result.exit_code == 1 and "AMOUNT value_accuracy < 0.5" in result.stderr
    # the command line replaces the file's floor on the same score
    assert run(degraded, gold, "--thresholds", toml, "--fail-under", "0.9").exit_code == 1
    # the repository's own gates parse and are enforced (the degraded set fails them)
    repo_thresholds = Path(__file__).resolve().parents[1] / "thresholds.toml"
    assert run(gold, gold, "--thresholds", repo_thresholds).exit_code in (0, 1)
    assert run(degraded, gold, "--thresholds", repo_thresholds).exit_code == 1


def test_json_output_has_stable_keys_and_right_numbers(gold: Path, degraded: Path) -> None:
    result = run(degraded, gold, "--format", "json", "--by-doc", "--show", "value")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    lenient, strict = data["lenient"], data["strict"]
    assert list(lenient) == ["DATE", "PARTY", "AMOUNT", "COMMITMENT", "micro", "macro"]
    assert list(lenient["PARTY"]) == [
        "p",
        "r",
        "f1",
        "tp",
        "fp",
        "fn",
        "value_accuracy",
        "attributes",
    ]
    assert lenient["micro"]["f1"] == pytest.approx(0.8)
    assert (lenient["micro"]["tp"], lenient["micro"]["fp"], lenient["micro"]["fn"]) == (4, 1, 1)
    assert strict["micro"]["f1"] == pytest.approx(0.6)
    assert strict["DATE"]["f1"] == 0.0 and lenient["DATE"]["f1"] == 1.0
    assert lenient["AMOUNT"]["value_accuracy"] == 0.0
    assert lenient["micro"]["value_accuracy"] == pytest.approx(2 / 3)
    assert lenient["COMMITMENT"]["attributes"]["modality"] == 0.0
    assert lenient["COMMITMENT"]["attributes"]["agents"] == 1.0
    assert lenient["macro"]["f1"] == pytest.approx((0.5 + 1 + 1 + 1) / 4)
    assert data["by_doc"]["d1"]["lenient"]["micro"]["tp"] == 4
    assert data["errors"]["totals"] == {"value": 2}
    kinds = {(e["gold"]["type"], tuple(e["differences"])) for e in data["errors"]["items"]}
    assert kinds == {("AMOUNT", ("value",)), ("COMMITMENT", ("modality",))}
    assert "COMMITMENT is matched leniently in both modes (docs/ANNOTATION.md)." in data["notes"]


def test_markdown_output(gold: Path, degraded: Path) -> None:
    result = run(degraded, gold, "--format", "markdown", "--show", "missed")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "## Lenient matching (gate)" in md
    assert "| PARTY | 0.500 | 0.500 | 0.500 | 1 | 1 | 1 | 1.000 |" in md
    assert "| micro | 0.800 | 0.800 | 0.800 | 4 | 1 | 1 | 0.667 |" in md
    assert "| DATE | 0.000 | 0.000 | 0.000 | 0 | 1 | 1 |" in md  # strict table
    assert "| missed | d1 | PARTY | 28–33 | Japan | JPN | — |" in md


def test_table_output(gold: Path, degraded: Path) -> None:
    result = run(degraded, gold, "--show", "spurious", "--by-doc")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Strict matching" in out and "Lenient matching (gate)" in out
    assert "0.800" in out and "0.600" in out and "By document" in out
    assert "spurious" in out and "ITA" in out


def test_html_output_is_escaped_and_highlights_facts(
    gold: Path, degraded: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text(DOC, encoding="utf-8")
    out = tmp_path / "report" / "diff.html"
    result = run(degraded, gold, "--format", "html", "--corpus", corpus, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<deal>" not in page and "&lt;deal&gt;" in page
    assert "The US signed a &lt;deal&gt; with <mark>Japan</mark> in 2025." in page  # missed
    assert "<td>spurious</td>" in page and "<td>value</td>" in page  # html lists all kinds
    assert "<td class=n>0.800</td>" in page
    assert [p.name for p in out.parent.iterdir()] == ["diff.html"]  # no temporary file left


def test_output_file_for_every_format(gold: Path, degraded: Path, tmp_path: Path) -> None:
    for fmt in ("table", "json", "markdown", "html"):
        out = tmp_path / f"r.{fmt}"
        result = run(degraded, gold, "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        assert "0.800" in out.read_text(encoding="utf-8") or fmt == "json"
    assert json.loads((tmp_path / "r.json").read_text())["lenient"]["micro"]["f1"] == pytest.approx(
        0.8
    )


def test_types_filter(gold: Path, degraded: Path) -> None:
    data = json.loads(run(degraded, gold, "--types", "date,PARTY", "--format", "json").stdout)
    assert list(data["lenient"]) == ["DATE", "PARTY", "micro", "macro"]


def test_empty_and_one_sided_inputs(gold: Path, tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.jsonl", [])
    result = run(empty, gold, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["lenient"]["micro"]["fn"] == 5
    both_empty = run(empty, empty, "--format", "json", "--fail-under", "0.5")
    assert both_empty.exit_code == 1  # nothing scored is not a pass
    lenient = json.loads(both_empty.stdout)["lenient"]
    assert list(lenient) == ["micro", "macro"] and lenient["macro"]["f1"] == 0.0
    other_doc = write(tmp_path / "other.jsonl", [obj("DATE", "2025", "2025", doc="d2")])
    data = json.loads(run(other_doc, gold, "--format", "json", "--by-doc").stdout)
    assert data["by_doc"]["d2"]["facts_in"] == "system"
    assert data["by_doc"]["d1"]["facts_in"] == "gold"


def test_changes_between_two_runs(tmp_path: Path) -> None:
    old = write(tmp_path / "old.jsonl", GOLD)
    new_lines = [GOLD[0], GOLD[2] | {"value": "2024"}, *GOLD[3:], obj("PARTY", "It", "ITA")]
    new = write(tmp_path / "new.jsonl", new_lines)
    result = run(old, new, "--changes", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 3}
    assert data["added"][0]["text"] == "It" and data["removed"][0]["text"] == "Japan"
    assert (
        data["changed"][0]["old"]["value"] == "2025"
        and data["changed"][0]["new"]["value"] == "2024"
    )
    table = run(old, new, "--changes")
    assert table.exit_code == 0 and "removed" in table.stdout and "2024" in table.stdout
    md = run(old, new, "--changes", "--format", "markdown").stdout
    assert "| PARTY | 1 | 1 | 0 |" in md
    assert run(old, new, "--changes", "--fail-under", "0.5").exit_code == 2


def test_bad_file_names_line_and_key(gold: Path, tmp_path: Path) -> None:
    bad = write(
        tmp_path / "bad.jsonl", [GOLD[0], {k: v for k, v in GOLD[1].items() if k != "value"}]
    )
    result = run(bad, gold)
    assert result.exit_code == 2
    assert f"{bad}:2: missing key 'value'" in result.stderr
    commitment = write(tmp_path / "c.jsonl", [GOLD[4] | {"modality": "sure"}])
    result = run(gold, commitment)
    assert result.exit_code == 2 and "c.jsonl:1: bad key 'modality'" in result.stderr
    assert run(tmp_path / "missing.jsonl", gold).exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--types", "DATE,TIME"],
        ["--show", "missing"],
        ["--mode", "fuzzy"],
        ["--format", "pdf"],
        ["--fail-under", "1.5"],
        ["--fail-under-type", "DATE"],
        ["--fail-under-type", "DATE=high"],
        ["--limit", "-1"],
    ],
)
def test_usage_errors_exit_2(gold: Path, args: list[str]) -> None:
    assert run(gold, gold, *args).exit_code == 2


def test_bad_thresholds_file_exits_2(gold: Path, tmp_path: Path) -> None:
    toml = tmp_path / "t.toml"
    toml.write_text("[micro]\nf1 = 2\n", encoding="utf-8")
    result = run(gold, gold, "--thresholds", toml)
    assert result.exit_code == 2 and "from 0 to 1" in result.output
