"""Date expressions (DESIGN section 4): every accepted form and every refusal, in both
directions of a field (forward: the next such date; backward: the most recent)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.clock import planning_date
from planner.domain.dates import FAR_DAYS, Direction, is_far_short_date, parse_date_expr
from planner.domain.errors import ParseError

TZ = timezone(timedelta(hours=8))
MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)
SUNDAY = date(2026, 11, 29)
JAN31 = date(2027, 1, 31)
LEAP_DAY = date(2028, 2, 29)


ACCEPTED: list[tuple[date, str, date]] = [
    (MONDAY, "today", MONDAY),
    (MONDAY, "TODAY", MONDAY),
    (MONDAY, "ｔｏｄａｙ", MONDAY),
    (MONDAY, " today ", MONDAY),
    (MONDAY, "今天", MONDAY),
    (MONDAY, "tomorrow", date(2026, 11, 24)),
    (MONDAY, "Tomorrow", date(2026, 11, 24)),
    (MONDAY, "明天", date(2026, 11, 24)),
    (MONDAY, "后天", date(2026, 11, 25)),
    (SUNDAY, "明天", date(2026, 11, 30)),
    (date(2026, 12, 31), "tomorrow", date(2027, 1, 1)),
    # weekdays: strictly after today
    (MONDAY, "mon", date(2026, 11, 30)),
    (MONDAY, "monday", date(2026, 11, 30)),
    (MONDAY, "tue", date(2026, 11, 24)),
    (MONDAY, "tues", date(2026, 11, 24)),
    (MONDAY, "wed", date(2026, 11, 25)),
    (MONDAY, "thurs", date(2026, 11, 26)),
    (MONDAY, "fri", date(2026, 11, 27)),
    (MONDAY, "Friday", date(2026, 11, 27)),
    (MONDAY, "FRI", date(2026, 11, 27)),
    (MONDAY, "ｆｒｉ", date(2026, 11, 27)),
    (MONDAY, "sat", date(2026, 11, 28)),
    (MONDAY, "sun", date(2026, 11, 29)),
    (MONDAY, "周五", date(2026, 11, 27)),
    (MONDAY, "星期五", date(2026, 11, 27)),
    (MONDAY, "礼拜五", date(2026, 11, 27)),
    (MONDAY, "周一", date(2026, 11, 30)),
    (MONDAY, "周日", date(2026, 11, 29)),
    (MONDAY, "周天", date(2026, 11, 29)),
    (MONDAY, "星期天", date(2026, 11, 29)),
    (FRIDAY, "fri", date(2026, 12, 4)),
    (FRIDAY, "周五", date(2026, 12, 4)),
    (FRIDAY, "sat", date(2026, 11, 28)),
    (FRIDAY, "mon", date(2026, 11, 30)),
    (SUNDAY, "sun", date(2026, 12, 6)),
    (SUNDAY, "mon", date(2026, 11, 30)),
    # offsets
    (MONDAY, "+0d", MONDAY),
    (MONDAY, "+3d", date(2026, 11, 26)),
    (MONDAY, "+3D", date(2026, 11, 26)),
    (MONDAY, "＋３ｄ", date(2026, 11, 26)),
    (MONDAY, "+10d", date(2026, 12, 3)),
    (MONDAY, "+365d", date(2027, 11, 23)),
    (MONDAY, "+2w", date(2026, 12, 7)),
    (MONDAY, "+0w", MONDAY),
    (MONDAY, "+1m", date(2026, 12, 23)),
    (MONDAY, "+2m", date(2027, 1, 23)),
    (MONDAY, "+1y", date(2027, 11, 23)),
    (JAN31, "+1m", date(2027, 2, 28)),
    (date(2028, 1, 31), "+1m", LEAP_DAY),
    (JAN31, "+3m", date(2027, 4, 30)),
    (LEAP_DAY, "+1y", date(2029, 2, 28)),
    (LEAP_DAY, "+4y", date(2032, 2, 29)),
    # end of week / month
    (MONDAY, "eow", SUNDAY),
    (MONDAY, "EOW", SUNDAY),
    (FRIDAY, "eow", SUNDAY),
    (SUNDAY, "eow", SUNDAY),
    (MONDAY, "eom", date(2026, 11, 30)),
    (JAN31, "eom", JAN31),
    (date(2027, 2, 3), "eom", date(2027, 2, 28)),
    (date(2028, 2, 3), "eom", LEAP_DAY),
    (date(2026, 12, 1), "eom", date(2026, 12, 31)),
    # absolute dates
    (MONDAY, "2026-12-01", date(2026, 12, 1)),
    (MONDAY, "2026/12/01", date(2026, 12, 1)),
    (MONDAY, "2026-1-5", date(2026, 1, 5)),
    (MONDAY, "2026/1/5", date(2026, 1, 5)),
    (MONDAY, "２０２６－１２－０１", date(2026, 12, 1)),
    (MONDAY, "2020-01-01", date(2020, 1, 1)),
    (MONDAY, "2028-02-29", LEAP_DAY),
    # month-day: the next such date on or after today
    (MONDAY, "12-01", date(2026, 12, 1)),
    (MONDAY, "12/01", date(2026, 12, 1)),
    (MONDAY, "12-1", date(2026, 12, 1)),
    (MONDAY, "11-23", MONDAY),
    (MONDAY, "11-22", date(2027, 11, 22)),
    (MONDAY, "1-5", date(2027, 1, 5)),
    (MONDAY, "01/05", date(2027, 1, 5)),
    (MONDAY, "02-29", LEAP_DAY),
    (LEAP_DAY, "02-29", LEAP_DAY),
    (date(2028, 3, 1), "02-29", date(2032, 2, 29)),
    (date(2096, 3, 1), "02-29", date(2104, 2, 29)),
    (JAN31, "01-31", JAN31),
]


@pytest.mark.parametrize(("today", "text", "expected"), ACCEPTED)
def test_accepted_forms(today: date, text: str, expected: date) -> None:
    result = parse_date_expr(text, today, TZ, "forward")
    assert not isinstance(result, datetime)
    assert result == expected


TIMED: list[tuple[str, date, time]] = [
    ("fri@14:00", date(2026, 11, 27), time(14, 0)),
    ("2026-12-01@9:30", date(2026, 12, 1), time(9, 30)),
    ("today@18:00", MONDAY, time(18, 0)),
    ("today@0:00", MONDAY, time(0, 0)),
    ("today@23:59", MONDAY, time(23, 59)),
    ("明天＠０９：０５", date(2026, 11, 24), time(9, 5)),
    ("+1w@07:45", date(2026, 11, 30), time(7, 45)),
    ("12-01@08:00", date(2026, 12, 1), time(8, 0)),
]


@pytest.mark.parametrize(("text", "day", "at"), TIMED)
def test_a_time_gives_an_aware_datetime_in_the_zone(text: str, day: date, at: time) -> None:
    result = parse_date_expr(text, MONDAY, TZ, "forward", allow_time=True)
    assert isinstance(result, datetime)
    assert result == datetime.combine(day, at, tzinfo=TZ)
    assert result.tzinfo is TZ


def test_allow_time_still_accepts_a_plain_date() -> None:
    result = parse_date_expr("fri", MONDAY, TZ, "forward", allow_time=True)
    assert not isinstance(result, datetime)
    assert result == FRIDAY


REFUSED: list[tuple[str, str]] = [
    ("", "bad_date"),
    ("   ", "bad_date"),
    ("大后天", "bad_date"),
    ("tmr", "bad_date"),
    ("frx", "bad_date"),
    ("fr", "bad_date"),
    ("next fri", "bad_date"),
    ("周八", "bad_date"),
    ("3d", "bad_date"),
    ("+3", "bad_date"),
    ("+d", "bad_date"),
    ("+1000d", "bad_date"),
    ("+3x", "bad_date"),
    ("+1.5d", "bad_date"),
    ("+3 d", "bad_date"),
    ("eoy", "bad_date"),
    ("26-12-01", "bad_date"),
    ("2026-12", "bad_date"),
    ("2026-12/01", "bad_date"),
    ("2026.12.01", "bad_date"),
    ("12.01", "bad_date"),
    ("123-01", "bad_date"),
    ("20261201", "bad_date"),
    ("١٢-٠١", "bad_date"),
    ("2026-02-30", "bad_calendar_date"),
    ("2027-02-29", "bad_calendar_date"),
    ("2026-13-01", "bad_calendar_date"),
    ("2026-00-10", "bad_calendar_date"),
    ("2026-04-31", "bad_calendar_date"),
    ("0000-01-01", "bad_calendar_date"),
    ("02-30", "bad_calendar_date"),
    ("13-01", "bad_calendar_date"),
    ("04/31", "bad_calendar_date"),
    ("00-00", "bad_calendar_date"),
    ("fri@14:00", "time_not_allowed"),
    ("today@9:30", "time_not_allowed"),
]


@pytest.mark.parametrize(("text", "key"), REFUSED)
def test_refusals_name_the_part_and_position(text: str, key: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr(text, MONDAY, TZ, "forward", position=7)
    assert info.value.part == text
    assert info.value.position == 7
    assert info.value.reason_key == key
    assert info.value.reason


BAD_TIMES = [
    "fri@",
    "fri@24:00",
    "fri@12:60",
    "fri@1400",
    "fri@14",
    "fri@14:0",
    "fri@014:00",
    "fri@2pm",
    "fri@14:00@15:00",
    "fri@ 14:00",
]


@pytest.mark.parametrize("text", BAD_TIMES)
def test_bad_times(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr(text, MONDAY, TZ, "forward", allow_time=True)
    assert info.value.part == text
    assert info.value.position == 0
    assert info.value.reason_key == "bad_time"


def test_a_bad_date_with_a_time_is_a_bad_date() -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr("frx@14:00", MONDAY, TZ, "forward", allow_time=True)
    assert info.value.reason_key == "bad_date"
    with pytest.raises(ParseError) as info:
        parse_date_expr("@14:00", MONDAY, TZ, "forward", allow_time=True)
    assert info.value.reason_key == "bad_date"


def test_reasons_are_readable_sentences() -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr("frx", MONDAY, TZ, "forward")
    assert "today" in info.value.reason and "+3d" in info.value.reason
    with pytest.raises(ParseError) as info:
        parse_date_expr("fri@9:00", MONDAY, TZ, "forward")
    assert info.value.reason == "a time is only allowed on due:"


@pytest.mark.parametrize(
    "text", ["+999y", "+1m", "+1d", "tomorrow", "fri", "eow", "12-30", "02-29"]
)
def test_dates_past_the_calendar_end_are_errors(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr(text, date(9999, 12, 31), TZ, "forward")
    assert info.value.reason_key == "bad_date"


def test_the_last_day_of_the_calendar_still_reads() -> None:
    assert parse_date_expr("today", date.max, TZ, "forward") == date.max
    assert parse_date_expr("eom", date.max, TZ, "forward") == date.max
    assert parse_date_expr("12-31", date.max, TZ, "forward") == date.max
    assert parse_date_expr("eow", date(9999, 12, 26), TZ, "forward") == date(9999, 12, 26)


DATE_FRAGMENTS = st.sampled_from(
    [
        "today",
        "fri",
        "周五",
        "+",
        "3",
        "d",
        "m",
        "-",
        "/",
        "@",
        "＠",
        ":",
        "：",
        "2026",
        "02",
        "29",
        "eow",
        "eom",
        " ",
        "１",
    ]
)


@settings(max_examples=300)
@given(
    text=st.lists(st.one_of(DATE_FRAGMENTS, st.characters()), max_size=8).map("".join),
    today=st.dates(),
    allow_time=st.booleans(),
)
def test_any_text_reads_or_is_a_parse_error(text: str, today: date, allow_time: bool) -> None:
    try:
        result = parse_date_expr(text, today, TZ, "forward", allow_time=allow_time)
    except ParseError as err:
        assert err.part == text
        assert err.reason_key in {
            "bad_date",
            "bad_time",
            "time_not_allowed",
            "bad_calendar_date",
        }
    else:
        assert isinstance(result, date)
        if isinstance(result, datetime):
            assert allow_time and result.tzinfo is TZ


@settings(max_examples=300)
@given(day=st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 1, 1)), today=st.dates())
def test_iso_dates_round_trip(day: date, today: date) -> None:
    assert parse_date_expr(day.isoformat(), today, TZ, "forward") == day
    assert parse_date_expr(day.strftime("%Y/%m/%d"), today, TZ, "forward") == day


@settings(max_examples=300)
@given(today=st.dates(max_value=date(9990, 1, 1)), number=st.integers(0, 6))
def test_weekday_is_the_next_one_within_a_week(today: date, number: int) -> None:
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    result = parse_date_expr(names[number], today, TZ, "forward")
    assert result.weekday() == number
    assert 1 <= (result - today).days <= 7


# --- the direction of a field -------------------------------------------------------------

THURSDAY = date(2026, 12, 3)
"""The issue's today: ``12-02`` on a journal is yesterday, not 2027-12-02."""
NEW_YEAR = date(2027, 1, 2)
"""A Saturday just past the turn of the year (its week began on 2026-12-28)."""

