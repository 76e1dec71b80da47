"""Commitment triggers: which words open a commitment, and which do not.

Why apart from the component: deciding that "will" opens a commitment only
after a party ("Japan will ...", not "prices will ..."), that "the signing"
is a noun, or that "has not committed" is negated are rules about words; the
component only strings their results into clauses. The word lists live in
`patterns/commitment_triggers.jsonl` and `patterns/commitment_lexicon.json`.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.components.base import (
    SentTokens,
    doc_text,
    facts,
    lower_texts,
    orth_texts,
    sentence_start_of,
    token_char_bounds,
    token_lowers,
)
from pipeline.components.commitment_types import Trigger

QUOTES = frozenset({'"', "“", "”", "'", "‘"})


MONTH_NAMES = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])


class TriggerRules:
    """Mixin of `CommitmentFinder`: find triggers and filter negated or speculative ones."""

    triggers: dict[str, dict[str, Any]]
    trigger_hashes: frozenset[int]
    to_hash: int
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    speculators: frozenset[str]
    adverbs: frozenset[str]
    subject_words: frozenset[str]
    subject_verbs: frozenset[str]
    modal_not_after: frozenset[str]
    participle_not_after: frozenset[str]
    intent_noun_next: frozenset[str]
    noun_like_triggers: frozenset[str]
    not_before: dict[str, list[str]]
    forecast_verbs: frozenset[str]
    passive_be: frozenset[str]
    audience_before: frozenset[str]
    noun_determiners: frozenset[str]
    goal_setting_verbs: frozenset[str]
    shared_subject_before: frozenset[str]
    clause_negators: frozenset[str]
    negating_phrases: tuple[str, ...]
    undisclosed_questions: tuple[str, ...]
    necessity_after_modal: tuple[str, ...]
    no_promise_after_modal: tuple[str, ...]
    speculative_after: frozenset[str]
    modified_noun_triggers: frozenset[str]
    no_commitment_nouns: frozenset[str]
    conditional_words: frozenset[str]
    denial_verbs: frozenset[str]
    money_scales: frozenset[str]
    group_counts: frozenset[str]
    noun_compound_next: frozenset[str]

    def _find_triggers(self, sent: Span, party_ends: frozenset[int] = frozenset()) -> list[Trigger]:
        found: list[Trigger] = []
        toks = SentTokens(sent)
        # the last word, not the line break after it; "S.A.A." or "Corp." ends with a full stop
        last = next((t.text for t in reversed(sent) if not t.is_space), "")
        headline = bool(last) and last[-1:] not in (".", "!", "?", ":", '"', "”")
        words: int | None = None
        strings = sent.doc.vocab.strings
        for i, lower in enumerate(token_lowers(sent.doc)[sent.start : sent.end]):
            row = self.triggers.get(strings[lower]) if lower in self.trigger_hashes else None
            if row is None:
                if not headline or lower != self.to_hash:
                    continue
                tok = toks[i]
                if (
                    tok.lower_ == "to"
                    and i > 0
                    and toks[i - 1].idx + len(toks[i - 1]) in party_ends
                    and i + 1 < len(toks)
                    and toks[i + 1].is_lower
                    and toks[i + 1].is_alpha
                ):
                    # Headline "China to offer one-year licences": a party's announced act.
                    start = sent.start + i
                    found.append(
                        Trigger(start, start + 2, "binding", "verb", "commit-binding-headline")
                    )
                continue
            tok = toks[i]
            nxt = toks[i + 1].lower_ if i + 1 < len(toks) else ""
            prev_tok = toks[i - 1].lower_ if i > 0 else ""
            if row["kind"] == "modal" and prev_tok in self.modal_not_after:
                continue  # "close at will", "the will of"
            if nxt in self.not_before.get(tok.lower_, ()):
                continue  # "exports weigh on prices": pressure, not deliberation
            if tok.is_title and i > 0 and not toks[i - 1].is_punct and row["kind"] != "modal":
                continue  # part of a name ("Critical Minerals Action Plan")
            if words is None:  # counted only for short lines: 13+ tokens are never 2 words
                words = (
                    sum(1 for t in sent if not t.is_space and not t.is_punct)
                    if len(sent) <= 12
                    else len(sent)
                )
            if words <= 2:
                continue  # a one-word heading ("Targets")
            # "the contract, signed in Shanghai": a participle; "the framework, signed by the
            # two leaders" keeps its signatories (the seed article's gold)
            before_comma = toks[i - 2].lower_ if prev_tok == "," and i > 1 and nxt != "by" else ""
            if row["kind"] != "modal" and (
                prev_tok in self.participle_not_after or before_comma in self.participle_not_after
            ):
                if tok.lower_.endswith(("ed", "ing")):
                    continue  # "a signed agreement", "after the signing", "the contract, signed"
            if row["kind"] == "modal" or tok.lower_ in self.subject_verbs:
                shared = (
                    headline
                    and prev_tok in (",", ";")
                    and any(end <= tok.idx for end in party_ends)
                    and tok.lower_.endswith("s")
                )  # headline "Karoo Minerals swings to profit, plans R1.9bn expansion" (or ";")
                allocation = (
                    row["kind"] == "modal"
                    and nxt == "go"
                    and i > 0
                    and (prev_tok in self.money_scales or any(c.isdigit() for c in prev_tok))
                )  # "A further C$40 million will go to a pilot plant": the funder's allocation
                if allocation:
                    start = sent.start + i
                    found.append(Trigger(start, start + 1, "binding", "modal",
                                         "commit-binding-allocation"))  # fmt: skip
                    continue
                if nxt != "to" and not shared and not self._has_subject(toks, i, party_ends):
                    continue  # "prices could fall", "a royalty plan is", "the refinery will cost"
            if row["needs_to"] and nxt != "to":
                continue
            if row["kind"] == "noun" and row["modality"] == "intent":
                # "goal is to", "goal of", "objectives include"
                if nxt not in self.intent_noun_next:
                    continue
            if (
                tok.lower_ in self.modified_noun_triggers
                and i > 1
                and toks[i - 2].lower_ in self.noun_determiners
                and toks[i - 1].is_lower
                and toks[i - 1].is_alpha
                and toks[i - 1].lower_ not in self.adverbs | self.subject_words
                and nxt != "to"
            ):
                continue  # "an environmental study by 2027": a noun after its adjective
            if (
                tok.lower_ in self.modified_noun_triggers
                and i > 0
                and toks[i - 1].is_lower
                and toks[i - 1].is_alpha
                and toks[i - 1].lower_ not in self.adverbs | self.subject_words
                and toks[i - 1].lower_ != "to"
                and (nxt in self.noun_compound_next or (nxt and not nxt[0].isalnum()))
            ):
                continue  # "a €25 million feasibility study on processing": a noun compound
            if tok.lower_ in self.noun_like_triggers and nxt == ":":
                continue  # "Key figures from the feasibility study:": a label, not a verb
            if tok.lower_ in self.noun_like_triggers and i > 0:
                prev = toks[i - 1].lower_
                sets_goal = nxt == "of" and i > 1 and toks[i - 2].lower_ in self.goal_setting_verbs
                if prev in self.noun_determiners and nxt != "to" and not sets_goal:
                    if tok.lower_ != "pledge" or prev in ("the", "this", "that"):
                        continue  # a noun ("the plan's"), not a pledge being made
            if (
                tok.lower_ in ("may", "might")
                and tok.text[0].isupper()
                and i > 0
                and toks[i - 1].is_punct is False
            ):
                continue  # the month of May
            start = sent.start + i
            end = start + 1 + (1 if nxt == "to" and row["kind"] != "modal" else 0)
            found.append(Trigger(start, end, row["modality"], row["kind"], row["id"]))
        return found

    def _has_subject(self, toks: Sequence[Any], i: int, party_ends: frozenset[int]) -> bool:
        """Is the word before a modal or bare verb a party or a word that stands for one?"""
        tok = toks[i]
        if tok.doc.has_annotation("DEP"):
            verb = tok.head if tok.dep_ in ("aux", "auxpass") else tok
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                return True  # with a parser (--model) the parse says who the subject is
        j = i - 1
        while j >= 0 and (toks[j].lower_ in self.adverbs or toks[j].text in QUOTES):
            j -= 1  # "... said the department \"will have the plan ready\""
        if j < 0:
            return False
        prev = toks[j]
        if j > 0 and toks[j - 1].lower_ in self.group_counts and prev.lower_.endswith("s"):
            return True  # "The two PSUs will pay": the group just named
        if prev.lower_ in self.shared_subject_before:
            return True  # "... and would review ...", "(K-SURE) would": shares a subject
        if prev.text == ",":  # "Zimbabwe, which banned exports in 2022, will stop ..."
            for k in range(j - 1, max(0, j - 30), -1):
                if toks[k].lower_ in ("which", "who") and toks[k - 1].text == ",":
                    if k < 2:
                        break
                    j, prev = k - 2, toks[k - 2]
                    break
                if toks[k].text == ",":  # "Kyrgyzaltyn, best known for gold, will send ..."
                    if toks[k - 1].idx + len(toks[k - 1]) in party_ends and k < j - 1:
                        return True
                    named = toks[j - 1].idx + len(toks[j - 1]) in party_ends
                    if named and toks[k + 1].text[:1].isupper():
                        return True  # "Zambia's state holding company, ZMH Investments Plc, will"
                    break
        return prev.idx + len(prev) in party_ends or prev.lower_ in self.subject_words

    def _negated(self, doc: Doc, trig: Trigger, clause_start: int) -> bool:
        low = lower_texts(doc)  # strings, not Token objects: this runs for every trigger
        start = trig.start
        window = low[max(clause_start, start - 3) : start]
        after = low[start + 1] if start + 1 < len(low) else ""
        after2 = low[start + 2] if start + 2 < len(low) else ""
        if after in ("not", "n't", "never") and not (trig.kind != "modal" and after2 == "to"):
            return True  # "will not join" ... but "pledged not to sell" is a pledge
        if after == "no" and trig.kind != "modal":
            return True  # "has signed no offtake": nothing was agreed
        sent_lo = sentence_start_of(doc)[start]
        for k in range(sent_lo, start):
            if low[k] in self.denial_verbs and "that" in low[k + 1 : start]:
                return True  # "denied a report that it was seeking a buyer"
        if any(w in self.negators for w in window):
            return True
        ahead = low[start + 1 : start + 4]
        for k in range(min(2, len(ahead) - 1)):
            if ahead[k] == "no" and ahead[k + 1] in self.no_commitment_nouns:
                return True  # "would make no commitment before ...", "gave no guarantee"
        if trig.kind == "modal" and " ".join(ahead).startswith(self.necessity_after_modal):
            return True  # "the ministry may have to cut prices": forced, not promised
        if trig.kind == "modal" and f"{' '.join(ahead)} ".startswith(self.no_promise_after_modal):
            # a reaction ("we would welcome that", "would only say that") or an outcome ("the
            # plant would cost $2 billion", "X could gain share"): no promise
            return True
        if start > 2 and low[start - 1] == "to":
            for k in range(max(clause_start, start - 9), start - 2):
                if low[k] in self.forecast_verbs and "," not in low[k:start]:
                    return True  # "an analyst expects other mills to sign": a forecast
        if (
            trig.kind == "modal"
            and ahead[:1] == ["have"]
            and ahead[1:2]
            and ahead[1].endswith(("ed", "en"))
        ):
            return True  # "would have required the department to ...": what did not happen
        if trig.kind == "modal" and ahead[:1] == ["be"] and ahead[1:2] and ahead[1].endswith("ing"):
            return True  # "it will be negotiating from a weak position": a prediction
        if trig.modality == "exploratory" and ahead[:1] and ahead[0] in self.speculative_after:
            return True  # "the administration may well announce": a guess, not a plan
        near = low[max(start - 5, sentence_start_of(doc)[start]) : start]
        if "," in near:
            near = near[len(near) - near[::-1].index(",") :]  # the clause after the comma
        if any(w in self.conditional_words for w in near):
            return True  # "... if a customer agreed to underwrite it", ", provided they commit"
        lead_from = max(clause_start, start - 6)
        if lead_from < start:
            last = doc[start - 1]
            lead = doc_text(doc)[doc[lead_from].idx : last.idx + len(last)].lower()
            if lead.endswith(self.negating_phrases):
                return True  # "I am not in a position to commit to a number"
        clause = low[clause_start:start]
        for k, w in enumerate(clause):
            if w in self.clause_negators and not (w in ("if", "unless") and "," in clause[k:]):
                # "Neither side has agreed", "whether Denmark would object"; but "If supply
                # is cut, we will release reserves" promises, in the clause after the comma.
                return True
        opening = next((w for w in clause if w.isalpha()), "")
        if opening == "no":
            return True  # "No financing agreements have been signed"
        if (
            trig.kind != "modal"
            and start > 0
            and low[start - 1] in self.passive_be  # "will be signed": passive
            and low[start].endswith("ed")
            and low[start] != "committed"  # "Japan is committed to ..." still pledges
            and not self._agent_by(doc, start)  # "was signed in Astana by X and Y"
        ):
            return True  # "contracts will be signed", "workers had been promised jobs"
        if start > 0 and low[start - 1] == "as" and trig.kind != "modal":
            return True  # "as agreed with the cooperatives": a deal restated, not a new one
        if any(q in " ".join(clause) for q in self.undisclosed_questions):
            return True  # "declined to say when its plant would start production"
        return any(w in self.negating_verbs for w in low[max(clause_start, start - 4) : start])

    @staticmethod
    def _agent_by(doc: Doc, start: int) -> bool:
        """Does "by" and a name follow token `start` closely ("signed in Astana by Kazakhstan")?

        "by 2026", "by the end of March" and "by March" are deadlines, not agents.
        """
        texts = orth_texts(doc)
        for k in range(start + 1, min(start + 8, len(texts) - 1)):
            if texts[k] == "by":
                name = (
                    texts[k + 2] if texts[k + 1] == "the" and k + 2 < len(texts) else texts[k + 1]
                )
                return name[:1].isupper() and name not in MONTH_NAMES
        return False

    def _speculator_in(self, doc: Doc, lo: int, hi: int) -> bool:
        """A speculating speaker in tokens [lo, hi): "analysts", but not "told analysts".

        Not a word of a name: "the Mineral Research and Survey Directorate" is no analyst.
        """
        low = lower_texts(doc)
        for k in range(lo, hi):
            if low[k] not in self.speculators or low[k - 1] in self.audience_before:
                continue
            at = token_char_bounds(doc)[0][k]
            if not any(f.type == "PARTY" and f.start <= at < f.end for f in facts(doc)):
                return True
        return False

    def _speculative(self, doc: Doc, sent: Span, trig: Trigger) -> bool:
        """Others' views of what a party will or could do: "analysts said Beijing could ..." """
        if trig.kind != "modal" and trig.modality != "exploratory":
            return False
        low = lower_texts(doc)
        if self._speculator_in(doc, sent.start, trig.start):
            return True  # "analysts said ... could", but not "told analysts the company will"
        if low[sent.start : sent.start + 2] in (["she", "said"], ["he", "said"]) and sent.start > 0:
            # '"...," said Anna Keller, a metals analyst. She said Berlin could offer ...':
            # the analyst of the sentence before is still the one speaking.
            before = sentence_start_of(doc)[sent.start - 1]
            if self._speculator_in(doc, before, sent.start):
                return True
        if trig.modality != "exploratory":
            return False
        # '"Beijing may loosen once stocks rebuild," said Wu Lin, an analyst': the speaker
        # named after the quote is the one speculating.
        after = low[trig.end : sent.end]
        return any(w in QUOTES for w in after) and any(w in self.speculators for w in after)
