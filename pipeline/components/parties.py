"""PARTY candidates: countries, capitals as governments, organisations, companies, officials.

Sources, all data: pycountry plus `country_aliases.jsonl` (ORTH, so "US"
is never "us"), `capitals.jsonl`, `organizations.jsonl`, `subnational.jsonl`
(provinces and states, parties only when they act), `nonparty.jsonl`
(places such as "South America" that must swallow "America"), and token
patterns in `party_patterns.jsonl` for titled people, company suffixes,
ministries and formal titles of agreements and laws (type NONE: they win
overlaps and then vanish, so "Critical Minerals Agreement" yields nothing).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.components.base import (
    PLACES_KEY,
    PRIORITY,
    Candidate,
    candidates,
    is_heading,
    lower_texts,
    orth_texts,
    sentence_start_of,
)
from pipeline.components.matching import FilePatterns, Gazetteer
from pipeline.gazetteers import (
    GazetteerEntry,
    capital_entries,
    country_entries,
    load_json,
    load_jsonl,
    organization_entries,
    people_entries,
    subnational_entries,
)

DASHES = frozenset({"-", "–", "—"})


class PartyMatcher:
    """Propose PARTY candidates (and NONE blockers for formal names and non-party places)."""

    def __init__(self, nlp: Language, name: str = "parties") -> None:
        self.name = name
        nonparty = [GazetteerEntry(r["pattern"], "", r["id"]) for r in load_jsonl("nonparty.jsonl")]
        self.names = Gazetteer(
            [*country_entries(), *organization_entries(), *people_entries(), *nonparty],
            attr="ORTH",
            tokenizer=nlp.tokenizer,
        )
        capitals = list(capital_entries())
        datelines = [GazetteerEntry(c.phrase.upper(), c.value, c.rule) for c in capitals]
        self.capitals = Gazetteer([*capitals, *datelines], attr="ORTH", tokenizer=nlp.tokenizer)
        # Country names in capitals: section labels and headlines ("EGYPT: Gulf investor ...").
        upper = [
            GazetteerEntry(e.phrase.upper(), e.value, e.rule, e.kind)
            for e in country_entries()
            if e.phrase.upper() != e.phrase
        ]
        self.upper_countries = Gazetteer(upper, attr="ORTH", tokenizer=nlp.tokenizer)
        self.patterns = FilePatterns(nlp.vocab, "party_patterns.jsonl")
        lex = load_json("lexicon.json")
        self.generic = frozenset(lex["generic_name_words"])
        self.ampersand_common = frozenset(lex["ampersand_common_words"])
        self.location_preps = frozenset(lex["location_prepositions"])
        self.name_stop = frozenset(lex["name_stop"])
        self.title_noise = frozenset(lex["title_leading_noise"])
        self.portfolio_words = frozenset(lex["portfolio_words"])
        self.company_tails = frozenset(lex["company_tail_words"])
        self.legal_forms: dict[str, Any] = lex["split_legal_forms"]  # "S.A.B. de C.V."
        self.no_period_suffixes = frozenset(lex["suffixes_without_period"])
        # lower-case dotted legal forms the tokenizer splits: "s.p." → "s.p" + "."
        self.split_dot_suffixes = frozenset(lex["split_dot_suffixes"])
        self.offices = frozenset(lex["government_offices"])
        self.name_linking = frozenset(lex["name_linking_words"])
        self.determiners = frozenset(lex["org_head_determiners"])
        self.body_heads = frozenset(lex["org_heads_for_the"])
        self.name_particles = frozenset(lex["name_particles"])
        self.place_determiners = frozenset(lex["place_determiners"])
        self.demonyms = frozenset(lex["demonyms"])
        macros = load_json("macros.json")
        self.suffixes = frozenset(macros["COMPANY_SUFFIX"]["ORTH"]["IN"])
        self.place_suffix_words = frozenset(lex["place_suffix_words"])
        self.country_abbreviations = frozenset(lex["country_abbreviation_prefixes"])
        self.title_words = frozenset(macros["TITLE_WORD"]["LOWER"]["IN"])
        self.employer_kinds = frozenset(macros["EMPLOYER_KIND"]["LOWER"]["IN"])
        self.months_days = frozenset(macros["MONTH"]["ORTH"]["IN"]) | frozenset(
            macros["WEEKDAY"]["ORTH"]["IN"]
        )
        self.country_words = frozenset(e.phrase for e in country_entries())
        self.place_names = self.country_words | frozenset(c.phrase for c in capitals)
        self.government_words = frozenset(lex["government_words"])
        self.country_named_heads = frozenset(lex["country_named_org_heads"])
        self.subnational = Gazetteer(subnational_entries(), attr="ORTH", tokenizer=nlp.tokenizer)
        self.acting_next = frozenset(lex["subnational_acting_next"])
        self.authority_words = frozenset(lex["subnational_government_words"])
        # A question opened by a modal puts the province in the subject: "Will Salta blink?"
        self.acting_questions = frozenset(lex["subnational_question_openers"])
        prefixes = "|".join(map(re.escape, lex["surname_prefixes"]))
        self.prefixed_surname = re.compile(rf"^(?:{prefixes})[A-Z][a-z]+$")  # "McAllister"
        self.level_words = frozenset(lex["subnational_level_words"])
        self.facility_words = frozenset(lex["facility_words"])
        self.programme_heads = frozenset(lex["programme_heads"])
        self.owners = frozenset(lex["programme_owners"])

    def __call__(self, doc: Doc) -> Doc:
        texts = orth_texts(doc)
        out = candidates(doc)
        prio = PRIORITY["PARTY"]
        acting_places: set[int] = set()
        for entry, s, e in self.subnational.matches(doc):
            if self._acting(doc, s, e):
                span = doc[s:e]
                acting_places.add(span.start_char)
                k = self._government_of(texts, s)
                if k is not None:
                    span = doc[k:e]  # "the Government of Western Australia" is the state
                out.append(Candidate("PARTY", span.start_char, span.end_char, entry.value,
                                     entry.rule, {"kind": "organization"}, prio))  # fmt: skip
        for entry, s, e in self.names.matches(doc):
            span = doc[s:e]
            if entry.rule == "nonparty" and span.start_char in acting_places:
                continue  # "Western Australia has approved": the state acts
            if entry.rule == "nonparty":
                out.append(
                    Candidate("NONE", span.start_char, span.end_char, None, "nonparty", {}, 2)
                )
                continue
            if entry.kind == "country":
                k = self._government_of(texts, s)
                if k is not None:
                    span = doc[k:e]  # "Government of Japan" is Japan
            attrs = {"kind": entry.kind}
            out.append(Candidate("PARTY", span.start_char, span.end_char, entry.value, entry.rule,
                                 attrs, prio))  # fmt: skip
            if entry.kind == "country":
                named = self._named_after_country(doc, span.start, e)
                if named is not None:
                    out.append(named)
        for entry, s, e in self.upper_countries.matches(doc):
            nxt = texts[e] if e < len(doc) else ""
            if nxt in (",", "/") or nxt.isupper() or (s > 0 and texts[s - 1] == "/"):
                continue  # a dateline: "MEXICO CITY, June 18 -", "BEIJING/SINGAPORE, July 20 -"
            span = doc[s:e]
            out.append(Candidate("PARTY", span.start_char, span.end_char, entry.value, entry.rule,
                                 {"kind": "country"}, prio))  # fmt: skip
        places: list[tuple[int, str]] = doc.user_data.setdefault(PLACES_KEY, [])
        capitals = self.capitals.matches(doc)
        for entry, s, e in capitals:
            if any(s2 <= s and e <= e2 and e2 - s2 > e - s for _, s2, e2 in capitals):
                continue  # "Delhi" inside "New Delhi": the longer name decides
            if self._is_place(doc, s, e):
                places.append((doc[s].idx, str(entry.value)))
                continue
            span = doc[s:e]
            out.append(Candidate("PARTY", span.start_char, span.end_char, entry.value, entry.rule,
                                 {"kind": "country"}, prio))  # fmt: skip
        for row, s, e in self.patterns.matches(doc):
            cand = self._from_pattern(doc, row, s, e)
            if cand is not None:
                out.append(cand)
        return doc

    def _government_of(self, texts: list[str], s: int) -> int | None:
        """Where "Government of (the) X" starts, for the place name at token s; else None."""
        if s < 2 or texts[s - 1] not in ("of", "the"):
            return None
        k = s - 2 if texts[s - 1] == "of" else s - 3  # "Government of the Philippines"
        if k >= 0 and texts[k + 1] == "of" and texts[k] in self.government_words:
            return k
        return None

    def _acting(self, doc: Doc, s: int, e: int) -> bool:
        """Does the province or state at [s, e) act as a government here?

        "Ontario has committed", "Quebec, which holds a stake", "Catamarca's
        provincial government", "the Pahang state government", "the state of
        Saxony": yes. "in Ontario", "Ontario mines": no.
        """
        lowers = lower_texts(doc)
        n = len(doc)
        if s > 0 and lowers[s - 1] in self.location_preps:
            return False  # "a mine in California is ...": a place
        nxt = lowers[e] if e < n else ""
        if nxt in self.acting_next or nxt in self.authority_words:
            return True  # "Ontario has", "the Odisha government", "Idaho Governor X"
        if s > 0 and lowers[s - 1] in self.acting_questions and doc[s - 1].is_title:
            return True  # "Will Salta blink first?"
        if (
            nxt == "to"
            and sentence_start_of(doc)[s] == s
            and e + 1 < n
            and doc[e + 1].is_lower
            and doc[e + 1].is_alpha
        ):
            return True  # headline "Saskatchewan to offer tax credit"
        if nxt == "," and e + 1 < n and lowers[e + 1] in ("which", "who"):
            return True
        after = {t.lower_ for t in doc[e + 1 : min(n, e + 4)]}
        if nxt in ("'s", "’s") and after & self.authority_words:
            return True
        if nxt in self.level_words and e + 1 < n:
            following = lowers[e + 1]
            return following in self.authority_words or following in self.acting_next
        return s >= 2 and lowers[s - 1] == "of" and lowers[s - 2] in self.level_words

    def _named_after_country(self, doc: Doc, s: int, e: int) -> Candidate | None:
        """ "Minerals Council South Africa", "Natural Resources Canada": named for a country.

        The word right before the country is an organisation's head word, and
        capitalised words before it belong to the name.
        """
        texts = orth_texts(doc)
        if s == 0 or texts[s - 1] not in self.country_named_heads or doc[s - 1].whitespace_ != " ":
            return None
        start = s - 1
        while start > 0 and doc[start - 1].is_title and texts[start - 1] not in self.title_noise:
            start -= 1
        if start == s - 1 and texts[start] in self.generic:
            return None  # "Critical Minerals Canada" alone is too vague to be a name
        if start > 0 and texts[start - 1] in ("'s", "’s"):
            return None
        span = doc[start:e]
        return Candidate("PARTY", span.start_char, span.end_char, span.text,
                         "party-named-after-country", {"kind": "organization"}, 4)  # fmt: skip

    def _is_place(self, doc: Doc, s: int, e: int) -> bool:
        """ "in Tokyo" is where something happened; "Tokyo said" is the government."""
        texts = orth_texts(doc)
        lowers = lower_texts(doc)
        if s > 0 and lowers[s - 1] in self.location_preps | self.place_determiners:
            return True
        if doc[s].is_upper and (
            s == 0 or "\n" in doc[s - 1].text_with_ws or texts[s - 1] == "/" or doc[s - 1].is_upper
        ):
            return True  # a dateline: "MEXICO CITY, Feb 17 -", "TOKYO/PARIS, Sept. 18 -"
        line_start = s == 0 or "\n" in doc[s - 1].text_with_ws or texts[s - 1] == "|"
        if (
            line_start
            and e + 1 < len(doc)
            and texts[e] == ","
            and (doc[e + 1].like_num or texts[e + 1] in self.months_days)
        ):
            return True  # a dateline in title case: "Oslo, 5 November 2026", "| Oslo, 5 ..."
        if line_start and e < len(doc) and texts[e] in ("—", "–"):
            return True  # a dateline with a dash: "Harare — Zimbabwe will ban ..."
        if e + 1 < len(doc) and texts[e] in ("-", ",") and lowers[e + 1] in self.place_suffix_words:
            return True  # "Tokyo-based", "London-listed", "Washington, D.C."
        return False

    def _from_pattern(self, doc: Doc, entry: dict[str, object], s: int, e: int) -> Candidate | None:
        texts = orth_texts(doc)
        lowers = lower_texts(doc)
        rule = str(entry["id"])
        if rule == "party-person-byline" and not self._byline(doc, s, e):
            return None
        if entry.get("skip"):
            s += int(str(entry["skip"]))
            if s < e and lowers[s] == "to":
                s += 1  # "according to Jane Doe"
        if entry.get("drop_last"):
            e -= int(str(entry["drop_last"]))
        # Trim separators a loose pattern may have swallowed at the edges.
        while e > s and texts[e - 1] in (",", "and", "&", "-", "of", "the"):
            e -= 1
        if s >= e:
            return None
        span = doc[s:e]
        if entry["label"] == "NONE":
            return self._formal_title(doc, s, e)
        kind = str(entry.get("kind", "organization"))
        if rule == "party-company-appositive":
            if e - s > 3 or any(
                t.text in self.country_words or t.text in self.generic for t in doc[s:e]
            ):
                return None
            span = doc[s:e]
        if rule == "party-department-of":
            for i in range(s + 2, e - 1):
                if lowers[i] in ("on", "in", "at") and texts[i + 1] in self.months_days:
                    e = i  # "the Union Cabinet on Tuesday, Mines Secretary X": the date ends it
                    break
            while e > s + 2 and (texts[e - 1] in self.months_days or doc[e - 1].is_lower):
                e -= 1  # "European Commission on Tuesday" → "European Commission"
            if lowers[e - 1] in ("on", "of", "for"):
                e -= 1
            for i in range(s + 2, e - 1):
                if texts[i] == "," and doc[i + 1 : e].text in self.place_names:
                    e = i  # "Ministry of Mining, Lilongwe": the place is not in the name
                    break
                if texts[i] == "," and texts[e - 1] in self.suffixes and e - i > 2:
                    e = i  # "Ministry of Finance, Norges Bank": a second body after the comma
                    break
                if (
                    texts[i] in ("and", "&")
                    and any(lowers[k] in ("of", "for", "on") for k in range(s, i))
                    and any(texts[j] in self.body_heads for j in range(i + 1, e))
                ):
                    e = i  # "Council of the European Union and the European Parliament": two
                    break
                if (
                    lowers[i] == "for"
                    and lowers[i + 1] == "the"
                    and e < len(doc)
                    and lowers[e] in self.facility_words
                ):
                    e = i  # "Korea Development Bank for the Onsan project"
                    break
            if e + 1 < len(doc) and lowers[e] == "of" and texts[e - 1] != "of":
                k = e + 2 if lowers[e + 1] == "the" else e + 1
                for n in (3, 2, 1):  # "Chamber of Mines of the Philippines"
                    if k + n <= len(doc) and doc[k : k + n].text in self.country_words:
                        e = k + n
                        break
            span = doc[s:e]
        if rule == "party-company-suffix":
            for i in range(e - 2, s, -1):
                if texts[i] in DASHES and (doc[i - 1].whitespace_ or doc[i].whitespace_):
                    s = i + 1  # "ALMATY - Altai Tin JSC": a spaced dash ends a dateline
                    span = doc[s:e]
                    break
        if rule in ("party-department-of", "party-org-head", "party-company-suffix",
                    "party-company-weak"):  # fmt: skip
            while s < e - 1 and (doc[s].is_stop or texts[s] in self.title_noise or doc[s].is_punct):
                s += 1  # "The Standing Committee ..." → "Standing Committee ..."
            if texts[s] in self.country_abbreviations and e - s > 2:
                s += 1  # "US International Development Finance Corporation": two parties
            span = doc[s:e]
        if rule in (
            "party-person-title",
            "party-person-appositive",
            "party-person-said",
            "party-person-preposed",
            "party-person-portfolio",
            "party-person-byline",
            "party-person-credit",
        ):
            if rule == "party-person-portfolio":
                if e + 1 < len(doc) and texts[e] == ",":
                    # "Minister of Energy and Natural Resources, [Marc Tremblay-Ouellet]":
                    # the words before the comma are all portfolio, the name follows it.
                    s = e + 1
                    e = s
                    while e < min(s + 3, len(doc)) and doc[e].is_title and doc[e].is_alpha:
                        e += 1
                else:
                    s = e - 2  # "Minister of Energy Transition [Amina Tazi]": the last two words
                    while (
                        e - s < 4
                        and doc[s - 1].is_title
                        and texts[s - 1] not in self.portfolio_words
                        and texts[s - 2] not in ("of", "for")
                    ):
                        s -= 1  # "Secretary of Foreign Affairs [Ana Liza Villaruel]"
            if rule == "party-person-appositive":
                e = next(i for i in range(s, e) if texts[i] == ",")
            return self._person(doc, s, e, rule)
        if entry.get("weak") and is_heading(span.sent):
            return None
        if (
            rule == "party-org-descriptor"
            and e + 1 < len(doc)
            and lowers[e] in self.name_linking
            and doc[e + 1].is_title
        ):
            return None  # "industry group Sociedad Nacional de Minería": the name goes on
        if rule == "party-org-ampersand":
            words = [t for t in texts[s:e] if t != "&"]
            if all(t.isupper() for t in words) or all(t in self.ampersand_common for t in words):
                return None  # "MINOR METALS & RARE EARTHS", "Research & Development"
        if rule == "party-org-head-first" and s > 0 and lowers[s - 1] not in self.determiners:
            if doc[s - 1].is_title or lowers[s - 1] in self.name_linking:
                return None  # "Catamarca Minera y Energética Sociedad del Estado": mid-name
        if rule == "party-org-head-first" and e + 1 < len(doc) and texts[e] == ",":
            if doc[e + 1].is_title:
                return None  # "Instituto Geológico, Minero y Metalúrgico": the name goes on
        if texts[e - 1] in self.programme_heads and s > 0 and lowers[s - 1] in self.owners:
            # "set up an African Minerals Development Fund", "its Critical Minerals Fund":
            # a programme being created or run by someone, not a party that acts.
            return Candidate("NONE", span.start_char, span.end_char, None, "name-programme", {}, 4)
        if rule == "party-org-employer" and e < len(doc):
            based = any(
                texts[i] in DASHES and lowers[i + 1] == "based"
                for i in range(e, min(e + 4, len(doc) - 1))
            )
            if based or lowers[e] in self.employer_kinds:
                return None  # "Almaty-based X", "Kyiv brokerage X": the city is not the employer
        if (
            rule.startswith("party-company")
            and e + 1 < len(doc)
            and texts[e - 1] in self.legal_forms["heads"]
            and lowers[e] == self.legal_forms["joiner"]
            and texts[e + 1].rstrip(".") in self.legal_forms["tails"]
        ):
            e += 2  # "Minerales del Desierto S.A.B. de C.V.": one Mexican legal form
            span = doc[s:e]
        if rule.startswith("party-company") and e < len(doc) and texts[e] in self.company_tails:
            e += 1  # "Dalal Street Metals Research", "Orbis Metals Data": the name goes on
            span = doc[s:e]
        if rule.startswith("party-company") and (
            (e < len(doc) and texts[e] in self.offices) or self._after_office_of(doc, s)
        ):
            return None  # "Natural Resources Minister X", "Minister of Mines and Natural Resources"
        if (
            rule.startswith("party-company")
            and rule != "party-company-appositive"
            and all(t.text in self.generic for t in span[:-1])
        ):
            return None  # "Critical Minerals", "Strategic Development Fund"
        if any(
            t.text in self.suffixes
            and lowers[t.i + 1] in ("and", "&", ",")
            and texts[t.i + 2] not in self.suffixes  # "Co., Ltd." is one suffix
            for t in span[:-2]
        ):
            return None  # "CMOC Group Ltd and Glencore Plc" is two companies
        for t in span[1:-1]:
            if t.lower_ == "and" and doc[s : t.i].text in self.country_words:
                s = t.i + 1  # "Papua New Guinea and Sepik Copper Ltd": a country, then a company
                span = doc[s:e]
                break
        if texts[s] in self.demonyms and rule in ("party-x-department", "party-company-weak"):
            # "Chinese Commerce Ministry", "Australian Lynas Ltd": drop the adjective.
            while s < e - 1 and texts[s] in self.demonyms:
                s += 1
            span = doc[s:e]
            if len(span) < 2:
                return None
        value = span.text
        if entry.get("reorder"):
            value = f"{span[-1].text} of {span[:-1].text}"
        if rule == "party-administration":
            value = f"{span[:-1].text} Administration"
        end_char = span.end_char
        if (
            span[-1].text[:-1] in self.no_period_suffixes
            and span[-1].text.endswith(".")
            and (
                e == len(doc)
                or sentence_start_of(doc)[e] == e
                or doc[e].is_space
                or (doc[e].is_title and doc[e].is_stop)
            )
        ):
            # "... Nordkap Rohstoffe GmbH.", "... Company Ltd. Under that agreement": the full
            # stop ends the sentence (a capitalised function word opens the next one)
            end_char -= 1
            value = value[:-1] if value.endswith(".") else value
        if (
            e < len(doc)
            and texts[e] == "."
            and not doc[e - 1].whitespace_
            and (
                texts[e - 1] in self.split_dot_suffixes
                or (
                    rule.startswith("party-company")
                    and e + 1 < len(doc)
                    and doc[e + 1].is_lower
                    and doc[e + 1].is_alpha
                )
            )
        ):
            # "Diamo s.p.": the tokenizer split the suffix's last full stop; "Ímãs Cerrado
            # Ltda. aims to ...": a lower-case word after it, so it is no sentence end
            end_char += 1
            value += "."
        return Candidate("PARTY", span.start_char, end_char, value, rule, {"kind": kind}, 5)

    def _byline(self, doc: Doc, s: int, e: int) -> bool:
        """Does "By ..." (tokens s..e) fill a line of its own, as a byline does?

        "By Daniel Okafor and Yuki Tanabe" under a headline names the writers;
        "By March the plant ..." or "By Tuesday Glencore had ..." do not end the line.
        """
        texts = orth_texts(doc)
        if s > 0 and "\n" not in doc[s - 1].text_with_ws:
            return False
        while e + 1 < len(doc) and texts[e] in DASHES and not doc[e - 1].whitespace_:
            e += 2  # "By Margaret Osei-Whitfield"
        if e >= len(doc) or "\n" in doc[e - 1].whitespace_ or "\n" in texts[e]:
            return True
        return texts[e] in ("and", ",", "|", "/", "in")  # "By X in São Paulo and Y in Tokyo"

    def _person(self, doc: Doc, s: int, e: int, rule: str) -> Candidate | None:
        """The name after a title, stopping at weekdays, months and country names."""
        texts = orth_texts(doc)
        lowers = lower_texts(doc)
        while s < e and lowers[s] in self.title_words:
            s += 1  # "Chief Executive Laura Méndez": both words are title
        while (
            s >= 2
            and texts[s - 1] in DASHES
            and not doc[s - 2].whitespace_
            and not doc[s - 1].whitespace_
            and doc[s - 2].is_title
            and doc[s - 2].is_alpha
        ):
            s -= 2  # "Jean-Claude Mbuyi Kalala": the given name goes on before the hyphen
        end = s
        while end < e and texts[end] not in self.name_stop and texts[end] not in self.country_words:
            end += 1
        if end == s or (end - s == 1 and not doc[s].is_title):
            return None
        while end == e and end - s < 4 and end < len(doc) and self._name_word(doc[end]):
            # "Chief Executive Officer [Annika Lindqvist]", "Deputy Minister [Nguyen Thi Lan
            # Huong]": title words took name slots of the pattern
            end += 1
            e = end
        if end == e:
            end = self._hyphenated_name_end(doc, end)
        while end < len(doc) and self.prefixed_surname.match(texts[end]):
            end += 1  # "Fiona McAllister": not title case, still a surname
        while s < end and texts[s] in self.portfolio_words:
            s += 1  # "Minister of Foreign Affairs Wang Yi": the portfolio is not the name
        if s == end:
            return None
        span = doc[s:end]
        if is_heading(span.sent) and end - s < 2:
            return None
        if any(t.text in self.generic or t.lower_ in self.title_words for t in span):
            return None
        return Candidate("PARTY", span.start_char, span.end_char, span.text, rule,
                         {"kind": "person"}, 5)  # fmt: skip

    def _after_office_of(self, doc: Doc, s: int) -> bool:
        """Is token s in a portfolio after "Minister of" ("Minister of Energy and [Natural ...")?"""
        texts = orth_texts(doc)
        lowers = lower_texts(doc)
        k = s - 1
        while k > max(0, s - 8) and (doc[k].is_title or lowers[k] in ("and", "&", ",")):
            k -= 1
        return k > 0 and lowers[k] in ("of", "for") and texts[k - 1] in self.offices

    def _name_word(self, tok: Token) -> bool:
        """A word that can be part of a person's name: capitalised, not a stop, place or date."""
        return (
            tok.is_title
            and tok.is_alpha
            and not tok.is_stop
            and tok.text not in self.name_stop
            and tok.text not in self.country_words
            and tok.lower_ not in self.title_words
        )

    def _hyphenated_name_end(self, doc: Doc, end: int) -> int:
        """Carry a person's name across hyphens ("Khalid Al-Harbi", "Faisal al-Harbi")."""
        texts = orth_texts(doc)
        joined = False
        while end + 1 < len(doc):
            tok = doc[end]
            if (
                tok.lower_ in self.name_particles
                and tok.is_lower
                and not tok.whitespace_
                and end + 2 < len(doc)
                and texts[end + 1] in DASHES
                and doc[end + 2].is_title
            ):
                end, joined = end + 3, False  # "Faisal al-Harbi", "Abdel Fattah el-Sisi"
                continue
            if tok.text in DASHES and not doc[end - 1].whitespace_ and not tok.whitespace_:
                after = doc[end + 1]
                if after.is_lower and after.is_alpha and len(after) <= 5 and len(doc[end - 1]) <= 5:
                    end += 2  # Korean given names: "Park Ji-hoon", "Lee Jae-myung"
                    break
                if not after.is_title:
                    break
                end, joined = end + 2, True
            elif joined and tok.is_title and tok.text not in self.name_stop | self.country_words:
                end += 1  # the surname after a hyphenated first name
                joined = False
            else:
                break
        return end

    def _formal_title(self, doc: Doc, s: int, e: int) -> Candidate | None:
        """A formal name (Act, Agreement, Summit...) as a blocker, without leading noise.

        A leading country stays outside the name ("U.S. Inflation Reduction Act")
        unless it is joined to another by a dash ("United States–Australia
        Framework for ..."), which marks a bilateral title.
        """
        texts = orth_texts(doc)
        lowers = lower_texts(doc)
        while s < e and (doc[s].is_lower or texts[s] in self.title_noise or doc[s].is_punct):
            s += 1
        while s < e - 1:
            tok = doc[s]
            if tok.text in self.country_words and not (s + 1 < e and texts[s + 1] in DASHES):
                s += 1
                continue
            break
        for i in range(s + 1, e - 1):
            if lowers[i] == "and" and (doc[i - 1].is_upper or texts[i - 1] in self.country_words):
                s = i + 1  # "Quad and Minerals Security Partnership": two names
        while e > s and (texts[e - 1] in self.months_days or doc[e - 1].is_lower):
            e -= 1
        if e - s < 2:
            return None
        span: Span = doc[s:e]
        return Candidate("NONE", span.start_char, span.end_char, None, "name-formal-title", {}, 4)