BOTH_WAYS: list[tuple[date, str, date, date]] = [
    # (today, text, read forward, read backward): the two kinds of form a direction changes
    # bare weekdays: forward the next one (never today), backward the most recent (today too)
    (MONDAY, "fri", FRIDAY, date(2026, 11, 20)),
    (MONDAY, "周五", FRIDAY, date(2026, 11, 20)),
    (MONDAY, "星期五", FRIDAY, date(2026, 11, 20)),
    (MONDAY, "mon", date(2026, 11, 30), MONDAY),
    (MONDAY, "周一", date(2026, 11, 30), MONDAY),
    (MONDAY, "sun", SUNDAY, date(2026, 11, 22)),
    (FRIDAY, "fri", date(2026, 12, 4), FRIDAY),
    (FRIDAY, "礼拜五", date(2026, 12, 4), FRIDAY),
    (SUNDAY, "sun", date(2026, 12, 6), SUNDAY),
    (SUNDAY, "周日", date(2026, 12, 6), SUNDAY),
    (SUNDAY, "mon", date(2026, 11, 30), MONDAY),
    (NEW_YEAR, "fri", date(2027, 1, 8), date(2027, 1, 1)),
    (NEW_YEAR, "mon", date(2027, 1, 4), date(2026, 12, 28)),
    (NEW_YEAR, "thu", date(2027, 1, 7), date(2026, 12, 31)),
    # month and day: forward the next such date, backward the most recent, today both ways
    (THURSDAY, "12-02", date(2027, 12, 2), date(2026, 12, 2)),
    (THURSDAY, "12-01", date(2027, 12, 1), date(2026, 12, 1)),
    (THURSDAY, "12/03", THURSDAY, THURSDAY),
    (THURSDAY, "12-04", date(2026, 12, 4), date(2025, 12, 4)),
    (THURSDAY, "11-23", date(2027, 11, 23), date(2026, 11, 23)),
    (THURSDAY, "1-5", date(2027, 1, 5), date(2026, 1, 5)),
    (THURSDAY, "12月1日", date(2027, 12, 1), date(2026, 12, 1)),
    (THURSDAY, "12月1号", date(2027, 12, 1), date(2026, 12, 1)),
    (THURSDAY, "１２月１日", date(2027, 12, 1), date(2026, 12, 1)),
    (THURSDAY, "12月25日", date(2026, 12, 25), date(2025, 12, 25)),
    (NEW_YEAR, "12-30", date(2027, 12, 30), date(2026, 12, 30)),
    (NEW_YEAR, "12月30日", date(2027, 12, 30), date(2026, 12, 30)),
    (NEW_YEAR, "1-1", date(2028, 1, 1), date(2027, 1, 1)),
    (NEW_YEAR, "01/02", NEW_YEAR, NEW_YEAR),
    (NEW_YEAR, "1-3", date(2027, 1, 3), date(2026, 1, 3)),
    (date(2027, 3, 1), "02-29", date(2028, 2, 29), date(2024, 2, 29)),
    (LEAP_DAY, "02-29", LEAP_DAY, LEAP_DAY),
    (date(2104, 3, 1), "02-29", date(2108, 2, 29), date(2104, 2, 29)),
    (date(2104, 2, 28), "02-29", date(2104, 2, 29), date(2096, 2, 29)),
]


