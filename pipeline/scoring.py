"""Compare two fact sets: strict/lenient matching, P/R/F1, value and attribute accuracy.

Why a library and not CLI code: CI gates, notebooks and `facts diff` must all
count the same way, so the rules live here once. Everything works on
interchange-format facts (docs/ANNOTATION.md), so hand-written gold, our own
output and another system's output compare alike. No spaCy here.

The rules of ANNOTATION.md, with the cases it leaves open decided:

- strict: same `doc_id`, `type`, `start`, `end`. lenient: same `doc_id` and
  `type` and overlapping spans (end-exclusive, so touching spans do not overlap).
- Pairs are one-to-one: a gold fact and a system fact each belong to at most one
  pair. Lenient pairs are taken greedily by largest overlap; ties go to the
  closer boundaries, then to the earlier gold fact, then the earlier system fact.
- Duplicates count separately: the same span twice in the output against one
  gold fact is one true positive and one false positive.
- COMMITMENT is matched leniently in both modes (its extent "to the end of the
  clause" is a judgment call); pass `lenient_types=frozenset()` to change that.
- P = tp/(tp+fp), R = tp/(tp+fn), F1 = 2tp/(2tp+fp+fn); any 0/0 is 0.0.
- A type with no facts on either side is left out of the scores: nothing was
  tested, so neither 1.0 nor 0.0 would be true. Micro sums the types present,
  macro averages their scores. With no facts at all micro F1 is 0.0, so a gate
  fails rather than passing on a mistyped path.
- Value accuracy: the share of matched pairs with equal `value`; None with no
  pairs. COMMITMENT values are null by definition, so COMMITMENT has no value
  accuracy; its `agents` (as a set), `modality`, `deadline` and `amount` are
  scored among its matched pairs instead.

Example::

    >>> cmp = compare(load_facts("outputs/facts.jsonl"), load_facts("corpus/gold"))
    >>> cmp.scores["lenient"].micro.f1
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args

from pipeline.corpus import Document, read_inputs
from pipeline.errors import FactFormatError
from pipeline.records import FACT_TYPES, InputError, Modality

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Mode = Literal["strict", "lenient"]
MODES: tuple[Mode, ...] = ("strict", "lenient")
ErrorKind = Literal["missed", "spurious", "value"]
ERROR_KINDS: tuple[ErrorKind, ...] = ("missed", "spurious", "value")
GateMetric = Literal["f1", "p", "r", "value_accuracy"]
GATE_METRICS: tuple[GateMetric, ...] = ("f1", "p", "r", "value_accuracy")
LENIENT_BY_DEFAULT: frozenset[str] = frozenset({"COMMITMENT"})
REQUIRED_KEYS = ("doc_id", "type", "start", "end", "text", "value")
COMMITMENT_ATTRIBUTES = ("agents", "modality", "deadline", "amount")
MODALITIES: tuple[str, ...] = get_args(Modality)
FLOAT_TOLERANCE = 1e-6

# --------------------------------------------------------------------------- loading


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """A sentence around a fact; `start` is its document offset when known."""

    text: str
    start: int | None = None


@dataclass(frozen=True, slots=True, eq=False)
class InterchangeFact:
    """One fact line, keeping only what comparison needs; `where` is `file:line`."""

    doc_id: str
    type: str
    start: int
    end: int
    text: str
    value: object
    where: str = "-"
    agents: tuple[str, ...] | None = None
    modality: str | None = None
    deadline: str | None = None
    amount: dict[str, object] | None = None
    sentence: SentenceContext | None = None


def load_facts(path: str | Path) -> list[InterchangeFact]:
    """Load a JSONL file, or every `*.jsonl` under a folder (recursively, sorted)."""
    p = Path(path)
    if p.is_dir():
        files = sorted((f for f in p.rglob("*.jsonl") if f.is_file()), key=lambda f: f.as_posix())
    elif p.is_file():
        files = [p]
    else:
        raise FactFormatError(f"{p}: no such file or folder")
    return [fact for f in files for fact in read_fact_file(f)]


def read_fact_file(path: Path) -> list[InterchangeFact]:
    """Parse one JSONL file; the first bad line raises FactFormatError naming it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FactFormatError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    facts = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        where = f"{path}:{n}"
        try:
            line = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise FactFormatError(f"{where}: invalid UTF-8 at byte {exc.start}") from None
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FactFormatError(
                f"{where}: not valid JSON ({exc.msg}, column {exc.colno})"
            ) from None
        if not isinstance(obj, dict):
            raise FactFormatError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        facts.append(parse_fact(obj, where))
    return facts


