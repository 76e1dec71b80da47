"""Resolve candidates into facts: no overlaps, longest wins, then document-level names.

Why a component that sees the whole document: "the longer name wins over what
it contains" is a decision between candidates of different components, and
"Trump" or "Lynas" later in an article mean the "Donald Trump" and "Lynas
Rare Earths Ltd" named earlier — knowledge no single match has.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import takewhile

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_STOP, IS_TITLE, LENGTH, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import (
    FACTS_KEY,
    Candidate,
    candidates,
    doc_text,
    places_of,
    sentence_chars,
    token_lowers,
)
from pipeline.components.commitment_types import COMPANY_RULES
from pipeline.components.focus import main_country
from pipeline.gazetteers import (
    capital_entries,
    country_entries,
    load_json,
    subnational_entries,
)
from pipeline.normalize.currency import currency_in, currency_of_demonym


def select_non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Greedy: longest first, then priority, then leftmost; keep what overlaps nothing kept."""
    ordered = sorted(cands, key=lambda c: (-c.length, c.priority, c.start, c.end))
    kept_starts: list[int] = []
    kept: list[Candidate] = []
    ends_by_start: dict[int, int] = {}
    for cand in ordered:
        i = bisect_right(kept_starts, cand.start)
        if i > 0 and ends_by_start[kept_starts[i - 1]] > cand.start:
            continue
        if i < len(kept_starts) and kept_starts[i] < cand.end:
            continue
        kept_starts.insert(i, cand.start)
        ends_by_start[cand.start] = cand.end
        kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, c.end))