@pytest.mark.parametrize(("today", "text", "forward", "backward"), BOTH_WAYS)
def test_a_date_is_read_in_the_direction_of_its_field(
    today: date, text: str, forward: date, backward: date
) -> None:
    assert parse_date_expr(text, today, TZ, "forward") == forward
    assert parse_date_expr(text, today, TZ, "backward") == backward


EITHER_WAY: list[tuple[date, str, date]] = [
    # (today, text, the day it names whatever the field's direction)
    (MONDAY, "yesterday", date(2026, 11, 22)),
    (MONDAY, "Yesterday", date(2026, 11, 22)),
    (MONDAY, "昨天", date(2026, 11, 22)),
    (MONDAY, "前天", date(2026, 11, 21)),
    (NEW_YEAR, "yesterday", date(2027, 1, 1)),
    (NEW_YEAR, "前天", date(2026, 12, 31)),
    (MONDAY, "today", MONDAY),
    (MONDAY, "tomorrow", date(2026, 11, 24)),
    (MONDAY, "-1d", date(2026, 11, 22)),
    (MONDAY, "－１ｄ", date(2026, 11, 22)),
    (MONDAY, "-0d", MONDAY),
    (MONDAY, "-2w", date(2026, 11, 9)),
    (MONDAY, "-1m", date(2026, 10, 23)),
    (MONDAY, "-1y", date(2025, 11, 23)),
    (NEW_YEAR, "-2d", date(2026, 12, 31)),
    (NEW_YEAR, "-1m", date(2026, 12, 2)),
    (date(2027, 3, 31), "-1m", date(2027, 2, 28)),
    (date(2028, 3, 31), "-1m", LEAP_DAY),
    (LEAP_DAY, "-1y", date(2027, 2, 28)),
    # the Friday of the previous Monday-to-Sunday week, whatever today is
    (MONDAY, "上周五", date(2026, 11, 20)),
    (MONDAY, "上星期五", date(2026, 11, 20)),
    (MONDAY, "上礼拜五", date(2026, 11, 20)),
    (MONDAY, "last-week-fri", date(2026, 11, 20)),
    (MONDAY, "Last-Week-Friday", date(2026, 11, 20)),
    (FRIDAY, "上周五", date(2026, 11, 20)),
    (SUNDAY, "上周五", date(2026, 11, 20)),
    (SUNDAY, "last-week-fri", date(2026, 11, 20)),
    (date(2026, 11, 30), "上周五", FRIDAY),
    (SUNDAY, "上周日", date(2026, 11, 22)),
    (MONDAY, "上周一", date(2026, 11, 16)),
    (NEW_YEAR, "上周五", date(2026, 12, 25)),
    (THURSDAY, "上周五", FRIDAY),
    # the most recent Friday before today
    (MONDAY, "last-fri", date(2026, 11, 20)),
    (FRIDAY, "last-fri", date(2026, 11, 20)),
    (date(2026, 11, 28), "last-fri", FRIDAY),
    (SUNDAY, "last-fri", FRIDAY),
    (SUNDAY, "last-sun", date(2026, 11, 22)),
    (NEW_YEAR, "last-sat", date(2026, 12, 26)),
    # the days of next week
    (MONDAY, "next-mon", date(2026, 11, 30)),
    (SUNDAY, "next-mon", date(2026, 11, 30)),
    (MONDAY, "下周一", date(2026, 11, 30)),
    (SUNDAY, "下周一", date(2026, 11, 30)),
    (MONDAY, "下星期一", date(2026, 11, 30)),
    (MONDAY, "next-week-mon", date(2026, 11, 30)),
    (MONDAY, "next-fri", date(2026, 12, 4)),
    (MONDAY, "下周五", date(2026, 12, 4)),
    (NEW_YEAR, "下周一", date(2027, 1, 4)),
    # this week's days
    (MONDAY, "本周五", FRIDAY),
    (SUNDAY, "这周一", MONDAY),
    (SUNDAY, "this-week-fri", FRIDAY),
    # a week, as a date: its Monday
    (MONDAY, "last-week", date(2026, 11, 16)),
    (MONDAY, "上周", date(2026, 11, 16)),
    (MONDAY, "上星期", date(2026, 11, 16)),
    (SUNDAY, "last-week", date(2026, 11, 16)),
    (SUNDAY, "上周", date(2026, 11, 16)),
    (MONDAY, "this-week", MONDAY),
    (SUNDAY, "this-week", MONDAY),
    (SUNDAY, "本周", MONDAY),
    (SUNDAY, "这周", MONDAY),
    (MONDAY, "next-week", date(2026, 11, 30)),
    (SUNDAY, "next-week", date(2026, 11, 30)),
    (SUNDAY, "下周", date(2026, 11, 30)),
    (NEW_YEAR, "上周", date(2026, 12, 21)),
    (NEW_YEAR, "本周", date(2026, 12, 28)),
    # full dates, in Chinese too
    (THURSDAY, "2026年12月1日", date(2026, 12, 1)),
    (THURSDAY, "2026年12月1号", date(2026, 12, 1)),
    (THURSDAY, "2027年1月5日", date(2027, 1, 5)),
    (THURSDAY, "2026-12-01", date(2026, 12, 1)),
    (THURSDAY, "eow", date(2026, 12, 6)),
    (THURSDAY, "+1d", date(2026, 12, 4)),
]


