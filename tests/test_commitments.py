"""COMMITMENT extraction: triggers, modality, negation, agents, deadlines, amounts.

Each case is a short news-like text run through the rule pipeline (no model).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from spacy.language import Language

from pipeline.corpus import Document
from pipeline.extract import extract_document
from pipeline.nlp import build_nlp

REF = dt.date(2025, 10, 28)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_nlp()


def commitments(nlp: Language, text: str, date: dt.date | None = REF) -> list[Any]:
    records = extract_document(nlp, Document(doc_id="t", text=text, date=date))
    return [r for r in records if r.type == "COMMITMENT"]


def only(nlp: Language, text: str, date: dt.date | None = REF) -> Any:
    found = commitments(nlp, text, date)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Japan signed a framework with the United States.", "binding"),
        ("Japan agreed to supply rare earths to India.", "binding"),
        ("Japan will build a refinery in Osaka.", "binding"),
        ("Japan has committed to joint stockpiles.", "binding"),
        ("Japan pledged to fund the project.", "pledge"),
        ("Japan vowed to cut its reliance on China.", "pledge"),
        ("Japan aims to process half of its lithium at home.", "intent"),
        ("Japan plans to open a second call for projects.", "intent"),
        ("Japan is exploring a joint stockpile with Australia.", "exploratory"),
        ("Japan would consider extending the tax credit.", "exploratory"),
    ],
)
def test_each_trigger_class_sets_its_modality(nlp: Language, text: str, modality: str) -> None:
    c = only(nlp, text)
    assert c.modality == modality
    assert "JPN" in c.agents


def test_span_runs_from_trigger_to_end_of_clause(nlp: Language) -> None:
    text = "Both nations have committed to leveraging economic policy tools."
    c = commitments(nlp, "The US and Japan met in Tokyo.\n" + text)[0]
    assert c.text == "committed to leveraging economic policy tools"
    assert c.trigger.text == "committed to"


@pytest.mark.parametrize(
    "text",
    [
        "Japan has not committed to any new funds.",
        "Japan declined to pledge new money for the mine.",
        "Japan refused to sign the declaration.",
        "Japan did not agree to the quota.",
        "Japan will not join the stockpile.",
    ],
)
def test_negated_commitments_are_not_commitments(nlp: Language, text: str) -> None:
    assert commitments(nlp, text) == []


def test_speculation_by_others_is_not_a_commitment(nlp: Language) -> None:
    assert commitments(nlp, "Analysts said Beijing may reinstate the curbs.") == []


def test_reported_speech_belongs_to_the_reported_party(nlp: Language) -> None:
    c = only(nlp, "Officials said Japan would double its purchases of cobalt.")
    assert c.agents == ["JPN"]
    assert c.modality == "binding"


@pytest.mark.parametrize(
    ("context", "sentence", "agents"),
    [
        ("The US and Japan met in Tokyo.", "Both nations pledged to share data.", {"USA", "JPN"}),
        ("India and Australia met.", "The two countries will meet again.", {"IND", "AUS"}),
        ("Washington and Tokyo signed a framework.", "The pact also targets faster permits.",
         {"USA", "JPN"}),
        ("Canada and Germany signed an agreement.", "The agreement explores joint stockpiles.",
         {"CAN", "DEU"}),
        ("Korea and Chile signed a deal.", "The allies will pool their purchases.", {"KOR", "CHL"}),
        ("Albion Battery Materials PLC opened a plant.", "The company plans to double capacity.",
         {"Albion Battery Materials PLC"}),
    ],
)  # fmt: skip
def test_references_resolve_to_parties_named_earlier(
    nlp: Language, context: str, sentence: str, agents: set[str]
) -> None:
    found = commitments(nlp, f"{context}\n{sentence}")
    assert set(found[-1].agents) == agents


def test_coordinated_subjects_are_all_agents(nlp: Language) -> None:
    c = only(nlp, "Washington and Tokyo agreed to coordinate purchases of germanium.")
    assert set(c.agents) == {"USA", "JPN"}


def test_signing_with_a_partner_makes_both_signatories(nlp: Language) -> None:
    c = only(nlp, "Vietnam signed an agreement with South Korea on rare earth refining.")
    assert set(c.agents) == {"VNM", "KOR"}


def test_head_of_government_stands_for_the_country(nlp: Language) -> None:
    c = only(nlp, "Japanese Prime Minister Sanae Takaichi pledged to fund three refineries.")
    assert c.agents == ["JPN"]


def test_possessive_subject_is_the_institution(nlp: Language) -> None:
    c = only(nlp, "China's Ministry of Commerce pledged to process licence applications promptly.")
    assert c.agents == ["Ministry of Commerce"]


def test_a_party_in_a_relative_clause_is_not_the_subject(nlp: Language) -> None:
    text = "Lynas Rare Earths Ltd, which refines ore outside China, said it would double capacity."
    assert only(nlp, text).agents == ["Lynas Rare Earths Ltd"]


@pytest.mark.parametrize(
    ("text", "deadline", "deadline_date"),
    [
        ("Japan will provide financial support within six months.", "P6M", "2026-04-28"),
        ("Japan aims to build 50 GWh of capacity by 2030.", "2030", None),
        ("Japan pledged to finish the plant before the end of 2026.", "2026", None),
        ("Japan will begin deliveries in Q3 2026.", "2026-Q3", None),
        ("Japan signed the framework on Monday.", None, None),
        ("Peru will publish its new mining code later this year.", "2025", None),
        ("Chile aims to open the lithium auction early next year.", "2026", None),
        # a date describing a noun, or a past act inside the clause, is not when it is due
        ("Seoul will issue this year's import quotas next month.", "2025-11", None),
        ("Ghana will enforce a ban passed by parliament this week.", None, None),
    ],
)
def test_deadlines(
    nlp: Language, text: str, deadline: str | None, deadline_date: str | None
) -> None:
    c = only(nlp, text)
    assert c.deadline == deadline
    assert c.deadline_date == deadline_date


def test_duration_deadline_without_document_date_has_no_resolved_date(nlp: Language) -> None:
    c = only(nlp, "Japan will provide financial support within six months.", date=None)
    assert c.deadline == "P6M" and c.deadline_date is None


@pytest.mark.parametrize(
    ("amount_text", "value", "unit"),
    [
        ("$550 billion", 550e9, "USD"),
        ("US$1.2bn", 1.2e9, "USD"),
        ("A$8.5 billion", 8.5e9, "AUD"),
        ("€2 billion", 2e9, "EUR"),
        ("¥1 trillion", 1e12, "JPY"),
        ("550 billion dollars", 550e9, "USD"),
        ("$3.4 million", 3.4e6, "USD"),
    ],
)
def test_amounts_in_each_format(nlp: Language, amount_text: str, value: float, unit: str) -> None:
    c = only(nlp, f"Japan pledged {amount_text} for processing plants.")
    assert c.amount is not None
    assert c.amount.value == pytest.approx(value)
    assert c.amount.unit == unit


def test_links_point_to_facts_of_the_clause(nlp: Language) -> None:
    records = extract_document(
        nlp, Document("t", "Japan pledged $550 billion by 2030 for refineries.", REF)
    )
    c = next(r for r in records if r.type == "COMMITMENT")
    linked = {r.type for r in records if r.id in c.links}
    assert linked == {"AMOUNT", "DATE"}


def test_lead_in_bullets_inherit_agents_modality_and_deadline(nlp: Language) -> None:
    text = (
        "The US and Australia signed a framework on Monday.\n"
        "The two countries agreed to these goals by 2027:\n"
        "- Build a joint critical minerals stockpile.\n"
        "- Speed up permits for mines.\n"
    )
    found = commitments(nlp, text)
    bullets = [c for c in found if c.rule == "commit-bullet-lead-in"]
    assert [b.text for b in bullets] == [
        "Build a joint critical minerals stockpile",
        "Speed up permits for mines",
    ]
    assert all(set(b.agents) == {"USA", "AUS"} and b.deadline == "2027" for b in bullets)


def test_this_includes_continues_the_commitment_before(nlp: Language) -> None:
    text = (
        "Japan and India have committed to joint investment. "
        "This includes financial support within six months."
    )
    found = commitments(nlp, text)
    assert len(found) == 2
    assert set(found[1].agents) == {"JPN", "IND"}
    assert found[1].deadline == "P6M"


def test_headline_sign_is_a_commitment(nlp: Language) -> None:
    c = only(nlp, "US, Japan sign minerals framework")
    assert set(c.agents) == {"USA", "JPN"} and c.modality == "binding"


def _parsed(nlp: Language, words: list[str], heads: list[int], deps: list[str]) -> Any:
    from spacy.tokens import Doc as SpacyDoc

    from pipeline.components.dates import DOC_DATE_KEY

    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    doc = SpacyDoc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    doc.user_data[DOC_DATE_KEY] = REF
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_a_dependency_parse_names_the_subject_when_present(nlp: Language) -> None:
    """The optional --model path: with a parse, the subject of the trigger's verb decides.

    The parse is written by hand (no model needed). In "Japan, Lynas Rare
    Earths Ltd said, will invest." the rules alone cannot tie "will" to
    Japan across the parenthetical; the parse can (Lynas only speaks).
    """
    words = ["Japan", ",", "Lynas", "Rare", "Earths", "Ltd", "said", ",", "will", "invest", "."]
    heads = [9, 9, 5, 5, 5, 6, 9, 9, 9, 9, 9]
    deps = ["nsubj", "punct", "compound", "compound", "compound", "nsubj", "parataxis", "punct",
            "aux", "ROOT", "punct"]  # fmt: skip
    parsed = _parsed(nlp, words, heads, deps)
    assert [c.attrs["agents"] for c in parsed.user_data["commitments"]] == [["JPN"]]
    rules_only = commitments(nlp, "Japan, Lynas Rare Earths Ltd said, will invest.")
    assert [c.agents for c in rules_only] != [["JPN"]]
