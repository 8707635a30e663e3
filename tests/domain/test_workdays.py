"""The working calendar of the domain (``planner.domain.workdays``) on a national calendar
made up here, and working-day arithmetic in dates (``+3wd``, ``+3工作日``, ``-2wd``).
The real calendar, ``chinese-calendar``, is checked in tests/cli/test_workday_calendar.py."""

from __future__ import annotations

from datetime import date, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.dates import parse_date_expr
from planner.domain.errors import ParseError
from planner.domain.quickadd import parse_quick_add
from planner.domain.workdays import (
    HOLIDAYS,
    PLAIN_WEEKDAYS,
    WORKDAY_LIMIT,
    NationalDay,
    WorkCalendar,
)
from planner.i18n.holidays import holiday_name
from planner.i18n.translate import has

TZ = timezone(timedelta(hours=8))
FRIDAY_BEFORE_NATIONAL_DAY = date(2026, 9, 25)


class MadeUpCalendar:
    """National Day 2026 as published (1 to 7 October off; Sunday 20 September and
    Saturday 10 October worked), every other day of 2020 to 2030 ordinary, other years
    unknown."""

    def __init__(self) -> None:
        self.asked: list[date] = []

    def lookup(self, day: date) -> NationalDay | None:
        self.asked.append(day)
        if not 2020 <= day.year <= 2030:
            return None
        if date(2026, 10, 1) <= day <= date(2026, 10, 7):
            return NationalDay("holiday", "national_day", "National Day")
        if day in (date(2026, 9, 20), date(2026, 10, 10)):
            return NationalDay("makeup", "national_day", "National Day")
        return NationalDay("ordinary")


def calendar(**kwargs: object) -> WorkCalendar:
    return WorkCalendar(MadeUpCalendar(), **kwargs)  # type: ignore[arg-type]


def test_each_reason() -> None:
    cal = calendar()
    assert cal.answer(date(2026, 9, 24)).reason == "weekday"
    assert cal.answer(date(2026, 9, 24)).workday
    assert cal.answer(date(2026, 9, 26)).reason == "weekend"
    assert not cal.answer(date(2026, 9, 26)).workday
    national = cal.answer(date(2026, 10, 1))
    assert (national.workday, national.reason, national.holiday) == (
        False,
        "holiday",
        "national_day",
    )
    assert national.holiday_name == "National Day"
    makeup = cal.answer(date(2026, 10, 10))
    assert (makeup.workday, makeup.reason, makeup.holiday) == (True, "makeup", "national_day")
    assert makeup.day.weekday() == 5  # a Saturday


def test_config_days_come_first() -> None:
    cal = calendar(extra=[date(2026, 10, 2), date(2026, 9, 26)], off=[date(2026, 9, 24)])
    assert cal.answer(date(2026, 10, 2)).workday  # a holiday worked by local rule
    assert cal.answer(date(2026, 10, 2)).reason == "config"
    assert cal.answer(date(2026, 9, 26)).workday  # a Saturday on duty
    leave = cal.answer(date(2026, 9, 24))
    assert (leave.workday, leave.reason) == (False, "config")
    # leave on the Monday pushes +1wd from the Friday before it to Tuesday
    cal = calendar(off=[date(2026, 9, 28)])
    assert cal.add_workdays(FRIDAY_BEFORE_NATIONAL_DAY, 1) == date(2026, 9, 29)


def test_a_day_both_worked_and_off_is_refused() -> None:
    with pytest.raises(ValueError, match="2026-10-02"):
        calendar(extra=[date(2026, 10, 2)], off=[date(2026, 10, 2)])


def test_plus_three_working_days_from_the_friday_before_national_day() -> None:
    cal = calendar()
    # Mon 28, Tue 29, Wed 30 September; then the holiday week
    assert cal.add_workdays(FRIDAY_BEFORE_NATIONAL_DAY, 3) == date(2026, 9, 30)
    # the fourth is Thursday 8 October, the first day back; the sixth the make-up Saturday
    assert cal.add_workdays(FRIDAY_BEFORE_NATIONAL_DAY, 4) == date(2026, 10, 8)
    assert cal.add_workdays(FRIDAY_BEFORE_NATIONAL_DAY, 6) == date(2026, 10, 10)
    # and back: from Thursday 8 October, two working days before are 29 and 30 September
    assert cal.add_workdays(date(2026, 10, 8), -1) == date(2026, 9, 30)
    assert cal.add_workdays(date(2026, 10, 8), -2) == date(2026, 9, 29)
    assert cal.add_workdays(date(2026, 10, 8), 0) == date(2026, 10, 8)


def test_the_make_up_sunday_counts() -> None:
    # Friday 18 September: +1wd is the make-up Sunday 20 September, not Monday 21
    assert calendar().add_workdays(date(2026, 9, 18), 1) == date(2026, 9, 20)
    assert PLAIN_WEEKDAYS.add_workdays(date(2026, 9, 18), 1) == date(2026, 9, 21)


def test_an_unknown_year_falls_back_to_weekdays_and_says_so_once_per_year() -> None:
    told: list[int] = []
    cal = calendar(on_fallback=told.append)
    answer = cal.answer(date(2040, 10, 1))  # a Monday: National Day in any real year
    assert (answer.workday, answer.reason, answer.known) == (True, "weekday", False)
    assert cal.answer(date(2040, 10, 6)).reason == "weekend"
    assert cal.add_workdays(date(2040, 12, 28), 3) == date(2041, 1, 2)
    assert cal.answer(date(1990, 1, 1)).known is False
    assert told == [2040, 2041, 1990]
    assert cal.unknown_years == {2040, 2041, 1990}
    assert cal.answer(date(2026, 10, 12)).known