@pytest.mark.parametrize(("today", "text", "expected"), EITHER_WAY)
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_words_and_offsets_name_one_day_whatever_the_field(
    today: date, text: str, expected: date, direction: Direction
) -> None:
    assert parse_date_expr(text, today, TZ, direction) == expected


def test_past_words_take_a_time_on_due() -> None:
    result = parse_date_expr("yesterday@18:00", MONDAY, TZ, "forward", allow_time=True)
    assert result == datetime(2026, 11, 22, 18, 0, tzinfo=TZ)
    result = parse_date_expr("上周五@9:30", MONDAY, TZ, "forward", allow_time=True)
    assert result == datetime(2026, 11, 20, 9, 30, tzinfo=TZ)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        # 01:30 on Friday 4 December, before the 04:00 start: still Thursday's evening
        (datetime(2026, 12, 4, 1, 30, tzinfo=TZ), "yesterday", date(2026, 12, 2)),
        (datetime(2026, 12, 4, 1, 30, tzinfo=TZ), "today", THURSDAY),
        (datetime(2026, 12, 4, 1, 30, tzinfo=TZ), "-1d", date(2026, 12, 2)),
        (datetime(2026, 12, 4, 1, 30, tzinfo=TZ), "fri", date(2026, 11, 27)),
        (datetime(2026, 12, 4, 1, 30, tzinfo=TZ), "12-04", date(2025, 12, 4)),
        (datetime(2026, 12, 4, 4, 0, tzinfo=TZ), "yesterday", THURSDAY),
        (datetime(2026, 12, 4, 4, 0, tzinfo=TZ), "fri", date(2026, 12, 4)),
        # 00:30 on Monday 30 November is still Sunday: last week is the week before Sunday's
        (datetime(2026, 11, 30, 0, 30, tzinfo=TZ), "last-week", date(2026, 11, 16)),
        (datetime(2026, 11, 30, 0, 30, tzinfo=TZ), "上周五", date(2026, 11, 20)),
        (datetime(2026, 11, 30, 0, 30, tzinfo=TZ), "下周一", date(2026, 11, 30)),
    ],
)
def test_relative_words_count_from_the_planning_day(
    now: datetime, text: str, expected: date
) -> None:
    today = planning_date(now, time(4, 0))
    assert parse_date_expr(text, today, TZ, "backward") == expected