class FactResolver:
    """Turn `doc.user_data` candidates into the document's final, non-overlapping facts."""

    def __init__(self, nlp: Language, name: str = "fact_resolver") -> None:
        self.name = name
        lex = load_json("lexicon.json")
        self.generic = frozenset(lex["generic_name_words"])
        self.country_words = frozenset(e.phrase for e in country_entries())
        # Places a company may be named after ("Tamil Nadu Minerals Ltd"): never its short name.
        self.place_names = self.country_words | frozenset(
            e.phrase for e in (*subnational_entries(), *capital_entries())
        )
        self.org_heads = tuple(lex["org_heads_for_the"])
        self.company_prefixes = frozenset(lex["company_prefixes"])
        suffixes = "|".join(map(re.escape, sorted(lex["legal_suffixes"], key=len, reverse=True)))
        self.legal_suffix = re.compile(rf"(?:\s+(?:{suffixes}))+$")  # "SOC Ltd", "S.A.B. de C.V."
        self.subject_name_verbs = frozenset(lex["subject_name_verbs"])
        self.family_names_first = frozenset(lex["family_names_first"])
        self.subject_name_verb_ids = frozenset(
            nlp.vocab.strings.add(w) for w in self.subject_name_verbs
        )
        self.subject_name_verb_array = numpy.array(
            sorted(self.subject_name_verb_ids), dtype="uint64"
        )
        self.place_prepositions = frozenset(lex["place_prepositions"])
        self.place_preposition_ids = frozenset(
            nlp.vocab.strings.add(w) for w in self.place_prepositions
        )
        self.name_suffixes = frozenset(lex["person_name_suffixes"])
        self.facility_words = frozenset(lex["facility_words"])
        self.demonyms = frozenset(lex["demonyms"])
        # regions are places, never parties ("Without a floor, Europe imports more")
        regions = frozenset(lex["region_names"])
        self.bare_name_skip = self.generic | self.country_words | self.demonyms | regions
        self.compass = frozenset(lex["compass_words"])
        macros = load_json("macros.json")
        self.pair_skip = (
            self.bare_name_skip
            | frozenset(w.title() for w in macros["TITLE_WORD"]["LOWER"]["IN"])
            | frozenset(macros["MONTH"]["ORTH"]["IN"])
            | frozenset(macros["WEEKDAY"]["ORTH"]["IN"])
        )
        self.definition_skip = frozenset(lex["definition_leading_words"])
        self.name_before = _name_before(lex["name_linking_words"])
        self.issuer_heads = frozenset(lex["issuer_heads"])
        heads = "|".join(map(re.escape, [*self.org_heads, *self.issuer_heads]))
        self.head_pattern = re.compile(rf"\b[Tt]he ({heads})\b(?! of\b)")

    def __call__(self, doc: Doc) -> Doc:
        sent_starts, sent_ends = sentence_chars(doc)

        def same_sentence(c: Candidate) -> bool:
            i = bisect_right(sent_starts, c.start) - 1
            return i >= 0 and c.end <= sent_ends[i]

        cands = [c for c in candidates(doc) if same_sentence(c)]
        kept = [c for c in select_non_overlapping(cands) if c.type != "NONE"]
        kept = self._canonical_companies(kept)
        kept = self._acronym_definitions(doc, kept, same_sentence)
        kept = self._later_mentions(doc, kept, same_sentence)
        kept = self._the_head_mentions(doc, kept, same_sentence)
        kept = self._bare_names(doc, kept, sent_starts, same_sentence)
        kept = self._bare_pairs(doc, kept, sent_starts, same_sentence)
        kept = self._drop_city_possessives(doc, kept)
        self._currency_by_country(doc, kept)
        doc.user_data[FACTS_KEY] = kept
        return doc

    def _acronym_definitions(self, doc: Doc, facts: list[Candidate], ok: object) -> list[Candidate]:
        """ "Yacimientos de Litio Bolivianos (YLB)": a name its writer defines an acronym for.

        A run of capitalised words (linking words such as "de", "y", "of"
        allowed inside) right before a parenthesised acronym whose letters
        follow the words' initials in order is an organisation, whatever its
        language; the acronym then stands for it (`_later_mentions`). A
        country inside the name is part of it ("Litio para México (LitioMx)").
        """
        text = doc_text(doc)
        added: list[Candidate] = []
        for paren in _PAREN_ACRONYM.finditer(text):  # rare: look back only from "(ACRONYM)"
            lo = max(0, paren.start() - 160)
            m = self.name_before.search(text, lo, paren.start())
            if m is None:
                continue
            acronym, start, end = paren.group(1), m.start(1), m.end(1)
            while True:  # "The Southern African ...": leading small words are not the name
                lead = re.match(r"(\S+)\s+", text[start:end])
                if lead is None or lead.group(1) not in self.definition_skip:
                    break
                start += lead.end()
            # "Peru's Instituto Geológico, Minero y Metalúrgico (INGEMMET)": drop words from the
            # left until the initials spell the acronym.
            while True:
                words = text[start:end].replace(",", " ").split()
                initials = [w[0] for w in words if w[0].isupper()]
                if len(initials) < 2 or _in_order(initials, acronym.upper()):
                    break
                start += re.match(r"\S+,?\s+", text[start:end]).end()  # type: ignore[union-attr]
            if len(initials) < 2:
                continue
            inside = [f for f in facts if f.start < end and start < f.end]
            truncated = [  # "Japan Agency for Marine" cut at "Marine-Earth", "Government Pension
                f for f in inside  # Fund" before "Global (GPFG)": the same name, cut short
                if f.type == "PARTY" and f.start == start and f.end < end
                and (f.rule in ("party-department-of", "party-org-head")
                     or f.rule.startswith("party-company"))
            ]  # fmt: skip
            if any(
                (f.type != "PARTY" or f.attrs.get("kind") != "country") and f not in truncated
                for f in inside
            ) or any(c.type == "NONE" and c.start < end and start < c.end for c in candidates(doc)):
                continue  # already a fact (a company) or a formal title ("... Act (CRMA)")
            cand = Candidate("PARTY", start, end, text[start:end], "party-acronym-definition",
                             {"kind": "organization"}, 5)  # fmt: skip
            if callable(ok) and ok(cand):
                facts = [f for f in facts if f not in inside]
                added.append(cand)
        return _with_added(facts, added)

    @staticmethod
    def _currency_by_country(doc: Doc, facts: list[Candidate]) -> None:
        """ "900 million dirhams" in a Moroccan story is MAD, in an Emirati one AED.

        The country is the last one named before the amount (a capital named
        as a place counts) for which the word names a currency, else the
        document's main country; words that name one currency only keep the
        normaliser's code.
        """
        countries = sorted(
            [
                *((f.start, str(f.value)) for f in facts
                  if f.type == "PARTY" and f.attrs.get("kind") == "country"),
                *places_of(doc),
            ],
            reverse=True,
        )  # fmt: skip
        main = main_country(facts, places_of(doc))
        for f in facts:
            if f.type != "AMOUNT" or not isinstance(f.value, dict):
                continue
            text = doc_text(doc)[f.start : f.end]
            word = text.rsplit(None, 1)[-1]  # "900 million dirhams"
            if not word.isalpha():
                word = "".join(takewhile(str.isupper, text))  # "K2 billion"
            if not word:
                continue
            words = text.split()
            if len(words) > 2 and currency_of_demonym(word, words[-2]):
                continue  # "Rwandan francs": the nationality already says which
            before = (currency_in(word, c) for start, c in countries if start < f.start)
            code = next((c for c in before if c), None) or currency_in(word, main)
            if code is not None:
                f.value = {**f.value, "unit": code}

    @staticmethod
    def _drop_city_possessives(doc: Doc, facts: list[Candidate]) -> list[Candidate]:
        """ "Abu Dhabi's Arabian Gulf Metals PJSC": the capital locates a company, it is no party.

        A capital stands for its government ("Beijing said"), but before "'s"
        and a company's name it only says where the company is; before a
        ministry ("Beijing's Ministry of Commerce") it is still the government.
        """
        text = doc_text(doc)
        orgs = {
            f.start for f in facts
            if f.type == "PARTY" and f.attrs.get("kind") == "organization"
            and f.rule.startswith(COMPANY_RULES)
        }  # fmt: skip
        return [
            f
            for f in facts
            if not (
                f.rule == "party-capital"
                and text[f.end : f.end + 3] in ("'s ", "’s ")
                and f.end + 3 in orgs
            )
        ]

    def _strip_suffix(self, name: str) -> str:
        """ "Lynas Rare Earths Ltd" → "Lynas Rare Earths" (legal suffixes from lexicon.json)."""
        return self.legal_suffix.sub("", name)

    def _canonical_companies(self, facts: list[Candidate]) -> list[Candidate]:
        """A short company name takes the fullest form written in the document."""
        orgs = [f for f in facts if f.type == "PARTY" and f.attrs.get("kind") == "organization"]
        full: list[str] = [str(f.value) for f in orgs if f.rule.startswith("party-company")]
        for f in facts:
            if (
                f.type == "PARTY"
                and f.attrs.get("kind") == "person"
                and f.rule != "party-person-title"
            ):
                full_name = next((n for n in full if n.startswith(str(f.value) + " ")), None)
                if full_name:  # "Pilbara Ridge said": a company, not a person
                    f.value = full_name
                    f.attrs["kind"] = "organization"
        for f in orgs:
            text = str(f.value)
            if f.rule == "party-subnational":
                continue  # "Tamil Nadu" acting is the state, not "Tamil Nadu Minerals Ltd"
            for name in full:
                if name != text and (
                    name.startswith(text + " ") or self._strip_suffix(name) == text
                ):
                    f.value = name
                    break
        # "Deputy Secretary Bennett" after "Laura Bennett": the person named in full.
        people = [
            str(f.value) for f in facts if f.type == "PARTY" and f.attrs.get("kind") == "person"
        ]
        for f in facts:
            value = str(f.value)
            if f.type == "PARTY" and f.attrs.get("kind") == "person" and " " not in value:
                full_name = next((n for n in people if n.endswith(" " + value)), None)
                if full_name:
                    f.value = full_name
        return facts

    def _bare_names(
        self, doc: Doc, facts: list[Candidate], sent_starts: list[int], ok: object
    ) -> list[Candidate]:
        """A one-word name that acts ("Aurelia said", "Caremag will") is a party.

        Kept to names that the document also capitalises mid-sentence (so
        "Prices will ..." at a sentence start is not one) and that are not
        ordinary capitalised words of our lexicons; every mention then counts.
        """
        text = doc_text(doc)
        # A word right after an opening quote that starts a sentence is sentence-initial too.
        starts = set(sent_starts) | {
            s + 1 for s in sent_starts if text[s : s + 1] in ('"', "“", "'", "‘")
        }
        free = _free_of(facts)

        # Integer attributes of every token in one call: no Token objects per word,
        # and Python looks only at the capitalised words.
        arr = doc.to_array([ORTH, IDX, LENGTH, IS_TITLE, IS_ALPHA, IS_STOP])
        n = len(arr)
        capitalised = (arr[:, 3] == 1) & (arr[:, 4] == 1) & (arr[:, 2] > 2) & (arr[:, 5] == 0)
        lowers = token_lowers(doc)
        titles = arr[:, 3].tolist()
        positions = numpy.flatnonzero(capitalised).tolist()
        rows = dict(zip(positions, arr[capitalised, :3].tolist(), strict=True))
        names: set[int] = set()
        mid_sentence: set[int] = set()
        for i, (orth, idx, length) in rows.items():
            if idx not in starts:
                mid_sentence.add(orth)
            if (
                i + 1 < n
                and lowers[i + 1] in self.subject_name_verb_ids
                and free(idx, idx + length)
                and (i == 0 or not titles[i - 1])
                and (i == 0 or lowers[i - 1] not in self.place_preposition_ids)
            ):
                names.add(orth)  # "Caremag will": but "its plant in Hosur would" is a place
        strings = doc.vocab.strings
        names = {o for o in names if o in mid_sentence and strings[o] not in self.bare_name_skip}
        if not names:
            return facts
        added = []
        for i, (orth, idx, length) in rows.items():
            if orth in names and free(idx, idx + length):
                if i + 1 < n and titles[i + 1]:
                    continue  # part of a longer name
                if i > 0 and titles[i - 1] and idx not in starts:
                    continue
                text = strings[orth]
                cand = Candidate("PARTY", idx, idx + length, text,
                                 "party-bare-name", {"kind": "organization"}, 5)  # fmt: skip
                if callable(ok) and ok(cand):
                    added.append(cand)
        return _with_added(facts, added)

    def _bare_pairs(
        self, doc: Doc, facts: list[Candidate], sent_starts: list[int], ok: object
    ) -> list[Candidate]:
        """A two-word name that acts ("Serra Verde signed", "Goldman Sachs said") is a party.

        The same checks as `_bare_names`, for two capitalised words one space
        apart, neither a title, month or ordinary capitalised word of our
        lexicons; every mention of the pair then counts.
        """
        text = doc_text(doc)
        starts = set(sent_starts)
        free = _free_of(facts)

        arr = doc.to_array([ORTH, IDX, LENGTH, IS_TITLE, IS_ALPHA, IS_STOP, LOWER])
        n = len(arr)
        if n < 3:
            return facts
        capitalised = (arr[:, 3] == 1) & (arr[:, 4] == 1) & (arr[:, 2] > 1) & (arr[:, 5] == 0)
        verb = (arr[:, 6, None] == self.subject_name_verb_array).any(axis=1)
        # Python looks only at pairs followed by a subject verb: few in any document.
        acting = numpy.flatnonzero(capitalised[:-2] & capitalised[1:-1] & verb[2:]).tolist()
        if not acting:
            return facts
        strings = doc.vocab.strings
        titles = arr[:, 3]

        def row(i: int) -> tuple[int, int, int]:
            orth, idx, length = arr[i, :3].tolist()
            return orth, idx, length

        def words(i: int) -> tuple[int, int] | None:
            (o1, idx1, len1), (o2, idx2, _) = row(i), row(i + 1)
            if text[idx1 + len1 : idx2] != " ":
                return None
            if {strings[o1], strings[o2]} & self.pair_skip:
                return None
            return o1, o2

        names: set[tuple[int, int]] = set()
        for i in acting:
            found = words(i)
            idx = row(i)[1]
            if (
                found is not None
                and (i == 0 or not titles[i - 1])
                and (i == 0 or arr[i - 1, 6] not in self.place_preposition_ids)
                and idx not in starts
                and free(idx, row(i + 1)[1] + row(i + 1)[2])
            ):
                names.add(found)
        added = []
        for o1, o2 in sorted(names):
            mentions = numpy.flatnonzero(
                capitalised[:-1] & (arr[:-1, 0] == o1) & (arr[1:, 0] == o2)
            ).tolist()
            for i in mentions:
                if words(i) is None:
                    continue
                s, e = row(i)[1], row(i + 1)[1] + row(i + 1)[2]
                if not free(s, e) or (i + 2 < n and titles[i + 2]):
                    continue  # taken, or part of a longer name
                if i > 0 and titles[i - 1] and s not in starts:
                    continue
                cand = Candidate("PARTY", s, e, text[s:e], "party-bare-name",
                                 {"kind": "organization"}, 5)  # fmt: skip
                if callable(ok) and ok(cand):
                    added.append(cand)
        return _with_added(facts, added)

    def _the_head_mentions(self, doc: Doc, facts: list[Candidate], ok: object) -> list[Candidate]:
        """ "the Ministry", "the Committee" (capitalised) stand for the one named before."""
        added: list[Candidate] = []
        text = doc_text(doc)
        for m in self.head_pattern.finditer(text):
            s, e = m.span(1)
            head = m.group(1)
            if any(f.start < e and s < f.end for f in facts):
                continue
            if head in self.issuer_heads:
                # "the Company" in a company's release is the issuer: the first company named.
                named = [f for f in facts if f.type == "PARTY" and f.end <= s
                         and f.rule.startswith("party-company")][:1]  # fmt: skip
            else:
                named = [
                    f for f in facts
                    if f.type == "PARTY" and f.end <= s and head in str(f.value).split()
                    and f.attrs.get("kind") == "organization"
                ][-1:]  # fmt: skip
            if not named or doc.char_span(s, e) is None:
                continue
            cand = Candidate("PARTY", s, e, named[0].value, "party-coref-head",
                             {"kind": "organization"}, 5)  # fmt: skip
            if callable(ok) and ok(cand):
                added.append(cand)
        return _with_added(facts, added)

    def _parenthesised_name(
        self, text: str, f: Candidate, known_orgs: set[tuple[int, int]]
    ) -> str | None:
        """A one-word name in parentheses right after organisation `f`, if it stands for it.

        "State Service of Geology and Subsoil (Derzhgeonadra)", "(Ma'aden)" (a
        known body); after a company with a legal form only a word that starts
        like one of the name's ("Reciclados del Bajío S.A.B. de C.V. (Rebasa)"),
        since "Keystone Magnetics Corp. (Pennsylvania)" names a place.
        """
        short = _PARENTHESISED_NAME.match(text, f.end)
        if short is None:
            return None
        word = short.group(1)
        if (short.start(1), short.end(1)) in known_orgs:
            return word
        if word in self.place_names:
            return None
        starts = {w[:2].lower() for w in str(f.value).split()}
        if self.legal_suffix.search(str(f.value)) and word[:2].lower() not in starts:
            return None
        return word

    def _later_mentions(self, doc: Doc, facts: list[Candidate], ok: object) -> list[Candidate]:
        """Surnames of titled people and first words of companies, found again in the text."""
        keys: dict[str, tuple[str, str]] = {}
        defined: set[str] = set()  # one-word names a document gives in parentheses
        known_orgs = {
            (f.start, f.end)
            for f in facts
            if f.type == "PARTY" and f.rule in ("party-company-known", "party-organization")
        }
        for f in facts:
            if f.type != "PARTY":
                continue
            value = str(f.value)
            if f.attrs.get("kind") == "person":
                keys.setdefault(value, (value, "person"))
                names = [w for w in value.split() if w not in self.name_suffixes]
                surname = names[-1] if names else value
                if len(surname) > 2 and value.count(" "):
                    keys.setdefault(surname, (value, "person"))
                first_name = value.split()[0]
                if value.count(" ") and first_name in self.family_names_first:
                    keys.setdefault(first_name, (value, "person"))  # "Li Guozhong" → "Li"
            elif f.rule.startswith("party-company") or f.rule == "party-org-head":
                words = self._strip_suffix(value).split()
                for n in range(len(words), 1, -1):
                    if " ".join(words[:n]) not in self.place_names:
                        keys.setdefault(" ".join(words[:n]), (value, "organization"))
                if words[0] in self.company_prefixes and len(words) > 1:
                    # "PT Halmahera Persada Nikel" → "Halmahera Persada"; "Grupo Minero X" → "X"
                    while words[0] in self.company_prefixes and len(words) > 1:
                        words = words[1:]
                    for n in range(len(words), 0, -1):
                        keys.setdefault(" ".join(words[:n]), (value, "organization"))
                first = words[0]
                named_for_place = any(
                    " ".join(words[:n]) in self.place_names for n in range(1, len(words))
                )
                if (
                    f.rule.startswith("party-company")
                    and not named_for_place  # "Tamil" of "Tamil Nadu Minerals" is no short name
                    and len(first) > 2
                    and first not in self.generic
                    and first not in self.country_words
                ):
                    keys.setdefault(first, (value, "organization"))
            if f.attrs.get("kind") != "country":
                acronym = _parenthesised_acronym(doc_text(doc), f.end)
                if acronym is not None and f.attrs.get("kind") == "organization":
                    at = doc_text(doc).index(acronym, f.end)
                    if (at, at + len(acronym)) in known_orgs:
                        defined.add(acronym)  # "Brazilian Development Bank (BNDES)": this name
                if acronym is None and f.attrs.get("kind") == "organization":
                    acronym = self._parenthesised_name(doc_text(doc), f, known_orgs)
                    if acronym is not None:
                        defined.add(acronym)  # the document's own name wins over a gazetteer's
                if acronym in defined:
                    keys[acronym] = (value, "organization")  # over a gazetteer's own name
                elif acronym:
                    kind = str(f.attrs.get("kind"))
                    keys.setdefault(acronym, (value, kind))
        if not keys:
            return facts
        pattern = re.compile(
            r"\b(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")\b"
        )
        # A mineral word inside a company's name is part of the name ("Postmasburg Manganese"),
        # and so is a shorter party ("Coal India" holds "India", "POSCO Future M" "POSCO").
        taken = [(f.start, f.end) for f in facts if f.type != "MINERAL"]
        inside = {(f.start, f.end) for f in facts if f.type == "PARTY"}
        # a bare capitalised word ("Ingemmet said") gives way to the name it stands for
        guessed = {(f.start, f.end) for f in facts if f.rule == "party-bare-name"}
        replaced: set[tuple[int, int]] = set()
        added: list[Candidate] = []
        text = doc_text(doc)
        for m in pattern.finditer(text):
            s, e = m.span()
            clash = [(ts, te) for ts, te in taken if s < te and ts < e]
            held = [
                c for c in clash
                if c in inside
                and s <= c[0]
                and c[1] <= e
                and (c != (s, e) or c in guessed or m.group(0) in defined)
            ]  # fmt: skip
            if len(held) < len(clash):
                continue
            if doc.char_span(s, e) is None:
                continue  # not on token boundaries ("Trumpian")
            value, kind = keys[m.group(0)]
            if kind == "organization" and m.group(0) != value and " " not in m.group(0):
                before = text[max(0, s - 24) : s].lower().split()
                if before[-2:-1] and before[-1] in self.place_prepositions:
                    if before[-2].strip(",") in self.facility_words:
                        continue  # "the plant in Onsan": a town the company is named after
                place_like = not m.group(0).isupper()  # "the DLA" is the agency's acronym
                the = text[max(0, s - 4) : s] == "the "
                if place_like and (the or (before and before[-1] in self.compass)):
                    continue  # "the communities of the Atacama", "in Southeast Sulawesi": places
            rule = "party-coref-person" if kind == "person" else "party-coref-organization"
            cand = Candidate("PARTY", s, e, value, rule, {"kind": kind}, 5)
            if callable(ok) and ok(cand):
                added.append(cand)
                taken.append((s, e))
                replaced.update(held)
        within = [(a.start, a.end) for a in added]
        kept = [
            f
            for f in facts
            if (f.type != "MINERAL" or not any(s <= f.start and f.end <= e for s, e in within))
            and not (f.type == "PARTY" and (f.start, f.end) in replaced)
        ]
        return sorted([*kept, *added], key=lambda c: (c.start, c.end))


