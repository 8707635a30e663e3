"""Date expressions (DESIGN section 4): every accepted form and every refusal."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.dates import parse_date_expr
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
