"""TIMEX3-style values for date expressions.

Why a separate normaliser: the matcher only decides *where* a date is; the
value ("2025-10-28", "P6M", "2024-Q3", "199", "PAST_REF") is computed here
from the span text and the document (reference) date, so the rules can be
tested one string at a time.

Relative expressions need a reference date; without one they normalise to
`None` (never to today's date).

>>> import datetime as dt
>>> normalize_date("last year", dt.date(2025, 10, 28))
'2024'
>>> normalize_date("six months", None)
'P6M'
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from pipeline.normalize.numbers import UNITS, words_to_number

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y", "quarter": "M"}
UNIT_FACTOR = {"day": 1, "week": 1, "month": 1, "year": 1, "decade": 10, "quarter": 3}
CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty - first": 21}

_MODIFIER = re.compile(
    r"^(?:just |well )?(?:over|about|around|nearly|almost|some|roughly|approximately|"
    r"(?:no |not )?(?:more than|less than)|at (?:least|most)|up to|under|close to)\s+"
)


def _month(word: str) -> int | None:
    """ "Oct." / "October" / "Sept" → month number; None for anything else."""
    w = word.lower().rstrip(".")
    if w.startswith("sept"):
        return 9 if w in ("sept", "september") else None
    if len(w) > 3 and not _is_month_name(w):
        return None
    return MONTHS.get(w[:3])


def _day(word: str) -> int | None:
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?$", word)
    if not m:
        return None
    d = int(m.group(1))
    return d if 1 <= d <= 31 else None


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _count(text: str) -> float | None:
    text = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    if text in ("several", "few", "a few"):
        return None
    return words_to_number(text)


def duration_value(count: float, unit: str) -> str:
    """`(6, "month")` → `P6M`; decades become years (`P10Y`), quarters months."""
    unit = unit.lower().rstrip("s")
    n = count * UNIT_FACTOR[unit]
    num = str(int(n)) if float(n).is_integer() else f"{n:g}"
    return f"P{num}{UNIT_CODES[unit]}"


def _shift(ref: dt.date, unit: str, n: int) -> str | None:
    unit = unit.rstrip("s")
    if unit == "year":
        return f"{ref.year + n:04d}"
    if unit == "month":
        d = ref + relativedelta(months=n)
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "week":
        d = ref + dt.timedelta(weeks=n)
        iso = d.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if unit == "quarter":
        q0 = (ref.month - 1) // 3 + n
        year = ref.year + q0 // 4
        return f"{year:04d}-Q{q0 % 4 + 1}"
    if unit == "day":
        return (ref + dt.timedelta(days=n)).isoformat()
    if unit == "decade":
        return f"{(ref.year // 10 + n):03d}"
    return None


SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# First and last month of the seasons that lie within one calendar year (northern
# hemisphere); winter spans two years, so a bare "winter" keeps the reference year.
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _period_year_shift(n: int, letter: str, ref: dt.date, future: bool, past: bool) -> int:
    """-1, 0 or +1: the year of quarter or half `n` ("Q" or "H") named without a year.

    Told as past and not yet begun this year: last year's. Told as to come
    and over for three months or more: next year's.
    """
    months = 3 if letter == "Q" else 6
    if past and (n - 1) * months + 1 > ref.month:
        return -1
    if future and n * months <= ref.month - 3:
        return 1
    return 0


_WORKING_DAYS = re.compile(r"\b(?:working|business) day(?=s?\b)")
_ANOTHER = re.compile(r"^(?:another|further) (?=\S+ (?:day|week|month|year|decade)s?$)")


def _range_end_year(first: str, last_two: str) -> str:
    """ "2027" and "28" (of "2027-28", "2099/00") → the year the range ends in: "2028"."""
    first_year = int(first)
    last_year = first_year // 100 * 100 + int(last_two)
    return str(last_year if last_year > first_year else last_year + 100)


@lru_cache(maxsize=8192)
def normalize_date(
    text: str, ref: dt.date | None, future: bool = False, past: bool = False
) -> str | None:
    """Return the TIMEX3 value of a date expression, or None when it cannot be normalised.

    Cached: a pure function of its arguments, and news repeats its dates
    ("2025", "Tuesday", "last year") across sentences and documents.

    `future` says the sentence speaks of what is to come ("will start on
    Jan. 1"): a month without a year that has already passed this year is
    then next year's.
    """
    t = re.sub(r"\s+", " ", text.strip()).replace("’", "'")
    low = t.lower()
    low = re.sub(r"\s*([-–—])\s*", r"\1", low)  # "six - month" → "six-month"
    low = _WORKING_DAYS.sub("day", low)  # "45 working days" counts as P45D, like the gold
    low = _ANOTHER.sub("", low)  # "another two years" lasts two years

    # "Thursday, May 14, 2026": the date; the weekday only names it
    m = re.fullmatch(rf"({'|'.join(WEEKDAYS)}),? (.+)", low)
    if m and re.search(r"\d", m.group(2)):
        day = normalize_date(t[t.index(" ") + 1 :], ref, future, past)
        if day is None or re.search(r"\b(?:19|20)\d\d\b", m.group(2)) or len(day) != 10:
            return day
        # "Tuesday, 30 June" with no year: the year in which that day is a Tuesday
        wanted = WEEKDAYS.index(m.group(1))
        guess = dt.date.fromisoformat(day)
        for shift in (0, -1, 1):
            try:
                moved = guess.replace(year=guess.year + shift)
            except ValueError:
                continue
            if moved.weekday() == wanted:
                return moved.isoformat()
        return day
    # "the December quarter", "the July-September quarter": the calendar quarter ending then
    m = re.fullmatch(r"(?:the )?(?:([a-z]+\.?)-)?([a-z]+\.?)[- ]quarter", low)
    if m and _month(m.group(2)) is not None:
        first, last = _month(m.group(1) or ""), _month(m.group(2))
        assert last is not None
        if last % 3 == 0 and (first is None if not m.group(1) else first == last - 2):
            month = normalize_date(m.group(2), ref, future, past)
            if month is not None and re.fullmatch(r"\d{4}-\d\d", month):
                return f"{month[:4]}-Q{last // 3}"
    # "the three months to 31 March", "the six months to June 30", "the quarter ended Sept. 30":
    # the quarter or half that date closes; "the week ended Nov. 7": that date's week
    m = re.fullmatch(
        r"the (week|quarter|half|(?:three|3|six|6) months) (?:to|ended|ending|through) (.+)", low
    )
    if m and m.group(1) == "week":
        end = normalize_date(t.split(" ", 3)[3], ref, future, past)
        if end is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", end):
            return None
        iso_year, iso_week, _ = dt.date.fromisoformat(end).isocalendar()
        return f"{iso_year}-W{iso_week:02d}"
    if m:
        words = 4 if m.group(1).endswith("months") else 3
        end = normalize_date(t.split(" ", words)[words], ref, future, past)
        span = 3 if m.group(1) in ("three months", "3 months", "quarter") else 6
        if end is not None and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", end):
            if int(end[5:7]) % span == 0:
                return f"{end[:4]}-{'Q' if span == 3 else 'H'}{int(end[5:7]) // span}"
        return None
    # "the first six months" (of this year), "the first three months"
    m = re.fullmatch(r"the first (six|three|6|3) months", low)
    if m and ref is not None:
        return f"{ref.year}-{'H1' if m.group(1) in ('six', '6') else 'Q1'}"
    # "year to date", "year-to-date": this year
    if low in ("year to date", "year-to-date") and ref is not None:
        return str(ref.year)
    # "the summer of 2024": that year's season
    m = re.fullmatch(r"(?:the )?(spring|summer|autumn|fall|winter) of ((?:19|20)\d\d)", low)
    if m:
        return f"{m.group(2)}-{SEASONS[m.group(1)]}"
    # "Q1 FY2027": the quarter, counted in the fiscal year's calendar year
    m = re.fullmatch(r"([qh])([1-4]) (fy\S+)", low)
    if m:
        fiscal = normalize_date(t.split(" ", 1)[1], ref, future, past)
        if fiscal is None or not re.fullmatch(r"\d{4}", fiscal):
            return None
        if m.group(1) == "h" and m.group(2) not in "12":
            return None
        return f"{fiscal}-{m.group(1).upper()}{m.group(2)}"
    # seasons, TIMEX3 style: "the autumn" → 2026-FA
    m = re.fullmatch(r"(?:the )?(?:(this|next|last) )?(spring|summer|autumn|fall|winter)", low)
    if m and ref is not None:
        season_year = ref.year + {"next": 1, "last": -1}.get(m.group(1) or "", 0)
        first, last = SEASON_MONTHS.get(m.group(2), (1, 12))
        if not m.group(1) and future and ref.month > last:
            season_year += 1  # "pencilled in for the spring", written in October: next spring
        elif not m.group(1) and past and ref.month < first:
            season_year -= 1  # "prices fell in the autumn", written in May: last autumn
        return f"{season_year}-{SEASONS[m.group(2)]}"
    # 2025-10-28 / 2025/10/28
    m = re.fullmatch(r"((?:1[89]|20)\d\d)[-/](\d\d)[-/](\d\d)", low)
    if m:
        return _fmt(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    # decades and centuries
    m = re.fullmatch(r"(?:the )?(?:early |late |mid-?)?((?:1[89]|20)\d)0s", low)
    if m:
        return m.group(1)
    m = re.fullmatch(r"the (?:early |late |mid-?)?(\d\d)(?:st|nd|rd|th) century", low)
    if m:
        return f"{int(m.group(1)) - 1:02d}"
    m = re.fullmatch(r"the (?:early |late |mid-?)?([a-z-]+) century", low)
    if m and m.group(1) in CENTURY_WORDS:
        return f"{CENTURY_WORDS[m.group(1)] - 1:02d}"
    # quarters and halves: "Q3 2027", "Q3'27", "1H 2027"
    m = re.fullmatch(r"([qh])([1-4])['’](\d\d)", low) or re.fullmatch(
        r"([12])(h) ?((?:19|20)\d\d)", low
    )
    if m:
        n, letter = (m.group(1), "H") if m.group(2) == "h" else (m.group(2), m.group(1).upper())
        full = m.group(3) if len(m.group(3)) == 4 else f"20{m.group(3)}"
        return None if letter == "H" and n not in "12" else f"{full}-{letter}{n}"
    m = re.fullmatch(r"([qh])([1-4])[-/ ]?((?:19|20)\d\d)?", low)
    if m:
        qyear = int(m.group(3)) if m.group(3) else (ref.year if ref else None)
        if m.group(1) == "h" and m.group(2) not in "12":
            return None
        if qyear and ref and not m.group(3):
            # "Q4 profit jumps" in February: last year's; "will start in Q1" in November: next
            qyear += _period_year_shift(int(m.group(2)), m.group(1).upper(), ref, future, past)
        return f"{qyear:04d}-{m.group(1).upper()}{m.group(2)}" if qyear else None
    m = re.fullmatch(
        r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th)[ \-–](quarter|half)"
        r"(?:(?: of)?(?: calendar| fiscal| financial)? ((?:19|20)\d\d)"
        r"| of (this|next|last|the) year)?",
        low,
    )
    if m:
        n = ORDINALS[m.group(1)]
        letter = "Q" if m.group(2) == "quarter" else "H"
        if letter == "H" and n > 2:
            return None
        if m.group(3):
            year: int | None = int(m.group(3))
        elif ref is None:
            year = None
        else:
            year = ref.year + {"next": 1, "last": -1}.get(m.group(4) or "", 0)
            if not m.group(4):
                # "sold a record in the fourth quarter" in February: last year's; "would decide
                # by the end of the first quarter" in December: next year's
                year += _period_year_shift(n, letter, ref, future, past)
        return f"{year:04d}-{letter}{n}" if year else None
    # ISO weeks: "Week 46" (of the reference year), "week 46 2025"
    m = re.fullmatch(r"(?:week|w) ?(\d{1,2})(?: ((?:19|20)\d\d))?", low)
    if m:
        wyear = int(m.group(2)) if m.group(2) else (ref.isocalendar()[0] if ref else None)
        return f"{wyear:04d}-W{int(m.group(1)):02d}" if wyear else None
    # "fiscal 2027-28", "the 2027-28 financial year", "FY2027-28": the year it ends in
    m = re.fullmatch(
        r"(?:the )?(?:(?:fiscal|financial) (?:year )?|fy)?((?:19|20)\d\d)[-/](\d\d)"
        r"(?: (?:fiscal|financial) year)?",
        low,
    )
    if m and re.search(r"fiscal|financial|fy", low):
        return _range_end_year(m.group(1), m.group(2))
    # "the 2027/28 season": a season that spans two years is named by the year it ends in
    m = re.fullmatch(r"(?:the )?((?:19|20)\d\d)/(\d\d) (?:season|harvest)", low)
    if m:
        return _range_end_year(m.group(1), m.group(2))
    # "calendar 2028": the year
    m = re.fullmatch(r"calendar ((?:19|20)\d\d)", low)
    if m:
        return m.group(1)
    # fiscal years
    m = re.fullmatch(r"(?:fiscal (?:year )?|fy[-']?)(?:(?:19|20)?\d\d/)?((?:19|20)?\d\d)", low)
    if m:  # "FY2026/27" is the year it ends in
        y = m.group(1)
        return y if len(y) == 4 else f"20{y}"
    m = re.fullmatch(r"(?:the )?((?:19|20)\d\d) (?:fiscal|financial) year", low)
    if m:
        return m.group(1)
    # "the fiscal year ending March 2027", "the year to June": the year it ends in
    m = re.fullmatch(
        r"the ((?:fiscal|financial) )?(year|12 months|twelve months)"
        r" (?:ending|ended|to|through) (.+)",
        low,
    )
    if m:  # "the year to June" and "the 12 months to June 30" are the same period
        words = 3 + bool(m.group(1)) + (m.group(2) != "year")
        end = normalize_date(t.split(" ", words)[words], ref, future, past)
        return end[:4] if end is not None and re.match(r"\d{4}", end) else None
    # "early next year", "late last year": the year named
    m = re.fullmatch(r"(?:early|late|mid)[- ]?(next|last|this) (year|month|decade)", low)
    if m:
        shift = {"next": 1, "last": -1}.get(m.group(1), 0)
        return None if ref is None else _shift(ref, m.group(2), shift)
    # edges of a year: "the end of 2026", "mid-2027", "early 2024"
    m = re.fullmatch(
        r"(?:the )?(?:(?:end|start|beginning|middle|close|turn|rest) of|early|late|mid|end|start)"
        r"[- ]?((?:1[89]|20)\d\d)",
        low,
    )
    if m:
        return m.group(1)
    m = re.fullmatch(
        r"(?:the )?(?:end|start|beginning|middle|close|rest) of (the|this|next|last) "
        r"(?:fiscal |financial )?(year|month|decade|quarter)",
        low,
    )
    if m:
        if ref is None:
            return None
        shift = {"next": 1, "last": -1}.get(m.group(1), 0)
        return _shift(ref, m.group(2), shift)
    # the coming months: a future reference with no date
    if re.fullmatch(r"the (?:coming|next few|coming few) (?:days|weeks|months|years)", low):
        return "FUTURE_REF"
    if re.fullmatch(r"the (?:days|weeks|months|years) ahead", low):
        return "FUTURE_REF"
    # "mid-year", "year-end" are this year; "mid-decade", "end-decade" this decade
    m = re.fullmatch(r"(?:mid|end|start)[-–](year|decade)|year[-–]end", low)
    if m:
        if ref is None:
            return None
        return f"{ref.year // 10:03d}" if m.group(1) == "decade" else str(ref.year)
    # "April last year", "March next year": the month of the year named
    m = re.fullmatch(r"([a-z]+) (last|next|this) year", low)
    if m and _month(m.group(1)) is not None and ref is not None:
        year = ref.year + {"last": -1, "next": 1}.get(m.group(2), 0)
        return _fmt(year, _month(m.group(1)))
    # "end-June", "mid-March": the month named
    m = re.fullmatch(r"(?:end|mid|early|late|start)[-–]([a-z]+\.?)((?: (?:19|20)\d\d)?)", low)
    if m and _month(m.group(1)) is not None:
        return normalize_date(m.group(1) + m.group(2), ref, future, past)
    # "the week of Nov. 16": the ISO week holding that day
    m = re.fullmatch(r"the week of (.+)", low)
    if m:
        day = normalize_date(m.group(1), ref, future, past)
        if day is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", day):
            year, week, _ = dt.date.fromisoformat(day).isocalendar()
            return f"{year:04d}-W{week:02d}"
    # "the end of fiscal 2027": the year
    m = re.fullmatch(
        r"(?:the )?(?:end|start|beginning|close) of (?:fiscal|financial) ((?:19|20)\d\d)", low
    )
    if m:
        return m.group(1)
    # "the end of the first quarter of 2026", "the end of November": the period named
    m = re.fullmatch(r"(?:the )?(?:end|start|beginning|middle|close|rest) of (.+)", low)
    if m and not re.fullmatch(r"(?:the|this|next|last) \w+|(?:1[89]|20)\d\d", m.group(1)):
        inner = normalize_date(m.group(1), ref, future, past)
        if inner is not None:
            return inner
    # month day year / day month year / month year / month day / month
    tokens = re.findall(r"[a-z]+\.?|\d+(?:st|nd|rd|th)?", low)
    value = _absolute_from_tokens(tokens, ref, future, past)
    if value is not None:
        return value
    # plain year
    if re.fullmatch(r"(?:1[89]|20)\d\d", low):
        return low
    # relative: last/next/this year|month|week|quarter
    m = re.fullmatch(
        r"(?:the (?=previous))?(last|next|this|previous|coming|past|current) "
        r"(year|month|week|quarter|decade)",
        low,
    )
    if m:
        if ref is None:
            return None
        shift = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(m.group(1), 0)
        return _shift(ref, m.group(2), shift)
    m = re.fullmatch(r"the coming (month|week|quarter)", low)
    if m:  # "in the coming quarter": the next calendar quarter (not a three-month span)
        return _shift(ref, m.group(1), 1) if ref else None
    m = re.fullmatch(r"(earlier|later) this (year|month|week|quarter)", low)
    if m:
        return _shift(ref, m.group(2), 0) if ref else None
    if low in ("yesterday", "today", "tomorrow"):
        if ref is None:
            return None
        return (
            ref + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[low])
        ).isoformat()
    m = re.fullmatch(
        r"(?:(last|next|this) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", low
    )
    if m:
        return _weekday(ref, WEEKDAYS.index(m.group(2)), m.group(1))
    # "N units ago"
    m = re.fullmatch(r"(.*?)\s*(day|week|month|year|decade)s? ago", low)
    if m:
        return _ago(m.group(1), m.group(2), ref)
    m = re.fullmatch(r"(.+) and a half (day|week|month|year)s?", low)
    if m:
        half = _count(_MODIFIER.sub("", m.group(1)))
        return duration_value(half + 0.5, m.group(2)) if half else None
    # durations: "six months", "the past two years", "a six-month", "18-month"
    m = re.fullmatch(
        r"(?:the )?(?:past |last |next |coming |previous |first |following )?(.*?)[- ]?"
        r"(day|week|month|year|decade|quarter)s?",
        low,
    )
    if m:
        count_text = _MODIFIER.sub("", m.group(1).strip())
        count_text = re.sub(r"^(?:a|an) (?=\S)", "", count_text)  # "a six-month review"
        if count_text == "":
            if low.endswith("s") and not low.startswith(("the past", "the last", "the next")):
                return None  # "years", "decades" alone are not durations
            count_text = "one"
        count = _count(count_text)
        return duration_value(count, m.group(2)) if count else None
    if low == "a year and a half":
        return "P18M"
    return None


def _absolute_from_tokens(
    tokens: list[str], ref: dt.date | None, future: bool = False, past: bool = False
) -> str | None:
    """Read month/day/year tokens in any of the news orders."""
    words = [
        w for w in tokens if w not in ("the", "of", "early", "late", "mid", "last", "next", "this")
    ]
    month = year = day = None
    for w in words:
        if w[0].isalpha():
            mo = _month(w)
            if mo is None:
                return None
            month = mo
        elif re.fullmatch(r"(?:1[89]|20)\d\d", w):
            year = int(w)
        else:
            d = _day(w)
            if d is None:
                return None
            day = d
    if month is None:
        return None
    if year is None:
        if ref is None:
            return None
        year = ref.year
        if tokens and tokens[0] in ("last", "next"):
            year += 1 if tokens[0] == "next" else -1
        elif future and (month, day or 31) < (ref.month, ref.day):
            year += 1  # "will start on Jan. 1" written in December
        elif past and (month, day or 1) > (ref.month, ref.day):
            year -= 1  # "the ban was lifted in November" written in January
        elif not (future or past) and month is not None:
            year = _nearest_year(ref, month)  # no tense: the closest "January" to the story
    return _fmt(year, month, day)


UPCOMING_MONTHS = 5  # how far ahead an early month, named late in the year, is the coming one


def _nearest_year(ref: dt.date, month: int) -> int:
    """With no tense to go by: this year's `month`, unless next year's is only months away.

    "January" or "from January 1" in a November story is the coming one;
    "in November" in a January story stays this year's.
    """
    ahead = month + 12 - ref.month
    return ref.year + 1 if month < ref.month and ahead <= UPCOMING_MONTHS else ref.year


def _is_month_name(word: str) -> bool:
    names = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
    return word.rstrip(".") in names or word.rstrip(".") == "sept"


def _weekday(ref: dt.date | None, weekday: int, which: str | None) -> str | None:
    """A weekday near the document date: the most recent one (news reports the past)."""
    if ref is None:
        return None
    back = (ref.weekday() - weekday) % 7
    day = ref - dt.timedelta(days=back)
    if which == "next":
        day = ref + dt.timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    elif which == "last" and back == 0:
        day = ref - dt.timedelta(days=7)
    return day.isoformat()


def _ago(count_text: str, unit: str, ref: dt.date | None) -> str | None:
    """ "two years ago" → 2023 (with a 2025 reference); vague or modified → PAST_REF."""
    count_text = count_text.strip()
    if unit == "decade" or not count_text or _MODIFIER.match(count_text + " "):
        return "PAST_REF"
    n = _count(count_text)
    if n is None or not float(n).is_integer():
        return "PAST_REF"
    if ref is None:
        return None
    return _shift(ref, unit, -int(n))


__all__ = ["UNITS", "duration_value", "normalize_date"]
