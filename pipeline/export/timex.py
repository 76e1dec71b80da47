"""TIMEX3 date values as calendar periods, for the typed date columns."""

from __future__ import annotations

import datetime as dt
import functools
import re


@functools.lru_cache(maxsize=4096)
def timex_period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of the period a TIMEX3 date value names, or None.

    Why a period: "2023-03" is the whole of March, so a query for facts in
    2023 must see it; a full date is a period of one day. Durations (`P6M`)
    and references (`PAST_REF`) name no period on the calendar.

    >>> timex_period("2024-Q3")
    (datetime.date(2024, 7, 1), datetime.date(2024, 9, 30))
    """
    if not value:
        return None
    try:
        return _timex_period(value)
    except ValueError:  # out-of-range month, day or week
        return None


_TIMEX = re.compile(
    r"^(?:(?P<century>\d{2})|(?P<decade>\d{3})|(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|W(?P<week>\d{2})))?)$"
)


def _timex_period(value: str) -> tuple[dt.date, dt.date] | None:
    m = _TIMEX.match(value)
    if m is None:
        return None
    if m["century"]:
        first_year = int(m["century"]) * 100
        return _years(max(first_year, 1), first_year + 99)
    if m["decade"]:
        first_year = int(m["decade"]) * 10
        return _years(max(first_year, 1), first_year + 9)
    year = int(m["year"])
    if m["day"]:
        day = dt.date(year, int(m["month"]), int(m["day"]))
        return day, day
    if m["month"]:
        return _months(year, int(m["month"]), int(m["month"]))
    if m["quarter"]:
        q = int(m["quarter"])
        return _months(year, 3 * q - 2, 3 * q)
    if m["half"]:
        h = int(m["half"])
        return _months(year, 6 * h - 5, 6 * h)
    if m["week"]:
        monday = dt.date.fromisocalendar(year, int(m["week"]), 1)
        return monday, monday + dt.timedelta(days=6)
    return _years(year, year)


def _years(first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    after = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return dt.date(year, first, 1), after - dt.timedelta(days=1)