NEW_REFUSALS: list[tuple[str, str]] = [
    ("last week", "bad_date"),
    ("上 周五", "bad_date"),
    ("last-", "bad_date"),
    ("last-week-", "bad_date"),
    ("last-month", "bad_date"),
    ("last-周五", "bad_date"),
    ("next-weekday", "bad_date"),
    ("next-next-mon", "bad_date"),
    ("this-fri", "bad_date"),
    ("上周八", "bad_date"),
    ("上周fri", "bad_date"),
    ("上", "bad_date"),
    ("上五", "bad_date"),
    ("下下周", "bad_date"),
    ("大前天", "bad_date"),
    ("--1d", "bad_date"),
    ("-1000d", "bad_date"),
    ("-1", "bad_date"),
    ("- 1d", "bad_date"),
    ("12月1", "bad_date"),
    ("12月", "bad_date"),
    ("26年12月1日", "bad_date"),
    ("十二月一日", "bad_date"),
    ("13月1日", "bad_calendar_date"),
    ("2月30日", "bad_calendar_date"),
    ("2026年2月30日", "bad_calendar_date"),
    ("2027年2月29日", "bad_calendar_date"),
]


@pytest.mark.parametrize(("text", "key"), NEW_REFUSALS)
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_near_misses_of_the_new_words_are_refused(
    text: str, key: str, direction: Direction
) -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr(text, MONDAY, TZ, direction)
    assert info.value.part == text
    assert info.value.reason_key == key


