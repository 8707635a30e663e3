"""Date expressions of quick add and the filter (DESIGN section 4), and nothing more.

Only the listed forms are read; anything else is a ``ParseError`` because a guessed
date is worse than an error. ``today`` is always passed in, so this module never
reads a clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from planner.domain.errors import ParseError
from planner.domain.weekdays import fold, weekday_number

REASON_KEYS = frozenset({"bad_date", "bad_time", "time_not_allowed", "bad_calendar_date"})

BAD_DATE = "not a date; use today, tomorrow, fri, +3d, +2w, +1m, eow, eom, 2026-12-01 or 12-01"
BAD_TIME = "not a time; use HH:MM, e.g. 14:00"
TIME_NOT_ALLOWED = "a time is only allowed on due:"
BAD_CALENDAR_DATE = "that day does not exist on the calendar"
OUT_OF_RANGE = "that date is out of range"

_DAY_WORDS = {"today": 0, "今天": 0, "tomorrow": 1, "明天": 1, "后天": 2}
_OFFSET = re.compile(r"\+([0-9]{1,3})([dwmy])", re.ASCII)
_FULL_DATE = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})", re.ASCII)
_MONTH_DAY = re.compile(r"([0-9]{1,2})[-/]([0-9]{1,2})", re.ASCII)
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})", re.ASCII)
_LEAP_YEAR = 2000
_LEAP_CYCLE = 9
"""Years to look ahead for the next Feb 29 (2096 → 2104 skips a century year)."""


def parse_date_expr(
    text: str,
    today: date,
    tz: tzinfo,
    *,
    allow_time: bool = False,
    position: int = 0,
) -> date | datetime:
    """Read one date expression, optionally with ``@HH:MM``, relative to ``today``.

    Returns a ``date``, or an aware ``datetime`` in ``tz`` when a time was given
    (only allowed with ``allow_time``). Raises ``ParseError`` naming ``text`` at
    ``position``, with ``reason_key`` set.
    """
    folded = fold(text).strip()
    day_part, at, time_part = folded.partition("@")
    try:
        day = _parse_day(day_part, today)
    except _NoSuchDayError:
        raise ParseError(text, position, BAD_CALENDAR_DATE, "bad_calendar_date") from None
    except OverflowError:
        raise ParseError(text, position, OUT_OF_RANGE, "bad_date") from None
    if day is None:
        raise ParseError(text, position, BAD_DATE, "bad_date")
    if not at:
        return day
    if not allow_time:
        raise ParseError(text, position, TIME_NOT_ALLOWED, "time_not_allowed")
    match = _TIME.fullmatch(time_part)
    if match is None:
        raise ParseError(text, position, BAD_TIME, "bad_time")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ParseError(text, position, BAD_TIME, "bad_time")
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


class _NoSuchDayError(ValueError):
    """The expression has a date's shape but the calendar has no such day."""


def _parse_day(folded: str, today: date) -> date | None:
    """The date, or ``None`` when ``folded`` is not one of the accepted forms."""
    if folded in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[folded])
    number = weekday_number(folded)
    if number is not None:
        return today + timedelta(days=(number - today.weekday()) % 7 or 7)
    if folded == "eow":
        return today + timedelta(days=6 - today.weekday())
    if folded == "eom":
        from dateutil.relativedelta import relativedelta  # imported when used: start-up needs none

        return today + relativedelta(day=31)
    if match := _OFFSET.fullmatch(folded):
        return _offset(today, int(match[1]), match[2])
    if match := _FULL_DATE.fullmatch(folded):
        try:
            return date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            raise _NoSuchDayError from None
    if match := _MONTH_DAY.fullmatch(folded):
        return _next_month_day(today, int(match[1]), int(match[2]))
    return None


def _offset(today: date, amount: int, unit: str) -> date:
    if unit == "d":
        return today + timedelta(days=amount)
    if unit == "w":
        return today + timedelta(weeks=amount)
    from dateutil.relativedelta import relativedelta

    try:
        if unit == "m":
            return today + relativedelta(months=amount)
        return today + relativedelta(years=amount)
    except ValueError as exc:
        raise OverflowError(str(exc)) from exc


def _next_month_day(today: date, month: int, day: int) -> date:
    """The first ``month``-``day`` on or after ``today``; Feb 29 waits for a leap year."""
    try:
        date(_LEAP_YEAR, month, day)
    except ValueError:
        raise _NoSuchDayError from None
    for year in range(today.year, today.year + _LEAP_CYCLE):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise OverflowError(f"no {month:02d}-{day:02d} on or after {today}")
