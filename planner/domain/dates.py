"""Date expressions of quick add, the filter and every date option (DESIGN section 4).

Only the listed forms are read; anything else is a ``ParseError`` because a guessed
date is worse than an error. ``today`` (the planning day) is always passed in, so this
module never reads a clock, and every relative word counts from it.

A date is read in the direction of its field. A **forward** field (a due date, the day a
task is scheduled for) means the next such date: ``fri`` is the next Friday (never today),
``12-01`` the next 1 December (today included). A **backward** field (a journal day, the
date of a setback, the period of a report) means the most recent one: ``fri`` is the most
recent Friday and ``12-01`` the most recent 1 December, today included both times. Only
these two kinds of form depend on the direction; every other form names one day whatever
the field (``yesterday``, ``-1d``, ``上周五``, ``next-mon``, ``2026-12-01``...).

Working days are counted on the ``WorkCalendar`` passed in (``+3wd``, ``+3工作日``,
``-2wd``: weekends and holidays skipped, make-up days counted); without one, on plain
weekdays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Literal

from planner.domain.errors import ParseError
from planner.domain.weekdays import fold, weekday_number

if TYPE_CHECKING:
    from planner.domain.workdays import WorkCalendar

Direction = Literal["forward", "backward"]
"""Which way a field looks for a date given without its year or week (see the docstring)."""

REASON_KEYS = frozenset({"bad_date", "bad_time", "time_not_allowed", "bad_calendar_date"})

BAD_DATE = (
    "not a date; use today, tomorrow, fri, +3d, +3wd, +2w, +1m, eow, eom, 2026-12-01 or 12-01"
)
BAD_TIME = "not a time; use HH:MM, e.g. 14:00"
TIME_NOT_ALLOWED = "a time is only allowed on due:"
BAD_CALENDAR_DATE = "that day does not exist on the calendar"
OUT_OF_RANGE = "that date is out of range"

FAR_DAYS = 183
"""About six months. A short date (a month and a day, no year) read as a day further away
than this is still taken, but confirmations show the full date, so that a slip (``12-01``
typed on 3 December on a forward field is next year's) is seen at once."""

_DAY_WORDS = {
    "today": 0,
    "今天": 0,
    "tomorrow": 1,
    "明天": 1,
    "后天": 2,
    "yesterday": -1,
    "昨天": -1,
    "前天": -2,
}
_OFFSET = re.compile(r"([+-])([0-9]{1,3})([dwmy])", re.ASCII)
_WORKDAY_OFFSET = re.compile(r"([+-])([0-9]{1,3})(?:wd|个?工作日)")
"""Working days: ``+3wd``, ``-2wd``, ``+3工作日``, ``+3个工作日`` (after ``fold``)."""
_FULL_DATE = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})", re.ASCII)
_CHINESE_FULL_DATE = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]")
_MONTH_DAY = re.compile(r"([0-9]{1,2})[-/]([0-9]{1,2})", re.ASCII)
_CHINESE_MONTH_DAY = re.compile(r"([0-9]{1,2})月([0-9]{1,2})[日号]")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})", re.ASCII)

_ENGLISH_WEEKS = {"last-week": -1, "this-week": 0, "next-week": 1}
"""A week named relative to this one; alone it means that week's Monday, and followed by
``-fri`` that week's Friday."""
_CHINESE_WEEK_SIGNS = {"上": -1, "本": 0, "这": 0, "下": 1}
"""Before 周/星期/礼拜: ``上周`` last week, ``上周五`` last week's Friday."""
_CHINESE_WEEK_NOUNS = ("周", "星期", "礼拜")

_LEAP_YEAR = 2000
_LEAP_CYCLE = 9
"""Years to look for the nearest Feb 29 (2096 → 2104 skips a century year)."""


def parse_date_expr(
    text: str,
    today: date,
    tz: tzinfo,
    direction: Direction,
    *,
    allow_time: bool = False,
    position: int = 0,
    workdays: WorkCalendar | None = None,
) -> date | datetime:
    """Read one date expression, optionally with ``@HH:MM`` (or `` HH:MM``), relative to
    ``today``.

    ``direction`` is the direction of the field the text was typed into. Returns a
    ``date``, or an aware ``datetime`` in ``tz`` when a time was given (only allowed with
    ``allow_time``). ``workdays`` counts ``+3wd`` (plain weekdays when ``None``). Raises
    ``ParseError`` naming ``text`` at ``position``, with ``reason_key`` set.
    """
    folded = fold(text).strip()
    day_part, at, time_part = folded.partition("@")
    if not at:
        # A due time after a space, as dates are shown (2026-12-01 14:00); only a whole
        # field holds a space (a quick-add value ends at one).
        before, space, after = folded.partition(" ")
        if space and _TIME.fullmatch(after.strip()):
            day_part, at, time_part = before, "@", after.strip()
    try:
        day = _parse_day(day_part, today, direction, workdays)
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


