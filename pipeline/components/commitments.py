"""COMMITMENT facts: who pledged, agreed or aims to do what, by when, for how much.

Why a document-level component: a commitment's agents are often not named in
its own sentence ("Both nations have committed to ...", "The pact also
targets ...", "the company will ..."), so the component walks the document
in order and keeps state: the last group of parties named together, the
signatories of the last agreement, the last company, the last commitment
(for bullets under a lead-in and "This includes ..." continuations).

Triggers and their modality are data (`patterns/commitment_triggers.jsonl`);
negation, speculation and reference words are data too
(`patterns/commitment_lexicon.json`). The rules here only combine them.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from typing import Any

from dateutil.relativedelta import relativedelta
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.agents import AgentRules, modified_reference, open_quote
from pipeline.components.base import (
    COMMITMENTS_KEY,
    Candidate,
    doc_text,
    facts,
    lower_texts,
    per_doc,
    places_of,
    sentence_firsts,
    token_lowers,
)
from pipeline.components.commitment_types import (
    COMPANY_RULES,
    DocState,
    Trigger,
    company_names,
)
from pipeline.components.dates import DOC_DATE_KEY
from pipeline.components.focus import main_country
from pipeline.components.triggers import TriggerRules
from pipeline.gazetteers import load_json, load_jsonl

_COMPANIES_KEY = "company_names"
BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")
_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)([DWMY])$")


class CommitmentFinder(TriggerRules, AgentRules):
    """Find commitments sentence by sentence, resolving agents with document state."""

    clause_breaks: frozenset[str]
    coordinators: frozenset[str]
    ground_words: frozenset[str]

    def __init__(self, nlp: Language, name: str = "commitments") -> None:
        self.name = name
        self.triggers: dict[str, dict[str, Any]] = {}
        for row in load_jsonl("commitment_triggers.jsonl"):
            self.triggers[row["pattern"]] = row
        lex = load_json("commitment_lexicon.json")
        self.negators = frozenset(lex["negators"])
        self.negating_verbs = frozenset(lex["negating_verbs"])
        self.speculators = frozenset(lex["speculators"])
        self.group_refs: dict[str, int] = lex["group_refs"]
        self.agreement_refs = sorted(lex["agreement_refs"], key=len, reverse=True)
        self.company_refs = lex["company_refs"]
        self.government_refs = lex["government_refs"]
        self.modified_refs = {
            ref: modified_reference(ref) for ref in (*self.company_refs, *self.government_refs)
        }
        self.subnational_refs = tuple(lex["subnational_refs"])
        self.deadline_preps = frozenset(lex["deadline_preps"])
        self.past_deadline_preps = frozenset(lex["past_deadline_preps"])
        self.deadline_openers = frozenset(lex["deadline_openers"])
        self.continuations = tuple(lex["continuation_starts"])
        self.head_titles = frozenset(lex["head_titles"])
        self.executive_titles = frozenset(lex["executive_titles"])
        self.demonyms: dict[str, str] = lex["demonym_country"]
        self.blocs = frozenset(lex["blocs"])
        self.bloc_refs = tuple(lex["bloc_refs"])
        self.count_refs: dict[str, int] = lex["count_refs"]
        self.titled_refs = tuple(lex["titled_refs"])
        self.adverbs = frozenset(lex["adverbs"])
        self.subject_words = frozenset(lex["subject_words"])
        self.subject_verbs = frozenset(lex["subject_verbs"])
        self.negating_phrases = tuple(lex["negating_phrases"])
        self.undisclosed_questions = tuple(lex["undisclosed_questions"])
        self.trade_verbs: dict[str, str] = lex["trade_verbs"]
        self.answer_marks = tuple(lex["answer_marks"])
        self.necessity_after_modal = tuple(lex["necessity_after_modal"])
        self.no_promise_after_modal = (*lex["reaction_after_modal"], *lex["outcome_after_modal"])
        self.not_before: dict[str, list[str]] = lex["trigger_not_before"]
        for name in (
            "modal_not_after", "participle_not_after", "intent_noun_next", "noun_like_triggers",
            "noun_determiners", "goal_setting_verbs", "shared_subject_before", "clause_negators",
            "object_committers", "speech_verbs", "subject_separators", "group_separators",
            "object_prepositions", "clause_breaks", "coordinators", "no_commitment_nouns",
            "conditional_words", "speculative_after", "denial_verbs", "money_scales",
            "ground_words", "group_counts", "noun_compound_next",
            "modified_noun_triggers", "focus_object_words", "forecast_verbs", "passive_be",
            "audience_before", "generic_company_refs", "opinion_modals",
            "government_group_words", "agreement_ref_prepositions",
            "company_group_words",
        ):  # fmt: skip
            setattr(self, name, frozenset(lex[name]))
        self.trigger_hashes = frozenset(nlp.vocab.strings.add(w) for w in self.triggers)
        self.to_hash = nlp.vocab.strings.add("to")

    # ------------------------------------------------------------------ driver
    def __call__(self, doc: Doc) -> Doc:
        all_facts = facts(doc)
        state = DocState(text=doc_text(doc))
        out: list[Candidate] = []
        firsts = sentence_firsts(doc)
        headline_end = doc[firsts[1]].idx if len(firsts) > 1 else 0
        top_country = main_country(all_facts, places_of(doc), headline_end)
        full = doc_text(doc)
        lowers = token_lowers(doc)
        fact_starts = [f.start for f in all_facts]
        for sent in doc.sents:
            lo = bisect_left(fact_starts, sent.start_char)
            hi = bisect_left(fact_starts, sent.end_char)
            s_facts = all_facts[lo:hi]
            text = full[sent.start_char : sent.end_char].strip()
            if not text:
                continue
            is_bullet = bool(BULLET.match(text))
            if not is_bullet:
                state.lead_in = None if not text.endswith(":") else state.lead_in
            has_trigger = not self.trigger_hashes.isdisjoint(lowers[sent.start : sent.end]) or (
                # a headline "Mexico to impose duties ..." has no trigger word but "to"
                text[-1] not in '.!?:"”' and self.to_hash in lowers[sent.start : sent.end]
            )
            found = (
                self._sentence(doc, sent, s_facts, state, top_country)
                if has_trigger
                or (
                    state.last_commitment is not None
                    and text.lower().startswith(self.continuations)
                )
                else []
            )
            if is_bullet and state.lead_in is not None and not found:
                found = [self._bullet_from_lead_in(doc, sent, s_facts, state.lead_in)]
            for cand in found:
                out.append(cand)
                state.last_commitment = cand
            if found and text.rstrip().endswith(":"):
                state.lead_in = found[-1]
            elif not is_bullet:
                state.lead_in = None
            self._update_state(sent, s_facts, state, found)
        doc.user_data[COMMITMENTS_KEY] = out
        return doc

    # -------------------------------------------------------------- sentences

    def _sentence(
        self,
        doc: Doc,
        sent: Span,
        s_facts: list[Candidate],
        state: DocState,
        top_country: str | None,
    ) -> list[Candidate]:
        low = doc_text(doc)[sent.start_char : sent.end_char].strip().lower()
        if low.endswith("?"):
            return []  # a question commits no one ("Will Argentina lose out?")
        party_ends = frozenset(f.end for f in s_facts if f.type == "PARTY")
        triggers = [
            t for t in self._find_triggers(sent, party_ends)
            if (t.rule != "commit-binding-award" or self._money_follows(doc, t, s_facts))
            and not self._explores_ground(doc, t, s_facts)
        ]  # fmt: skip
        continuation = state.last_commitment is not None and low.startswith(self.continuations)
        if not triggers and continuation:
            head = sent[0] if not sent[0].is_space else sent[1]
            verb = head.i + 1
            modality = (
                str(state.last_commitment.attrs["modality"]) if state.last_commitment else "binding"
            )
            triggers = [Trigger(verb, verb + 1, modality, "continuation", "commit-continuation")]
        if not triggers:
            return []
        # Merge adjacent triggers ("would consider", "has agreed to commit"): one clause.
        groups: list[list[Trigger]] = []
        for trig in triggers:
            if (
                groups
                and trig.start - groups[-1][-1].end <= 2
                and not self._boundary(doc, groups[-1][-1].end, trig.start)
            ):
                groups[-1].append(trig)
            elif (
                groups
                and trig.kind == "modal"
                and groups[-1][-1].kind != "modal"
                and doc[groups[-1][-1].end].lower_ == "that"
                and trig.start - groups[-1][-1].end <= 8
                and not self._boundary(doc, groups[-1][-1].end, trig.start)
            ):
                groups[-1].append(trig)  # "pledged that the board would vote ...": one pledge
            elif (
                groups
                and trig.modality == "exploratory"
                and doc[trig.start - 1].lower_ == "to"
                and not self._boundary(doc, groups[-1][-1].end, trig.start)
            ):
                continue  # a purpose: "will set up a joint venture to explore ..." is one promise
            else:
                groups.append([trig])
        results: list[Candidate] = []
        sentence_subject: list[str] | None = None
        clause_start = sent.start
        sent_end = self._content_end(sent)
        for gi, group in enumerate(groups):
            first, last = group[0], group[-1]
            nxt_start = groups[gi + 1][0].start if gi + 1 < len(groups) else None
            clause_end_tok = self._clause_end(doc, last.end, nxt_start, sent.end)
            if self._negated(doc, first, clause_start) or self._speculative(doc, sent, first):
                if sentence_subject is None:
                    state.explicit = False
                    subject = self._agents(
                        doc, sent, s_facts, first, clause_start, state, top_country
                    )
                    sentence_subject = subject if state.explicit else None
                clause_start = clause_end_tok
                continue
            modality = self._modality(group)
            if (
                first.start > 1
                and doc[first.start - 1].lower_ in ("which", "that", "who")
                and not self._party_before_relative(doc, s_facts, first.start - 1)
                and (first.kind == "modal" or doc[first.start - 2].lower_.endswith("s"))
            ):
                # "a plant which will cost ...", "buyers who would sign ...", "Companies that
                # commit to ...": no one named commits
                clause_start = clause_end_tok
                continue
            start_char = doc[first.start].idx
            end_char = min(doc[clause_end_tok - 1].idx + len(doc[clause_end_tok - 1]), sent_end)
            if end_char <= start_char:
                end_char = doc[last.end - 1].idx + len(doc[last.end - 1])
            text = doc_text(doc)[start_char:end_char]
            quote = open_quote(doc_text(doc), start_char)
            if quote is not None and quote.close is not None and quote.close < end_char:
                text = text[: quote.close - start_char]  # '"We will buy ore," said X': the quote
            stripped = text.rstrip(" ,;:.\"”’'")
            end_char = start_char + len(stripped)
            c_facts = [f for f in s_facts if start_char <= f.start < end_char]
            state.explicit = False
            agents = self._agents(doc, sent, s_facts, first, clause_start, state, top_country)
            if not agents and results:
                agents = list(results[-1].attrs["agents"])  # same subject as the clause before
                if results[-1].rule == "commit-binding-award" and state.last_subject:
                    agents = list(state.last_subject)  # "X awarded $5m to Y, and will fund": X
            elif not agents and sentence_subject:
                agents = list(sentence_subject)  # "X had not agreed ... and would pursue ..."
            elif not agents and first.kind == "noun":
                agents = list(state.signatories or state.last_group)  # "Key objectives include:"
            if state.explicit and sentence_subject is None:
                sentence_subject = list(agents)
            if continuation and gi == 0 and state.last_commitment is not None:
                agents = list(state.last_commitment.attrs["agents"])
            if not agents and state.lead_in is not None:
                agents = list(state.lead_in.attrs["agents"])  # a bullet under "X will:"
            allocated = first.rule == "commit-binding-allocation"
            if not agents and (first.kind != "modal" or allocated) and state.last_subject:
                agents = list(state.last_subject)  # no subject in sight: the last one named
            if not agents and first.kind == "modal":
                clause_start = clause_end_tok
                continue
            deadline = self._deadline(doc, c_facts, first)
            amount_fact = next((f for f in c_facts if f.type == "AMOUNT"), None)
            if allocated:  # "A further $250 million will go to ...": the sum is the subject
                before = [f for f in s_facts if f.type == "AMOUNT" and f.end <= start_char]
                amount_fact = before[-1] if before else amount_fact
            amount = (
                {"value": amount_fact.value["value"], "unit": amount_fact.value["unit"]}
                if amount_fact
                else None
            )
            links = [
                (f.type, f.start, f.end) for f in c_facts if f.type in ("PARTY", "DATE", "AMOUNT")
            ]
            attrs = {
                "modality": modality,
                "agents": agents,
                "deadline": deadline,
                "deadline_date": self._deadline_date(deadline, doc.user_data.get(DOC_DATE_KEY)),
                "amount": amount,
                "trigger": {
                    "text": doc[first.start : last.end].text,
                    "start": doc[first.start].idx,
                    "end": doc[last.end - 1].idx + len(doc[last.end - 1]),
                },
                "link_keys": links,
            }
            results.append(
                Candidate("COMMITMENT", start_char, end_char, None, first.rule, attrs, 9)
            )
            clause_start = clause_end_tok
        return results

    @staticmethod
    def _money_follows(doc: Doc, trig: Trigger, s_facts: list[Candidate]) -> bool:
        """Is a sum named within eight words after the trigger ("awarded the project €21m")?

        Awarding money commits the one who pays; awarding blocks or a licence
        ("awarded three exploration blocks") is a decision about others.
        """
        last = min(trig.end + 8, len(doc)) - 1
        lo, hi = doc[trig.start].idx, doc[last].idx + len(doc[last])
        return any(f.type == "AMOUNT" and lo < f.start < hi for f in s_facts)

    def _explores_ground(self, doc: Doc, trig: Trigger, s_facts: list[Candidate]) -> bool:
        """ "exploring copper deposits", "studying a copper-gold deposit": prospecting.

        Not "studying a lithium refinery", which is an exploratory commitment.
        """
        word = doc[trig.start].lower_
        if not word.startswith("explor") and not word.startswith("stud"):
            return False
        low = lower_texts(doc)
        k = trig.end
        while k < len(doc) and (low[k] == "for" or low[k] in self.noun_determiners):
            k += 1
        if k >= len(doc) or not any(f.type == "MINERAL" and f.start == doc[k].idx for f in s_facts):
            return False
        direct = all(low[j] == "for" for j in range(trig.end, k))  # "exploring (for) copper"
        return (word.startswith("explor") and direct) or any(
            low[j] in self.ground_words for j in range(k + 1, min(len(doc), k + 5))
        )

    @staticmethod
    def _modality(group: list[Trigger]) -> str:
        """The content verb decides: "would consider" is exploratory, "will" binding."""
        non_modal = [t for t in group if t.kind != "modal"]
        if non_modal:
            first, last = non_modal[0].modality, non_modal[-1].modality
            if first in ("intent", "pledge") and last == "binding":
                return first  # "aims to sign", "plans to sign", "vowed to sign"
            return non_modal[-1].modality
        return group[-1].modality

    def _breaks_clause(self, word: str) -> bool:
        """ ";", ",", "and", "but", "while": words that can end a clause."""
        return word in self.clause_breaks or word in self.coordinators

    def _boundary(self, doc: Doc, a: int, b: int) -> bool:
        """Is there a clause boundary between tokens a and b (", and", ";", "while")?"""
        return any(self._breaks_clause(t.lower_) for t in doc[a:b])

    @staticmethod
    def _party_before_relative(doc: Doc, s_facts: list[Candidate], i: int) -> bool:
        """Is token i a ", which" right after a party ("Serra Lithium S.A., which will supply")?"""
        if i < 2 or doc[i - 1].text != ",":
            return False
        comma = doc[i - 1].idx
        return any(f.type == "PARTY" and f.end == comma for f in s_facts)

    def _clause_end(self, doc: Doc, after: int, next_trigger: int | None, sent_end: int) -> int:
        if next_trigger is None:
            return sent_end
        # End before the conjunction/subject that introduces the next trigger.
        for i in range(next_trigger - 1, after - 1, -1):
            if self._breaks_clause(doc[i].lower_):
                return i if i > after else next_trigger
        return next_trigger

    @staticmethod
    def _content_end(sent: Span) -> int:
        text = doc_text(sent.doc)[sent.start_char : sent.end_char].rstrip()
        return sent.start_char + len(text)

    # ------------------------------------------------------------------ agents

    # ---------------------------------------------------------------- deadline
    def _deadline(self, doc: Doc, c_facts: list[Candidate], trig: Trigger) -> str | None:
        word = doc[trig.start].lower_
        past_act = trig.rule == "commit-binding-sign" or (
            trig.kind == "verb" and word.endswith("ed")
        )
        allowed = self.past_deadline_preps | {"in"} if past_act else self.deadline_preps
        ref: dt.date | None = doc.user_data.get(DOC_DATE_KEY)
        lowers = lower_texts(doc)
        for f in c_facts:
            if f.type != "DATE" or f.value in (None, "PAST_REF"):
                continue
            if (
                ref is not None
                and not str(f.value).startswith("P")
                and str(f.value) < ref.isoformat()[: len(str(f.value))]
            ):
                continue  # a date already past is when something happened, not a deadline
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is None:
                continue
            prev = doc[span.start - 1].lower_ if span.start > 0 else ""
            first = span[0].lower_
            if prev in ("since", "every", "each") or first in ("last", "past", "previous"):
                continue
            if prev == "for" and (str(f.value).startswith("P") or first in ("the", "a", "an")):
                continue  # "for 30 years" is a term; "cut the quota for 2027" names the year
            k = span.start - (2 if prev == "on" else 1)
            if k >= 0 and lowers[k] in self.speech_verbs:
                continue  # "..., the ministry said on Thursday": when it was said, not due
            if prev in allowed or (prev == "for" and not past_act):
                return str(f.value)
            if first in self.deadline_openers and not past_act:
                if span.end < len(doc) and lowers[span.end] in ("'s", "’s"):
                    continue  # "issue this year's quotas": the date describes a noun
                if any(
                    lowers[i].endswith("ed") and lowers[i + 1] == "by"
                    for i in range(trig.end, span.start - 1)
                ):
                    continue  # "a law passed by the National Assembly this week": a past act
                return str(f.value)
        return None

    @staticmethod
    def _deadline_date(deadline: str | None, ref: dt.date | None) -> str | None:
        if deadline is None or ref is None:
            return None
        m = _DURATION.match(deadline)
        if not m or not float(m.group(1)).is_integer():
            return None
        n = int(float(m.group(1)))
        delta = {
            "D": relativedelta(days=n), "W": relativedelta(weeks=n),
            "M": relativedelta(months=n), "Y": relativedelta(years=n),
        }[m.group(2)]  # fmt: skip
        return (ref + delta).isoformat()

    # ----------------------------------------------------------------- bullets
    def _bullet_from_lead_in(
        self, doc: Doc, sent: Span, s_facts: list[Candidate], lead: Candidate
    ) -> Candidate:
        text = sent.text
        m = BULLET.match(text)
        offset = m.end() if m else 0
        start = sent.start_char + offset
        body = text[offset:].rstrip().rstrip(".;,")
        end = start + len(body)
        c_facts = [f for f in s_facts if start <= f.start < end]
        dates = [f for f in c_facts if f.type == "DATE" and f.value not in (None, "PAST_REF")]
        amount_fact = next((f for f in c_facts if f.type == "AMOUNT"), None)
        attrs = dict(lead.attrs)
        own = next((f for f in c_facts if f.type == "PARTY" and f.start == start), None)
        if own is not None:  # "- Carson Lithium LLC (Reno): $120 million for ...": its own
            attrs["agents"] = [str(own.value)]
        attrs["deadline"] = str(dates[-1].value) if dates else lead.attrs["deadline"]
        attrs["deadline_date"] = self._deadline_date(
            attrs["deadline"], doc.user_data.get(DOC_DATE_KEY)
        )
        attrs["amount"] = (
            {"value": amount_fact.value["value"], "unit": amount_fact.value["unit"]}
            if amount_fact
            else None
        )
        first_tok = doc.char_span(start, start + 1, alignment_mode="expand")
        trig_text = first_tok.text if first_tok is not None else body.split()[0]
        attrs["trigger"] = {"text": trig_text, "start": start, "end": start + len(trig_text)}
        attrs["link_keys"] = [
            (f.type, f.start, f.end) for f in c_facts if f.type in ("PARTY", "DATE", "AMOUNT")
        ]
        return Candidate("COMMITMENT", start, end, None, "commit-bullet-lead-in", attrs, 9)

    # ------------------------------------------------------------------- state
    @staticmethod
    def _companies(doc: Doc) -> frozenset[str]:
        """The names the document gives companies (a legal form, a known company), read once."""
        return per_doc(doc, _COMPANIES_KEY, lambda d: company_names(facts(d)))

    def _update_state(
        self, sent: Span, s_facts: list[Candidate], state: DocState, found: list[Candidate]
    ) -> None:
        parties = [f for f in s_facts if f.type == "PARTY"]
        countries = [f for f in parties if f.attrs.get("kind") == "country"]
        doc = sent.doc
        if len(countries) >= 2:
            group = self._last_group(doc, countries, sent.end_char)
            if len(group) < 2:
                group = countries
            values = list(dict.fromkeys(str(f.value) for f in group))
            if len(values) >= 2:
                state.last_group = values
                state.last_countries = values
        for f in parties:
            if f.rule.startswith(COMPANY_RULES) and str(f.value) in self._companies(doc):
                state.last_company = str(f.value)  # not "MUZ" for a union, though a short name
        if parties and not found and parties[0].attrs.get("kind") != "person":
            # "Pwani Mineral Sands Ltd, a unit of ..., has mined ... It said it would stop":
            # a party opening a sentence is what a later "it" most likely stands for.
            text = doc_text(doc)[sent.start_char : parties[0].start]
            if text.strip(" \t\n\"“'‘-•*") in ("", "The", "the"):
                state.last_subject = [str(parties[0].value)]
        for cand in found:
            agents = cand.attrs["agents"]
            if (
                cand.rule == "commit-binding-sign"
                or "agree" in cand.attrs["trigger"]["text"].lower()
            ):
                if len(agents) >= 2:
                    state.signatories = list(agents)
                    state.last_group = list(agents)
                    countries_named = {
                        str(f.value)
                        for f in facts(doc)
                        if f.type == "PARTY" and f.attrs.get("kind") == "country"
                    }
                    if all(a in countries_named for a in agents):
                        state.last_countries = list(agents)
