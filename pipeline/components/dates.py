"""DATE candidates: token patterns from `patterns/dates.jsonl`, values from `normalize.dates`.

The document (reference) date comes from `doc.user_data["doc_date"]`
(set by the extraction run from front matter, JSONL or `--date`).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.base import (
    PRIORITY,
    Candidate,
    candidates,
    doc_text,
    lower_texts,
    orth_texts,
    sentence_start_of,
    sentence_tokens,
    token_char_bounds,
    token_lowers,
)
from pipeline.components.matching import FilePatterns
from pipeline.gazetteers import load_json
from pipeline.normalize.dates import normalize_date

DOC_DATE_KEY = "doc_date"
_RANGE = re.compile(r"^((?:1[89]|20)\d\d)([-–—])((?:1[89]|20)?\d\d)$")


def _ed_form(low: str, text: str) -> bool:
    """A lower-case word in -ed ("signed", "raised"): maybe a past verb, maybe "unprocessed"."""
    return len(low) > 4 and low.endswith("ed") and text.islower()


_MONTH_OR_DAY_VALUE = re.compile(r"\d{4}-\d\d(?:-\d\d)?")
# Rules that read a month or day without its year ("March", "Feb. 22", "22 February").
_YEARLESS_RULES = frozenset({"date-month", "date-month-may", "date-month-day", "date-day-month"})
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


class DateMatcher:
    """Propose DATE candidates with TIMEX3 values."""

    def __init__(self, nlp: Language, name: str = "dates") -> None:
        self.name = name
        self.patterns = FilePatterns(nlp.vocab, "dates.jsonl")
        lex = load_json("lexicon.json")
        self.prepositions = frozenset(lex["date_prepositions"])
        self.year_blockers = frozenset(lex["year_blocking_next"])
        self.year_blockers_before = frozenset(lex["year_blocking_before"])
        self.future_markers = frozenset(lex["date_future_markers"])
        # Future markers that are also nouns: future only before "to" ("plans to").
        self.future_nouns = frozenset(lex["date_future_nouns"])
        self.future_ids = frozenset(nlp.vocab.strings.add(w) for w in self.future_markers)
        self.past_markers = frozenset(lex["date_past_markers"])
        self.modal_stops = frozenset(lex["date_modal_stops"])
        self.clause_stops = frozenset(lex["date_clause_stops"])
        self.passive_before = frozenset(lex["date_passive_before"])
        self.results_after = frozenset(lex["date_results_after"])
        self.pronoun_subjects = frozenset(lex["date_pronoun_subjects"])
        self.speech_verbs = frozenset(load_json("commitment_lexicon.json")["speech_verbs"])
        self.to_not_verb = frozenset(lex["date_to_not_verb"])
        self.recurring_before = frozenset(lex["date_recurring_before"])
        self.counted_before = frozenset(lex["date_counted_before"])
        self.counted_forward = frozenset(lex["date_counted_forward"])
        self.counted_from = frozenset(lex["date_counted_back"]) | self.counted_forward
        self.condition_words = frozenset(lex["date_condition_words"])
        self.age_after = frozenset(lex["date_age_after"])
        self.range_joiners = frozenset(lex["date_range_joiners"])
        self.month_homographs = frozenset(lex["date_month_homographs"])
        self.same_form_pasts = frozenset(lex["date_same_form_pasts"])

    def __call__(self, doc: Doc) -> Doc:
        ref: dt.date | None = doc.user_data.get(DOC_DATE_KEY)
        out = candidates(doc)
        first_new = len(out)
        prio = PRIORITY["DATE"]
        low = lower_texts(doc)
        text = doc_text(doc)
        starts, ends = token_char_bounds(doc)
        for entry, s, e in self.patterns.matches(doc):
            rule = entry["id"]
            # Leading prepositions are never part of a TIMEX3 extent ("in May" → "May");
            # "over" is one before a bare duration ("over five years").
            at_least = s < e - 1 and low[s + 1] in ("least", "most")
            while s < e - 1 and (
                (low[s] in self.prepositions and not at_least)
                or (low[s] == "over" and rule == "date-duration")
            ):
                s += 1
                at_least = s < e - 1 and low[s + 1] in ("least", "most")
            if low[s] in self.prepositions and not at_least:
                continue  # a bare preposition ("in"), not "at least ..."
            while e > s + 1 and low[e - 1] == ",":
                e -= 1  # "on Tuesday, March 17, with conditions": the comma is not the date's
            if rule == "date-year" and not self._is_year(doc, s):
                continue
            if e - s == 1 and self._numbered_item(doc, s):
                continue  # "Q1. Should the reserve cover ...": a numbered question
            if rule == "date-duration" and e < len(doc) and low[e] in self.counted_from:
                cand = self._years_earlier(doc, s, e, out, prio)
                if cand is not None:
                    out.append(cand)
                    continue
            if rule == "date-duration" and not self._is_duration(doc, s, e):
                continue
            if rule == "date-duration" and low[s] == "under" and low[e - 2] == "-":
                s += 1  # "under 10-year offtake deals": a preposition before an adjective
            if rule == "date-year-range":
                out.extend(self._split_range(doc, s, prio))
                continue
            # An explicit past word nearest the date wins over a future word further back
            # ("expects to produce ... dropped since July"); a word in -ed ("unprocessed")
            # only counts when no future word is there.
            past, past_weak = self._past(doc, s)
            if e < len(doc) and low[e] in self.results_after:
                past = True  # "Q4 profit jumps": results are of a period already over
            future = not past and self._future(doc, s)
            if not (past or past_weak or future) and all(
                low[k] in self.prepositions for k in range(sentence_start_of(doc)[s], s)
            ):
                # the date opens: "From Jan. 1, it will ...", "In March, Yalgoo signed ..."
                tense = self._tense_after(doc, e)
                future, past = tense == "future", tense == "past"
            start_char, end_char = starts[s], ends[e - 1]
            value = normalize_date(
                text[start_char:end_char], ref, future, past or (not future and past_weak)
            )
            out.append(Candidate("DATE", start_char, end_char, value, rule, {}, prio))
        self._share_range_year(text, out[first_new:])
        return doc

    def _share_range_year(self, text: str, found: list[Candidate]) -> None:
        """ "between March and June 2027": the first month takes the year written once, after.

        Its own tense would read "March" in a March 2026 story as this
        month; a range names one span, so both ends share the year (the
        year before when the first month comes later: "November to
        February 2027").
        """
        dates = [c for c in found if c.type == "DATE"]
        for a in dates:
            if a.rule not in _YEARLESS_RULES or not _MONTH_OR_DAY_VALUE.fullmatch(str(a.value)):
                continue
            after = [  # the longest reading of the date after the joiner ("June 2027", not "June")
                b for b in dates
                if 0 < b.start - a.end <= 10  # " through " at most
                and text[a.end : b.start].strip().lower() in self.range_joiners
            ]  # fmt: skip
            if not after:
                continue
            b = max(after, key=lambda c: c.end)
            if not _MONTH_OR_DAY_VALUE.fullmatch(str(b.value)):
                continue
            year, month = int(str(b.value)[:4]), int(str(b.value)[5:7])
            wraps = int(str(a.value)[5:7]) > month  # "November to February"
            if wraps and not _YEAR.search(text[b.start : b.end]):
                continue  # no year written: each end keeps its own
            a.value = f"{year - wraps:04d}{str(a.value)[4:]}"

    def _years_earlier(
        self, doc: Doc, s: int, e: int, found: list[Candidate], prio: int
    ) -> Candidate | None:
        """ "up from 1.1 billion two years earlier": a year counted back from the year just named.

        The year is the last dated fact earlier in the same sentence ("last
        year" → 2025, so "two years earlier" → `2023`); without one it is a
        past reference (`PAST_REF`), like "years ago" with nothing to count from.
        """
        while s < e - 1 and doc[s].lower_ in ("than", "more", "less", "about", "nearly"):
            s += 1  # "2.1% higher than [a year earlier]": the comparison is not the date's
        duration = normalize_date(doc[s:e].text, None)
        m = re.fullmatch(r"P(\d+)Y", duration or "")
        if not m:
            return None
        span = doc[s : e + 1]
        sent_start = doc[sentence_start_of(doc)[s]].idx
        # The period counted back keeps its grain: "the quarter ended Sept. 30 ... a year
        # earlier" is that quarter a year before (2025-Q3), a month stays a month.
        dated = [c for c in found if c.type == "DATE" and sent_start <= c.start < span.start_char]
        dated = [  # "the quarter ended March 31", not the "March" inside it
            c for c in dated
            if not any(o.start <= c.start and c.end <= o.end and o.length > c.length for o in dated)
        ]  # fmt: skip
        periods = [
            period
            for c in dated
            for period in [re.fullmatch(r"(\d{4})((?:-(?:Q[1-4]|H[12]|\d\d))?)", str(c.value))]
            if period
        ]
        sign = 1 if doc[e].lower_ in self.counted_forward else -1  # "sold it two years later"
        if periods:
            year = int(periods[-1].group(1)) + sign * int(m.group(1))
            value = f"{year}{periods[-1].group(2)}"
        elif sign > 0:
            return None  # "two years later" with no year to count from: left as it was
        else:
            value = "PAST_REF"
        return Candidate(
            "DATE", span.start_char, span.end_char, value, "date-years-earlier", {}, prio
        )

    def _future(self, doc: Doc, start: int) -> bool:
        """Does the sentence speak of what is to come before the date at token `start`?

        ("will ... in February"). Not for the date a statement was made:
        "..., the company said on Jun 9".
        """
        low = lower_texts(doc)
        before = start - (1 if start > 0 and low[start - 1] == "on" else 0)
        if before > 0 and low[before - 1] in self.speech_verbs:
            return False
        sent_start = sentence_start_of(doc)[start]
        if self.future_ids.isdisjoint(token_lowers(doc)[sent_start:start]):
            return False
        texts = orth_texts(doc)
        return any(self._future_marker(low, i, start, texts) for i in range(sent_start, start))

    def _tense_after(self, doc: Doc, end: int) -> str | None:
        """For a date opening its sentence: "future" or "past" by the first tense word after it."""
        low = lower_texts(doc)
        sent_end = sentence_tokens(doc, end - 1)[1]
        texts = orth_texts(doc)
        for i in range(end, sent_end):
            if low[i] == ";":
                return None
            if low[i] in self.past_markers or _ed_form(low[i], texts[i]):
                return "past"  # "In August the Company signed ...": told as past
            if self._future_marker(low, i, None, texts):
                return "future"
        return None

    def _future_marker(
        self, low: list[str], i: int, date_start: int | None, texts: list[str]
    ) -> bool:
        """A future marker at token i; "plan" only as a verb ("plans to"), not "its plan of".

        "may" only in lower case: "May" is the month.
        """
        if low[i] not in self.future_markers:
            return False
        if low[i] in self.month_homographs and not texts[i].islower():
            return False
        if low[i] == "by" and (date_start is None or i != date_start - 1):
            return False  # "by 2030" is a deadline; "cut output by 12%", "by noting" are not
        return low[i] not in self.future_nouns or (i + 1 < len(low) and low[i + 1] == "to")

    def _past(self, doc: Doc, start: int) -> tuple[bool, bool]:
        """Is the nearest verb before the date at token `start` in the past?

        ("lifted the ban in November"). Walks back to the sentence start: a
        past form ("was", "stood", "since") says past; "to" before a verb
        ("agreed to start deliveries in November"), a future marker or ";"
        says not. Returns (by the listed past words, by those or any word in
        -ed first).
        """
        sent_start = sentence_start_of(doc)[start]
        lows, texts = lower_texts(doc), orth_texts(doc)  # strings: no Token objects
        weak, weak_at = False, -1
        for i in range(start - 1, sent_start - 1, -1):
            low = lows[i]
            if low in self.clause_stops or low in self.modal_stops:
                break  # "The auction was on May 4; bids close on June 30": a new clause
            if self._future_marker(lows, i, start, texts):
                break
            if low == "to" and i + 1 < len(lows):
                nxt = texts[i + 1]
                if nxt.islower() and nxt.isalpha() and lows[i + 1] not in self.to_not_verb:
                    break
                if lows[i + 1] == "be" and weak_at == i + 2:
                    return False, False  # "is set to be reviewed in October": not done yet
            if low in self.condition_words:
                return False, False  # "If the permit is granted before December, ...": to come
            if low in self.past_markers:
                return True, True
            ed_form = _ed_form(low, texts[i])
            if ed_form or low in self.same_form_pasts:
                before = texts[i - 1] if i > sent_start else ""
                if (before[:1].isupper() and before.isalpha()) or (
                    before.lower() in self.pronoun_subjects
                ):
                    # "after Astana raised the tax ... in January", "Austral put the stake up
                    # for sale in March" (no -s: not the present): a verb after its subject
                    return True, True
            if ed_form:
                by_prep = i == start - 2 and lows[start - 1] in self.prepositions
                if (i == start - 1 or by_prep) and lows[i - 1] not in self.passive_before:
                    return True, True  # "which agreed in June to supply": the verb of the date
                weak, weak_at = True, i
        return False, weak

    @staticmethod
    def _numbered_item(doc: Doc, i: int) -> bool:
        """A lone "Q1"/"H2" opening a line and followed by "." or ")": a list label, not a date."""
        opens_line = i == 0 or "\n" in doc[i - 1].text_with_ws or doc[i - 1].is_space
        return (
            opens_line
            and i + 1 < len(doc)
            and doc[i + 1].text in (".", ")", ":")
            and doc[i].text[:1] in ("Q", "H")
            and doc[i].text[1:].isdigit()
        )

    def _is_year(self, doc: Doc, i: int) -> bool:
        """A bare 19xx/20xx number is a year unless a unit or a money sign surrounds it."""
        if i + 1 < len(doc):
            nxt = doc[i + 1]
            if nxt.lower_ in self.year_blockers:
                return False
            if nxt.text in ("-", "–") and i + 2 < len(doc) and doc[i + 2].like_num:
                return doc[i + 2].text.isdigit() and len(doc[i + 2].text) == 4
        if i > 0 and doc[i - 1].text in self.year_blockers_before:
            return False
        return True

    def _is_duration(self, doc: Doc, s: int, e: int) -> bool:
        """ "a year" after a quantity ("10,000 tonnes a year") is a recurrence, not a DATE."""
        first = doc[s]
        if first.lower_ in ("a", "an") and s > 0 and doc[s - 1].text in ("-", "–"):
            return False  # "a 24,000-tonne-a-year plant"
        tokens = [t.lower_ for t in doc[s:e]]
        if tokens[-1] in ("quarter", "quarters") and len(tokens) >= 2 and tokens[-2] in ("a", "an"):
            return False  # "roughly a quarter of its output" is a fraction
        if s > 0 and doc[s - 1].lower_ in self.recurring_before - {"a", "an"}:
            return False  # "every three months" recurs
        if e < len(doc) and doc[e].lower_ in self.age_after:
            return e < len(doc) and doc[e].lower_ == "of" and doc[s].lower_ not in ("a", "an")
        if first.lower_ in ("a", "an") and e - s == 2:
            prev = doc[s - 1] if s > 0 else None
            return prev is not None and prev.lower_ in self.counted_before
        return not (
            s > 0
            and doc[s - 1].lower_ in self.recurring_before
            and first.lower_ in ("year", "month")
        )

    @staticmethod
    def _split_range(doc: Doc, i: int, prio: int) -> list[Candidate]:
        """ "2025–2030" is two DATE facts, one per year (docs/ANNOTATION.md, ranges)."""
        tok = doc[i]
        m = _RANGE.match(tok.text)
        if not m:
            return []
        first, second = m.group(1), m.group(3)
        second_year = second if len(second) == 4 else first[:2] + second
        base = tok.idx
        return [
            Candidate("DATE", base, base + len(first), first, "date-year-range", {}, prio),
            Candidate(
                "DATE",
                base + m.end(2),
                base + len(tok.text),
                second_year,
                "date-year-range",
                {},
                prio,
            ),
        ]