def is_far_short_date(text: str, day: date, today: date) -> bool:
    """Whether ``text`` gave a month and a day but no year, and was read as ``day`` more
    than about six months (``FAR_DAYS``) from ``today``: then a confirmation should show
    the full date. ``day`` is what ``parse_date_expr`` returned for ``text``."""
    day_part = fold(text).strip().partition("@")[0]
    if not (_MONTH_DAY.fullmatch(day_part) or _CHINESE_MONTH_DAY.fullmatch(day_part)):
        return False
    if isinstance(day, datetime):
        day = day.date()
    return abs((day - today).days) > FAR_DAYS


@dataclass(frozen=True, slots=True)
class FarDate:
    """A short date read as a day more than about six months away: what was typed (with its
    key or option, ``due:12-01``) and the day it was read as, for a confirmation to show."""

    given: str
    day: date


class _NoSuchDayError(ValueError):
    """The expression has a date's shape but the calendar has no such day."""


def _parse_day(
    folded: str, today: date, direction: Direction, workdays: WorkCalendar | None
) -> date | None:
    """The date, or ``None`` when ``folded`` is not one of the accepted forms."""
    if folded in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[folded])
    number = weekday_number(folded)
    if number is not None:
        return _weekday(today, number, direction)
    if folded == "eow":
        return today + timedelta(days=6 - today.weekday())
    if folded == "eom":
        from dateutil.relativedelta import relativedelta  # imported when used: start-up needs none

        return today + relativedelta(day=31)
    if match := _OFFSET.fullmatch(folded):
        amount = int(match[2])
        return _offset(today, -amount if match[1] == "-" else amount, match[3])
    if match := _WORKDAY_OFFSET.fullmatch(folded):
        from planner.domain.workdays import PLAIN_WEEKDAYS  # imported when used

        amount = int(match[2])
        calendar = PLAIN_WEEKDAYS if workdays is None else workdays
        return calendar.add_workdays(today, -amount if match[1] == "-" else amount)
    if match := _FULL_DATE.fullmatch(folded):
        return _calendar_date(int(match[1]), int(match[3]), int(match[4]))
    if match := _CHINESE_FULL_DATE.fullmatch(folded):
        return _calendar_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH_DAY.fullmatch(folded) or _CHINESE_MONTH_DAY.fullmatch(folded):
        return _month_day(today, int(match[1]), int(match[2]), direction)
    return _relative_week_day(folded, today)


def _weekday(today: date, number: int, direction: Direction) -> date:
    """A bare weekday name: forward the next one (never today), backward the most recent
    one (today included)."""
    if direction == "forward":
        return today + timedelta(days=(number - today.weekday()) % 7 or 7)
    return today - timedelta(days=(today.weekday() - number) % 7)


def _week_day(today: date, weeks: int, number: int) -> date:
    """Day ``number`` (Monday = 0) of the Monday-to-Sunday week ``weeks`` from this one."""
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=weeks, days=number)


def _relative_week_day(folded: str, today: date) -> date | None:
    """The week words (``last-week``, ``上周``...) and the days named through them
    (``last-week-fri``, ``上周五``, ``next-mon``, ``下周一``), and ``last-fri``: the most
    recent Friday before today. ``None`` for anything else."""
    if folded in _ENGLISH_WEEKS:
        return _week_day(today, _ENGLISH_WEEKS[folded], 0)
    for word, weeks in (*_ENGLISH_WEEKS.items(), ("next", 1)):
        prefix = word + "-"
        if folded.startswith(prefix):
            number = _english_weekday(folded[len(prefix) :])
            return None if number is None else _week_day(today, weeks, number)
    if folded.startswith("last-"):
        number = _english_weekday(folded[len("last-") :])
        if number is None:
            return None
        return today - timedelta(days=(today.weekday() - number) % 7 or 7)
    weeks_away = _CHINESE_WEEK_SIGNS.get(folded[:1])
    rest = folded[1:]
    if weeks_away is None or not rest.startswith(_CHINESE_WEEK_NOUNS):
        return None
    if rest in _CHINESE_WEEK_NOUNS:
        return _week_day(today, weeks_away, 0)
    number = weekday_number(rest)
    return None if number is None else _week_day(today, weeks_away, number)


def _english_weekday(name: str) -> int | None:
    """An English weekday name after ``last-``/``next-`` (``last-周五`` is no word)."""
    return weekday_number(name) if name.isascii() else None


def _calendar_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _NoSuchDayError from None


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


def _month_day(today: date, month: int, day: int, direction: Direction) -> date:
    """The nearest ``month``-``day`` on or after ``today`` (forward) or on or before it
    (backward); Feb 29 waits for (or goes back to) a leap year."""
    try:
        date(_LEAP_YEAR, month, day)
    except ValueError:
        raise _NoSuchDayError from None
    step = 1 if direction == "forward" else -1
    for year in range(today.year, today.year + step * _LEAP_CYCLE, step):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # no Feb 29 this year, or a year off the calendar
        if (candidate >= today) if direction == "forward" else (candidate <= today):
            return candidate
    raise OverflowError(f"no {month:02d}-{day:02d} {direction} of {today}")
