"""Commitment agents: who commits, resolved within the document.

Why apart from the component: the subject of a commitment is found by rules
about parties and references ("the US and Japan", "China's Ministry of
Commerce", "both nations", "the pact", "the company", "it") that need the
document state the component keeps, but no knowledge of clauses.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Span

from pipeline.components.base import Candidate, doc_text, facts, lower_texts, places_of
from pipeline.components.commitment_types import (
    COMPANY_RULES,
    DocState,
    Trigger,
    company_names,
)
from pipeline.components.focus import focus_country

QUOTE_MARKS = frozenset('"“”')


class OpenQuote(NamedTuple):
    """A quotation open at some character: its line and its opening and closing marks."""

    line_start: int
    line_end: int
    open: int
    close: int | None  # None: it does not close on this line


def open_quote(text: str, at: int) -> OpenQuote | None:
    """The quotation character `at` is inside, or None.

    Inside means an odd number of quote marks before it on its line; the
    closing mark is the next one after it on that line.
    """
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end == -1 else line_end
    before = [i for i in range(line_start, at) if text[i] in QUOTE_MARKS]
    if len(before) % 2 == 0:
        return None
    close = next((i for i in range(at + 1, line_end) if text[i] in QUOTE_MARKS), None)
    return OpenQuote(line_start, line_end, before[-1], close)


# A clause opened by a condition: its parties are not the subject of what follows the comma.
_CONDITION_FIRST = re.compile(r"""\W*(?:if|unless)\b[^,]*,""", re.IGNORECASE)
# Compiled once: these run on every clause, and `re`'s own cache lookup costs more than the match.
_PRONOUN = re.compile(r"\b(?:it|they|its|their|we|he|she)\b")
_FIRST_PERSON = re.compile(r"\b(?:we|i|our)\b")
_FIRST_PERSON_SUBJECT = re.compile(
    r'(?:^|["“,;:(]|\b(?:and|but|so|then)\b'
    r"|^(?:in|on|at|by|under|after|with|as|from|for|over|once|last|this|next|since|during"
    r"|earlier|later|now)\b[^,;\"“]{0,24}?)"
    r"\s*(?P<who>we|i|our)\b"
)  # "We will", ", and we", "In June we", "Last year we"
_NON_LETTER = re.compile(r"[^a-z ]")
_THEY = re.compile(r" (they|their) ")
_IT_OR_THEY = re.compile(r" (it|they|its) ")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose|where)\b[^,]*(?:,|$)")
_POSSESSIVE_GAP = re.compile(r"[’']s(?:\s+[a-z-]+){0,3},?")
_GROUP_GAP = re.compile(r"(and )?(?:['’]s )?[a-z ]{0,30}")
_TWO_OF = re.compile(r" (?:the two|both) [a-z]+s ")
_AND_DESCRIBED = re.compile(r",? ?and(?: [a-z-]+){1,3}")


def modified_reference(ref: str) -> re.Pattern[str] | None:
    """ "the company" → a pattern for "the Osaka-based company" (one or two words between).

    None for references without "the ".
    """
    if not ref.startswith("the "):
        return None
    return re.compile(rf" the ([a-z]+ ){{1,2}}{re.escape(ref[4:])} ")


class AgentRules:
    """Mixin of `CommitmentFinder`: resolve a commitment's agents."""

    group_refs: dict[str, int]
    agreement_refs: list[str]
    company_refs: list[str]
    government_refs: list[str]
    subnational_refs: tuple[str, ...]
    generic_company_refs: frozenset[str]
    modified_refs: dict[str, re.Pattern[str] | None]
    head_titles: frozenset[str]
    executive_titles: frozenset[str]
    demonyms: dict[str, str]
    blocs: frozenset[str]
    bloc_refs: tuple[str, ...]
    count_refs: dict[str, int]
    titled_refs: tuple[str, ...]
    object_committers: frozenset[str]
    speech_verbs: frozenset[str]
    subject_separators: frozenset[str]
    group_separators: frozenset[str]
    object_prepositions: frozenset[str]
    trade_verbs: dict[str, str]
    answer_marks: tuple[str, ...]
    focus_object_words: frozenset[str]
    opinion_modals: frozenset[str]
    government_group_words: frozenset[str]
    agreement_ref_prepositions: frozenset[str]
    company_group_words: frozenset[str]

    def _agents(
        self, doc: Doc, sent: Span, s_facts: list[Candidate], trig: Trigger, clause_start: int,
        state: DocState, top_country: str | None,
    ) -> list[str]:  # fmt: skip
        trig_char = doc[trig.start].idx
        clause_char = doc[clause_start].idx if clause_start < len(doc) else sent.start_char
        condition = _CONDITION_FIRST.match(doc_text(doc), clause_char, trig_char)
        if condition:
            clause_char = condition.end()  # "If IREL cannot deliver, we could ...": not IREL
        parsed = self._parsed_subject(doc, s_facts, trig, top_country)
        if parsed:
            state.last_subject = parsed
            state.explicit = True
            return parsed
        # Passive "signed by X and Y": the agents follow "by".
        if (
            trig.rule == "commit-binding-sign"
            and trig.end < len(doc)
            and doc[trig.end].lower_ == "by"
        ):
            after = [f for f in s_facts if f.type == "PARTY" and f.start > trig_char]
            group = self._first_group(doc, after)
            if group:
                return self._as_agents(doc, group, top_country)
        if doc[trig.start].lower_ in self.object_committers and trig.end < len(doc):
            # "The Act commits the EU to ...": the object is the one committed.
            nxt = [f for f in s_facts if f.type == "PARTY" and f.start > trig_char]
            if nxt and doc_text(doc)[
                doc[trig.start].idx + len(doc[trig.start]) : nxt[0].start
            ].strip().lower() in ("", "the"):
                return self._as_agents(doc, [nxt[0]], top_country)
            # "The strategy commits the government to ...": a reference as object.
            obj_end = doc_text(doc).find(" to ", doc[trig.start].idx)
            if obj_end != -1:
                obj = doc_text(doc)[doc[trig.start].idx + len(doc[trig.start]) : obj_end].lower()
                ref = self._references(
                    obj, state, top_country, facts(doc), trig_char, places_of(doc), sent.start_char
                )
                if ref:
                    return ref
        before = [f for f in s_facts if f.type == "PARTY" and clause_char <= f.start < trig_char]
        before = [f for f in before if not self._is_object(doc, f)]
        before = self._outside_relative_clauses(doc, before, clause_char, trig_char)
        # Reported speech: "Officials said Japan would ..." — the subject follows "said";
        # "ARECOMS said it would ..." — the subject of "said" is the one committing.
        low = lower_texts(doc)
        said = [doc[i].idx for i in range(clause_start, trig.start) if low[i] in self.speech_verbs]
        if said:
            that = [doc[i].idx for i in range(clause_start, trig.start) if low[i] == "that"]
            cut = max(said[-1], that[-1]) if that else said[-1]
            after_said = [f for f in before if f.start > cut] or [
                f for f in before if f.start > said[-1]
            ]
            if after_said:
                before = after_said
            else:
                # "Melnyk said the government would ...": the reference, not the speaker.
                reported = doc_text(doc)[said[-1] : trig_char].lower()
                if not _PRONOUN.search(reported):
                    ref = self._references(
                        reported, state, top_country, facts(doc), trig_char, places_of(doc),
                        sent.start_char,
                    )  # fmt: skip
                    if ref:
                        return ref
        lead = doc_text(doc)[clause_char:trig_char].lower()
        if before:
            group = self._subject_group(doc, before)
            agents = self._as_agents(doc, group, top_country)
            subject = list(agents)  # a later "it" is the subject, not its counterparties
            if trig.rule == "commit-binding-sign":
                agents += [
                    a for a in self._cosignatories(doc, sent, s_facts, trig) if a not in agents
                ]
            elif trig.end < len(doc) and doc[trig.end].lower_ in self.trade_verbs:
                # "X agreed to buy ore from Y", "X will supply cells to Y": both are in the deal
                prep = self.trade_verbs[doc[trig.end].lower_]
                counter = self._cosignatories(doc, sent, s_facts, trig, prep)
                agents += [a for a in counter if a not in agents]
            elif trig.rule == "commit-binding-award":
                # "X awarded $43.5 million to Y", "X has awarded the project €21m": the
                # recipient is bound too; unnamed, it is the company the story is about.
                recipients = self._cosignatories(doc, sent, s_facts, trig, "to")
                if not recipients and state.last_company:
                    recipients = [state.last_company]
                agents += [a for a in recipients if a not in agents]
            state.last_subject = subject
            state.explicit = True
            return agents
        ref_agents = self._references(
            lead, state, top_country, facts(doc), trig_char, places_of(doc), sent.start_char
        )
        if ref_agents:
            if trig.rule == "commit-binding-sign":
                cosign = self._cosignatories(doc, sent, s_facts, trig)
                ref_agents += [a for a in cosign if a not in ref_agents]
            return ref_agents
        if _FIRST_PERSON.search(lead):
            interviewee = self._interviewee(doc, trig_char, top_country)
            if interviewee:
                return [interviewee]  # "A: We will launch a credit line": the one interviewed
            # "We will ..." as the clause's subject, not "something we could build on"
            subject_we = _FIRST_PERSON_SUBJECT.search(lead)
            speaker = self._quoted_speaker(doc, trig_char) if subject_we else None
            if speaker is not None:
                found = self._speaks_for(doc, speaker, top_country)
                if found is not None:
                    return [found]  # '"We will spend RM1.2 billion," said X, chief executive of Y'
            if (
                subject_we
                and subject_we.group("who") == "we"
                and lower_texts(doc)[trig.start] not in self.opinion_modals
                and open_quote(doc_text(doc), trig_char) is None
            ):
                author = self._first_company(doc)
                if author is not None:  # a letter or release in the company's voice: "In June we"
                    if trig.rule != "commit-binding-sign":
                        return [author]
                    cosign = self._cosignatories(doc, sent, s_facts, trig)
                    return [author, *(a for a in cosign if a != author)]
        return []  # no party and no reference: "prices will rise", "the refinery will cost"

    @staticmethod
    def _last_companies(all_facts: list[Candidate], upto: int, n: int) -> list[str]:
        """The last `n` different companies named before character `upto`, in text order."""
        found: list[str] = []
        for f in reversed(all_facts):
            if f.start >= upto or f.type != "PARTY" or not f.rule.startswith("party-company"):
                continue
            if str(f.value) not in found:
                found.append(str(f.value))
            if len(found) == n:
                break
        return found[::-1]

    def _first_company(self, doc: Doc) -> str | None:
        """The first company the document names: who "we" is outside quotes and answers.

        A shareholder letter, a company release or an open letter speaks in
        the first person for the company its lead names ("Kilombero Graphite
        Ltd released the following letter ... In June we signed").
        """
        for f in facts(doc):
            if f.type == "PARTY" and f.rule.startswith(COMPANY_RULES):
                return str(f.value)
        return None

    def _quoted_speaker(self, doc: Doc, at: int) -> Candidate | None:
        """The person a quotation holding character `at` is attributed to, on the same line.

        The speaker is the first person named after the quotation closes
        ('..." said Jane Roe, chief executive of X') or else the last one
        named before it opens ('Roe said: "We will ..."').
        """
        quote = open_quote(doc_text(doc), at)
        if quote is None or quote.close is None:
            return None
        people = [
            f for f in facts(doc)
            if f.type == "PARTY" and f.attrs.get("kind") == "person"
            and quote.line_start <= f.start < quote.line_end
        ]  # fmt: skip
        following = [f for f in people if f.start > quote.close]
        if following:
            return following[0]
        preceding = [f for f in people if f.end <= quote.open]
        return preceding[-1] if preceding else None

    def _interviewee(self, doc: Doc, at: int, top_country: str | None) -> str | None:
        """In a Q&A answer ("A: We will ..."), what the interviewed official speaks for.

        The interviewee is the first titled person of the document whose
        title names a country or organisation.
        """
        text = doc_text(doc)
        line = text[text.rfind("\n", 0, at) + 1 : at]
        if not line.startswith(self.answer_marks):
            return None
        for f in facts(doc):
            if f.type == "PARTY" and f.attrs.get("kind") == "person":
                found = self._speaks_for(doc, f, top_country)
                if found is not None:
                    return found
        return None

    def _parsed_subject(
        self, doc: Doc, s_facts: list[Candidate], trig: Trigger, top_country: str | None
    ) -> list[str]:
        """With a parser (`--model`), the subject of the trigger's verb and its conjuncts.

        Only used when the Doc has a dependency parse; the rule path below is
        the default and needs no model. Returns [] when the parse names no
        party, so the rules still get their turn.
        """
        if not doc.has_annotation("DEP"):
            return []
        verb = doc[trig.start]
        while verb.dep_ in ("aux", "auxpass", "xcomp", "conj") and verb.head is not verb:
            if verb.dep_ in ("aux", "auxpass"):
                verb = verb.head
                break
            verb = verb.head
        subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return []
        tokens = list(subjects[0].subtree)
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        group = [f for f in s_facts if f.type == "PARTY" and lo <= f.start and f.end <= hi]
        group = [f for f in group if not self._is_object(doc, f)]
        if not group:
            return []
        return self._as_agents(doc, self._subject_group(doc, group), top_country)

    @staticmethod
    def _outside_relative_clauses(
        doc: Doc, parties: list[Candidate], lo: int, hi: int
    ) -> list[Candidate]:
        """Drop parties inside ", which ... ," / ", who ... ," (not the subject)."""
        text = doc_text(doc)
        spans = []
        for m in _RELATIVE_CLAUSE.finditer(text[lo:hi]):
            spans.append((lo + m.start(), lo + m.end()))
        return [f for f in parties if not any(a <= f.start < b for a, b in spans)]

    def _subject_group(self, doc: Doc, parties: list[Candidate]) -> list[Candidate]:
        """The first coordinated group; "China's Ministry of Commerce" is the ministry."""
        i = 0
        while i + 1 < len(parties):
            between = doc_text(doc)[parties[i].end : parties[i + 1].start].strip()
            if _POSSESSIVE_GAP.fullmatch(between):
                i += 1
                continue
            break
        if (
            i + 1 < len(parties)
            and parties[i].attrs.get("kind") == "country"
            and parties[i + 1].attrs.get("kind") == "organization"
            and doc_text(doc)[parties[i].end : parties[i + 1].start].strip() == ""
        ):
            i += 1  # "US International Development Finance Corporation": the agency commits
        group = [parties[i]]
        last_end = parties[i].end
        rest = parties[i + 1 :]
        text = doc_text(doc)
        k = 0
        while k < len(rest):
            f = rest[k]
            between = text[last_end : f.start].strip().lower()
            if between == "(" and f.value == group[-1].value:
                last_end = f.end + 1  # "LG Energy Solution Ltd (LGES) and ...": the same party
                k += 1
                continue
            # "JOGMEC and trading house Iwatani Corp."
            if not (between in self.subject_separators or _AND_DESCRIBED.fullmatch(between)):
                break
            while k + 1 < len(rest) and _POSSESSIVE_GAP.fullmatch(
                text[rest[k].end : rest[k + 1].start].strip()
            ):
                k += 1  # "... and India's Khanij Bidesh India Ltd": the company, not India
            group.append(rest[k])
            last_end = rest[k].end
            k += 1
        return group

    def _cosignatories(
        self, doc: Doc, sent: Span, s_facts: list[Candidate], trig: Trigger, prep: str = "with"
    ) -> list[str]:
        """ "X signed a deal with Y": Y signed it too (`prep` "from": "buy ore from Y")."""
        out: list[str] = []
        for f in s_facts:
            if f.type != "PARTY" or f.start <= doc[trig.start].idx:
                continue
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is None or span.start == 0:
                continue
            k = span.start - 1
            if k > 0 and doc[k].lower_ == "the":
                k -= 1  # "signed loan agreements with the Japan Bank for International ..."
            if doc[k].lower_ == prep:
                rest = [g for g in s_facts if g.type == "PARTY" and g.start >= f.start]
                out.extend(self._as_agents(doc, self._subject_group(doc, rest), None))
        return out

    def _references(
        self, lead: str, state: DocState, top_country: str | None,
        all_facts: list[Candidate] | None = None, upto: int = 0,
        places: tuple[tuple[int, str], ...] = (), sentence_start: int | None = None,
    ) -> list[str]:  # fmt: skip
        words = f" {_NON_LETTER.sub(' ', lead)} "
        for ref in self.bloc_refs:
            if f" {ref} " in words:
                blocs = [
                    str(f.value)
                    for f in all_facts or []
                    if f.start < upto and str(f.value) in self.blocs
                ]
                if blocs:
                    return [blocs[-1]]
        for ref, size in self.count_refs.items():
            if f" {ref} " in words and len(state.last_group) >= size:
                return list(state.last_group)
        for word in self.titled_refs:
            if f" the {word} " in words:
                named = [
                    str(f.value) for f in all_facts or []
                    if f.type == "PARTY" and f.start < upto and word in str(f.value).lower()
                ]  # fmt: skip
                if named:
                    return [named[-1]]
        if _THEY.search(words) and (state.signatories or state.last_group):
            return list(state.signatories or state.last_group)
        if _IT_OR_THEY.search(words) and state.last_subject:
            return list(state.last_subject)
        for ref, size in self.group_refs.items():
            if f" {ref} " not in words:
                continue
            if self.company_group_words & set(ref.split()):
                firm_names = company_names(all_facts or [])
                if len(state.signatories) >= 2 and all(a in firm_names for a in state.signatories):
                    return list(state.signatories)  # "the two companies" that signed
                firms = self._last_companies(all_facts or [], upto, max(size, 2))
                if len(firms) >= 2:
                    return firms  # else the last two named, not two countries
            if not state.last_group:
                continue
            if state.last_countries and self.government_group_words & set(ref.split()):
                return list(state.last_countries)  # "the two governments": not two firms
            return list(state.last_group)
        if _TWO_OF.search(words) and len(state.last_group) >= 2:
            return list(state.last_group)  # "The two PSUs will pay", "both lenders"
        for ref in self.agreement_refs:
            if f" {ref} " in words and state.signatories:
                before = words[: words.index(f" {ref} ")].split()
                if before and before[-1] in self.agreement_ref_prepositions:
                    continue  # "Under the deal, the company will ...": the deal is no subject
                return list(state.signatories)
        for ref in self.company_refs:
            described = self.modified_refs.get(ref)
            if f" {ref} " not in words and not (described and described.search(words)):
                continue  # "the company", "the Osaka-based steelmaker"
            if sentence_start is not None and ref in self.generic_company_refs:
                # "Rajesh Khandelwal, chairman of Coal India, said the company had committed":
                # a company named earlier in the same sentence is the one meant (not for
                # role nouns: in "X will deliver ..., and the buyer agreed" the buyer is not X).
                here = [
                    str(f.value) for f in all_facts or []
                    if f.type == "PARTY" and sentence_start <= f.start < upto
                    and f.rule.startswith(COMPANY_RULES)
                ]  # fmt: skip
                if here:
                    return [here[-1]]
            if state.last_company:
                return [state.last_company]
        for ref in self.subnational_refs:
            if f" {ref} " in words:  # "Idaho Governor X said the state would ...": Idaho
                acting = [
                    str(f.value) for f in all_facts or []
                    if f.rule == "party-subnational" and f.start < upto
                ]  # fmt: skip
                if acting:
                    return [acting[-1]]
        for ref in self.government_refs:
            described = self.modified_refs.get(ref)
            modified = described.search(words) if described else None
            if modified and ref[4:] in ("government", "administration"):
                # "the Indonesian government": the nationality names the country
                nationality = self.demonyms.get(modified.group(1).strip().capitalize())
                if nationality:
                    return [str(nationality)]
            if f" {ref} " in words or (modified and ref[4:] in ("government", "administration")):
                near = focus_country(
                    all_facts or [], places, upto, text=state.text, prefer=top_country,
                    object_words=self.focus_object_words,
                )  # fmt: skip
                country = near or top_country
                if country:
                    return [country]
        return []

    def _last_group(self, doc: Doc, parties: list[Candidate], limit: int) -> list[Candidate]:
        """The coordinated parties nearest before `limit` ("the US and Japan")."""
        group = [parties[-1]]
        for f in reversed(parties[:-1]):
            between = doc_text(doc)[f.end : group[0].start].strip().lower()
            if between in self.group_separators:
                group.insert(0, f)
            else:
                break
        return group

    def _first_group(self, doc: Doc, parties: list[Candidate]) -> list[Candidate]:
        if not parties:
            return []
        group = [parties[0]]
        for f in parties[1:]:
            between = doc_text(doc)[group[-1].end : f.start].strip().lower()
            if between in ("and", ",", "&", ", and") or _GROUP_GAP.fullmatch(between):
                group.append(f)
            else:
                break
        return group

    def _is_object(self, doc: Doc, fact: Candidate) -> bool:
        """ "with Japan", "from China": a party after a preposition is not the subject."""
        span = doc.char_span(fact.start, fact.end, alignment_mode="expand")
        if span is None or span.start == 0:
            return False
        prev = doc[span.start - 1]
        if prev.lower_ == "the" and span.start > 1:
            prev = doc[span.start - 2]
        return prev.lower_ in self.object_prepositions

    def _as_agents(self, doc: Doc, group: list[Candidate], top_country: str | None) -> list[str]:
        """PARTY values, with office holders standing for the country or company they speak for."""
        out: list[str] = []
        for f in group:
            value = str(f.value)
            if f.attrs.get("kind") == "person":
                value = self._speaks_for(doc, f, top_country) or value
            if value not in out:
                out.append(value)
        return out

    def _speaks_for(self, doc: Doc, f: Candidate, top_country: str | None) -> str | None:
        """Who a named person commits: their country, bloc or organisation, if the text says.

        From this mention's titles first, else from another mention of the
        same person ("Chilean President Gabriel Boric" ... "Boric agreed").
        """
        found = self._office_of(doc, f, top_country)
        if found is not None:
            return found
        for other in facts(doc):
            if other.type == "PARTY" and other.value == f.value and other.start != f.start:
                found = self._office_of(doc, other, top_country)
                if found is not None:
                    return found
        return None

    def _office_of(self, doc: Doc, f: Candidate, top_country: str | None) -> str | None:
        """The country, bloc or organisation a title next to this mention names.

        Looks up to seven words back ("Ghana's Minister of Lands X", "TMC chief
        executive X") and into an appositive after the name ("X, a regional
        official of the CGT union,"). A government title takes the nearest
        country, demonym or bloc (else the document's main country); an
        executive's title takes the nearest organisation.
        """
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            return None
        executive = possessive = False
        regions = [doc[max(0, span.start - 7) : span.start]]
        if span.end < len(doc) and doc[span.end].text == ",":
            end = span.end + 1
            while end < min(len(doc), span.end + 12) and doc[end].text not in (",", ".", ";"):
                end += 1
            regions.append(doc[span.end + 1 : end])
        for region in regions:
            words = {t.lower_ for t in region}
            lo, hi = region.start_char, region.end_char
            near = [
                c for c in facts(doc) if c.type == "PARTY" and lo <= c.start < hi and c is not f
            ]
            if words & self.head_titles:
                found = [
                    (t.idx, str(self.demonyms[t.text])) for t in region if t.text in self.demonyms
                ]
                found += [
                    (c.start, str(c.value))
                    for c in near
                    if c.attrs.get("kind") == "country" or str(c.value) in self.blocs
                ]  # "Japan's prime minister X", "EU trade commissioner X"
                if found:
                    return max(found)[1]
                return top_country
            if words & self.executive_titles:
                executive = True
                possessive = possessive or "its" in words
                orgs = [
                    (c.start, str(c.value))
                    for c in near
                    if c.attrs.get("kind") == "organization" and str(c.value) not in self.blocs
                ]
                if orgs:
                    return max(orgs)[1]  # "TMC chief executive Gerard Barron"
        if executive and possessive:
            # "... (DFC) went furthest. Its chief executive, X, pledged": the body just named
            last = [
                str(c.value) for c in facts(doc)
                if c.type == "PARTY" and c.start < f.start
                and c.attrs.get("kind") == "organization" and str(c.value) not in self.blocs
            ]  # fmt: skip
            if last:
                return last[-1]
        if executive:
            # "Chief executive Lim Wei Sheng said ...": of the company the story is about,
            # the first one it names
            first = next(
                (
                    str(c.value) for c in facts(doc)
                    if c.type == "PARTY" and c.start < f.start and c.rule.startswith(COMPANY_RULES)
                ),
                None,
            )  # fmt: skip
            if first is not None:
                return first
        return None