@pytest.mark.parametrize("text", ["yesterday", "-1d", "-1m", "-1y", "fri", "12-30", "上周五"])
def test_dates_before_the_calendar_start_are_errors(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr(text, date(1, 1, 1), TZ, "backward")
    assert info.value.reason_key == "bad_date"


def test_the_first_day_of_the_calendar_still_reads_backward() -> None:
    assert parse_date_expr("01-01", date.min, TZ, "backward") == date.min
    assert parse_date_expr("mon", date.min, TZ, "backward") == date.min
    assert parse_date_expr("this-week", date.min, TZ, "backward") == date.min


# --- far short dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction", "far"),
    [
        ("12-01", "forward", True),  # 2027-12-01: a slip of one day, a year away
        ("12/01", "forward", True),
        ("12月1日", "forward", True),
        ("12-01@09:00", "forward", True),
        ("12-01", "backward", False),  # two days ago
        ("12-04", "backward", True),  # 2025-12-04
        ("12-04", "forward", False),
        ("06-03", "forward", False),  # 182 days ahead
        ("06-04", "forward", False),  # 183 days is still near; 184 is not
        ("06-05", "forward", True),
        ("06-05", "backward", False),  # 2026-06-05, 181 days back
        ("2027-12-01", "forward", False),  # the year was written: no surprise
        ("2027年12月1日", "forward", False),
        ("+1y", "forward", False),
        ("fri", "backward", False),
        ("next-week", "forward", False),
    ],
)
def test_a_short_date_far_away_is_flagged_for_a_full_confirmation(
    text: str, direction: Direction, far: bool
) -> None:
    day = parse_date_expr(text, THURSDAY, TZ, direction, allow_time=True)
    assert is_far_short_date(text, day, THURSDAY) is far