def test_the_turn_of_a_year_into_an_unknown_one() -> None:
    told: list[int] = []
    cal = calendar(on_fallback=told.append)
    # Wednesday 31 December 2030 (known), then 2031 read as plain weekdays
    assert cal.add_workdays(date(2030, 12, 31), 1) == date(2031, 1, 1)
    assert told == [2031]
    assert cal.add_workdays(date(2031, 1, 1), -1) == date(2030, 12, 31)
    assert told == [2031]


def test_counting_is_bounded() -> None:
    with pytest.raises(OverflowError):
        PLAIN_WEEKDAYS.add_workdays(date(2026, 1, 1), WORKDAY_LIMIT + 1)
    with pytest.raises(OverflowError):
        PLAIN_WEEKDAYS.add_workdays(date(9999, 12, 30), 2)


def test_every_holiday_has_both_names() -> None:
    for holiday in HOLIDAYS:
        assert has(f"holiday.{holiday}")
        assert holiday_name(holiday, lang="en") != holiday_name(holiday, lang="zh")
    assert holiday_name("national_day", lang="zh") == "国庆节"
    assert holiday_name("spring_festival", lang="zh") == "春节"
    assert holiday_name("national_day", lang="en") == "National Day"
    # a holiday newer than the catalog keeps the calendar's English name
    assert holiday_name("moon_landing_day", "Moon Landing Day", lang="zh") == "Moon Landing Day"


# -- in date expressions and quick add -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3wd", date(2026, 9, 30)),
        ("+3WD", date(2026, 9, 30)),
        ("＋３ｗｄ", date(2026, 9, 30)),
        ("+3工作日", date(2026, 9, 30)),
        ("+3个工作日", date(2026, 9, 30)),
        ("+4wd", date(2026, 10, 8)),
        ("+0wd", FRIDAY_BEFORE_NATIONAL_DAY),
        ("-2wd", date(2026, 9, 23)),
        ("-2工作日", date(2026, 9, 23)),
        ("+1wd@09:30", date(2026, 9, 28)),
    ],
)
def test_working_day_offsets(text: str, expected: date) -> None:
    for direction in ("forward", "backward"):
        parsed = parse_date_expr(
            text, FRIDAY_BEFORE_NATIONAL_DAY, TZ, direction, allow_time=True, workdays=calendar()
        )
        day = parsed.date() if hasattr(parsed, "date") else parsed
        assert day == expected, (text, direction)


@pytest.mark.parametrize("text", ["+wd", "3wd", "+3 wd", "+1000wd", "+3工作", "+3wdd"])
def test_not_working_day_offsets(text: str) -> None:
    with pytest.raises(ParseError):
        parse_date_expr(text, FRIDAY_BEFORE_NATIONAL_DAY, TZ, "forward", workdays=calendar())


def test_out_of_the_calendar_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as caught:
        parse_date_expr("+999wd", date(9999, 12, 1), TZ, "forward")
    assert caught.value.reason_key == "bad_date"


def test_quick_add_counts_working_days() -> None:
    cal = calendar()
    parsed = parse_quick_add("报送材料 due:+3wd", FRIDAY_BEFORE_NATIONAL_DAY, TZ, workdays=cal)
    assert parsed.due == date(2026, 9, 30)
    parsed = parse_quick_add(
        "Draft sched:+1工作日 report:+4wd", FRIDAY_BEFORE_NATIONAL_DAY, TZ, workdays=cal
    )
    assert (parsed.scheduled, parsed.report_by) == (date(2026, 9, 28), date(2026, 10, 8))
    # without a calendar: plain weekdays
    parsed = parse_quick_add("Draft due:+4wd", FRIDAY_BEFORE_NATIONAL_DAY, TZ)
    assert parsed.due == date(2026, 10, 1)


def _weekdays_between(start: date, end: date) -> int:
    """Weekdays after ``start`` up to and including ``end``."""
    days = (start + timedelta(offset) for offset in range(1, (end - start).days + 1))
    return sum(1 for day in days if day.weekday() < 5)


@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)),
    count=st.integers(min_value=-999, max_value=999),
    word=st.sampled_from(["wd", "WD", "工作日", "个工作日"]),
)
def test_wd_offsets_count_plain_weekdays(start: date, count: int, word: str) -> None:
    text = f"{'-' if count < 0 else '+'}{abs(count)}{word}"
    day = parse_date_expr(text, start, TZ, "forward")
    assert day == PLAIN_WEEKDAYS.add_workdays(start, count)
    if count > 0:
        assert day.weekday() < 5
        assert _weekdays_between(start, day) == count
    elif count < 0:
        assert day.weekday() < 5
        # the working days after ``day`` up to ``start``, ``start`` itself only if worked
        assert _weekdays_between(day, start) - (start.weekday() < 5) == -count - 1
    else:
        assert day == start


@given(text=st.text(alphabet="+-0123456789wd工作日个 ", max_size=8))
def test_wd_parser_reads_or_refuses(text: str) -> None:
    """Anything built of the parts of a working-day offset is read or refused with a
    ``ParseError``: never another exception."""
    try:
        day = parse_date_expr(text, FRIDAY_BEFORE_NATIONAL_DAY, TZ, "forward", workdays=calendar())
    except ParseError as err:
        assert err.reason_key in ("bad_date", "bad_calendar_date")
    else:
        assert isinstance(day, date)
