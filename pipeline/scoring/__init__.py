"""Compare two fact sets: strict/lenient matching, P/R/F1, value and attribute accuracy.

Why a library and not CLI code: CI gates, notebooks and `facts diff` must all
count the same way, so the rules live here once. Everything works on
interchange-format facts (docs/ANNOTATION.md), so hand-written gold, our own
output and another system's output compare alike. No spaCy here.

One idea per module, each importing only from those above it in this list:

- `facts`: the interchange fact and its sentence context, the data everything passes.
- `loading`: read and validate fact files (`load_facts`, `parse_fact`).
- `context`: the sentence around a fact, from the fact or its document.
- `equality`: when values and COMMITMENT attributes count as equal.
- `matching`: strict and lenient one-to-one pairing (the matching rules).
- `metrics`: counts, P/R/F1, micro and macro (the counting rules).
- `comparison`: `compare`, both modes, overall and per document.
- `errors`: missed, spurious and value-mismatched facts, with sentences.
- `changes`: run-to-run comparison (`compare_runs`).
- `gates`: quality thresholds from TOML or the command line.

Everything public is re-exported here, so `from pipeline.scoring import compare` is
the way in.

Example::

    >>> cmp = compare(load_facts("outputs/facts.jsonl"), load_facts("corpus/gold"))
    >>> cmp.scores["lenient"].micro.f1
"""

from __future__ import annotations

from pipeline.scoring.changes import FactChange, RunChanges, compare_runs
from pipeline.scoring.comparison import Comparison, DocSide, compare
from pipeline.scoring.context import context_for, load_document_texts, sentence_around
from pipeline.scoring.equality import FLOAT_TOLERANCE, attributes_equal, differences, values_equal
from pipeline.scoring.errors import ERROR_KINDS, ErrorItem, ErrorKind, ErrorListing, list_errors
from pipeline.scoring.facts import (
    COMMITMENT_ATTRIBUTES,
    InterchangeFact,
    SentenceContext,
    filter_types,
)
from pipeline.scoring.gates import (
    GATE_METRICS,
    Gate,
    GateMetric,
    GateResult,
    check_gates,
    load_thresholds,
    merge_gates,
    parse_type_gate,
)
from pipeline.scoring.loading import (
    MODALITIES,
    REQUIRED_KEYS,
    load_facts,
    parse_fact,
    read_fact_file,
)
from pipeline.scoring.matching import LENIENT_BY_DEFAULT, MODES, Matching, Mode, match_facts
from pipeline.scoring.metrics import Counts, ModeScore, score_matching

__all__ = [
    "COMMITMENT_ATTRIBUTES",
    "ERROR_KINDS",
    "FLOAT_TOLERANCE",
    "GATE_METRICS",
    "LENIENT_BY_DEFAULT",
    "MODALITIES",
    "MODES",
    "REQUIRED_KEYS",
    "Comparison",
    "Counts",
    "DocSide",
    "ErrorItem",
    "ErrorKind",
    "ErrorListing",
    "FactChange",
    "Gate",
    "GateMetric",
    "GateResult",
    "InterchangeFact",
    "Matching",
    "Mode",
    "ModeScore",
    "RunChanges",
    "SentenceContext",
    "attributes_equal",
    "check_gates",
    "compare",
    "compare_runs",
    "context_for",
    "differences",
    "filter_types",
    "list_errors",
    "load_document_texts",
    "load_facts",
    "load_thresholds",
    "match_facts",
    "merge_gates",
    "parse_fact",
    "parse_type_gate",
    "read_fact_file",
    "score_matching",
    "sentence_around",
    "values_equal",
]