def test_far_is_six_months_either_side() -> None:
    assert FAR_DAYS == 183
    assert not is_far_short_date("06-04", date(2027, 6, 4), THURSDAY)  # 183 days
    assert is_far_short_date("06-05", date(2027, 6, 5), THURSDAY)  # 184 days
    assert is_far_short_date("06-02", date(2026, 6, 2), THURSDAY)  # 184 days back


# --- properties -----------------------------------------------------------------------------

WORD_FRAGMENTS = st.sampled_from(
    [
        "yesterday",
        "昨天",
        "前天",
        "last-",
        "next-",
        "this-",
        "week",
        "-week-",
        "上",
        "下",
        "本",
        "周",
        "星期",
        "五",
        "日",
        "号",
        "月",
        "年",
        "12",
        "2026",
        "-1d",
        "-",
        "fri",
        "mon",
    ]
)
DIRECTIONS = st.sampled_from(["forward", "backward"])


@settings(max_examples=500)
@given(
    text=st.lists(st.one_of(WORD_FRAGMENTS, DATE_FRAGMENTS, st.characters()), max_size=8).map(
        "".join
    ),
    today=st.dates(),
    direction=DIRECTIONS,
    allow_time=st.booleans(),
)
def test_any_text_in_either_direction_reads_or_is_a_parse_error(
    text: str, today: date, direction: Direction, allow_time: bool
) -> None:
    try:
        result = parse_date_expr(text, today, TZ, direction, allow_time=allow_time)
    except ParseError as err:
        assert err.part == text
        assert err.reason_key in {"bad_date", "bad_time", "time_not_allowed", "bad_calendar_date"}
    else:
        assert isinstance(result, date)
        day = result.date() if isinstance(result, datetime) else result
        assert is_far_short_date(text, day, today) in (True, False)