def _free_of(facts: list[Candidate]) -> Callable[[int, int], bool]:
    """`free(s, e)`: does the span [s, e) overlap none of `facts`?"""
    covered = [(f.start, f.end) for f in facts]
    return lambda s, e: not any(a < e and s < b for a, b in covered)


def _with_added(facts: list[Candidate], added: list[Candidate]) -> list[Candidate]:
    """The facts with mentions found by a resolver pass, back in document order."""
    if not added:
        return facts
    return sorted([*facts, *added], key=lambda c: (c.start, c.end))


_CAP = r"(?:[dl]['’])?[A-ZÀ-Ý][\w'’.-]*"  # "d'Exploitation" too
# "(ACRONYM)"; the name before it is matched by `_name_before`.
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")


def _name_before(links: list[str]) -> re.Pattern[str]:
    """Up to eight capitalised words, linked by small words ("de", "y", "of") or commas."""
    link = "|".join(map(re.escape, links))
    return re.compile(rf"((?:{_CAP}(?:,?\s+(?:{link}))?,?\s+){{1,7}}{_CAP})\s+$")


def _in_order(letters: list[str], acronym: str) -> bool:
    """Do the initials appear in the acronym in this order, the first one first?

    One initial of a name of four or more words may be missing from the
    acronym ("Société de Recherche et d'Exploitation des Ressources du Mali
    (SOREM)" spells its first words with two letters each).
    """
    if not acronym.startswith(letters[0].upper()):
        return False
    pos, missing = 0, 0
    for letter in letters:
        found = acronym.find(letter.upper(), pos)
        if found == -1:
            missing += 1
            continue
        pos = found + 1
    return missing == 0 or (missing == 1 and len(letters) >= 4)


_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9&-]{1,9})\)")
# A one-word short name in parentheses after an organisation ("(Derzhgeonadra)", "(Cochilco)").
_PARENTHESISED_NAME = re.compile(r"\s*\(([A-Z][a-z]['’a-z]{3,18})\)")  # "(Ma'aden)" too
_PARTY_TAG = re.compile(r"[DRI]-[A-Z]")  # "Tom Abbott (R-Utah)": a US senator's party and state


def _parenthesised_acronym(text: str, end: int) -> str | None:
    """ "Khanij Bidesh India Ltd (KABIL)": the acronym right after a name stands for it."""
    m = _ACRONYM.match(text, end)
    if m and sum(1 for ch in m.group(1) if ch.isupper()) >= 2 and not _PARTY_TAG.match(m.group(1)):
        return m.group(1)
    return None