def _bad(where: str, key: str, expected: str, got: object) -> FactFormatError:
    shown = json.dumps(got, ensure_ascii=False)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return FactFormatError(f"{where}: bad key '{key}': expected {expected}, got {shown}")


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _money(where: str, key: str, x: object) -> dict[str, object]:
    if (
        isinstance(x, dict)
        and _is_number(x.get("value"))
        and isinstance(x.get("unit"), str)
        and x["unit"]
    ):
        return {"value": x["value"], "unit": x["unit"]}
    raise _bad(where, key, 'money {"value": number, "unit": "ISO 4217 code"}', x)


def _value(where: str, ftype: str, x: object) -> object:
    """Check a value's shape per type, so a mistyped value fails loudly, not as a mismatch."""
    if ftype == "DATE" and (x is None or isinstance(x, str)):
        return x
    if ftype in ("PARTY", "MINERAL") and isinstance(x, str):
        return x
    if ftype == "PERCENTAGE" and _is_number(x):
        return x
    if ftype == "AMOUNT":
        return _money(where, "value", x)
    if ftype == "COMMITMENT" and x is None:
        return None
    expected = {
        "DATE": "a string or null",
        "PARTY": "a string",
        "MINERAL": "a string",
        "PERCENTAGE": "a number",
        "COMMITMENT": "null (a COMMITMENT's content is in its attributes)",
    }[ftype]
    raise _bad(where, "value", f"{expected} for {ftype}", x)


def _sentence(x: object) -> SentenceContext | None:
    """The pipeline's `sentence` key ({"text", "start", ...}) or a bare string; else None."""
    if isinstance(x, str) and x:
        return SentenceContext(x)
    if isinstance(x, dict) and isinstance(x.get("text"), str) and x["text"]:
        start = x.get("start")
        ok = isinstance(start, int) and not isinstance(start, bool)
        return SentenceContext(x["text"], start if ok else None)
    return None


def parse_fact(obj: Mapping[str, object], where: str = "-") -> InterchangeFact:
    """Validate one interchange-format object; unknown keys are ignored."""
    missing = [k for k in REQUIRED_KEYS if k not in obj]
    if obj.get("type") == "COMMITMENT":
        missing += [k for k in COMMITMENT_ATTRIBUTES if k not in obj]
    if missing:
        names = ", ".join(f"'{k}'" for k in missing)
        raise FactFormatError(f"{where}: missing key{'s' if len(missing) > 1 else ''} {names}")
    doc_id, ftype, start, end, text = (obj[k] for k in ("doc_id", "type", "start", "end", "text"))
    if not isinstance(doc_id, str) or not doc_id:
        raise _bad(where, "doc_id", "a non-empty string", doc_id)
    if not isinstance(ftype, str) or ftype not in FACT_TYPES:
        raise _bad(where, "type", f"one of {', '.join(FACT_TYPES)}", ftype)
    for key, pos in (("start", start), ("end", end)):
        if not isinstance(pos, int) or isinstance(pos, bool) or pos < 0:
            raise _bad(where, key, "a non-negative integer", pos)
    assert isinstance(start, int) and isinstance(end, int)
    if end <= start:
        raise _bad(where, "end", f"an offset greater than start ({start})", end)
    if not isinstance(text, str) or len(text) != end - start:
        raise _bad(where, "text", f"a string of end - start = {end - start} characters", text)
    value = _value(where, ftype, obj["value"])
    sentence = _sentence(obj.get("sentence"))
    fact = InterchangeFact(doc_id, ftype, start, end, text, value, where, sentence=sentence)
    if ftype != "COMMITMENT":
        return fact
    agents, modality, deadline, amount = (obj[k] for k in COMMITMENT_ATTRIBUTES)
    if not isinstance(agents, list) or not all(isinstance(a, str) for a in agents):
        raise _bad(where, "agents", "a list of PARTY values (strings)", agents)
    if not isinstance(modality, str) or modality not in MODALITIES:
        raise _bad(where, "modality", f"one of {', '.join(MODALITIES)}", modality)
    if deadline is not None and not isinstance(deadline, str):
        raise _bad(where, "deadline", "a DATE value (string) or null", deadline)
    money = None if amount is None else _money(where, "amount", amount)
    return replace(fact, agents=tuple(agents), modality=modality, deadline=deadline, amount=money)


