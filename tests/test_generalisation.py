"""Cases the blind f-series (corpus/f0*) showed the rules missing, written as general rules.

Each case is a new sentence, not a line of the f-series articles: the rule
must hold for any country, company or currency of the same shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from pipeline.records import Fact

Extract = Callable[..., list[Fact]]


def text_value(records: list[Fact], fact_type: str) -> list[tuple[str, Any]]:
    out = []
    for r in records:
        if r.type == fact_type:
            value = r.value.model_dump() if hasattr(r.value, "model_dump") else r.value
            out.append((r.text, value))
    return out


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Exxaro will spend R3.2bn on a new plant.", [("R3.2bn", 3.2e9)]),
        ("The rail upgrade costs R12 billion.", [("R12 billion", 12e9)]),
    ],
)
def test_rand_amounts_written_with_an_attached_r(
    extract: Extract, sentence: str, expected: list[tuple[str, float]]
) -> None:
    got = [(t, v["value"], v["unit"]) for t, v in text_value(extract(sentence), "AMOUNT")]
    assert got == [(t, v, "ZAR") for t, v in expected]


def test_a_currency_code_starting_with_r_is_not_the_rand(extract: Extract) -> None:
    got = text_value(extract("Beijing offered RMB 3 billion in loans."), "AMOUNT")
    assert [(t, v["unit"]) for t, v in got] == [("RMB 3 billion", "CNY")]


def test_hyphenated_percentage_points(extract: Extract) -> None:
    got = text_value(
        extract("Lima proposed a 2.5 percentage-point rise in royalties."), "PERCENTAGE"
    )
    assert got == [("2.5 percentage-point", 2.5)]


def test_no_more_than_is_part_of_a_duration(extract: Extract) -> None:
    got = text_value(extract("Approval should take no more than 18 months."), "DATE")
    assert got == [("no more than 18 months", "P18M")]


@pytest.mark.parametrize(
    "sentence",
    [
        'Traders saw "a silver lining" in the tariff news.',
        "Lenders want a copper-bottomed guarantee on the loan.",
        "There is no silver bullet for the deficit.",
    ],
)
def test_metal_idioms_are_not_minerals(extract: Extract, sentence: str) -> None:
    assert text_value(extract(sentence), "MINERAL") == []


def test_a_metal_next_to_an_idiom_still_counts(extract: Extract) -> None:
    sentence = "Copper output rose, a silver lining for Lusaka."
    assert text_value(extract(sentence), "MINERAL") == [("Copper", "copper")]


def test_an_ore_is_normalised_to_its_element(extract: Extract) -> None:
    assert text_value(extract("Acid-grade fluorspar prices rose."), "MINERAL") == [
        ("fluorspar", "fluorine")
    ]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Deputy Minister Omar Al-Sayegh said the plan was on track.", "Omar Al-Sayegh"),
        ("Minister Marie-Claude Bernard said talks would resume.", "Marie-Claude Bernard"),
        ("Chief executive Thandi Mokoena-Smith declined to comment.", "Thandi Mokoena-Smith"),
    ],
)
def test_hyphenated_person_names_are_one_party(extract: Extract, sentence: str, name: str) -> None:
    assert (name, name) in text_value(extract(sentence), "PARTY")


def test_a_country_joined_to_a_company_by_and_is_two_parties(extract: Extract) -> None:
    got = text_value(extract("Talks between Malawi and Lilongwe Graphite Ltd stalled."), "PARTY")
    assert got == [("Malawi", "MWI"), ("Lilongwe Graphite Ltd", "Lilongwe Graphite Ltd")]


@pytest.mark.parametrize(
    "name",
    [
        "Asian Infrastructure Bank for Trade and Development",
        "Andean Fund for Mining and Energy Transition",
        "Authority for the Regulation and Control of Mineral Exports",
    ],
)
def test_institutions_named_with_for_and_of(extract: Extract, name: str) -> None:
    got = text_value(extract(f"The {name} approved the loan on Monday."), "PARTY")
    assert got == [(name, name)]


def test_two_companies_joined_by_and_stay_two(extract: Extract) -> None:
    got = text_value(extract("Kivu Metals Ltd and Orion Holdings Plc signed the deal."), "PARTY")
    assert [t for t, _ in got] == ["Kivu Metals Ltd", "Orion Holdings Plc"]


def test_mexican_legal_suffix(extract: Extract) -> None:
    got = text_value(extract("Minera Cerro Azul S.A.B. de C.V. rose 3% on Friday."), "PARTY")
    assert got == [("Minera Cerro Azul S.A.B. de C.V.",) * 2]


def commitments(records: list[Fact]) -> list[tuple[str, list[str]]]:
    return [(r.text, list(r.agents)) for r in records if r.type == "COMMITMENT"]


def test_the_state_is_the_country_named_nearby_not_the_documents_main_one(
    extract: Extract,
) -> None:
    text = (
        "Kazakhstan and China dominate supply. Kazakhstan has a new law, and Kazakhstan "
        "wants investors.\n"
        "Mining Minister Aziz Karimov told reporters in Tashkent that the state would cut "
        "the tax on tungsten."
    )
    got = commitments(extract(text))
    assert got[-1] == ("would cut the tax on tungsten", ["UZB"])


def test_a_lead_in_with_companies_as_subject_opens_a_list(extract: Extract) -> None:
    text = (
        "Norrland Metals AB and Savo Chemicals Oyj signed a supply deal.\n"
        "Under the deal, the two companies will:\n"
        "- Build a cathode plant in Oulu by 2029\n"
        "- Share the cost of a €30 million pilot line\n"
    )
    got = commitments(extract(text))
    both = ["Norrland Metals AB", "Savo Chemicals Oyj"]
    assert ("will", both) in got
    assert ("Build a cathode plant in Oulu by 2029", both) in got
    assert ("Share the cost of a €30 million pilot line", both) in got


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Lima lifted the export curbs in November.", "2025-11"),  # written January 2026
        ("Debt stood at $2 billion at the end of October.", "2025-10"),
        ("Lima agreed to start deliveries in November.", "2026-11"),
        ("Talks resume in November.", "2026-11"),
        ("The mine will reopen in November.", "2026-11"),
    ],
)
def test_a_month_without_a_year_follows_the_tense_of_its_verb(
    extract: Extract, sentence: str, value: str
) -> None:
    got = text_value(extract(sentence, date=dt.date(2026, 1, 20)), "DATE")
    assert [v for _, v in got] == [value]


def test_a_capital_before_a_company_possessive_is_a_place(extract: Extract) -> None:
    sentence = "Riyadh's Najd Copper Holding PJSC bought the stake, and Riyadh welcomed it."
    got = text_value(extract(sentence), "PARTY")
    assert got == [("Najd Copper Holding PJSC", "Najd Copper Holding PJSC"), ("Riyadh", "SAU")]


def test_a_headline_short_name_before_the_full_name_is_the_company(extract: Extract) -> None:
    text = (
        "Kalahari Chrome signs power deal\n"
        "Kalahari Chrome (Pty) Ltd said on Monday it signed a power deal.\n"
    )
    records = extract(text)
    assert ("Kalahari Chrome", "Kalahari Chrome (Pty) Ltd") in text_value(records, "PARTY")
    assert text_value(records, "MINERAL") == []


# --- from the g-series (corpus/g0*) -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The reserve must cover at least 90 days of demand.", ("at least 90 days", "P90D")),
        ("The licence runs for at least 10 years.", ("at least 10 years", "P10Y")),
        ("Approval takes at most two years.", ("at most two years", "P2Y")),
    ],
)
def test_at_least_and_at_most_stay_inside_a_duration(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    assert text_value(extract(sentence), "DATE") == [expected]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Prices have risen 20 percent since October.", "2025-10"),  # written February 2026
        ("Prices have fallen from a peak reached in May.", "2025-05"),
    ],
)
def test_since_and_irregular_past_forms_point_back(
    extract: Extract, sentence: str, value: str
) -> None:
    got = text_value(extract(sentence, date=dt.date(2026, 2, 12)), "DATE")
    assert got[-1][1] == value


def test_lead_as_a_verb_or_in_lead_times_is_not_the_metal(extract: Extract) -> None:
    text = "Lead times for nickel parts doubled. She will lead the zinc unit, and lead output fell."
    assert [t for t, _ in text_value(extract(text), "MINERAL")] == ["nickel", "zinc", "lead"]


@pytest.mark.parametrize(
    "name",
    [
        "Polish Battery Industry Association",
        "Anodos del Sur S.A.",
        "Guangxi Hengda Carbon Co., Ltd.",
    ],
)
def test_more_organisation_shapes(extract: Extract, name: str) -> None:
    assert (name, name) in text_value(extract(f"{name} welcomed the ruling on Monday."), "PARTY")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Argentina raised royalties. The province expects 90 billion pesos a year.", "ARS"),
        ("Mexico raised royalties. The state expects 90 billion pesos a year.", "MXN"),
        ("Morocco and Egypt met. Atlas Ltd will spend 500 million dirhams.", "MAD"),
        ("The UAE fund will spend 500 million dirhams.", "AED"),
    ],
)
def test_a_currency_word_shared_by_countries_follows_the_story(
    extract: Extract, text: str, unit: str
) -> None:
    [(_, value)] = text_value(extract(text), "AMOUNT")
    assert value["unit"] == unit


def test_an_upper_case_dateline_city_is_a_place(extract: Extract) -> None:
    text = "TOKYO/NEW DELHI, Aug 29 - Japan and India signed a memorandum on Friday."
    assert text_value(extract(text), "PARTY") == [("Japan", "JPN"), ("India", "IND")]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Minister of Energy Transition Leila Benali said the plan was ready.", "Leila Benali"),
        ("Minister of Foreign Affairs Wang Yi met the delegation.", "Wang Yi"),
        ("Deputy Minister for Mining Affairs Faisal al-Harbi spoke.", "Faisal al-Harbi"),
    ],
)
def test_a_name_after_a_ministers_portfolio(extract: Extract, sentence: str, name: str) -> None:
    assert [t for t, _ in text_value(extract(sentence), "PARTY")] == [name]


def test_a_portfolio_alone_is_no_person(extract: Extract) -> None:
    assert (
        text_value(extract("The Minister of Mineral Resources Development said so."), "PARTY") == []
    )


def test_officials_signing_stand_for_their_countries_and_bloc(extract: Extract) -> None:
    text = (
        "The pact was signed by EU trade commissioner Anna Berg, Kenya's Minister of Mining "
        "Hassan Joho and Ghana's Minister of Lands Samuel Jinapor."
    )
    [commitment] = [r for r in extract(text) if r.type == "COMMITMENT"]
    assert sorted(commitment.agents) == ["European Union", "GHA", "KEN"]


def test_a_headline_party_to_verb_is_a_commitment_without_a_trigger_word(
    extract: Extract,
) -> None:
    text = "Chile to cap lithium royalties at 10%\nSANTIAGO, Jan. 5 - Officials met."
    got = commitments(extract(text))
    assert got[0] == ("to cap lithium royalties at 10%", ["CHL"])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Exports reached $3 billion last year, up from $1.1 billion two years earlier.",
            ("two years earlier", "2023"),
        ),
        ("Profit fell in 2025 from a year earlier.", ("a year earlier", "2024")),
        ("It had happened two years earlier.", ("two years earlier", "PAST_REF")),
    ],
)
def test_years_earlier_count_back_from_the_year_just_named(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    got = text_value(extract(sentence, date=dt.date(2026, 2, 12)), "DATE")
    assert got[-1] == expected


# --- from the h-series (corpus/h0*) -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Contracts for 1H 2027 were quoted lower.", ("1H 2027", "2027-H1")),
        ("Full rates are due in Q3'27.", ("Q3'27", "2027-Q3")),
        ("Quotas will be reviewed by end-June.", ("end-June", "2026-06")),
        ("A report is due by the end of fiscal 2027.", ("the end of fiscal 2027", "2027")),
        ("Applications open on the 1st of June.", ("the 1st of June", "2026-06-01")),
        ("The agency will decide in the coming months.", ("the coming months", "FUTURE_REF")),
    ],
)
def test_compact_and_spelled_out_dates(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    assert text_value(extract(sentence, date=dt.date(2026, 3, 10)), "DATE") == [expected]


def test_signed_percentages_keep_their_sign(extract: Extract) -> None:
    got = text_value(extract("Cobalt: $24/lb, +15% on the month, -4.1% on the year."), "PERCENTAGE")
    assert got == [("+15%", 15.0), ("-4.1%", -4.1)]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Zambia expects the change to bring in K2 billion.", "ZMW"),
        ("Taipei-based Formosa plans a NT$3 billion plant.", "TWD"),
        ("Kinshasa set aside CDF 500 billion.", "CDF"),
    ],
)
def test_more_currency_forms(extract: Extract, sentence: str, unit: str) -> None:
    [(_, value)] = text_value(extract(sentence), "AMOUNT")
    assert value["unit"] == unit


def test_the_date_a_statement_was_made_is_not_pushed_into_the_future(extract: Extract) -> None:
    text = "Nordvik has no plans to restart before end-2026, the company said on Jun 9."
    got = text_value(extract(text, date=dt.date(2026, 6, 12)), "DATE")
    assert ("Jun 9", "2026-06-09") in got


def test_a_hyphenated_per_year_capacity_is_no_date(extract: Extract) -> None:
    assert text_value(extract("It plans a 24,000-tonne-a-year plant."), "DATE") == []


def test_a_bullet_that_names_a_company_first_is_that_companys_commitment(
    extract: Extract,
) -> None:
    text = (
        "The department said the winners agreed to the following milestones:\n"
        "- Sierra Anode LLC (Nevada): $60 million for a graphite line by end-2027\n"
    )
    got = commitments(extract(text))
    assert got[-1] == (
        "Sierra Anode LLC (Nevada): $60 million for a graphite line by end-2027",
        ["Sierra Anode LLC"],
    )


def test_a_surname_alone_takes_the_full_name_given_earlier(extract: Extract) -> None:
    text = "Laura Benton, the deputy energy secretary, spoke. Deputy Secretary Benton added more."
    assert [v for _, v in text_value(extract(text), "PARTY")] == ["Laura Benton", "Laura Benton"]


def test_a_capitalised_word_after_an_opening_quote_is_no_name(extract: Extract) -> None:
    text = '"Diversification is our aim," Kaneda Shoji Corp. said, adding it would invest more.'
    assert [t for t, _ in text_value(extract(text), "PARTY")] == ["Kaneda Shoji Corp."]


def test_an_estimate_is_not_a_commitment(extract: Extract) -> None:
    text = "The Centre for Mineral Policy estimated that allies would need €8bn by 2030."
    assert commitments(extract(text)) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("NdPr traded at $850-880/kg.", [("$850", 850.0), ("880", 880.0)]),
        ("The plant will cost $1-2 billion.", [("$1", 1e9), ("2 billion", 2e9)]),
        ("A $1.5-2bn refinery.", [("$1.5", 1.5e9), ("2bn", 2e9)]),
    ],
)
def test_a_price_range_is_two_amounts_in_one_currency(
    extract: Extract, sentence: str, expected: list[tuple[str, float]]
) -> None:
    got = [(t, v["value"], v["unit"]) for t, v in text_value(extract(sentence), "AMOUNT")]
    assert got == [(t, v, "USD") for t, v in expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hannah Obi, an analyst who argues that Washington will have to fund three plants, spoke.",
        "The think tank urged the G7 to adopt a price floor.",
        "Beijing shows little sign of relenting on export curbs.",
        "Mori suspects Tokyo could join a price floor.",
    ],
)
def test_opinions_requests_and_nouns_are_not_commitments(extract: Extract, sentence: str) -> None:
    assert commitments(extract(sentence)) == []


def test_a_quoted_promise_after_its_subject_is_a_commitment(extract: Extract) -> None:
    text = (
        "The Pentagon sent an official. Rebecca Tan said the department "
        '"will have the plan on your desks by the end of April".'
    )
    got = commitments(extract(text, date=dt.date(2026, 2, 26)))
    assert got == [
        ("will have the plan on your desks by the end of April", ["Department of Defense"])
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        '"I am not in a position to commit to a number," she replied.',
        "The ministry said it was unable to commit to the timetable.",
    ],
)
def test_not_in_a_position_to_commit_is_a_refusal(extract: Extract, sentence: str) -> None:
    assert commitments(extract(sentence)) == []


def test_a_hyphenated_institution_name_is_kept_whole(extract: Extract) -> None:
    text = "The Export-Import Bank of Korea is weighing loans."
    assert text_value(extract(text), "PARTY") == [("Export-Import Bank of Korea",) * 2]


# --- from the i-series (corpus/i0*) -------------------------------------------


def test_a_leader_named_by_surname_still_speaks_for_the_country(extract: Extract) -> None:
    text = (
        "Peruvian President Ana Quispe arrived in Seoul on Monday. On Tuesday, Quispe "
        "promised to open talks on a copper partnership."
    )
    assert commitments(extract(text))[-1][1] == ["PER"]


def test_an_executive_speaks_for_the_company_named_with_the_title(extract: Extract) -> None:
    text = "Nordhafen Metals SE chief executive Jonas Berg said he would build a second plant."
    assert commitments(extract(text))[-1][1] == ["Nordhafen Metals SE"]


def test_a_relative_clause_between_party_and_modal(extract: Extract) -> None:
    text = "Zimbabwe, which banned raw lithium exports in 2022, will stop concentrate exports."
    assert commitments(extract(text)) == [("will stop concentrate exports", ["ZWE"])]


def test_member_states_of_a_regional_bloc_commit_the_bloc(extract: Extract) -> None:
    text = (
        "Ministers of the Economic Community of West African States (ECOWAS) met.\n"
        "The ministers said member states would:\n"
        "- Phase out raw bauxite exports by 2028\n"
    )
    got = commitments(extract(text))
    assert got[-1] == (
        "Phase out raw bauxite exports by 2028",
        ["Economic Community of West African States"],
    )


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        (
            "The Southern African Development Community (SADC) met in Lusaka.",
            "Southern African Development Community",
        ),
        ("Pricing agency Fastmarkets said lithium rose.", "Fastmarkets"),
        ("The Socialist Left Party opposed the plan.", "Socialist Left Party"),
        ("The Tahltan Nation objected to the permit.", "Tahltan Nation"),
        (
            "The National Oceanic and Atmospheric Administration will decide.",
            "National Oceanic and Atmospheric Administration",
        ),
    ],
)
def test_more_organisations(extract: Extract, sentence: str, value: str) -> None:
    assert value in [v for _, v in text_value(extract(sentence), "PARTY")]


def test_iron_out_is_not_the_metal(extract: Extract) -> None:
    assert text_value(extract("Paris and Brussels must iron out a dispute."), "MINERAL") == []


def test_a_party_then_which_will_is_that_partys_commitment(extract: Extract) -> None:
    text = "The deal is with Chile's Salar Norte S.A., which will supply lithium from 2027."
    assert commitments(extract(text)) == [("will supply lithium from 2027", ["Salar Norte S.A."])]


def test_a_thing_which_will_cost_is_no_commitment(extract: Extract) -> None:
    assert commitments(extract("The refinery, which will cost $2 billion, opens in 2027.")) == []


def test_a_name_before_a_possessive_appositive_title(extract: Extract) -> None:
    text = "Rosa Vidal, Peru's chief trade negotiator, said talks would end soon."
    assert ("Rosa Vidal", "Rosa Vidal") in text_value(extract(text), "PARTY")


# --- from the j-series (corpus/j0*) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        (
            "Bolivia's Yacimientos de Litio Bolivianos (YLB) will send staff. YLB said so.",
            "Yacimientos de Litio Bolivianos",
            "YLB",
        ),
        (
            "Peru's Instituto Geológico, Minero y Metalúrgico (INGEMMET) mapped the area.",
            "Instituto Geológico, Minero y Metalúrgico",
            "INGEMMET",
        ),
        ("Mexico's Litio para México (LitioMx) said so.", "Litio para México", "LitioMx"),
    ],
)
def test_a_name_defined_with_an_acronym_is_an_organisation(
    extract: Extract, text: str, name: str, acronym: str
) -> None:
    got = text_value(extract(text), "PARTY")
    assert (name, name) in got
    assert (acronym, name) in got


def test_a_formal_title_with_an_acronym_stays_no_party(extract: Extract) -> None:
    text = "The Critical Raw Materials Act (CRMA) took effect in May."
    assert text_value(extract(text), "PARTY") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Output should recover by mid-year.", ("mid-year", "2026")),
        ("Prices may peak by mid-decade.", ("mid-decade", "202")),
        ("Brussels will decide in the weeks ahead.", ("the weeks ahead", "FUTURE_REF")),
    ],
)
def test_mid_year_mid_decade_and_the_weeks_ahead(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    assert text_value(extract(sentence, date=dt.date(2026, 3, 13)), "DATE") == [expected]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Lima will put S/ 200 million into the study.", "PEN"),
        ("Debt of 1.5 trillion bolivianos.", "BOB"),
    ],
)
def test_andean_currencies(extract: Extract, sentence: str, unit: str) -> None:
    [(_, value)] = text_value(extract(sentence), "AMOUNT")
    assert value["unit"] == unit


def test_an_acronym_in_parentheses_does_not_break_a_list_of_subjects(extract: Extract) -> None:
    text = "Hanbit Cells Ltd (HBC) and Daewon Cathode Co. signed a supply contract."
    got = commitments(extract(text))
    assert sorted(got[0][1]) == ["Daewon Cathode Co.", "Hanbit Cells Ltd"]


# k-series (corpus/k0*): new sentences of the shapes it showed missing.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Quotas will stay tight for the rest of the year.", ("the rest of the year", "2026")),
        ("The tender should close by year-end.", ("year-end", "2026")),
        ("Zambia will trim second-half copper exports.", ("second-half", "2026-H2")),
        ("The miner posted first-quarter losses.", ("first-quarter", "2026-Q1")),
    ],
)
def test_year_end_the_rest_of_the_year_and_adjectival_halves(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    assert text_value(extract(sentence, date=dt.date(2026, 5, 20)), "DATE") == [expected]


@pytest.mark.parametrize(
    ("sentence", "employer"),
    [
        ("Analysts at Citi said prices had bottomed.", "Citi"),
        (
            "An analyst at Riga-based Baltic Ore Research said supply was tight.",
            "Baltic Ore Research",
        ),
        ("Analysts at Lagos brokerage Chapel Hill said the tender was late.", "Chapel Hill"),
        ("A director at ratings agency CARE said bids were thin.", "CARE"),
    ],
)
def test_the_employer_of_an_analyst_is_a_party_and_its_city_is_not(
    extract: Extract, sentence: str, employer: str
) -> None:
    assert [t for t, _ in text_value(extract(sentence), "PARTY")] == [employer]


def test_a_portfolio_before_minister_is_not_a_company(extract: Extract) -> None:
    text = "Mines and Natural Resources Minister Tendai Moyo said the ban stays."
    assert text_value(extract(text), "PARTY") == [("Tendai Moyo", "Tendai Moyo")]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Hyundai chief executive Kim Min-jun said sales rose.", "Kim Min-jun"),
        (
            "Vietnam's Hoa Binh High-Tech Materials said output rose.",
            "Hoa Binh High-Tech Materials",
        ),
        (
            "The State Food and Strategic Reserves Administration will buy cobalt.",
            "State Food and Strategic Reserves Administration",
        ),
    ],
)
def test_hyphenated_given_names_companies_and_two_word_agency_halves(
    extract: Extract, sentence: str, name: str
) -> None:
    assert name in [t for t, _ in text_value(extract(sentence), "PARTY")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bids reached Rs 2.4 lakh crore.", ("Rs 2.4 lakh crore", 2.4e12, "INR")),
        ("The mine will pay 3 billion som a year.", ("3 billion som", 3e9, "KGS")),
    ],
)
def test_lakh_crore_and_central_asian_currency_words(
    extract: Extract, sentence: str, expected: tuple[str, float, str]
) -> None:
    [(text, value)] = text_value(extract(sentence), "AMOUNT")
    assert (text, value["value"], value["unit"]) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Vale Base Metals declined to say when its Sudbury smelter would restart.",
        "The ministry may have to raise royalties, an economist said.",
        "KOMIR would make no commitment before its board meets in June.",
    ],
)
def test_undisclosed_plans_conditions_on_others_and_forced_moves_are_not_commitments(
    extract: Extract, sentence: str
) -> None:
    assert commitments(extract(sentence)) == []


def test_a_promise_inside_an_if_clause_is_a_condition_not_a_commitment(extract: Extract) -> None:
    got = commitments(extract("She said Orano could add a line if a carmaker agreed to fund it."))
    assert not [t for t, _ in got if "agreed" in t]


def test_an_appositive_between_a_party_and_its_modal_keeps_the_party_as_subject(
    extract: Extract,
) -> None:
    text = "Erdenes Mongol LLC, the state holding company, will train 30 geologists next year."
    assert [agents for _, agents in commitments(extract(text))] == [["Erdenes Mongol LLC"]]


def test_a_participle_commits_the_subject_of_the_main_clause(extract: Extract) -> None:
    text = "Ivanhoe Mines Ltd signed a deal with Zambia, committing $300 million to a smelter."
    got = commitments(extract(text))
    assert [t for t, _ in got][-1] == "committing $300 million to a smelter"
    assert "Ivanhoe Mines Ltd" in got[-1][1]


def test_the_seller_in_a_purchase_deal_is_an_agent_too(extract: Extract) -> None:
    text = "Nordic Cells AB agreed to buy graphite from Talga Group Ltd on Monday."
    [(_, agents)] = commitments(extract(text))
    assert sorted(agents) == ["Nordic Cells AB", "Talga Group Ltd"]


def test_capitals_of_smaller_states_stand_for_their_governments(extract: Extract) -> None:
    text = "Washington signed a memorandum with Santo Domingo on minerals."
    assert ("Santo Domingo", "DOM") in text_value(extract(text), "PARTY")


def test_a_town_after_in_is_a_place_even_before_a_modal(extract: Extract) -> None:
    text = "Ucore Rare Metals Inc. did not say when its plant in Kingsport would open."
    assert "Kingsport" not in [t for t, _ in text_value(extract(text), "PARTY")]


def test_east_asian_family_names_come_first_in_later_mentions(extract: Extract) -> None:
    text = "Tianqi chairman Jiang Weiping said output would rise. Jiang said prices were weak."
    assert ("Jiang", "Jiang Weiping") in text_value(extract(text), "PARTY")


def test_a_company_named_after_a_country_is_one_party_in_every_mention(extract: Extract) -> None:
    text = "Oil India will bid for lithium blocks. Oil India Ltd said the board had approved it."
    parties = text_value(extract(text), "PARTY")
    assert parties[0] == ("Oil India", "Oil India Ltd")
    assert ("India", "IND") not in parties


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The quotas were first set in April last year.", ("April last year", "2025-04")),
        ("The plant should be ready by the end of FY28.", ("the end of FY28", "2028")),
        ("Cargoes left the Netherlands on Monday.", None),
    ],
)
def test_a_month_of_last_year_the_end_of_a_fiscal_year_and_no_article_in_names(
    extract: Extract, sentence: str, expected: tuple[str, str] | None
) -> None:
    records = extract(sentence, date=dt.date(2026, 3, 13))
    if expected is None:
        assert ("Netherlands", "NLD") in text_value(records, "PARTY")
    else:
        assert text_value(records, "DATE")[0] == expected


# l-series (corpus/l0*): new sentences of the shapes it showed missing.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Royalties rise in FY2026/27.", ("FY2026/27", "2027")),
        ("The levy applies from the 2028 fiscal year.", ("the 2028 fiscal year", "2028")),
    ],
)
def test_split_fiscal_years_and_the_n_fiscal_year(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    assert text_value(extract(sentence), "DATE") == [expected]


def test_a_time_of_day_is_not_a_year(extract: Extract) -> None:
    assert text_value(extract("UPDATED 1830 GMT - Zambia said on Monday."), "DATE") == [
        ("Monday", "2025-10-27")
    ]


def test_kwacha_written_mk_and_any_element_ore(extract: Extract) -> None:
    records = extract("Lilongwe set aside MK 40 billion to refine cobalt ore locally.")
    [(_, amount)] = text_value(records, "AMOUNT")
    assert (amount["value"], amount["unit"]) == (40e9, "MWK")
    assert text_value(records, "MINERAL") == [("cobalt ore", "cobalt")]


def test_government_of_a_country_and_a_ministry_without_its_city(extract: Extract) -> None:
    text = "The Ministry of Energy, Windhoek signed a memorandum with the Government of Korea."
    parties = text_value(extract(text), "PARTY")
    assert ("Government of Korea", "KOR") in parties
    assert ("Ministry of Energy", "Ministry of Energy") in parties


def test_the_company_in_a_release_is_the_issuer(extract: Extract) -> None:
    text = "Seoul Cathode Co., Ltd. will build a plant. The Company will fund it from cash."
    assert ("Company", "Seoul Cathode Co., Ltd.") in text_value(extract(text), "PARTY")


def test_a_fund_being_set_up_is_a_programme_not_a_party(extract: Extract) -> None:
    text = "Ministers agreed to set up an African Battery Minerals Fund next year."
    assert text_value(extract(text), "PARTY") == []


def test_a_surname_after_a_generational_suffix_links_to_the_full_name(extract: Extract) -> None:
    text = "President Ferdinand Marcos Jr. spoke first. Marcos said the ban would stay."
    assert ("Marcos", "Ferdinand Marcos Jr.") in text_value(extract(text), "PARTY")


def test_ampersand_co_ltd_is_one_company(extract: Extract) -> None:
    text = "Sojitz signed a deal with Hanwa & Co., Ltd. on Monday."
    assert ("Hanwa & Co., Ltd.", "Hanwa & Co., Ltd.") in text_value(extract(text), "PARTY")


def test_we_in_a_q_and_a_answer_is_what_the_interviewee_speaks_for(extract: Extract) -> None:
    text = (
        "Chilean Mining Minister Aurora Williams spoke to us on Monday.\n"
        "Q: Will you raise royalties?\n"
        "A: No. We will publish a new lithium strategy in June."
    )
    got = commitments(extract(text))
    assert [(t, agents) for t, agents in got] == [
        ("will publish a new lithium strategy in June", ["CHL"])
    ]


def test_an_appositive_after_a_one_word_name_at_the_sentence_start(extract: Extract) -> None:
    text = "Zhambyl Metals LLP was named. Zhambyl, a state copper miner, will hire 40 engineers."
    got = commitments(extract(text))
    assert got == [("will hire 40 engineers", ["Zhambyl Metals LLP"])]


def test_a_chamber_of_mines_of_a_country_is_one_party(extract: Extract) -> None:
    text = "The Chamber of Mines of South Africa opposed the levy."
    assert text_value(extract(text), "PARTY") == [
        ("Chamber of Mines of South Africa", "Chamber of Mines of South Africa")
    ]


def test_a_dateline_capital_counts_towards_the_story_country() -> None:
    from pipeline.components.base import Candidate
    from pipeline.components.focus import main_country

    china = Candidate("PARTY", 50, 55, "CHN", "country", {"kind": "country"}, 3)
    india = Candidate("PARTY", 90, 95, "IND", "country", {"kind": "country"}, 3)
    assert main_country([china, india]) == "CHN"
    assert main_country([china, india], places=((0, "IND"),)) == "IND"


def test_a_two_word_name_that_acts_is_a_party_in_every_mention(extract: Extract) -> None:
    text = "Shares rose after Ponte Alta said output grew. Later, Ponte Alta will list."
    got = text_value(extract(text), "PARTY")
    assert got == [("Ponte Alta", "Ponte Alta")] * 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Prices fell in March, and Deputy Minister said nothing.",
        "Output rose, and Last Tuesday said little.",
        "The plant in Santa Rosa will open soon.",
    ],
)
def test_titles_dates_and_places_are_not_two_word_names(extract: Extract, sentence: str) -> None:
    assert text_value(extract(sentence), "PARTY") == []


# m- and n-series (corpus/m0*, n0*): new sentences of the shapes they showed missing.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Output rose in the December quarter.", ("the December quarter", "2025-Q4")),
        ("Exports fell in the January-March quarter.", ("the January-March quarter", "2026-Q1")),
        (
            "Sales in the three months to 31 March rose.",
            ("the three months to 31 March", "2026-Q1"),
        ),
        (
            "The fund was set up on Tuesday, March 3, 2026.",
            ("Tuesday, March 3, 2026", "2026-03-03"),
        ),
        ("Shipments rose 8% year to date.", ("year to date", "2026")),
        ("Ministers meet in the autumn.", ("the autumn", "2026-FA")),
        ("Imports rose in the first six months.", ("the first six months", "2026-H1")),
        ("Stocks must last until the end of March 2028.", ("the end of March 2028", "2028-03")),
    ],
)
def test_quarters_by_month_weekday_dates_seasons_and_year_to_date(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    records = extract(sentence, date=dt.date(2026, 4, 20))
    assert expected in text_value(records, "DATE")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rivals bid C$2.5-billion for the mine.", ("C$2.5-billion", 2.5e9, "CAD")),
        ("Exports reached RM3.2 billion.", ("RM3.2 billion", 3.2e9, "MYR")),
        ("Harare set aside ZiG 40 million.", ("ZiG 40 million", 40e6, "ZWG")),
    ],
)
def test_hyphenated_scales_ringgit_and_zimbabwe_gold(
    extract: Extract, sentence: str, expected: tuple[str, float, str]
) -> None:
    [(text, value)] = text_value(extract(sentence), "AMOUNT")
    assert (text, value["value"], value["unit"]) == expected


def test_a_trailing_or_less_is_part_of_a_percentage(extract: Extract) -> None:
    [record] = [r for r in extract("Cut reliance on one supplier to 40% or less.")
                if r.type == "PERCENTAGE"]  # fmt: skip
    assert (record.text, record.value, record.comparator) == ("40% or less", 40.0, "<=")


def test_prefixed_surnames_and_a_senate_of_a_country(extract: Extract) -> None:
    text = "Chief executive Ewan MacGregor said the Senate of Chile would vote."
    parties = [t for t, _ in text_value(extract(text), "PARTY")]
    assert parties == ["Ewan MacGregor", "Senate of Chile"]


def test_an_analyst_speculating_after_the_quote_is_not_a_commitment(extract: Extract) -> None:
    text = '"Jakarta may relax the quota by June," said Siti Rahma, an analyst at a local bank.'
    assert commitments(extract(text)) == []


def test_the_government_is_the_storys_country_over_a_passing_mention(extract: Extract) -> None:
    text = (
        "Korea's new battery minerals plan\n"
        "Korea imports most of its graphite. Beijing curbed exports in 2023.\n"
        "Under the plan, the government will fund two refineries by 2028."
    )
    got = commitments(extract(text))
    assert ("will fund two refineries by 2028", ["KOR"]) in got


def test_a_contract_signed_last_year_is_not_a_new_commitment(extract: Extract) -> None:
    text = "Tianqi Lithium Corp. agreed to take half the output under a contract signed in 2024."
    assert [t for t, _ in commitments(extract(text))] == [
        "agreed to take half the output under a contract signed in 2024"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The administration may well announce a larger fund in June.",
        "The state will cap permits pending an environmental study by March.",
    ],
)
def test_may_well_and_a_study_as_a_noun(extract: Extract, sentence: str) -> None:
    assert not [t for t, _ in commitments(extract(sentence)) if "study" in t or "announce" in t]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Minerals Council Zimbabwe opposed the royalty.", "Minerals Council Zimbabwe"),
        ("Rival Nordic Nickel AS said it would wait.", "Nordic Nickel AS"),
    ],
)
def test_a_body_named_for_its_country_and_norwegian_as(
    extract: Extract, sentence: str, name: str
) -> None:
    assert [t for t, _ in text_value(extract(sentence), "PARTY")] == [name]


def test_acronyms_of_french_names_cfa_francs_alumina_and_fiscal_year_end(
    extract: Extract,
) -> None:
    text = (
        "Société des Mines et d'Exploitation du Niger (SOMEN) will pay 30 billion CFA francs "
        "for alumina by the end of the fiscal year."
    )
    records = extract(text, date=dt.date(2026, 10, 8))
    assert ("SOMEN", "Société des Mines et d'Exploitation du Niger") in text_value(records, "PARTY")
    [(_, amount)] = text_value(records, "AMOUNT")
    assert amount["unit"] == "XOF"
    assert ("alumina", "aluminium") in text_value(records, "MINERAL")
    assert ("the end of the fiscal year", "2026") in text_value(records, "DATE")


def test_a_bullet_with_its_own_verb_takes_the_lead_ins_agents(extract: Extract) -> None:
    text = (
        "Peru and Chile signed a minerals pact on Monday. Under it, the two countries will:\n"
        "- explore a joint lithium stockpile\n"
        "- hold a ministerial review every year"
    )
    got = commitments(extract(text))
    assert [sorted(agents) for t, agents in got if t.startswith(("explore", "hold"))] == [
        ["CHL", "PER"],
        ["CHL", "PER"],
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Saskatchewan has committed C$50 million to a potash study.", ["Saskatchewan"]),
        ("Jujuy's provincial government said it would review the permits.", ["Jujuy"]),
        ("Pilbara Minerals said its mine in Western Australia would expand.", ["Pilbara Minerals"]),
        ("Investors favour mines in Ontario and Quebec over new regions.", []),
    ],
)
def test_a_province_or_state_is_a_party_when_it_acts(
    extract: Extract, sentence: str, expected: list[str]
) -> None:
    assert [t for t, _ in text_value(extract(sentence), "PARTY")] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks with JOGMEC continue, but nothing is signed yet.",
        '"Lima may ease the cap," said Ana Ruiz, head of research at a local broker.',
    ],
)
def test_nothing_signed_and_a_researchers_quoted_guess(extract: Extract, sentence: str) -> None:
    assert commitments(extract(sentence)) == []


# p-series (corpus/p0*): new sentences of the shapes it showed missing.


def test_element_symbols_run_together_are_one_mineral_each(extract: Extract) -> None:
    records = extract("NdFeB magnet makers paid more for NdPr oxide.")
    assert text_value(records, "MINERAL") == [
        ("Nd", "neodymium"), ("Fe", "iron"), ("B", "boron"),
        ("Nd", "neodymium"), ("Pr", "praseodymium"),
    ]  # fmt: skip


def test_committees_and_offices_with_and_and_an_adjectival_term(extract: Extract) -> None:
    text = (
        "The Energy and Natural Resources Committee and the Congressional Budget Office "
        "reviewed the bill, which backs purchases under 10-year contracts."
    )
    records = extract(text)
    assert [t for t, _ in text_value(records, "PARTY")] == [
        "Energy and Natural Resources Committee",
        "Congressional Budget Office",
    ]
    assert text_value(records, "DATE") == [("10-year", "P10Y")]


# q- and r-series (corpus/q0*, r0*): new sentences of the shapes they showed missing.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ghana's Minister of Lands and Natural Resources, Kwame Osei-Bonsu, spoke.",
            ["GHA", "Kwame Osei-Bonsu"],
        ),
        ("The permit was welcomed by Managing Director Ingrid Halvorsen.", ["Ingrid Halvorsen"]),
    ],
)
def test_a_name_after_a_long_portfolio_or_title(
    extract: Extract, sentence: str, expected: list[str]
) -> None:
    assert [v for _, v in text_value(extract(sentence), "PARTY")] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Farmers blocked the road in the winter of 2023.", [("the winter of 2023", "2023-WI")]),
        ("First output is slated for Q3 FY2028.", [("Q3 FY2028", "2028-Q3")]),
        ("Revenue rose in the six months to December 31.", [("the six months to December 31",
                                                             "2025-H2")]),
        ("The auction was on February 3; bids close on June 30.", [("February 3", "2026-02-03"),
                                                                   ("June 30", "2026-06-30")]),
        ("The regulator said in November it would act.", [("November", "2025-11")]),
    ],
)  # fmt: skip
def test_seasons_of_a_year_fiscal_quarters_halves_and_clause_bounded_tense(
    extract: Extract, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert text_value(extract(sentence, date=dt.date(2026, 2, 10)), "DATE") == expected


def test_a_season_ahead_is_next_years_once_it_has_passed(extract: Extract) -> None:
    records = extract("The summit is pencilled in for the spring.", date=dt.date(2026, 10, 5))
    assert text_value(records, "DATE") == [("the spring", "2027-SP")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Nairobi will spend 2 billion Kenyan shillings.", ("2 billion Kenyan shillings", "KES")),
        ("Algiers set aside 90 billion dinars for phosphate.", ("90 billion dinars", "DZD")),
        ("The fund could reach upwards of €2bn.", ("upwards of €2bn", "EUR")),
    ],
)
def test_currencies_named_with_a_nationality_or_a_comparator(
    extract: Extract, sentence: str, expected: tuple[str, str]
) -> None:
    got = text_value(extract(sentence), "AMOUNT")
    assert [(t, v["unit"]) for t, v in got] == [expected]


def test_a_fraction_of_a_percentage_point(extract: Extract) -> None:
    got = text_value(extract("Rates rose half a percentage point."), "PERCENTAGE")
    assert got == [("half a percentage point", 0.5)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Quebec government on Monday approved the plan.", ["Quebec"]),
        ("Nevada Governor Ray Colton said the state would help.", ["Nevada", "Ray Colton"]),
        ("Analysts said Jujuy may raise royalties.", ["Jujuy"]),
        ("Will Saskatchewan follow?", ["Saskatchewan"]),
        ("The miner appealed to the High Court and the Mining and Energy Tribunal.",
         ["High Court", "Mining and Energy Tribunal"]),
        ("The Ghana Minerals, Lands and Forestry Board will issue the licences.",
         ["Ghana Minerals, Lands and Forestry Board"]),
    ],
)  # fmt: skip
def test_provinces_that_act_courts_and_boards(
    extract: Extract, sentence: str, expected: list[str]
) -> None:
    assert [t for t, _ in text_value(extract(sentence), "PARTY")] == expected


def test_a_purpose_after_a_promise_is_part_of_it(extract: Extract) -> None:
    got = commitments(extract("Glencore will form a venture to explore copper in Zambia."))
    assert [t for t, _ in got] == ["will form a venture to explore copper in Zambia"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Quebec's government said so. The province will levy a 2% royalty.",
         [("will levy a 2% royalty", ["Quebec"])]),
        ("Nevada Governor Ray Colton said the state would issue permits within 60 days.",
         [("would issue permits within 60 days", ["Nevada"])]),
    ],
)  # fmt: skip
def test_the_province_or_the_state_is_the_province_that_acted(
    extract: Extract, sentence: str, expected: list[tuple[str, list[str]]]
) -> None:
    assert commitments(extract(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "No supply contracts have been signed.",
        "The company will pay the levy, as agreed with the landowners.",
        "Chile is looking for buyers who would sign long-term contracts.",
        "Results of the bankable feasibility study:",
    ],
)
def test_no_deal_a_restated_deal_a_hypothetical_buyer_and_a_label(
    extract: Extract, sentence: str
) -> None:
    got = commitments(extract(sentence))
    assert [t for t, _ in got if "agreed" in t or "sign" in t or "study" in t] == []


def test_the_company_is_the_one_named_earlier_in_the_same_sentence(extract: Extract) -> None:
    text = (
        "Andes Copper Corp. signed a supply deal with Norvik Metals Ltd in March. "
        "Ana Ruiz, chief executive of Andes Copper Corp., said the company would spend "
        "$40 million on a new mill."
    )
    got = commitments(extract(text))
    assert ("would spend $40 million on a new mill", ["Andes Copper Corp."]) in got


# t-series (corpus/t0*): new sentences of the shapes it showed missing.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Windhoek expects N$750 million from the levy.", [("N$750 million", 7.5e8, "NAD")]),
        ("Oslo set aside 80 million kroner for mapping.", [("80 million kroner", 8e7, "NOK")]),
    ],
)
def test_namibian_dollars_and_norwegian_kroner(
    extract: Extract, sentence: str, expected: list[tuple[str, float, str]]
) -> None:
    got = text_value(extract(sentence), "AMOUNT")
    assert [(t, v["value"], v["unit"]) for t, v in got] == expected


def test_basis_points_written_bps(extract: Extract) -> None:
    got = text_value(extract("Spreads narrowed 40 bps, then another 15bps."), "PERCENTAGE")
    assert got == [("40 bps", 0.4), ("15bps", 0.15)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Zinc output hit a record in the March-quarter.", [("March-quarter", "2026-Q1")]),
        ("Profit fell in the quarter ended March 31.", [("the quarter ended March 31",
                                                         "2026-Q1")]),
        ("Stocks rose in the week ended Jan. 9.", [("the week ended Jan. 9", "2026-W02")]),
        ("Sales reached $4 million in the quarter ended March 31, against $3 million a year "
         "earlier.", [("the quarter ended March 31", "2026-Q1"), ("a year earlier", "2025-Q1")]),
    ],
)  # fmt: skip
def test_periods_named_by_their_last_day_and_a_year_before_them(
    extract: Extract, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert text_value(extract(sentence, date=dt.date(2026, 5, 20)), "DATE") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Analysts at Kestrel Mining Research said so.", ["Kestrel Mining Research"]),
        ("Deputy Secretary of State Laura Mbeki said talks went well.", ["Laura Mbeki"]),
        ("Ministers met in New Delhi on Monday.", []),
        ("Karoo Graphite Mining (Pty) Ltd will build a plant.",
         ["Karoo Graphite Mining (Pty) Ltd"]),
        ("The Folketing and the Danish Energy Directorate must approve it.",
         ["Folketing", "Danish Energy Directorate"]),
        ("(Adds Chamber of Commerce comment)", ["Chamber of Commerce"]),
    ],
)  # fmt: skip
def test_research_houses_secretaries_of_state_nested_capitals_and_directorates(
    extract: Extract, sentence: str, expected: list[str]
) -> None:
    assert [t for t, _ in text_value(extract(sentence), "PARTY")] == expected


def test_we_in_a_quote_is_the_speakers_organisation(extract: Extract) -> None:
    text = (
        '"We will spend $90 million on a second kiln," said Maria Lopes, chief executive '
        "of Andes Lithium Corp."
    )
    got = commitments(extract(text))
    assert [agents for _, agents in got] == [["Andes Lithium Corp."]]


# s-series (corpus/s0*): new sentences of the shapes it showed missing.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Profit rose in the fiscal year ending June 2027.",
         [("the fiscal year ending June 2027", "2027")]),
        ("The smelter restarts early next year.", [("early next year", "2027")]),
        ("Exports slowed late last year.", [("late last year", "2025")]),
    ],
)  # fmt: skip
def test_fiscal_years_by_their_end_and_edges_of_next_year(
    extract: Extract, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert text_value(extract(sentence, date=dt.date(2026, 5, 20)), "DATE") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Trade and Development Bank of Mongolia will lend $40 million.",
         ["Trade and Development Bank of Mongolia"]),
        ("Shares of Kestrel rose on the Johannesburg Stock Exchange of South Africa.",
         ["Johannesburg Stock Exchange of South Africa"]),
    ],
)  # fmt: skip
def test_banks_and_exchanges_of_a_country_with_and_in_their_name(
    extract: Extract, sentence: str, expected: list[str]
) -> None:
    assert [t for t, _ in text_value(extract(sentence), "PARTY")] == expected


def test_green_hydrogen_is_a_fuel_not_a_mineral(extract: Extract) -> None:
    records = extract("The plan covers green hydrogen and lithium refining.")
    assert text_value(records, "MINERAL") == [("lithium", "lithium")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Chile will build a reserve. "If prices collapse, we will buy 5,000 tonnes," said '
         "Mining Minister Aurora Williams.",
         [("will build a reserve", ["CHL"]), ("will buy 5,000 tonnes", ["CHL"])]),
        ("If Beijing cuts exports, Tokyo will release its stockpile within 30 days.",
         [("will release its stockpile within 30 days", ["JPN"])]),
        ("Kaiyo Steel Corp. agreed to buy niobium. The Nagoya-based steelmaker will take "
         "4,000 tonnes a year.",
         [("agreed to buy niobium", ["Kaiyo Steel Corp."]),
          ("will take 4,000 tonnes a year", ["Kaiyo Steel Corp."])]),
    ],
)  # fmt: skip
def test_a_promise_after_an_if_clause_and_a_steelmaker_as_subject(
    extract: Extract, text: str, expected: list[tuple[str, list[str]]]
) -> None:
    assert commitments(extract(text)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Cheap exports weigh on prices across Asia.",
        "An analyst at Hanul Securities expects other mills to sign similar contracts.",
        "If the talks fail, the country will be negotiating from a weak position.",
    ],
)
def test_pressure_forecasts_and_predictions_are_not_commitments(
    extract: Extract, sentence: str
) -> None:
    assert commitments(extract(sentence)) == []


# u-series (corpus/u0*): new sentences of the shapes it showed missing.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dodoma will spend TSh 45 billion on roads.", ("TSh 45 billion", 4.5e10, "TZS")),
        ("Nairobi set aside KSh 2.5 billion.", ("KSh 2.5 billion", 2.5e9, "KES")),
    ],
)
def test_east_african_shillings_written_as_symbols(
    extract: Extract, sentence: str, expected: tuple[str, float, str]
) -> None:
    got = text_value(extract(sentence), "AMOUNT")
    assert [(t, v["value"], v["unit"]) for t, v in got] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The deal was signed by Cantabria Wolfram S.L. and Hessen Erz GmbH.",
         ["Cantabria Wolfram S.L.", "Hessen Erz GmbH"]),
        ("The National Treasury said royalties would rise.", ["National Treasury"]),
        ("Italy's Ministry for the Environment and the Energy Security agreed to pay.",
         ["ITA", "Ministry for the Environment and the Energy Security"]),
        ("Manitoba to offer royalty relief for nickel mines", ["Manitoba"]),
    ],
)  # fmt: skip
def test_spanish_and_german_suffixes_treasuries_long_ministries_and_headline_provinces(
    extract: Extract, sentence: str, expected: list[str]
) -> None:
    assert [v if v in ("ITA",) else t for t, v in text_value(extract(sentence), "PARTY")] == (
        expected
    )


def test_plan_as_a_noun_does_not_make_a_date_future(extract: Extract) -> None:
    records = extract(
        "Regulators approved its plan of operations in July.", date=dt.date(2026, 11, 20)
    )
    assert text_value(records, "DATE") == [("July", "2026-07")]


def test_it_after_a_sentence_opened_by_a_party_is_that_party(extract: Extract) -> None:
    text = (
        "Kenya's mining ministry reviewed the lease. Coastal Sands Ltd, a unit of Reef "
        "Holdings, has mined the deposit since 2014. It said it would stop mining by 2027."
    )
    got = commitments(extract(text))
    assert got == [("would stop mining by 2027", ["Coastal Sands Ltd"])]


def test_the_national_government_and_a_nationality_before_government(extract: Extract) -> None:
    text = (
        "Manila hosted the talks. The Indonesian government will ban bauxite exports. "
        "The national government intends to issue rules by mid-2027."
    )
    assert commitments(extract(text)) == [
        ("will ban bauxite exports", ["IDN"]),
        ("intends to issue rules by mid-2027", ["PHL"]),
    ]


# v- and w-series (corpus/v0*, w0*): new sentences of the shapes they showed missing.


def test_an_explicit_past_word_near_the_date_beats_a_future_word_further_back(
    extract: Extract,
) -> None:
    text = "The miner expects to produce more this year, after prices fell 9% since August."
    records = extract(text, date=dt.date(2027, 2, 3))
    assert ("August", "2026-08") in text_value(records, "DATE")


@pytest.mark.parametrize(
    ("sentence", "expected_parties", "expected_dates"),
    [
        ("Grupo Cobre del Norte S.A.B. de C.V. cut output in the year to March.",
         ["Grupo Cobre del Norte S.A.B. de C.V."], [("the year to March", "2026")]),
        ("Brazil's Superior Court of Justice of the Union ruled on Monday.",
         ["BRA", "Superior Court of Justice of the Union"], [("Monday", "2026-06-15")]),
        ("Q2. Should importers hold 60 days of stock?", [], [("60 days", "P60D")]),
    ],
)  # fmt: skip
def test_mexican_legal_forms_courts_of_the_nation_years_to_a_month_and_question_labels(
    extract: Extract,
    sentence: str,
    expected_parties: list[str],
    expected_dates: list[tuple[str, str]],
) -> None:
    records = extract(sentence, date=dt.date(2026, 6, 18))
    parties = [v if len(str(v)) == 3 and str(v).isupper() else t for t, v in
               text_value(records, "PARTY")]  # fmt: skip
    assert parties == expected_parties
    assert text_value(records, "DATE") == expected_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KENYA: Titanium miner expands\nThe plant opens soon.", ["KEN"]),
        ("NAIROBI/KAMPALA, May 3 - Prices rose.", []),
        ("MEXICO CITY, May 3 - Prices rose.", []),
    ],
)
def test_country_names_in_capitals_but_not_datelines(
    extract: Extract, text: str, expected: list[str]
) -> None:
    assert [v for _, v in text_value(extract(text), "PARTY")] == expected


def test_pounds_with_a_nationality_a_trade_descriptor_and_yet_to_commit(extract: Extract) -> None:
    text = (
        "The partners will invest 3 billion Egyptian pounds. Refiner Nile Metals Ltd said "
        "it would expand. Cairo has yet to commit to a royalty cut."
    )
    records = extract(text)
    assert [(t, v["unit"]) for t, v in text_value(records, "AMOUNT")] == [
        ("3 billion Egyptian pounds", "EGP")
    ]
    assert "Nile Metals Ltd" in [t for t, _ in text_value(records, "PARTY")]
    assert [t for t, _ in commitments(records) if "commit" in t] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chief executive Ana Lobo told analysts Kestrel Mining Ltd will cut 900 jobs.",
         ["will cut 900 jobs"]),
        ("The amendment would have required the Pentagon to buy domestic cobalt.", []),
        ("One analyst doubted the ministry would impose the duty.", []),
        ("The European Commission has awarded the project a €30 million grant.",
         ["awarded the project a €30 million grant"]),
        ("The ministry awarded three exploration blocks to local firms.", []),
    ],
)  # fmt: skip
def test_an_audience_of_analysts_counterfactuals_doubts_and_awards_of_money(
    extract: Extract, text: str, expected: list[str]
) -> None:
    assert [t for t, _ in commitments(extract(text))] == expected


# x-series (corpus/x0*): new sentences of the shapes it showed missing.


@pytest.mark.parametrize(
    ("text", "expected_dates", "expected_amounts"),
    [
        ("Kivu Tin SA: Second Quarter 2026 Production Report", [("Second Quarter 2026",
                                                                  "2026-Q2")], []),
        ("Kinshasa will spend CDF 90 billion on roads.", [], [("CDF 90 billion", "CDF")]),
        ("Tokyo Power agreed to buy 2 million pounds of uranium.", [], []),
        ("Export permits end from 1 January 2027, a rule first announced in May.",
         [("1 January 2027", "2027-01-01"), ("May", "2026-05")], []),
    ],
)  # fmt: skip
def test_title_case_quarters_more_currency_codes_weights_and_announced(
    extract: Extract,
    text: str,
    expected_dates: list[tuple[str, str]],
    expected_amounts: list[tuple[str, str]],
) -> None:
    records = extract(text, date=dt.date(2026, 9, 10))
    assert text_value(records, "DATE") == expected_dates
    assert [(t, v["unit"]) for t, v in text_value(records, "AMOUNT")] == expected_amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lisbon, 3 March 2026\nThe board met.", []),
        ("The National Wealth Fund Abroad (NWFA) sold its shares.",
         ["National Wealth Fund Abroad", "National Wealth Fund Abroad"]),
        ("Under rules issued by the Ministry of Economy, Danske Bank will lend more.",
         ["Ministry of Economy", "Danske Bank"]),
    ],
)  # fmt: skip
def test_title_case_datelines_acronyms_past_a_suffix_and_two_bodies_around_a_comma(
    extract: Extract, text: str, expected: list[str]
) -> None:
    assert [v for _, v in text_value(extract(text), "PARTY")] == expected


# y-series (corpus/y0*): new sentences of the shapes it showed missing.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ege Bor Madencilik A.Ş. will build a plant.", ["Ege Bor Madencilik A.Ş."]),
        ("It signed with Jiangxi Huaxin Cathode Materials Co Ltd on Monday.",
         ["Jiangxi Huaxin Cathode Materials Co Ltd"]),
        ("The buyer is Kestrel Mining Ltd.", ["Kestrel Mining Ltd"]),
        ("The Government of the Maldives will review it.", ["MDV"]),
        ("Secretary of Foreign Affairs Maria Luisa Santos spoke.", ["Maria Luisa Santos"]),
        ("Karnataka Minerals Corp said so. Karnataka will decide in June.",
         ["Karnataka Minerals Corp", "Karnataka"]),
    ],
)  # fmt: skip
def test_turkish_suffixes_co_ltd_full_stops_governments_of_the_and_places_in_company_names(
    extract: Extract, text: str, expected: list[str]
) -> None:
    got = [v if len(str(v)) == 3 and str(v).isupper() else t
           for t, v in text_value(extract(text), "PARTY")]  # fmt: skip
    assert got == expected


# Commitments across the corpus: passives, provisos, analysts quoted on, generic subjects.


@pytest.mark.parametrize(
    "text",
    [
        "The first joint-venture contracts will be signed before the end of 2027.",
        "Workers had been promised jobs by 2026.",
        "Licences go to foreign investors, provided they commit to processing at home.",
        '"Prices will stay high," said Ana Reyes, an analyst at Andes Research. '
        "She said Lima could cut royalties next year.",
        "Companies that commit to local refining get a rebate.",
    ],
)
def test_passives_provisos_an_analyst_quoted_on_and_generic_subjects_commit_no_one(
    extract: Extract, text: str
) -> None:
    assert commitments(extract(text)) == []


def test_a_passive_signing_with_its_signatories_after_by_still_commits_them(
    extract: Extract,
) -> None:
    text = "The accord was signed by Kazakhstan and the European Union in Astana."
    assert [sorted(a) for _, a in commitments(extract(text))] == [["European Union", "KAZ"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Department of Energy awarded $40 million to Ozark Antimony Inc. to restart a "
         "smelter.", ["Department of Energy", "Ozark Antimony Inc."]),
        ("Kestrel Mining Ltd plans a new kiln. The European Commission has awarded the "
         "project a €15 million grant.", ["European Commission", "Kestrel Mining Ltd"]),
    ],
)  # fmt: skip
def test_an_award_of_money_binds_the_payer_and_the_recipient(
    extract: Extract, text: str, expected: list[str]
) -> None:
    got = [agents for t, agents in commitments(extract(text)) if t.startswith("awarded")]
    assert got == [expected]


# --- the z-series (corpus/z*) ---------------------------------------------------------------


def test_a_company_named_in_an_appositive_before_the_modal_commits(extract: Extract) -> None:
    text = "Ghana's state gold refiner, Akwaaba Refining Plc, will build a lithium plant."
    assert commitments(extract(text)) == [("will build a lithium plant", ["Akwaaba Refining Plc"])]


@pytest.mark.parametrize(
    "text",
    [
        "Tarnvik Minerals AB has signed no offtake for its graphite with any Asian buyer.",
        "Cordoba Lithium on Friday denied a press report that it was seeking a partner.",
        '"We would welcome that," said Meera Iyer, the company\'s chief executive.',
        "Its chief financial officer would only say that talks were continuing.",
    ],
)
def test_nothing_signed_a_denied_report_and_a_reaction_commit_no_one(
    extract: Extract, text: str
) -> None:
    assert commitments(extract(text)) == []


def test_an_executive_with_no_company_named_speaks_for_the_story_s_company(
    extract: Extract,
) -> None:
    text = (
        "Kinabalu Copper Bhd posted a record quarter. Chief executive Tan Mei Ling spoke "
        'on a call. "We will fund the new kiln from our own cash," Tan told analysts.'
    )
    assert commitments(extract(text)) == [
        ("will fund the new kiln from our own cash", ["Kinabalu Copper Bhd"])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past verb right after its subject is a verb, even with "would" earlier
        ("Almaty said it would cut 2028 output, after Astana raised the tax in January.",
         ("January", "2026-01")),
        # "by" before a gerund is no deadline, so the past verb decides
        ("She ended by noting that the Storting voted in December to open a track.",
         ("December", "2025-12")),
        # a modal stops the walk back to an earlier "said"
        ("Traders said Manila could tighten quotas again before the second quarter.",
         ("the second quarter", "2026-Q2")),
        # results are of a period already over
        ("Kinabalu Copper Q4 profit jumps 12%", ("Q4", "2025-Q4")),
    ],
)  # fmt: skip
def test_the_tense_around_a_date_without_a_year(
    extract: Extract, text: str, expected: tuple[str, str]
) -> None:
    records = extract(text, date=dt.date(2026, 2, 20))
    assert expected in text_value(records, "DATE")


def test_a_ringgit_sum_with_its_scale_apart(extract: Extract) -> None:
    got = text_value(extract("Sales rose to RM912 million from RM876 million."), "AMOUNT")
    assert got == [
        ("RM912 million", {"value": 912_000_000.0, "unit": "MYR"}),
        ("RM876 million", {"value": 876_000_000.0, "unit": "MYR"}),
    ]


def test_a_judge_is_a_title_before_a_name(extract: Extract) -> None:
    got = text_value(extract("Judge Carla Mendes Ribeiro suspended the permit."), "PARTY")
    assert got == [("Carla Mendes Ribeiro", "Carla Mendes Ribeiro")]


def test_two_bodies_joined_by_and_the_stay_two(extract: Extract) -> None:
    text = "The plan needs the approval of the Council of the European Union and the Bank of Ghana."
    names = [t for t, _ in text_value(extract(text), "PARTY")]
    assert names[0] == "Council of the European Union"
    assert not any(" and the " in name for name in names)


def test_a_study_named_by_the_noun_before_it_is_no_trigger(extract: Extract) -> None:
    text = (
        "Canada signed a memorandum with Chile on Friday to fund a $4 million feasibility "
        "study on refining lithium in Antofagasta."
    )
    found = commitments(extract(text))
    assert len(found) == 1 and found[0][0].startswith("signed a memorandum with Chile")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Senators Maria Lindgren (D-Minn.) and Tom Abbott (R-Utah) filed the amendment.",
         ["Maria Lindgren", "Tom Abbott"]),
        ("Park Ji-won, its chief financial officer, said the plant was on schedule.",
         ["Park Ji-won"]),
        ("Its general counsel, Lucía Ferrán, called the ruling a setback.", ["Lucía Ferrán"]),
    ],
)  # fmt: skip
def test_people_named_with_a_party_tag_a_hyphenated_given_name_or_after_counsel(
    extract: Extract, text: str, names: list[str]
) -> None:
    assert [t for t, _ in text_value(extract(text), "PARTY")] == names


def test_a_capital_before_its_ministry_is_the_government(extract: Extract) -> None:
    text = "Hanoi's Ministry of Industry and Trade said it would tighten licences."
    assert ("Hanoi", "VNM") in text_value(extract(text), "PARTY")


@pytest.mark.parametrize(
    "text",
    [
        "Zambia to cap cobalt exports\nLusaka — Zambia will cap cobalt exports from March.",
        "Press release | Nairobi, 4 March 2026\nKenya will review its mining code.",
    ],
)
def test_a_dateline_after_a_dash_or_a_bar_is_a_place(extract: Extract, text: str) -> None:
    capitals = [t for t, _ in text_value(extract(text), "PARTY") if t in ("Lusaka", "Nairobi")]
    assert capitals == []


def test_a_headline_verb_after_a_comma_shares_the_headline_s_subject(extract: Extract) -> None:
    text = "Tasman Graphite Ltd swings to profit, plans A$300m anode plant"
    assert commitments(extract(text)) == [("plans A$300m anode plant", ["Tasman Graphite Ltd"])]


def test_what_someone_would_not_say_whether_they_would_do_commits_no_one(
    extract: Extract,
) -> None:
    text = "Minister Aiko Tanaka would not say whether Japan would match the offer."
    assert commitments(extract(text)) == []


def test_a_sum_that_will_go_to_a_project_is_the_funder_s_allocation(extract: Extract) -> None:
    text = (
        "The Export Development Agency of Norway will lend NOK 2 billion to the sector. "
        "A further NOK 500 million will go to a recycling plant in Mo i Rana."
    )
    records = extract(text)
    allocation = [r for r in records if r.type == "COMMITMENT" and r.text.startswith("will go")]
    assert len(allocation) == 1
    assert allocation[0].agents == ["Export Development Agency of Norway"]
    assert allocation[0].amount is not None and allocation[0].amount.value == 500_000_000


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gécamines chief executive Jean-Paul Kabeya Mutombo said the plant would reopen.",
         "Jean-Paul Kabeya Mutombo"),
        ("Its chief executive, Ama Mensah-Boateng, said the bank would lend more.",
         "Ama Mensah-Boateng"),
        ("Minister of Mines Ana Lucía Ferreira Soto said exports would resume.",
         "Ana Lucía Ferreira Soto"),
    ],
)  # fmt: skip
def test_hyphenated_and_four_part_names_stay_whole(extract: Extract, text: str, name: str) -> None:
    assert name in [t for t, _ in text_value(extract(text), "PARTY")]


def test_its_chief_executive_speaks_for_the_body_just_named(extract: Extract) -> None:
    text = (
        "Kestrel Lithium Ltd asked for help. The Nordic Investment Bank (NIB) went "
        "furthest. Its chief executive, Lars Eklund, pledged that the bank would "
        "lend $200 million before the end of the year."
    )
    found = commitments(extract(text))
    assert found == [
        ("pledged that the bank would lend $200 million before the end of the year",
         ["Nordic Investment Bank"]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry would rule within 30 working days.", ("30 working days", "P30D")),
        ("Pilbara Tin Ltd June quarter activities report", ("June quarter", "2026-Q2")),
        ("Stocks fell at the end of the March quarter.",
         ("the end of the March quarter", "2026-Q1")),
        ('"If the permit is granted before December, we will drill," she said.',
         ("December", "2026-12")),
        ("From Jan. 1, the regulator will require prepayment of royalties.",
         ("Jan. 1", "2027-01-01")),
        ("The quota system is set to be reviewed in October.", ("October", "2026-10")),
    ],
)  # fmt: skip
def test_dates_from_quarterly_reports_conditions_and_sentence_openers(
    extract: Extract, text: str, expected: tuple[str, str]
) -> None:
    assert expected in text_value(extract(text, date=dt.date(2026, 7, 24)), "DATE")


def test_the_two_of_any_plural_is_the_group_last_named(extract: Extract) -> None:
    text = "Vale SA and NMDC Ltd agreed to buy the stake. The two PSUs will pay in two tranches."
    found = commitments(extract(text))
    assert found[-1] == ("will pay in two tranches", ["Vale SA", "NMDC Ltd"])


def test_exploring_for_a_mineral_is_prospecting_not_a_commitment(extract: Extract) -> None:
    text = "Three companies, including Arctic Graphite Ltd, are exploring graphite deposits."
    assert commitments(extract(text)) == []


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        # when it was said is not when it is due
        ("OSLO, 12 March - Norway will lend $50 million to the refinery, the ministry said on "
         "Thursday.", None),
        ("Kazakhstan will cut its uranium quota for 2027 by 10%.", "2027"),
        ("Ghana will sign the mining lease by end-March 2027.", "2027-03"),
    ],
)  # fmt: skip
def test_deadlines_said_on_a_day_for_a_year_and_at_a_month_s_end(
    extract: Extract, text: str, deadline: str | None
) -> None:
    found = [r for r in extract(text, date=dt.date(2026, 3, 12)) if r.type == "COMMITMENT"]
    assert [r.deadline for r in found] == [deadline]


def test_phosphate_is_phosphorus_by_the_ore_rule(extract: Extract) -> None:
    assert text_value(extract("Morocco mines phosphate."), "MINERAL") == [
        ("phosphate", "phosphorus")
    ]


def test_the_week_of_a_day_is_its_iso_week(extract: Extract) -> None:
    records = extract("Ministers meet the week of Nov. 16.", date=dt.date(2026, 6, 15))
    assert ("the week of Nov. 16", "2026-W47") in text_value(records, "DATE")


def test_a_continent_that_acts_in_a_sentence_is_still_no_party(extract: Extract) -> None:
    text = "Asia is buying more. Asia wants graphite, and without a deal Asia will pay more."
    assert text_value(extract(text), "PARTY") == []


def test_a_lower_case_dotted_legal_form_keeps_its_last_full_stop(extract: Extract) -> None:
    text = "The bank will lend 90 million euros to state miner Rudne Bane s.p. for the plant."
    assert ("Rudne Bane s.p.", "Rudne Bane s.p.") in text_value(extract(text), "PARTY")


@pytest.mark.parametrize(
    "text",
    [
        "Costs have risen since its 2024 feasibility study.",
        "The fund said so in a statement after Monday's signing ceremony.",
        'Governor Ana Mota said the province would pay "as soon as Lisbon signs".',
        "Spain signed the text but has walked back its pledge to fund a reserve.",
        "A Dutch official said The Hague could live with a floor.",
    ],
)
def test_nouns_conditions_reversals_and_acceptance_are_no_commitments(
    extract: Extract, text: str
) -> None:
    triggers = [t for t, _ in commitments(extract(text))]
    assert not any(t.startswith(("study", "signing", "signs", "pledge", "could")) for t in triggers)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The loan comes through Banco Nacional de Desenvolvimento, the lender said.",
         "Banco Nacional de Desenvolvimento"),
        ("A residents' group, the Asociación Vecinal de Andalgalá, said it would sue.",
         "Asociación Vecinal de Andalgalá"),
        ("The Société d'Exploitation des Mines du Niger will sell the ore.",
         "Société d'Exploitation des Mines du Niger"),
        ("The Pilbara Water Coalition opposed the permit.", "Pilbara Water Coalition"),
    ],
)  # fmt: skip
def test_organisations_named_head_first_in_spanish_portuguese_and_french(
    extract: Extract, text: str, name: str
) -> None:
    assert name in [t for t, _ in text_value(extract(text), "PARTY")]


def test_a_head_word_inside_a_longer_name_does_not_start_a_name(extract: Extract) -> None:
    text = "Catamarca Minera y Energética Sociedad del Estado (CAMYEN) will hold a stake."
    names = [t for t, _ in text_value(extract(text), "PARTY")]
    assert "Sociedad del Estado" not in names


def test_a_weekday_picks_the_year_of_a_date_written_without_one(extract: Extract) -> None:
    text = "Hanoi will ban the exports under a decree signed on Tuesday, 30 June."
    records = extract(text, date=dt.date(2026, 7, 2))
    assert ("Tuesday, 30 June", "2026-06-30") in text_value(records, "DATE")


@pytest.mark.parametrize(
    ("text", "fact_type", "expected"),
    [
        ("Laos will ban exports of rare earth ores.", "MINERAL",
         ("rare earth ores", "rare earth elements")),
        ("Bac Kan Rare Earth Processing JSC will build it.", "PARTY",
         ("Bac Kan Rare Earth Processing JSC", "Bac Kan Rare Earth Processing JSC")),
        ("Its shares trade on Nasdaq Stockholm.", "PARTY",
         ("Nasdaq Stockholm", "Nasdaq Stockholm")),
    ],
)  # fmt: skip
def test_ore_groups_five_word_company_names_and_exchange_markets(
    extract: Extract, text: str, fact_type: str, expected: tuple[str, str]
) -> None:
    assert expected in text_value(extract(text), fact_type)


@pytest.mark.parametrize(
    "text",
    [
        "Zambia walked away from the deal after failing to agree on price.",
        "The change needs a decree signed by President Ana Ruiz.",
    ],
)
def test_a_failure_to_agree_and_an_unsigned_decree_commit_no_one(
    extract: Extract, text: str
) -> None:
    assert commitments(extract(text)) == []


def test_a_company_named_after_a_place_leaves_the_place_alone(extract: Extract) -> None:
    text = (
        "Atacama Andina Litio SpA won the auction. Herders in the Atacama say they "
        "were not consulted, and PT Sulawesi Energi Mineral Tbk runs a plant in Southeast "
        "Sulawesi. Atacama Andina said it would appeal."
    )
    names = [t for t, _ in text_value(extract(text), "PARTY")]
    assert "Sulawesi" not in names
    assert names.count("Atacama") == 0
    assert "Atacama Andina" in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "by" before a quantity is no deadline, so the past "had cut" decides
        ("The flood had cut output by about 12 per cent in the September quarter.",
         ("the September quarter", "2027-Q3")),
        # a past verb right before the date's preposition is the date's verb
        ("Feedstock will come from Ungava Corp., which agreed in June to supply ore.",
         ("June", "2027-06")),
        # a future quarter long over this year is next year's
        ("Germany said it would decide by the end of the first quarter.",
         ("the end of the first quarter", "2028-Q1")),
        # "while" ends the clause: "raised" does not reach the forecast
        ("Macquarie raised its forecast by 22%, while Citi sees a peak in the third quarter.",
         ("the third quarter", "2027-Q3")),
    ],
)  # fmt: skip
def test_tense_from_the_verb_of_the_date_not_from_quantities_or_other_clauses(
    extract: Extract, text: str, expected: tuple[str, str]
) -> None:
    assert expected in text_value(extract(text, date=dt.date(2027, 11, 18)), "DATE")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It equals 0.4% of the budget for fiscal 2027-28.", ("fiscal 2027-28", "2028")),
        ("Relief costs A$410m in the 2027-28 financial year.",
         ("the 2027-28 financial year", "2028")),
        ("First oxide is due in the second half of calendar 2028.",
         ("the second half of calendar 2028", "2028-H2")),
        ("The mine is exempt from tax for its first seven years.", ("first seven years", "P7Y")),
        ("Prices may stay low for another two years.", ("another two years", "P2Y")),
        ("It bought a stake in 2023 and sold it two years later.", ("two years later", "2025")),
    ],
)  # fmt: skip
def test_fiscal_year_ranges_calendar_years_and_counted_periods(
    extract: Extract, text: str, expected: tuple[str, str]
) -> None:
    assert expected in text_value(extract(text, date=dt.date(2027, 2, 24)), "DATE")


def test_a_line_break_after_the_full_stop_does_not_make_a_headline(extract: Extract) -> None:
    text = (
        "The committee approved a bill, prompting miner Andes Cobre S.A.A. to suspend its "
        "expansion.\nThe vote is next week."
    )
    assert commitments(extract(text)) == []


def test_a_contract_signed_somewhere_is_a_participle_but_signed_by_keeps_its_signers(
    extract: Extract,
) -> None:
    participle = "Under the contract, signed in Shanghai on 4 December, the buyer takes ore."
    assert not any(t.startswith("signed") for t, _ in commitments(extract(participle)))
    signers = "The framework, signed by Japan and India on Monday, covers lithium."
    assert [a for t, a in commitments(extract(signers)) if t.startswith("signed")] == [
        ["JPN", "IND"]
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hunan Xiangtan Advanced Battery Materials Co., Ltd. will buy the ore.",
         "Hunan Xiangtan Advanced Battery Materials Co., Ltd."),
        ("Minera Andina del Sur S.A.A. said it would cut spending.",
         "Minera Andina del Sur S.A.A."),
    ],
)  # fmt: skip
def test_long_chinese_names_before_co_ltd_and_the_peruvian_s_a_a(
    extract: Extract, text: str, name: str
) -> None:
    assert name in [t for t, _ in text_value(extract(text), "PARTY")]


def test_the_half_of_a_fiscal_year(extract: Extract) -> None:
    records = extract("It plans a fourth round in the first half of fiscal 2028.")
    assert ("the first half of fiscal 2028", "2028-H1") in text_value(records, "DATE")


@pytest.mark.parametrize(
    ("text", "committed"),
    [
        ("Andes Pacific Metals Ltd, which is studying a copper-gold deposit in Cajamarca, "
         "grew.", False),
        ("Nordic Metals AB is studying a lithium refinery in Kokkola.", True),
        ("Kazakh Tungsten JSC is exploring a tungsten carbide plant in Oskemen.", True),
    ],
)  # fmt: skip
def test_studying_a_deposit_is_prospecting_but_studying_a_plant_is_a_commitment(
    extract: Extract, text: str, committed: bool
) -> None:
    assert bool(commitments(extract(text))) is committed


def test_offtakes_signed_at_the_top_of_a_cycle_commit_no_one(extract: Extract) -> None:
    text = '"Offtakes signed at the top of a cycle tend to get renegotiated," said Yang Li.'
    assert commitments(extract(text)) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Zambia weighs copper levy\nBy Chipo Banda and Erik Lund\nLUSAKA - The finance "
         "ministry said ...", ["Chipo Banda", "Erik Lund"]),
        ("Why cobalt is cheap\nBy Anneliese Brandt-Hoffmann\nPrices fell.",
         ["Anneliese Brandt-Hoffmann"]),
        ("Prices fell.\n(Reporting by Juan Pérez in Lima and Amy Stone in Toronto; "
         "Editing by Kofi Mensah)", ["Juan Pérez", "Amy Stone", "Kofi Mensah"]),
        ("Media contact: Sofia Reyes, Andes Cobre, +56 2 555 0100", ["Sofia Reyes"]),
        ("Media contact: Kim Min-jun, Hanbit Metals, +82 2 555 0100", ["Kim Min-jun"]),
    ],
)  # fmt: skip
def test_bylines_credits_and_media_contacts_name_people(
    extract: Extract, text: str, names: list[str]
) -> None:
    people = [t for t, _ in text_value(extract(text), "PARTY")]
    assert all(name in people for name in names), people


@pytest.mark.parametrize(
    "text",
    [
        "By March the smelter will run at full rate.",
        "By Tuesday Glencore had sold its stake.",
        "By Western standards the mine is small.",
    ],
)
def test_by_before_a_date_or_a_name_mid_sentence_is_no_byline(extract: Extract, text: str) -> None:
    assert all(r.rule != "party-person-byline" for r in extract(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Analysts at Perth-based consultancy Karri Metals Analytics expect a surplus.",
         "Karri Metals Analytics"),
        ("Jan Novak, a fellow at Prague think tank Vltava, said the levy was too high.",
         "Vltava"),
        ("The trade body Batteries Europe welcomed the plan.", "Batteries Europe"),
        ("The Moose Lake Cree First Nation will hold a 10% stake.", "Moose Lake Cree First Nation"),
    ],
)  # fmt: skip
def test_a_descriptor_introduces_an_organisation(extract: Extract, text: str, name: str) -> None:
    parties = [t for t, _ in text_value(extract(text), "PARTY")]
    assert name in parties
    assert "Prague" not in parties and "Perth" not in parties


def test_a_descriptor_leaves_a_name_with_de_to_the_full_name_rule(extract: Extract) -> None:
    text = "The industry group Cámara Minera de Bolivia said it would appeal."
    assert "Cámara Minera" not in [t for t, _ in text_value(extract(text), "PARTY")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warsaw will spend 2.1 billion złoty on a refinery.", ("2.1 billion złoty", "PLN")),
        ("The bank arranged a 40 million rial tranche for the Omani smelter.",
         ("40 million rial", "OMR")),
    ],
)  # fmt: skip
def test_zloty_with_its_accent_and_the_omani_rial(
    extract: Extract, text: str, expected: tuple[str, str]
) -> None:
    got = [(t, v["unit"]) for t, v in text_value(extract(text), "AMOUNT")]
    assert expected in got


def test_pc_after_a_number_is_per_cent(extract: Extract) -> None:
    got = text_value(extract("Sales rose 18 pc while costs fell 4.5pc and margins about 9 pc."),
                     "PERCENTAGE")  # fmt: skip
    assert got == [("18 pc", 18.0), ("4.5pc", 4.5), ("about 9 pc", 9.0)]


def test_a_headline_verb_after_a_semicolon_shares_the_headline_subject(extract: Extract) -> None:
    text = "Altai Tin Q3 sales drop 9%; plans new smelter\nALMATY - Altai Tin JSC said ..."
    assert commitments(extract(text)) == [("plans new smelter", ["Altai Tin JSC"])]


def test_we_in_a_company_letter_is_the_company(extract: Extract) -> None:
    text = (
        "Rovuma Minerals Ltd published its chair's letter to shareholders.\n"
        "Last year we signed a supply deal with Tokai Carbon Co. This year we plan to double "
        "output."
    )
    got = commitments(extract(text))
    assert got[0][1][0] == "Rovuma Minerals Ltd"
    assert ("plan to double output", ["Rovuma Minerals Ltd"]) in got


def test_we_must_in_an_opinion_piece_commits_no_one(extract: Extract) -> None:
    text = "Acme Mining Ltd reported results.\nWe must stop treating ore as a free good."
    assert commitments(extract(text)) == []


def test_a_legal_forms_full_stop_ends_the_sentence_before_a_function_word(
    extract: Extract,
) -> None:
    text = "It owns Kivu Cobalt Company Ltd. Under the deal it will pay a 5% royalty."
    records = extract(text)
    parties = [t for t, _ in text_value(records, "PARTY")]
    assert "Kivu Cobalt Company Ltd" in parties
    assert len({r.sentence.index for r in records}) == 2


def test_gulf_legal_forms(extract: Extract) -> None:
    text = "Dhofar Minerals SAOG and Nile Phosphates SAE signed a deal."
    parties = [t for t, _ in text_value(extract(text), "PARTY")]
    assert parties == ["Dhofar Minerals SAOG", "Nile Phosphates SAE"]


def test_a_spaced_dash_after_a_dateline_is_not_part_of_a_company_name(extract: Extract) -> None:
    text = "ASTANA - Steppe Chrome JSC said output rose. Hanwha-Posco Ltd agreed."
    parties = [t for t, _ in text_value(extract(text), "PARTY")]
    assert "Steppe Chrome JSC" in parties and "Hanwha-Posco Ltd" in parties


def test_a_counterparty_after_with_the_signs_too(extract: Extract) -> None:
    text = "Andina Cobre S.A. signed a supply agreement with the Korea Zinc Company on Monday."
    assert commitments(extract(text))[0][1] == ["Andina Cobre S.A.", "Korea Zinc Company"]


def test_it_after_a_signing_is_the_subject_not_its_counterparty(extract: Extract) -> None:
    text = (
        "Fjord Metals ASA said it had signed a letter of intent with the European Investment "
        "Bank, and it aims to start production in 2028."
    )
    got = commitments(extract(text))
    assert got[-1] == ("aims to start production in 2028", ["Fjord Metals ASA"])


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Cuprum Andes S.A. aims to sign an offtake deal with a Korean smelter.", "intent"),
        ("The ministry plans to sign exploration agreements with two provinces.", "intent"),
        ("Nordkap Metals ASA signed an offtake deal with a Korean smelter.", "binding"),
    ],
)
def test_a_planning_verb_governs_the_verb_it_introduces(
    extract: Extract, text: str, modality: str
) -> None:
    assert [r.modality for r in extract(text) if r.type == "COMMITMENT"] == [modality]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Work will start between March and June 2027.", [("March", "2027-03"),
                                                          ("June 2027", "2027-06")]),
        ("Deliveries run from November to February 2028.", [("November", "2027-11"),
                                                             ("February 2028", "2028-02")]),
    ],
)  # fmt: skip
def test_the_first_month_of_a_range_takes_the_year_written_after(
    extract: Extract, text: str, expected: list[tuple[str, str]]
) -> None:
    assert text_value(extract(text, date=dt.date(2026, 3, 18)), "DATE") == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("It will ship first cargoes in the coming quarter.", ("the coming quarter", "2026-Q4")),
        ("It will spend Rs 900 crore by the end of FY2028-29.",
         ("the end of FY2028-29", "2029")),
        ("Output should rise in the 2027/28 season.", ("the 2027/28 season", "2028")),
        ("Analysts said Chile may cut royalties in the first quarter.",
         ("the first quarter", "2027-Q1")),
    ],
)  # fmt: skip
def test_coming_quarters_fiscal_ranges_seasons_and_may(
    extract: Extract, text: str, date: tuple[str, str]
) -> None:
    assert date in text_value(extract(text, date=dt.date(2026, 9, 16)), "DATE")


def test_may_the_month_is_no_future_marker(extract: Extract) -> None:
    records = extract("Output rose in May and fell in June.", date=dt.date(2026, 9, 16))
    assert text_value(records, "DATE") == [("May", "2026-05"), ("June", "2026-06")]


def test_the_government_of_a_state_is_the_state(extract: Extract) -> None:
    text = (
        "The Government of Queensland has awarded A$12m to Mount Isa Vanadium Pty Ltd, and "
        "will fund half of a pilot plant."
    )
    records = extract(text)
    assert ("Government of Queensland", "Queensland") in text_value(records, "PARTY")
    assert commitments(records)[-1][1] == ["Queensland"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Prices rose, according to price reporter Tiber Metal Prices.", "Tiber Metal Prices"),
        ("Ottawa may lend through export credit agency Norexa.", "Norexa"),
        ("The Geology and Mining General Directorate said it would tender 14 blocks.",
         "Geology and Mining General Directorate"),
    ],
)  # fmt: skip
def test_price_reporters_credit_agencies_and_directorates(
    extract: Extract, text: str, name: str
) -> None:
    assert name in [t for t, _ in text_value(extract(text), "PARTY")]


def test_a_one_word_short_name_in_parentheses_after_a_public_body(extract: Extract) -> None:
    text = (
        "Peru's Geological Survey Institute (Ingemmet) will map 12 blocks. Ingemmet said bids "
        "open in May. Andes Tin Corp. (Arequipa) said it would bid."
    )
    parties = text_value(extract(text), "PARTY")
    assert parties.count(("Ingemmet", "Geological Survey Institute")) == 2
    assert all(t != "Arequipa" for t, _ in parties)


def test_element_ores_in_the_plural(extract: Extract) -> None:
    records = extract("Licences cover deposits of graphite and titanium ores.")
    assert ("titanium ores", "titanium") in text_value(records, "MINERAL")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The tender went to Thailand's Chao Phraya Metals Pcl on Monday.",
         "Chao Phraya Metals Pcl"),
        ("Partner Caspian Alloys CJSC will pay 90 million manat.", "Caspian Alloys CJSC"),
        ("In Bahia, magnet maker Ímãs do Nordeste Ltda. aims to open a plant.",
         "Ímãs do Nordeste Ltda."),
        ("Deputy Minister Tran Van Minh Duc said the ban would stay.", "Tran Van Minh Duc"),
        ("Lawyer Ana Ruiz of Ruiz & Ortega said the ruling was final.", "Ruiz & Ortega"),
        ("Its partners are Hanbit Engineering & Construction and KOMIR.",
         "Hanbit Engineering & Construction"),
    ],
)  # fmt: skip
def test_more_legal_forms_accented_names_long_names_and_ampersand_firms(
    extract: Extract, text: str, name: str
) -> None:
    assert name in [t for t, _ in text_value(extract(text), "PARTY")]


@pytest.mark.parametrize(
    "text",
    ["Research & Development spending rose 4%.", "MINOR METALS & RARE EARTHS | Week 24"],
)
def test_common_words_and_headers_joined_by_ampersand_are_no_firm(
    extract: Extract, text: str
) -> None:
    assert all(r.rule != "party-org-ampersand" for r in extract(text))


def test_a_date_before_a_comma_leaves_the_comma_out(extract: Extract) -> None:
    records = extract("The ministry approved the permit on Tuesday, March 17, with conditions.")
    assert [t for t, _ in text_value(records, "DATE")] == ["Tuesday, March 17"]


def test_the_twelve_months_to_a_date_is_the_year_it_ends_in(extract: Extract) -> None:
    records = extract("Prices stayed low for most of the 12 months to June 30.",
                      date=dt.date(2026, 8, 26))  # fmt: skip
    assert text_value(records, "DATE") == [("the 12 months to June 30", "2026")]


def test_the_two_companies_are_companies_not_the_countries_named_with_them(
    extract: Extract,
) -> None:
    text = (
        "The contract went to Thailand's Chao Phraya Metals Pcl and Vietnam's Red River "
        "Minerals JSC. The two companies will split the output equally."
    )
    got = commitments(extract(text))
    assert got[-1][1] == ["Chao Phraya Metals Pcl", "Red River Minerals JSC"]


def test_under_the_deal_is_no_subject(extract: Extract) -> None:
    text = (
        "Kafue Copper Plc signed a wage agreement with the Mineworkers Union of Zambia (MUZ). "
        "Under the deal, the company will raise basic pay by 9% from July 1."
    )
    assert commitments(extract(text))[-1][1] == ["Kafue Copper Plc"]


def test_or_less_after_a_sum_is_its_bound(extract: Extract) -> None:
    records = extract("Bids of Rs 2 lakh or less and of $5 million or more.")
    assert [(r.text, r.comparator) for r in records if r.type == "AMOUNT"] == [
        ("Rs 2 lakh or less", "<="),
        ("$5 million or more", ">="),
    ]


def test_a_known_short_name_in_parentheses_takes_the_documents_full_name(
    extract: Extract,
) -> None:
    text = (
        "State-owned Saudi Arabian Mining Company (Ma'aden) signed the deal. "
        "Ma'aden would take a 51% stake."
    )
    got = [(t, v) for t, v in text_value(extract(text), "PARTY") if t == "Ma'aden"]
    assert got == [("Ma'aden", "Saudi Arabian Mining Company")] * 2


def test_a_country_possessive_inside_a_subject_group_names_the_company(
    extract: Extract,
) -> None:
    text = "Ghana's Volta Minerals Ltd and Nigeria's Okoya Metals Plc signed a joint venture."
    assert commitments(extract(text))[0][1] == ["Volta Minerals Ltd", "Okoya Metals Plc"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The United States takes over the presidency in January.", ("January", "2027-01")),
        ("The new licensing rules apply from January 1.", ("January 1", "2027-01-01")),
        ("In March, Kivu Metals signed a seven-year offtake.", ("March", "2026-03")),
        ("Austral put the stake up for sale in March after prices fell.", ("March", "2026-03")),
        ("The ban runs from Feb. 22 to Oct. 15, 2025.", ("Feb. 22", "2025-02-22")),
    ],
)  # fmt: skip
def test_a_month_with_no_tense_is_the_nearest_one_and_opening_dates_take_the_tense_after(
    extract: Extract, text: str, date: tuple[str, str]
) -> None:
    assert date in text_value(extract(text, date=dt.date(2026, 11, 13)), "DATE")


def test_a_date_after_on_ends_a_body_name(extract: Extract) -> None:
    text = "It was approved by the Union Cabinet on Tuesday, Mines Secretary Rajiv Menon said."
    parties = [t for t, _ in text_value(extract(text), "PARTY")]
    assert parties == ["Union Cabinet", "Rajiv Menon"]


@pytest.mark.parametrize(
    "text",
    [
        "The smelter could cost up to 7.5 billion riyals, the company said.",
        "Kazakhstan could gain market share if the ban stays.",
        "Smaller miners would struggle unless prices recover.",
    ],
)
def test_an_outcome_after_a_modal_commits_no_one(extract: Extract, text: str) -> None:
    assert commitments(extract(text)) == []


def test_a_name_holding_research_is_no_analyst(extract: Extract) -> None:
    text = "The Mineral Research and Survey Directorate (MTA) said it would tender 14 licences."
    assert commitments(extract(text)) == [
        ("would tender 14 licences", ["Mineral Research and Survey Directorate"])
    ]


def test_a_portuguese_company_is_found_again_by_its_name_without_mineracao(
    extract: Extract,
) -> None:
    text = (
        "Mineração Rio Claro S.A. won the licence. Rio Claro, which is controlled by "
        "Canada's Norte Lithium Corp., said it would appeal."
    )
    assert commitments(extract(text)) == [("would appeal", ["Mineração Rio Claro S.A."])]


def test_an_acronym_a_document_defines_takes_its_full_name(extract: Extract) -> None:
    text = (
        "The National Bank for Economic and Social Development (BNDES) will lend R$2 billion. "
        "BNDES said the loan runs for ten years."
    )
    got = [v for t, v in text_value(extract(text), "PARTY") if t == "BNDES"]
    assert got == ["National Bank for Economic and Social Development"] * 2


def test_alliances_are_organisations_and_rights_groups_introduce_names(
    extract: Extract,
) -> None:
    text = (
        "The Responsible Tin Alliance pledged to trace every tonne. Rights group Mining "
        "Justice Watch said the pledge was voluntary."
    )
    parties = [t for t, _ in text_value(extract(text), "PARTY")]
    assert parties == ["Responsible Tin Alliance", "Mining Justice Watch"]


def test_a_byline_with_the_city_of_the_reporter(extract: Extract) -> None:
    text = "Japan and Brazil sign minerals framework\nBy Helena Costa in São Paulo\nTOKYO - ..."
    assert "Helena Costa" in [t for t, _ in text_value(extract(text), "PARTY")]