WEEKDAY_NAMES = st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun", "周五", "星期日"])


@settings(max_examples=300)
@given(today=st.dates(min_value=date(2, 1, 1), max_value=date(9998, 1, 1)), name=WEEKDAY_NAMES)
def test_a_weekday_backward_is_never_after_today_and_forward_never_before(
    today: date, name: str
) -> None:
    forward = parse_date_expr(name, today, TZ, "forward")
    backward = parse_date_expr(name, today, TZ, "backward")
    assert forward.weekday() == backward.weekday()
    assert 1 <= (forward - today).days <= 7
    assert 0 <= (today - backward).days <= 6


@settings(max_examples=500)
@given(
    today=st.dates(min_value=date(10, 1, 1), max_value=date(9990, 1, 1)),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),
    style=st.sampled_from(["{m}-{d}", "{m:02d}/{d:02d}", "{m}月{d}日", "{m}月{d}号"]),
)
def test_a_month_and_day_backward_is_never_after_today_and_forward_never_before(
    today: date, day: date, style: str
) -> None:
    text = style.format(m=day.month, d=day.day)
    forward = parse_date_expr(text, today, TZ, "forward")
    backward = parse_date_expr(text, today, TZ, "backward")
    assert not isinstance(forward, datetime) and not isinstance(backward, datetime)
    assert (forward.month, forward.day) == (backward.month, backward.day) == (day.month, day.day)
    assert backward <= today <= forward
    assert (forward == backward) is (forward == today)
    # the nearest one: within a year, or the nearest leap year's for Feb 29
    years = 8 if (day.month, day.day) == (2, 29) else 1
    assert forward.year - today.year <= years and today.year - backward.year <= years


@settings(max_examples=300)
@given(
    today=st.dates(min_value=date(2, 1, 1), max_value=date(9998, 1, 1)),
    amount=st.integers(0, 999),
    unit=st.sampled_from("dwmy"),
    direction=DIRECTIONS,
)
def test_minus_offsets_mirror_plus_offsets(
    today: date, amount: int, unit: str, direction: Direction
) -> None:
    try:
        back = parse_date_expr(f"-{amount}{unit}", today, TZ, direction)
    except ParseError:
        return  # before the calendar's first day
    ahead = parse_date_expr(f"+{amount}{unit}", back, TZ, direction)
    assert back <= today
    if unit in "dw":
        assert ahead == today


# --- a due time after a space, as the board shows a due date --------------------------------


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("2026-12-01 14:00", date(2026, 12, 1), time(14, 0)),
        ("fri 9:30", date(2026, 11, 27), time(9, 30)),
        ("明天\u3000０９：０５", date(2026, 11, 24), time(9, 5)),
    ],
)
def test_a_time_after_a_space_reads_as_after_an_at(text: str, day: date, at: time) -> None:
    result = parse_date_expr(text, MONDAY, TZ, "forward", allow_time=True)
    assert result == datetime.combine(day, at, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "allow_time", "key"),
    [
        ("2026-12-01 14:00", False, "time_not_allowed"),
        ("2026-12-01 2pm", True, "bad_date"),
        ("fri 14:00 15:00", True, "bad_date"),
    ],
)
def test_a_space_is_only_read_before_a_time(text: str, allow_time: bool, key: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date_expr(text, MONDAY, TZ, "forward", allow_time=allow_time)
    assert info.value.reason_key == key