def load_document_texts(corpus: str | Path) -> tuple[dict[str, str], list[InputError]]:
    """Document texts by doc_id (for sentence context), and the inputs that could not be read."""
    texts: dict[str, str] = {}
    problems: list[InputError] = []
    for item in read_inputs([str(corpus)]):
        if isinstance(item, Document):
            texts[item.doc_id] = item.text
        else:
            problems.append(item)
    return texts, problems


def sentence_around(text: str, start: int, end: int) -> SentenceContext:
    """An approximate sentence around `text[start:end]`, without a sentence splitter.

    Spans never cross lines (ANNOTATION.md), so take the line, then cut it at
    sentence punctuation followed by space and a capital, quote or bracket.
    Display only: an abbreviation ("U.S. Officials") may cut too early.
    """
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    i = start
    while i > lo and not _sentence_break(text, i):
        i -= 1
    j = end
    while j < hi and not _sentence_break(text, j):
        j += 1
    while i < start and text[i].isspace():
        i += 1
    return SentenceContext(text[i:j].rstrip(), i)


def _sentence_break(text: str, i: int) -> bool:
    """True when a sentence ends at `i` ("end. Next")."""
    return (
        i >= 2
        and text[i - 1].isspace()
        and text[i - 2] in ".!?"
        and i < len(text)
        and (text[i].isupper() or text[i] in "\"'“‘([")
    )


def context_for(
    fact: InterchangeFact, documents: Mapping[str, str] | None
) -> SentenceContext | None:
    """The fact's own sentence if it carries one, else one cut from its document."""
    if fact.sentence is not None:
        return fact.sentence
    doc = None if documents is None else documents.get(fact.doc_id)
    if doc is None or doc[fact.start : fact.end] != fact.text:
        return None  # unknown document, or offsets that do not fit it
    return sentence_around(doc, fact.start, fact.end)


# --------------------------------------------------------------------------- equality


