"""Sentences through the rule pipeline: which facts come out, with what text and value.

One sentence per case, as in spaCy's own tests; the cases are the examples of
docs/ANNOTATION.md and docs/annotation-notes.md. Documents are dated
2025-10-28 (a Tuesday) unless a case says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest

from pipeline.records import Fact

Extract = Callable[..., list[Fact]]  # the `extract` fixture of conftest.py

# Facts whose spans must never overlap each other. A COMMITMENT spans a whole
# clause and contains other facts by design, so it is left out.
SPAN_TYPES = ("DATE", "PARTY", "MINERAL", "PERCENTAGE", "AMOUNT")


def of_type(records: list[Fact], fact_type: str) -> list[Fact]:
    return [r for r in records if r.type == fact_type]


def text_value(records: list[Fact], fact_type: str) -> list[tuple[str, Any]]:
    return [(r.text, r.value) for r in of_type(records, fact_type)]


# --- DATE ------------------------------------------------------------------

DATES = [
    ("The deal must be reviewed within six months.", [("six months", "P6M")]),
    ("Results are due in six months.", [("six months", "P6M")]),
    ("It was signed on October 28, 2025.", [("October 28, 2025", "2025-10-28")]),
    ("It was signed Oct. 28, 2025 in Tokyo.", [("Oct. 28, 2025", "2025-10-28")]),
    ("It was signed on 2025-10-28.", [("2025-10-28", "2025-10-28")]),
    ("Output rose in 2025 and fell in May 2024.", [("2025", "2025"), ("May 2024", "2024-05")]),
    (
        "Targets apply by 2030, since 2019 and until 2027.",
        [("2030", "2030"), ("2019", "2019"), ("2027", "2027")],
    ),
    ("The 2023 agreement still holds.", [("2023", "2023")]),
    ("Output will rise over 2025–2030.", [("2025", "2025"), ("2030", "2030")]),
    ("The plan runs 2025-2030.", [("2025", "2025"), ("2030", "2030")]),
    ("The plan runs 2025–30.", [("2025", "2025"), ("30", "2030")]),
    ("The plant will produce 10,000 tonnes a year.", []),
    ("The project will create in 2,030 jobs.", []),
    ("Exports reached 2025 tonnes.", []),
    ("We meet each year, every month, annually and per year.", []),
    ("China has dominated the market for decades.", []),
    ("Officials recently said it is now done.", []),
    ("Japan invested in the firm over a decade ago.", [("over a decade ago", "PAST_REF")]),
    ("It was agreed two years ago.", [("two years ago", "2023")]),
    ("The plan dates from the 1990s.", [("the 1990s", "199")]),
    ("Demand will grow in the 21st century.", [("the 21st century", "20")]),
    ("Output rose in Q3 2024.", [("Q3 2024", "2024-Q3")]),
    ("Results for fiscal 2026 are due.", [("fiscal 2026", "2026")]),
    ("It announced a six-month review.", [("six-month", "P6M")]),
    ("It plans an 18-month study.", [("18-month", "P18M")]),
    ("Supply is secured for two decades.", [("two decades", "P20Y")]),
    ("Earlier this year, officials met.", [("Earlier this year", "2025")]),
    ("Talks resume this week.", [("this week", "2025-W44")]),
    ("Talks resume next month.", [("next month", "2025-11")]),
    ("Exports fell last year.", [("last year", "2024")]),
    ("The deal was signed on Tuesday.", [("Tuesday", "2025-10-28")]),
    ("The plant opens at the end of 2026.", [("the end of 2026", "2026")]),
    ("Output peaks in mid-2027.", [("mid-2027", "2027")]),
]


@pytest.mark.parametrize(("sentence", "expected"), DATES)
def test_dates(extract: Extract, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert text_value(extract(sentence), "DATE") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Exports fell last year.", [("last year", None)]),
        ("The deal was signed on Tuesday.", [("Tuesday", None)]),
        ("It was signed on October 28, 2025.", [("October 28, 2025", "2025-10-28")]),
        ("Supply is secured for two decades.", [("two decades", "P20Y")]),
    ],
)
def test_dates_without_a_document_date(
    extract: Extract, sentence: str, expected: list[tuple[str, str | None]]
) -> None:
    """Relative dates stay unresolved (null), never resolved against today."""
    assert text_value(extract(sentence, date=None), "DATE") == expected


def test_an_age_is_not_a_date(extract: Extract) -> None:
    assert of_type(extract("The minister, who is 45 years old, signed."), "DATE") == []


@pytest.mark.xfail(
    reason="bug: a hyphenated short year range ('2025-30') yields no DATE at all", strict=False
)
def test_short_year_range_with_a_hyphen_is_two_dates(extract: Extract) -> None:
    records = extract("The plan runs 2025-30.")
    assert text_value(records, "DATE") == [("2025", "2025"), ("30", "2030")]


# --- PARTY -----------------------------------------------------------------

PARTIES = [
    ("The deal was signed by the United States.", [("United States", "USA")]),
    ("US officials met on Tuesday.", [("US", "USA")]),
    ("The U.S. and Japan met.", [("U.S.", "USA"), ("Japan", "JPN")]),
    ("The US–Japan deal was signed.", [("US", "USA"), ("Japan", "JPN")]),
    ("The UK–Morocco cobalt deal holds.", [("UK", "GBR"), ("Morocco", "MAR")]),
    ("President Donald Trump spoke.", [("Donald Trump", "Donald Trump")]),
    (
        "President Donald Trump spoke. Later, Trump left.",
        [("Donald Trump", "Donald Trump"), ("Trump", "Donald Trump")],
    ),
    ("US President Donald Trump spoke.", [("US", "USA"), ("Donald Trump", "Donald Trump")]),
    ("Lynas Rare Earths Ltd will expand.", [("Lynas Rare Earths Ltd", "Lynas Rare Earths Ltd")]),
    (
        "Lynas will grow. Lynas Rare Earths Ltd said so.",
        [("Lynas", "Lynas Rare Earths Ltd"), ("Lynas Rare Earths Ltd", "Lynas Rare Earths Ltd")],
    ),
    ("The Critical Minerals Agreement was signed.", []),
    ("The Minerals Security Partnership met.", []),
    ("Japanese firms face Chinese export controls.", []),
    ("The deal was signed in Tokyo.", []),
    ("Tokyo said it would act.", [("Tokyo", "JPN")]),
    ("Washington and Tokyo agreed.", [("Washington", "USA"), ("Tokyo", "JPN")]),
    ("Beijing responded.", [("Beijing", "CHN")]),
    ("Mines in South America produce copper.", []),
    ("A plant in Malaysia opened.", [("Malaysia", "MYS")]),
    ("South Korea and North Korea met.", [("South Korea", "KOR"), ("North Korea", "PRK")]),
    (
        "The Pentagon and the EU agreed.",
        [("Pentagon", "Department of Defense"), ("EU", "European Union")],
    ),
    (
        "The Japan Organization for Metals and Energy Security invested.",
        [
            (
                "Japan Organization for Metals and Energy Security",
                "Japan Organization for Metals and Energy Security",
            )
        ],
    ),
    (
        "China's Ministry of Commerce said.",
        [("China", "CHN"), ("Ministry of Commerce", "Ministry of Commerce")],
    ),
    ("Both nations and their allies met.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), PARTIES)
def test_parties(extract: Extract, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert text_value(extract(sentence), "PARTY") == expected


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The United States signed.", ["country"]),
        ("President Donald Trump spoke.", ["person"]),
        ("Lynas Rare Earths Ltd will expand.", ["organization"]),
        ("Tokyo said it would act.", ["country"]),
    ],
)
def test_party_kinds(extract: Extract, sentence: str, kinds: list[str]) -> None:
    assert [r.kind for r in of_type(extract(sentence), "PARTY")] == kinds  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lynas Rare Earths Ltd will expand.",
        "The Critical Minerals Agreement was signed.",
        "The Minerals Security Partnership met.",
    ],
)
def test_minerals_inside_proper_names_are_not_minerals(extract: Extract, sentence: str) -> None:
    assert of_type(extract(sentence), "MINERAL") == []


@pytest.mark.xfail(
    reason="bug: the alias 'the States' puts the article inside the span and does not match "
    "'The States' at a sentence start",
    strict=False,
)
@pytest.mark.parametrize("sentence", ["Japan and the States agreed.", "The States agreed."])
def test_the_states_is_a_party_without_its_article(extract: Extract, sentence: str) -> None:
    assert text_value(extract(sentence), "PARTY")[-1] == ("States", "USA")


# --- MINERAL ---------------------------------------------------------------

MINERALS = [
    (
        "Lithium, cobalt and neodymium are critical.",
        [("Lithium", "lithium"), ("cobalt", "cobalt"), ("neodymium", "neodymium")],
    ),
    ("China controls rare earths.", [("rare earths", "rare earth elements")]),
    ("China makes rare earth magnets.", [("rare earth", "rare earth elements")]),
    ("Rare earth elements are scarce.", [("Rare earth elements", "rare earth elements")]),
    ("Heavy rare earths are scarcer.", [("Heavy rare earths", "heavy rare earth elements")]),
    ("REEs and PGMs matter.", [("REEs", "rare earth elements"), ("PGMs", "platinum group metals")]),
    (
        "Critical minerals and critical raw materials matter.",
        [
            ("Critical minerals", "critical minerals"),
            ("critical raw materials", "critical raw materials"),
        ],
    ),
    ("The lithium-ion battery plant opened.", [("lithium", "lithium")]),
    ("Officials will lead the talks.", []),
    ("The mine produces lead and zinc.", [("lead", "lead"), ("zinc", "zinc")]),
    ("The lead smelter opened.", [("lead", "lead")]),
    ("Aluminum prices rose.", [("Aluminum", "aluminium")]),
    ("Copper concentrate is shipped.", [("Copper", "copper")]),
    ("Graphite anodes are made here.", [("Graphite", "graphite")]),
    ("Iron ore exports rose.", [("Iron ore", "iron")]),
    ("Bauxite and spodumene are mined.", [("Bauxite", "aluminium"), ("spodumene", "lithium")]),
    ("Oil, gas, steel, magnets, batteries and minerals.", []),
    ("Carbon emissions and hydrogen fuel rose.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), MINERALS)
def test_minerals(extract: Extract, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert text_value(extract(sentence), "MINERAL") == expected


@pytest.mark.parametrize(
    ("sentence", "symbol"),
    [
        ("Lithium is light.", "Li"),
        ("Cobalt is mined.", "Co"),
        ("Neodymium is magnetic.", "Nd"),
        ("Aluminum is cheap.", "Al"),
        ("Gallium is rare.", "Ga"),
        ("Rare earths are scarce.", None),
        ("Graphite is mined.", None),
    ],
)
def test_elements_carry_their_symbol(extract: Extract, sentence: str, symbol: str | None) -> None:
    (mineral,) = of_type(extract(sentence), "MINERAL")
    assert mineral.symbol == symbol  # type: ignore[union-attr]


# --- PERCENTAGE ------------------------------------------------------------

PERCENTAGES = [
    ("China has 90% of supply.", [("90%", 90.0, "=", "percent")]),
    ("China refines over 90% of it.", [("over 90%", 90.0, ">", "percent")]),
    ("China refines ninety per cent of it.", [("ninety per cent", 90.0, "=", "percent")]),
    ("It holds 45 per cent.", [("45 per cent", 45.0, "=", "percent")]),
    ("It holds nearly 50 percent.", [("nearly 50 percent", 50.0, "~", "percent")]),
    ("It holds about 60%.", [("about 60%", 60.0, "~", "percent")]),
    ("It holds at least 20%.", [("at least 20%", 20.0, ">=", "percent")]),
    ("It holds up to 20%.", [("up to 20%", 20.0, "<=", "percent")]),
    (
        "Output rose 3.5 percentage points.",
        [("3.5 percentage points", 3.5, "=", "percentage_points")],
    ),
    ("Tariffs of 10-15% apply.", [("10", 10.0, "=", "percent"), ("15%", 15.0, "=", "percent")]),
    (
        "Between 10% and 15% of output.",
        [("10%", 10.0, "=", "percent"), ("15%", 15.0, "=", "percent")],
    ),
    ("Half of the supply is in China.", []),
    ("A third of the market is lost.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), PERCENTAGES)
def test_percentages(
    extract: Extract, sentence: str, expected: list[tuple[str, float, str, str]]
) -> None:
    found = [
        (r.text, r.value, r.comparator, r.unit)  # type: ignore[union-attr]
        for r in of_type(extract(sentence), "PERCENTAGE")
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tariffs of 10–15% apply.", [("10", 10.0), ("15%", 15.0)]),
        ("Tariffs of 10–15 per cent apply.", [("10", 10.0), ("15 per cent", 15.0)]),
    ],
)
def test_percentage_range_with_an_en_dash(
    extract: Extract, sentence: str, expected: list[tuple[str, float]]
) -> None:
    assert text_value(extract(sentence), "PERCENTAGE") == expected


# --- AMOUNT ----------------------------------------------------------------

AMOUNTS = [
    ("Japan will invest $550 billion.", [("$550 billion", 550e9, "USD", "=")]),
    ("It raised US$1.2bn in total.", [("US$1.2bn", 1.2e9, "USD", "=")]),
    ("It costs A$8.5 billion.", [("A$8.5 billion", 8.5e9, "AUD", "=")]),
    ("The EU pledged €2 billion.", [("€2 billion", 2e9, "EUR", "=")]),
    ("Japan pledged ¥1 trillion.", [("¥1 trillion", 1e12, "JPY", "=")]),
    ("It is worth 550 billion dollars.", [("550 billion dollars", 550e9, "USD", "=")]),
    ("It costs $3.4 million.", [("$3.4 million", 3.4e6, "USD", "=")]),
    ("It provides up to US$200 million.", [("up to US$200 million", 200e6, "USD", "<=")]),
    ("It costs more than $1 billion.", [("more than $1 billion", 1e9, "USD", ">")]),
    ("It costs an estimated $5bn.", [("$5bn", 5e9, "USD", "=")]),
    ("It costs 3 billion yuan.", [("3 billion yuan", 3e9, "CNY", "=")]),
    ("It costs C$500m in total.", [("C$500m", 500e6, "CAD", "=")]),
    ("It costs C$500 million.", [("C$500 million", 500e6, "CAD", "=")]),
    ("Prices hit $60 a kilogram.", [("$60", 60.0, "USD", "=")]),
    ("Billions of dollars were spent.", []),
    ("They shipped 100 tonnes.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), AMOUNTS)
def test_amounts(
    extract: Extract, sentence: str, expected: list[tuple[str, float, str, str]]
) -> None:
    found = [
        (r.text, r.value.value, r.value.unit, r.comparator)  # type: ignore[union-attr]
        for r in of_type(extract(sentence), "AMOUNT")
    ]
    assert found == [(t, pytest.approx(v), u, c) for t, v, u, c in expected]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The firm raised $500m.", "$500m", 500e6, "USD"),
        ("The firm raised US$500m.", "US$500m", 500e6, "USD"),
        ("It costs C$500m.", "C$500m", 500e6, "CAD"),
    ],
)
def test_million_abbreviation_at_the_end_of_a_sentence(
    extract: Extract, sentence: str, text: str, value: float, unit: str
) -> None:
    (amount,) = of_type(extract(sentence), "AMOUNT")
    assert (amount.text, amount.value.value, amount.value.unit) == (  # type: ignore[union-attr]
        text,
        pytest.approx(value),
        unit,
    )


def test_hyphenated_scale_word(extract: Extract) -> None:
    (amount,) = of_type(extract("It costs $1.2-billion."), "AMOUNT")
    assert amount.value.value == pytest.approx(1.2e9)  # type: ignore[union-attr]


# --- whole-pipeline properties ---------------------------------------------

ALL_SENTENCES = sorted(
    {s for table in (DATES, PARTIES, MINERALS, PERCENTAGES, AMOUNTS) for s, _ in table}
)
PARAGRAPH = (
    "US, Japan sign rare earths framework\n"
    "President Donald Trump and Japan's prime minister signed the US–Japan deal on "
    "October 28, 2025 in Tokyo. Japan will invest up to US$550 billion within six months. "
    "China refines over 90% of rare earths and 10-15% of lithium. Trump said Tokyo "
    "would act by 2030; Lynas Rare Earths Ltd will expand.\n"
    "- cobalt and nickel supply\n"
)


@pytest.mark.parametrize("sentence", [*ALL_SENTENCES, PARAGRAPH])
def test_no_two_facts_overlap(extract: Extract, sentence: str) -> None:
    spans = sorted((r.start, r.end) for r in extract(sentence) if r.type in SPAN_TYPES)
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start, spans


@pytest.mark.parametrize("sentence", [*ALL_SENTENCES, PARAGRAPH])
def test_records_come_in_document_order(extract: Extract, sentence: str) -> None:
    starts = [r.start for r in extract(sentence)]
    assert starts == sorted(starts)


def test_same_input_twice_gives_the_same_records(extract: Extract) -> None:
    first = [r.model_dump() for r in extract(PARAGRAPH)]
    second = [r.model_dump() for r in extract(PARAGRAPH)]
    assert first == second
    assert first, "the paragraph should yield facts"


def test_records_do_not_depend_on_what_was_processed_before(extract: Extract) -> None:
    """Document-level state (names seen earlier) must not leak between documents."""
    alone = [r.model_dump() for r in extract("Later, Trump said Lynas would grow.")]
    extract(PARAGRAPH)
    after = [r.model_dump() for r in extract("Later, Trump said Lynas would grow.")]
    assert alone == after
