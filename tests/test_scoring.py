"""Scoring rules of docs/ANNOTATION.md on tiny hand-computed fixtures (no spaCy)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import FactFormatError
from pipeline.scoring import (
    MODES,
    Gate,
    InterchangeFact,
    Mode,
    check_gates,
    compare,
    compare_runs,
    context_for,
    differences,
    list_errors,
    load_document_texts,
    load_facts,
    load_thresholds,
    match_facts,
    merge_gates,
    parse_fact,
    parse_type_gate,
    sentence_around,
    values_equal,
)


def raw(
    start: int, end: int, ftype: str = "DATE", doc: str = "d1", value: Any = "2025", **extra: Any
) -> dict[str, Any]:
    """An interchange-format object whose text has the right length."""
    obj: dict[str, Any] = {
        "doc_id": doc,
        "type": ftype,
        "start": start,
        "end": end,
        "text": "x" * (end - start),
        "value": value,
    }
    if ftype == "COMMITMENT":
        obj |= {"value": None, "agents": ["USA"], "modality": "binding", "deadline": None}
        obj |= {"amount": None}
    return obj | extra


def fact(start: int, end: int, ftype: str = "DATE", doc: str = "d1", **kw: Any) -> InterchangeFact:
    return parse_fact(raw(start, end, ftype, doc, **kw))


def counts(
    system: list[InterchangeFact], gold: list[InterchangeFact], mode: Mode
) -> tuple[int, ...]:
    c = compare(system, gold).scores[mode].micro
    return c.tp, c.fp, c.fn


# ------------------------------------------------------------------ matching


def test_exact_span_matches_in_both_modes() -> None:
    assert counts([fact(0, 4)], [fact(0, 4)], "strict") == (1, 0, 0)
    assert counts([fact(0, 4)], [fact(0, 4)], "lenient") == (1, 0, 0)


def test_overlap_counts_only_when_lenient() -> None:
    system, gold = [fact(2, 12)], [fact(0, 10)]
    assert counts(system, gold, "strict") == (0, 1, 1)
    assert counts(system, gold, "lenient") == (1, 0, 0)


def test_touching_spans_do_not_overlap() -> None:
    assert counts([fact(5, 10)], [fact(0, 5)], "lenient") == (0, 1, 1)


def test_type_and_document_must_agree() -> None:
    assert counts([fact(0, 4, "PARTY", value="USA")], [fact(0, 4)], "lenient") == (0, 1, 1)
    assert counts([fact(0, 4, doc="d2")], [fact(0, 4)], "lenient") == (0, 1, 1)


def test_a_gold_fact_is_matched_at_most_once() -> None:
    # Two system facts overlap one gold fact: one pair, one false positive.
    result = compare([fact(0, 10), fact(2, 8)], [fact(0, 10)])
    c = result.scores["lenient"].micro
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)
    assert c.precision == 0.5 and c.recall == 1.0 and c.f1 == pytest.approx(2 / 3)
    (spurious,) = result.matchings["lenient"].spurious
    assert (spurious.start, spurious.end) == (2, 8)


def test_greedy_takes_the_largest_overlap_first() -> None:
    g1, g2 = fact(0, 10), fact(9, 20)
    s1, s2 = fact(0, 12), fact(10, 12)  # s1 overlaps g1 by 10, g2 by 3; s2 overlaps g2 by 2
    pairs = match_facts([s2, s1], [g1, g2], "lenient").pairs
    assert {(s.start, g.start) for s, g in pairs} == {(0, 0), (10, 9)}


def test_equal_overlap_prefers_the_closer_boundaries() -> None:
    wide, exact = fact(0, 12), fact(0, 10)
    m = match_facts([wide, exact], [fact(0, 10)], "lenient")
    assert m.pairs[0][0] is exact and m.spurious == [wide]


def test_duplicates_on_a_side_count_separately() -> None:
    assert counts([fact(0, 5), fact(0, 5)], [fact(0, 5)], "strict") == (1, 1, 0)
    assert counts([fact(0, 5)], [fact(0, 5), fact(0, 5)], "lenient") == (1, 0, 1)
    assert counts([fact(0, 5), fact(0, 5)], [fact(0, 5), fact(0, 5)], "strict") == (2, 0, 0)


def test_commitment_is_lenient_even_in_strict_mode() -> None:
    system, gold = [fact(0, 15, "COMMITMENT")], [fact(0, 20, "COMMITMENT")]
    assert counts(system, gold, "strict") == (1, 0, 0)
    strict_everywhere = compare(system, gold, lenient_types=frozenset()).scores["strict"].micro
    assert (strict_everywhere.tp, strict_everywhere.fp, strict_everywhere.fn) == (0, 1, 1)


# ------------------------------------------------------------------ metrics


def test_micro_and_macro_by_hand() -> None:
    system = [fact(0, 4), fact(10, 14), fact(0, 2, "PARTY", value="USA")]
    gold = [fact(0, 4), fact(0, 2, "PARTY", value="USA"), fact(5, 7, "PARTY", value="JPN")]
    gold += [fact(20, 27, "MINERAL", value="lithium"), fact(30, 36, "MINERAL", value="cobalt")]
    s = compare(system, gold).scores["strict"]
    assert list(s.types) == ["DATE", "PARTY", "MINERAL"]
    date, party, mineral = s.types["DATE"], s.types["PARTY"], s.types["MINERAL"]
    assert (date.tp, date.fp, date.fn) == (1, 1, 0)  # P 1/2, R 1, F1 2/3
    assert (party.tp, party.fp, party.fn) == (1, 0, 1)  # P 1, R 1/2, F1 2/3
    assert (mineral.tp, mineral.fp, mineral.fn, mineral.precision) == (0, 0, 2, 0.0)
    assert (s.micro.tp, s.micro.fp, s.micro.fn) == (2, 1, 3)
    assert s.micro.precision == pytest.approx(2 / 3)
    assert s.micro.recall == pytest.approx(2 / 5)
    assert s.micro.f1 == pytest.approx(0.5)  # 2*2 / (2*2 + 1 + 3)
    assert s.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert s.macro_precision == pytest.approx((0.5 + 1 + 0) / 3)


def test_empty_system_and_empty_gold() -> None:
    gold = [fact(0, 4), fact(5, 9)]
    missing_all = compare([], gold).scores["lenient"]
    assert (missing_all.micro.tp, missing_all.micro.fn) == (0, 2)
    assert missing_all.micro.precision == 0.0 and missing_all.micro.f1 == 0.0
    nothing_true = compare(gold, []).scores["lenient"].micro
    assert (nothing_true.fp, nothing_true.recall, nothing_true.f1) == (2, 0.0, 0.0)


def test_no_facts_at_all_scores_zero_and_omits_every_type() -> None:
    s = compare([], []).scores["lenient"]
    assert s.types == {}
    assert (s.micro.f1, s.macro_f1, s.micro.value_accuracy) == (0.0, 0.0, None)


def test_types_filter_drops_other_types() -> None:
    system = [fact(0, 4), fact(0, 2, "PARTY", value="USA")]
    s = compare(system, [fact(0, 4)], types=["DATE"]).scores["strict"]
    assert list(s.types) == ["DATE"] and s.micro.fp == 0


def test_documents_on_one_side_only() -> None:
    result = compare(
        [fact(0, 4, doc="a"), fact(0, 4, doc="b")], [fact(0, 4, doc="a"), fact(0, 4, doc="c")]
    )
    assert result.doc_sides == {"a": "both", "b": "system", "c": "gold"}
    assert result.by_doc["a"]["strict"].micro.f1 == 1.0
    b, c = result.by_doc["b"]["lenient"].micro, result.by_doc["c"]["lenient"].micro
    assert (b.tp, b.fp, b.fn, b.f1) == (0, 1, 0, 0.0)
    assert (c.tp, c.fp, c.fn, c.f1) == (0, 0, 1, 0.0)


def test_value_accuracy_among_matched_pairs() -> None:
    system = [fact(0, 4, value="2025"), fact(5, 9, value="2024"), fact(20, 24, value="1999")]
    gold = [fact(0, 4, value="2025"), fact(5, 9, value="2023"), fact(30, 34)]
    date = compare(system, gold).scores["strict"].types["DATE"]
    assert (date.tp, date.value_pairs, date.value_equal) == (2, 2, 1)
    assert date.value_accuracy == 0.5


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (90.0, 90.0000001, True),
        (90, 90.0, True),
        (90.0, 90.01, False),
        (5.5e11, 550000000000, True),
        ({"value": 5.5e11, "unit": "USD"}, {"value": 550000000000, "unit": "USD"}, True),
        ({"value": 1.0, "unit": "USD"}, {"value": 1.0, "unit": "EUR"}, False),
        ("USA", "usa", False),
        ("2025", 2025, False),
        (None, None, True),
        (None, "2025", False),
    ],
)
def test_values_equal(a: object, b: object, equal: bool) -> None:
    assert values_equal(a, b) is equal


def test_commitment_attributes_among_matched_pairs() -> None:
    amount = {"value": 550000000000, "unit": "USD"}
    gold = [
        fact(0, 20, "COMMITMENT", agents=["USA", "JPN"], modality="binding", amount=amount),
        fact(30, 50, "COMMITMENT", agents=["AUS"], modality="pledge", deadline="P6M"),
    ]
    system = [
        fact(0, 18, "COMMITMENT", agents=["JPN", "USA"], modality="binding", amount=amount),
        fact(30, 50, "COMMITMENT", agents=["AUS", "USA"], modality="intent", deadline="P6M"),
    ]
    c = compare(system, gold).scores["strict"].types["COMMITMENT"]
    assert c.tp == 2 and c.value_accuracy is None
    assert c.attribute_accuracy == {"agents": 0.5, "modality": 0.5, "deadline": 1.0, "amount": 1.0}
    assert differences(system[1], gold[1]) == ("agents", "modality")
    assert compare(system, gold).scores["strict"].micro.attribute_accuracy == {}


# ------------------------------------------------------------------ loading


def write_jsonl(path: Path, objs: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
    return path


def test_load_a_folder_recursively_and_ignore_unknown_keys(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", [raw(0, 4, rule="r1", id="abc")])
    write_jsonl(
        tmp_path / "sub" / "deeper" / "b.jsonl", [raw(5, 9), raw(0, 2, "PARTY", value="USA")]
    )
    (tmp_path / "notes.txt").write_text("not facts", encoding="utf-8")
    facts = load_facts(tmp_path)
    assert [(f.type, f.start) for f in facts] == [("DATE", 0), ("DATE", 5), ("PARTY", 0)]
    assert facts[1].where.endswith("b.jsonl:1")


def test_pipeline_sentence_is_kept() -> None:
    sentence = {"index": 0, "start": 10, "end": 20, "text": "In 2025 we"}
    f = parse_fact(raw(13, 17, sentence=sentence, quote={"exact": "xxxx"}))
    assert f.sentence is not None and (f.sentence.text, f.sentence.start) == ("In 2025 we", 10)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({k: v for k, v in raw(0, 4).items() if k != "value"}, "missing key 'value'"),
        (
            {k: v for k, v in raw(0, 4, "COMMITMENT").items() if k != "agents"},
            "missing key 'agents'",
        ),
        (raw(0, 4, ftype="TIME"), "bad key 'type'"),
        (raw(0, 4) | {"start": "0"}, "bad key 'start'"),
        (raw(4, 4) | {"text": "x"}, "bad key 'end'"),
        (raw(0, 4) | {"text": "abc"}, "bad key 'text'"),
        (raw(0, 4, "PERCENTAGE", value="90"), "bad key 'value'"),
        (raw(0, 4, "AMOUNT", value={"value": 1}), "bad key 'value'"),
        (raw(0, 4, "COMMITMENT") | {"modality": "maybe"}, "bad key 'modality'"),
        (raw(0, 4, "COMMITMENT") | {"agents": "USA"}, "bad key 'agents'"),
        (raw(0, 4, "COMMITMENT") | {"amount": 5}, "bad key 'amount'"),
    ],
)
def test_bad_lines_name_file_line_and_key(
    tmp_path: Path, line: dict[str, Any], message: str
) -> None:
    path = write_jsonl(tmp_path / "facts.jsonl", [raw(0, 4), line])
    with pytest.raises(FactFormatError) as info:
        load_facts(path)
    assert f"{path}:2: {message}" in str(info.value)
    assert str(info.value).startswith("[E200]")


def test_malformed_json_and_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text(json.dumps(raw(0, 4)) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(FactFormatError, match=r"facts\.jsonl:3: not valid JSON"):
        load_facts(path)
    path.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(FactFormatError, match=r"facts\.jsonl:1: expected a JSON object"):
        load_facts(path)
    with pytest.raises(FactFormatError, match="no such file or folder"):
        load_facts(tmp_path / "nope")


def test_an_empty_file_is_an_empty_side(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    assert load_facts(tmp_path / "empty.jsonl") == []


# ------------------------------------------------------------------ errors and context

DOC = "Headline here\nThe US signed it in 2025. Japan will follow by 2026.\n"


def test_sentence_around_cuts_at_lines_and_sentence_ends() -> None:
    start = DOC.index("2025")
    ctx = sentence_around(DOC, start, start + 4)
    assert ctx.text == "The US signed it in 2025."
    assert ctx.start == DOC.index("The US")
    later = DOC.index("2026")
    assert sentence_around(DOC, later, later + 4).text == "Japan will follow by 2026."
    assert sentence_around(DOC, 0, 8).text == "Headline here"


def test_errors_listing_with_corpus_sentences(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.txt").write_text(DOC, encoding="utf-8")
    texts, problems = load_document_texts(corpus)
    assert problems == [] and texts["d1"] == DOC
    y25, y26 = DOC.index("2025"), DOC.index("2026")
    gold = [parse_fact(raw(y25, y25 + 4, text="2025")), parse_fact(raw(y26, y26 + 4, text="2026"))]
    sentence = {"index": 0, "start": 0, "end": 13, "text": "Headline here"}
    system = [
        parse_fact(raw(y26, y26 + 4, text="2026", value="2027")),
        parse_fact(raw(0, 8, text="Headline", sentence=sentence)),
    ]
    listing = list_errors(compare(system, gold), "lenient", documents=texts)
    assert listing.totals == {"missed": 1, "spurious": 1, "value": 1}
    by_kind = {e.kind: e for e in listing.items}
    assert by_kind["missed"].sentence is not None
    assert by_kind["missed"].sentence.text == "The US signed it in 2025."
    assert by_kind["spurious"].sentence == system[1].sentence
    value = by_kind["value"]
    assert (value.fact.value, value.other and value.other.value) == ("2025", "2027")
    assert value.sentence is not None and value.sentence.text.startswith("Japan will")
    limited = list_errors(compare(system, gold), "lenient", ["missed", "value"], limit=0)
    assert limited.items == [] and set(limited.totals) == {"missed", "value"}


def test_no_context_when_offsets_do_not_fit_the_document() -> None:
    assert context_for(fact(0, 4), {"d1": "Some other text"}) is None
    assert context_for(fact(0, 4), None) is None


# ------------------------------------------------------------------ run-to-run changes


def test_changes_between_two_runs() -> None:
    old = [
        fact(0, 4, value="2025"),
        fact(5, 9, value="2024"),
        fact(10, 30, "COMMITMENT", agents=["USA", "JPN"]),
        fact(40, 42, "PARTY", value="USA"),
    ]
    new = [
        fact(0, 4, value="2025"),
        fact(5, 9, value="2023"),
        fact(10, 30, "COMMITMENT", agents=["JPN", "USA"]),  # same set: unchanged
        fact(50, 52, "PARTY", value="JPN"),
    ]
    ch = compare_runs(old, new)
    assert [(f.type, f.start) for f in ch.added] == [("PARTY", 50)]
    assert [(f.type, f.start) for f in ch.removed] == [("PARTY", 40)]
    assert [(c.old.value, c.new.value, c.differences) for c in ch.changed] == [
        ("2024", "2023", ("value",))
    ]
    assert ch.unchanged == 2
    assert compare_runs(old, new, types=["PARTY"]).changed == []


def test_changes_do_not_match_overlapping_spans() -> None:
    ch = compare_runs([fact(10, 30, "COMMITMENT")], [fact(10, 28, "COMMITMENT")])
    assert (len(ch.added), len(ch.removed)) == (1, 1)


# ------------------------------------------------------------------ gates


def test_gates_from_toml_and_command_line(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.toml"
    path.write_text("[micro]\nf1 = 0.5\n\n[DATE]\nf1 = 0.9\nvalue_accuracy = 1\n", encoding="utf-8")
    gates = load_thresholds(path)
    assert Gate("DATE", "value_accuracy", 1.0) in gates
    merged = merge_gates(gates, [parse_type_gate("date=0.25")])
    assert Gate("DATE", "f1", 0.25) in merged and Gate("DATE", "f1", 0.9) not in merged
    score = compare([fact(0, 4), fact(9, 12, value="1999")], [fact(0, 4, value="2024")]).scores[
        "strict"
    ]
    results = {(r.gate.scope, r.gate.metric): r for r in check_gates(score, merged)}
    assert results[("micro", "f1")].status == "passed"  # 2/3
    assert results[("DATE", "f1")].status == "passed"
    assert results[("DATE", "value_accuracy")].actual == 0.0
    assert results[("DATE", "value_accuracy")].status == "failed"


def test_gate_on_absent_or_filtered_types() -> None:
    score = compare([fact(0, 4)], [fact(0, 4)]).scores["lenient"]
    absent = check_gates(score, [Gate("PARTY", "f1", 0.5), Gate("PARTY", "p", 0.0)])
    assert [r.status for r in absent] == ["failed", "passed"]
    skipped = check_gates(score, [Gate("PARTY", "f1", 0.5)], types=["DATE"])
    assert skipped[0].status == "skipped"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[micro]\nf1 = 1.5\n", "from 0 to 1"),
        ("[TIME]\nf1 = 0.5\n", "unknown scope 'TIME'"),
        ("[micro]\nF1 = 0.5\n", "unknown metric 'F1'"),
        ("micro = 0.5\n", "must be a table"),
        ("[micro\n", "cannot read thresholds"),
    ],
)
def test_bad_thresholds_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_thresholds(path)


def test_bad_type_gate_specs() -> None:
    for spec, message in (("DATE", "TYPE=F1"), ("DATE=x", "not a number"), ("FOO=0.5", "scope")):
        with pytest.raises(ValueError, match=message):
            parse_type_gate(spec)


# ------------------------------------------------------------------ properties

spans = st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["DATE", "PARTY"]))


def build(items: list[tuple[int, int, str]]) -> list[InterchangeFact]:
    return [fact(s, s + n, t, value="v") for s, n, t in items]


@given(st.lists(spans, max_size=12), st.lists(spans, max_size=12))
def test_every_fact_is_counted_once(
    sys_items: list[tuple[int, int, str]], gold_items: list[tuple[int, int, str]]
) -> None:
    system, gold = build(sys_items), build(gold_items)
    result = compare(system, gold)
    for mode in MODES:
        c = result.scores[mode].micro
        assert c.tp + c.fp == len(system) and c.tp + c.fn == len(gold)
    assert result.scores["lenient"].micro.tp >= result.scores["strict"].micro.tp


@given(st.lists(spans, min_size=1, max_size=12))
def test_a_set_against_itself_is_perfect(items: list[tuple[int, int, str]]) -> None:
    facts = build(items)
    for score in compare(facts, facts).scores.values():
        assert score.micro.f1 == 1.0 and score.macro_f1 == 1.0


# ------------------------------------------------------------------ layering


@pytest.mark.parametrize("package", ["pipeline.scoring", "pipeline.diffreport"])
def test_scoring_does_not_import_spacy(package: str) -> None:
    """The package and every module in it import without spaCy (STYLE.md: records only)."""
    code = (
        f"import importlib, pkgutil, sys, {package} as p; "
        f"names = [m.name for m in pkgutil.iter_modules(p.__path__, '{package}.')]; "
        "[importlib.import_module(n) for n in names]; "
        "sys.exit(2 if len(names) < 2 else "
        "any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