def values_equal(a: object, b: object) -> bool:
    """Equal values: numbers within 1e-6 (relative above 1), money by value and unit.

    >>> values_equal({"value": 5.5e11, "unit": "USD"}, {"value": 550000000000, "unit": "USD"})
    True
    """
    if _is_number(a) and _is_number(b):
        x, y = float(a), float(b)  # type: ignore[arg-type]
        return math.isclose(x, y, rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    if isinstance(a, dict) and isinstance(b, dict):
        if {"value", "unit"} <= a.keys() and {"value", "unit"} <= b.keys():
            return a["unit"] == b["unit"] and values_equal(a["value"], b["value"])
        return a.keys() == b.keys() and all(values_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def attributes_equal(a: InterchangeFact, b: InterchangeFact) -> dict[str, bool]:
    """Per COMMITMENT attribute, whether two facts agree (agents as a set)."""
    return {
        "agents": set(a.agents or ()) == set(b.agents or ()),
        "modality": a.modality == b.modality,
        "deadline": values_equal(a.deadline, b.deadline),
        "amount": values_equal(a.amount, b.amount),
    }


def differences(a: InterchangeFact, b: InterchangeFact) -> tuple[str, ...]:
    """Names of what differs between two facts of one type: `value` or attribute names."""
    if a.type == "COMMITMENT":
        return tuple(k for k, same in attributes_equal(a, b).items() if not same)
    return () if values_equal(a.value, b.value) else ("value",)


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Matching:
    """Result of matching: (system, gold) pairs, gold facts missed, system facts spurious."""

    pairs: list[tuple[InterchangeFact, InterchangeFact]]
    missed: list[InterchangeFact]
    spurious: list[InterchangeFact]


def _order(f: InterchangeFact) -> tuple[str, int, int, str]:
    return (f.doc_id, f.start, f.end, f.type)


def _pair_strict(
    system: Sequence[InterchangeFact], gold: Sequence[InterchangeFact]
) -> list[tuple[int, int]]:
    free: dict[tuple[int, int], list[int]] = {}
    for j, g in enumerate(gold):
        free.setdefault((g.start, g.end), []).append(j)
    pairs = []
    for i, s in enumerate(system):
        waiting = free.get((s.start, s.end))
        if waiting:
            pairs.append((i, waiting.pop(0)))
    return pairs


def _pair_lenient(
    system: Sequence[InterchangeFact], gold: Sequence[InterchangeFact]
) -> list[tuple[int, int]]:
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                distance = abs(s.start - g.start) + abs(s.end - g.end)
                candidates.append((-overlap, distance, j, i))
    candidates.sort()
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, j, i in candidates:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def match_facts(
    system: Iterable[InterchangeFact],
    gold: Iterable[InterchangeFact],
    mode: Mode,
    lenient_types: frozenset[str] = LENIENT_BY_DEFAULT,
) -> Matching:
    """Match system facts to gold facts per document and type (see the module docstring)."""
    groups: dict[tuple[str, str], tuple[list[InterchangeFact], list[InterchangeFact]]] = {}
    for side, facts in ((0, system), (1, gold)):
        for f in facts:
            groups.setdefault((f.doc_id, f.type), ([], []))[side].append(f)
    pairs, missed, spurious = [], [], []
    for key in sorted(groups):
        sys_facts, gold_facts = groups[key]
        lenient = mode == "lenient" or key[1] in lenient_types
        index_pairs = (_pair_lenient if lenient else _pair_strict)(sys_facts, gold_facts)
        pairs += [(sys_facts[i], gold_facts[j]) for i, j in index_pairs]
        paired_s = {i for i, _ in index_pairs}
        paired_g = {j for _, j in index_pairs}
        spurious += [f for i, f in enumerate(sys_facts) if i not in paired_s]
        missed += [f for j, f in enumerate(gold_facts) if j not in paired_g]
    pairs.sort(key=lambda p: _order(p[1]))
    return Matching(pairs, sorted(missed, key=_order), sorted(spurious, key=_order))


# --------------------------------------------------------------------------- metrics


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass(frozen=True)
class Counts:
    """Counts for one type (or summed), with the scores derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    value_pairs: int = 0
    value_equal: int = 0
    attribute_pairs: int = 0
    attribute_equal: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: Counts) -> Counts:
        attrs = dict(self.attribute_equal)
        for k, v in other.attribute_equal.items():
            attrs[k] = attrs.get(k, 0) + v
        return Counts(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.value_pairs + other.value_pairs,
            self.value_equal + other.value_equal,
            self.attribute_pairs + other.attribute_pairs,
            attrs,
        )

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def value_accuracy(self) -> float | None:
        return self.value_equal / self.value_pairs if self.value_pairs else None

    @property
    def attribute_accuracy(self) -> dict[str, float | None]:
        n = self.attribute_pairs
        return {k: (v / n if n else None) for k, v in self.attribute_equal.items()}


@dataclass(frozen=True)
class ModeScore:
    """Scores of one matching mode: per type present, micro sums, macro means."""

    mode: Mode
    types: dict[str, Counts]
    micro: Counts

    def _mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def macro_precision(self) -> float:
        return self._mean([c.precision for c in self.types.values()])

    @property
    def macro_recall(self) -> float:
        return self._mean([c.recall for c in self.types.values()])

    @property
    def macro_f1(self) -> float:
        return self._mean([c.f1 for c in self.types.values()])


def score_matching(matching: Matching, mode: Mode) -> ModeScore:
    """Count a matching per type (in FACT_TYPES order) and sum the counts into micro."""
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    value_equal: dict[str, int] = {}
    attrs: dict[str, int] = dict.fromkeys(COMMITMENT_ATTRIBUTES, 0)
    for s, g in matching.pairs:
        tp[g.type] = tp.get(g.type, 0) + 1
        if g.type == "COMMITMENT":
            for k, same in attributes_equal(s, g).items():
                attrs[k] += same
        elif values_equal(s.value, g.value):
            value_equal[g.type] = value_equal.get(g.type, 0) + 1
    for f in matching.spurious:
        fp[f.type] = fp.get(f.type, 0) + 1
    for f in matching.missed:
        fn[f.type] = fn.get(f.type, 0) + 1
    types: dict[str, Counts] = {}
    for t in FACT_TYPES:
        if t not in tp and t not in fp and t not in fn:
            continue
        n = tp.get(t, 0)
        if t == "COMMITMENT":
            types[t] = Counts(n, fp.get(t, 0), fn.get(t, 0), 0, 0, n, attrs)
        else:
            types[t] = Counts(n, fp.get(t, 0), fn.get(t, 0), n, value_equal.get(t, 0))
    # Attributes are COMMITMENT's alone: pooling them into micro would only repeat them.
    micro = replace(sum(types.values(), Counts()), attribute_pairs=0, attribute_equal={})
    return ModeScore(mode, types, micro)


DocSide = Literal["both", "system", "gold"]


@dataclass(frozen=True)
class Comparison:
    """Both modes' matchings and scores, overall and per document."""

    scores: dict[Mode, ModeScore]
    matchings: dict[Mode, Matching]
    by_doc: dict[str, dict[Mode, ModeScore]]
    doc_sides: dict[str, DocSide]
    lenient_types: frozenset[str]


def filter_types(
    facts: Iterable[InterchangeFact], types: Iterable[str] | None
) -> list[InterchangeFact]:
    """Keep the facts of the given types (all when `types` is None)."""
    wanted = None if types is None else set(types)
    return [f for f in facts if wanted is None or f.type in wanted]


def _split_by_doc(matching: Matching) -> dict[str, Matching]:
    out: dict[str, Matching] = {}
    for p in matching.pairs:
        out.setdefault(p[1].doc_id, Matching([], [], [])).pairs.append(p)
    for f in matching.missed:
        out.setdefault(f.doc_id, Matching([], [], [])).missed.append(f)
    for f in matching.spurious:
        out.setdefault(f.doc_id, Matching([], [], [])).spurious.append(f)
    return out


def compare(
    system: Iterable[InterchangeFact],
    gold: Iterable[InterchangeFact],
    *,
    types: Iterable[str] | None = None,
    lenient_types: frozenset[str] = LENIENT_BY_DEFAULT,
) -> Comparison:
    """Score `system` against `gold` in both modes, overall and per document."""
    sys_facts = filter_types(system, types)
    gold_facts = filter_types(gold, types)
    sides: dict[str, DocSide] = {}
    for f in sys_facts:
        sides[f.doc_id] = "system"
    for f in gold_facts:
        sides[f.doc_id] = "both" if sides.get(f.doc_id) in ("system", "both") else "gold"
    matchings = {m: match_facts(sys_facts, gold_facts, m, lenient_types) for m in MODES}
    by_doc: dict[str, dict[Mode, ModeScore]] = {doc: {} for doc in sorted(sides)}
    for m in MODES:
        for doc, part in _split_by_doc(matchings[m]).items():
            by_doc[doc][m] = score_matching(part, m)
    return Comparison(
        {m: score_matching(matchings[m], m) for m in MODES},
        matchings,
        by_doc,
        dict(sorted(sides.items())),
        lenient_types,
    )


# --------------------------------------------------------------------------- error listing


@dataclass(frozen=True)
class ErrorItem:
    """One error: `fact` is the gold fact (missed, value) or the system fact (spurious)."""

    kind: ErrorKind
    fact: InterchangeFact
    other: InterchangeFact | None = None  # the system fact of a value mismatch
    differences: tuple[str, ...] = ()
    sentence: SentenceContext | None = None


@dataclass(frozen=True)
class ErrorListing:
    """Errors of one mode, at most `limit` per kind; `totals` counts them all."""

    mode: Mode
    items: list[ErrorItem]
    totals: dict[ErrorKind, int]
    limit: int | None


def list_errors(
    comparison: Comparison,
    mode: Mode,
    kinds: Iterable[ErrorKind] = ERROR_KINDS,
    *,
    documents: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> ErrorListing:
    """Missed, spurious and value-mismatched facts, each with its sentence where known.

    Value mismatches of COMMITMENT are attribute mismatches (its value is null).
    """
    matching = comparison.matchings[mode]
    found: dict[ErrorKind, list[ErrorItem]] = {
        "missed": [ErrorItem("missed", f) for f in matching.missed],
        "spurious": [ErrorItem("spurious", f) for f in matching.spurious],
        "value": [
            ErrorItem("value", g, s, diff) for s, g in matching.pairs if (diff := differences(s, g))
        ],
    }
    wanted = [k for k in ERROR_KINDS if k in set(kinds)]
    items = []
    for kind in wanted:
        for item in found[kind][:limit]:
            ctx = None
            if item.other is not None:
                ctx = context_for(item.other, documents)
            ctx = ctx or context_for(item.fact, documents)
            items.append(ErrorItem(item.kind, item.fact, item.other, item.differences, ctx))
    return ErrorListing(mode, items, {k: len(found[k]) for k in wanted}, limit)


# --------------------------------------------------------------------------- run-to-run changes


@dataclass(frozen=True)
class FactChange:
    """The same doc/type/span in two runs with a different value or attributes."""

    old: InterchangeFact
    new: InterchangeFact
    differences: tuple[str, ...]


@dataclass(frozen=True)
class RunChanges:
    """What changed between an old and a new output, by exact doc/type/span."""

    added: list[InterchangeFact]
    removed: list[InterchangeFact]
    changed: list[FactChange]
    unchanged: int


def compare_runs(
    old: Iterable[InterchangeFact],
    new: Iterable[InterchangeFact],
    *,
    types: Iterable[str] | None = None,
) -> RunChanges:
    """Facts added, removed and changed from `old` to `new` (strict spans; duplicates in order)."""
    matching = match_facts(
        filter_types(new, types), filter_types(old, types), "strict", frozenset()
    )
    changed = [FactChange(o, n, d) for n, o in matching.pairs if (d := differences(o, n))]
    return RunChanges(
        matching.spurious, matching.missed, changed, len(matching.pairs) - len(changed)
    )


# --------------------------------------------------------------------------- gates


@dataclass(frozen=True)
class Gate:
    """A floor on one score: `scope` is "micro" or a fact type."""

    scope: str
    metric: GateMetric
    threshold: float


@dataclass(frozen=True)
class GateResult:
    gate: Gate
    actual: float | None
    status: Literal["passed", "failed", "skipped"]


def _gate(scope: str, metric: str, threshold: object, where: str) -> Gate:
    if scope != "micro" and scope not in FACT_TYPES:
        raise ValueError(f"{where}: unknown scope {scope!r}; use micro or {', '.join(FACT_TYPES)}")
    if metric not in GATE_METRICS:
        raise ValueError(f"{where}: unknown metric {metric!r}; use {', '.join(GATE_METRICS)}")
    if not _is_number(threshold) or not 0.0 <= float(threshold) <= 1.0:  # type: ignore[arg-type]
        raise ValueError(f"{where}: threshold must be a number from 0 to 1, got {threshold!r}")
    return Gate(scope, metric, float(threshold))  # type: ignore[arg-type]


def parse_type_gate(spec: str) -> Gate:
    """Parse `TYPE=F1` (as given to --fail-under-type); raise ValueError if malformed."""
    scope, sep, raw = spec.partition("=")
    if not sep:
        raise ValueError(f"{spec!r}: expected TYPE=F1, e.g. DATE=0.8")
    try:
        threshold = float(raw)
    except ValueError:
        raise ValueError(f"{spec!r}: {raw!r} is not a number") from None
    return _gate(scope.strip().upper(), "f1", threshold, spec)


def load_thresholds(path: str | Path) -> list[Gate]:
    """Read gates from TOML: a `[micro]` table and one table per type, keys f1/p/r/value_accuracy.

    Unknown tables or keys are errors: a typo must not silently disable a gate.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read thresholds ({exc})") from None
    gates = []
    for scope, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"{path}: {scope!r} must be a table like [{scope}] with f1 = 0.8")
        for metric, threshold in table.items():
            gates.append(_gate(scope, metric, threshold, f"{path}: [{scope}] {metric}"))
    return gates


def merge_gates(*gate_lists: Iterable[Gate]) -> list[Gate]:
    """Combine gates; a later gate replaces an earlier one on the same scope and metric."""
    merged: dict[tuple[str, str], Gate] = {}
    for gates in gate_lists:
        for g in gates:
            merged[(g.scope, g.metric)] = g
    return list(merged.values())


def check_gates(
    score: ModeScore, gates: Iterable[Gate], types: Iterable[str] | None = None
) -> list[GateResult]:
    """Check gates against one mode's scores.

    A type outside `types` (the --types filter) is skipped. A type with no facts
    on either side, or an accuracy with no matched pairs, counts as 0.0.
    """
    allowed = None if types is None else set(types)
    results = []
    for g in gates:
        if g.scope != "micro" and allowed is not None and g.scope not in allowed:
            results.append(GateResult(g, None, "skipped"))
            continue
        counts = score.micro if g.scope == "micro" else score.types.get(g.scope, Counts())
        actual = {
            "f1": counts.f1,
            "p": counts.precision,
            "r": counts.recall,
            "value_accuracy": counts.value_accuracy,
        }[g.metric]
        ok = (actual or 0.0) + 1e-12 >= g.threshold
        results.append(GateResult(g, actual, "passed" if ok else "failed"))
    return results
