"""Score the report's records against gold: the numbers for the top, the statuses for the text.

Why only the corpus's documents: a report on part of a corpus must not count
the gold facts of the other documents as missed, so both sides are cut to the
documents on the page, and a note says what was left out.

Example::

    >>> view, marks, problems = score_gold(records, gold, docs, mode="lenient", gold_path="gold")
    >>> view.totals, marks.status[record_id]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.corpus import Document
from pipeline.records import Fact
from pipeline.report.highlights import Status
from pipeline.report.model import GoldView, Problem, ProblemItem, ScoreRow
from pipeline.report.values import interchange_value
from pipeline.scoring import (
    MODES,
    Comparison,
    ErrorListing,
    InterchangeFact,
    Mode,
    compare,
    list_errors,
    parse_fact,
)


@dataclass
class GoldMarks:
    """Per-record statuses and the gold facts to add, from one comparison."""

    status: dict[str, tuple[Status, str]] = field(default_factory=dict)
    missed: list[InterchangeFact] = field(default_factory=list)


def _gold_marks(errors: ErrorListing, by_fact: Mapping[InterchangeFact, Fact]) -> GoldMarks:
    """Which records are spurious or differ from gold, and which gold facts were missed."""
    out = GoldMarks()
    for item in errors.items:
        if item.kind == "missed":
            out.missed.append(item.fact)
        elif item.kind == "spurious":
            out.status[by_fact[item.fact].id] = ("spurious", "not in gold")
        elif item.other is not None:
            gold = f"gold: {interchange_value(item.fact)}"
            out.status[by_fact[item.other].id] = (
                "value",
                f"{gold} ({', '.join(item.differences)})",
            )
    return out


def _score_tables(cmp: Comparison) -> dict[str, list[ScoreRow]]:
    def num(x: float | None) -> str:
        return "–" if x is None else f"{x:.3f}"

    tables: dict[str, list[ScoreRow]] = {}
    for m in MODES:
        s = cmp.scores[m]
        rows = [
            ScoreRow(
                t,
                [
                    *(num(c.precision), num(c.recall), num(c.f1)),
                    *(str(c.tp), str(c.fp), str(c.fn), num(c.value_accuracy)),
                ],
            )
            for t, c in [*s.types.items(), ("micro", s.micro)]
        ]
        macro = [num(s.macro_precision), num(s.macro_recall), num(s.macro_f1), "", "", "", ""]
        tables[m] = [*rows, ScoreRow("macro", macro)]
    return tables


def score_gold(
    records: Sequence[Fact],
    gold: Sequence[InterchangeFact],
    docs: Mapping[str, Document],
    *,
    mode: Mode,
    gold_path: str,
) -> tuple[GoldView, GoldMarks, list[Problem]]:
    """Compare the corpus's records with its gold facts; what to mark, and what does not fit."""
    by_fact = {parse_fact(f.model_dump(mode="json"), f.id): f for f in records if f.doc_id in docs}
    here = [g for g in gold if g.doc_id in docs]
    cmp = compare(list(by_fact), here)
    errors = list_errors(cmp, mode)
    found = _gold_marks(errors, by_fact)
    marks = GoldMarks(status=found.status)
    bad: dict[str, list[ProblemItem]] = {}
    for g in found.missed:
        if docs[g.doc_id].text[g.start : g.end] == g.text:
            marks.missed.append(g)
        else:
            reason = f"gold facts that do not fit document {g.doc_id!r}"
            bad.setdefault(reason, []).append(ProblemItem(f"{g.where}: {g.type} {g.text!r}"))
    problems = [Problem(f"{r}: {len(items)} fact(s)", items) for r, items in bad.items()]
    note = ""
    if len(here) < len(gold) or len(by_fact) < len(records):
        other_gold, other_system = len(gold) - len(here), len(records) - len(by_fact)
        note = (
            f"Scores cover the {len(docs)} documents of the corpus; {other_gold} gold and "
            f"{other_system} extracted facts of other documents are left out."
        )
    view = GoldView(gold_path, mode, _score_tables(cmp), dict(errors.totals), note)
    return view, marks, problems
