"""Estimates (issue 16): the parser, the text written back, and the task field in quick add,
``planner edit``'s tokens, the filter and the model."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.edits import parse_edit
from planner.domain.errors import DomainError, ParseError
from planner.domain.estimates import MAX_MINUTES, Estimate, estimate_text, parse_estimate
from planner.domain.filters import parse_filter
from planner.domain.models import Task
from planner.domain.quickadd import parse_quick_add

TZ = timezone(timedelta(hours=8))
MONDAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
UNITS = [("h", "m"), ("小时", "分钟")]


@pytest.mark.parametrize(
    ("text", "minutes", "low"),
    [
        ("30m", 30, None),
        ("1.5h", 90, None),
        ("90分钟", 90, None),
        ("2小时", 120, None),
        ("1-2h", 120, 60),
        ("45min", 45, None),
        ("1h30m", 90, None),
        ("1h30", 90, None),
        ("1小时30分钟", 90, None),
        ("１．５ｈ", 90, None),
        ("１－２小时", 120, 60),
        ("30-45m", 45, 30),
        ("1.5-2h", 120, 90),
        ("45m-1h30m", 90, 45),
        ("1~2小时", 120, 60),
        ("2H", 120, None),
        ("2-2h", 120, None),
        ("999h", MAX_MINUTES, None),
    ],
)
def test_the_forms_an_estimate_takes(text: str, minutes: int, low: int | None) -> None:
    assert parse_estimate(text) == Estimate(minutes, low)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("abc", "bad_estimate"),
        ("", "bad_estimate"),
        ("-2h", "bad_estimate"),
        ("1-", "bad_estimate"),
        ("1-2-3h", "bad_estimate"),
        ("30m1h", "bad_estimate"),
        ("1h2h", "bad_estimate"),
        ("30", "estimate_unit"),
        ("1h30m15", "estimate_unit"),
        ("1.01h", "estimate_not_whole"),
        ("0.5m", "estimate_not_whole"),
        ("0m", "estimate_bounds"),
        ("1000h", "estimate_bounds"),
        ("2-1h", "estimate_range"),
    ],
)
def test_what_is_refused_and_why(text: str, key: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_estimate(text)
    assert info.value.reason_key == key and info.value.part == text


@given(st.integers(1, MAX_MINUTES), st.sampled_from(UNITS))
def test_one_value_written_back_reads_to_the_same_minutes(
    minutes: int, units: tuple[str, str]
) -> None:
    assert parse_estimate(estimate_text(minutes, None, *units)) == Estimate(minutes)


@given(st.integers(1, MAX_MINUTES - 1), st.integers(1, MAX_MINUTES), st.sampled_from(UNITS))
def test_a_range_written_back_reads_to_the_same_ends(
    low: int, high: int, units: tuple[str, str]
) -> None:
    low, high = min(low, high), max(low, high)
    expected = Estimate(high, None if low == high else low)
    assert parse_estimate(estimate_text(high, expected.low, *units)) == expected


@given(st.text(max_size=12))
def test_any_text_is_an_estimate_or_a_parse_error(text: str) -> None:
    try:
        found = parse_estimate(text)
    except ParseError as err:
        assert err.reason_key is not None and err.part == text
    else:
        assert 0 < found.minutes <= MAX_MINUTES
        assert found.low is None or 0 < found.low < found.minutes


@given(st.integers(1, 200), st.integers(0, 59))
def test_hours_and_minutes_in_any_spelling(hours: int, minutes: int) -> None:
    total = hours * 60 + minutes
    spellings = [f"{hours}h{minutes}m", f"{hours}小时{minutes}分钟", f"{hours}hr {minutes}min"]
    if minutes == 0:
        spellings += [f"{hours}h", f"{hours}个小时", f"{hours} hours"]
    for text in spellings:
        assert parse_estimate(text).minutes == total, text


def test_text_written_for_people() -> None:
    assert estimate_text(90) == "1h30m"
    assert estimate_text(120, 60) == "1-2h"
    assert estimate_text(45, 30) == "30-45m"
    assert estimate_text(90, 45) == "45m-1h30m"
    assert estimate_text(120, 60, "小时", "分钟") == "1-2小时"


# --- quick add, edit, filter -----------------------------------------------------------------


def test_quick_add_reads_an_estimate_and_keeps_a_range_lower_end() -> None:
    parsed = parse_quick_add("draft the speech est:1-2h #speech", MONDAY, TZ)
    assert parsed.title == "draft the speech"
    fields = parsed.task_fields(MONDAY)
    assert (fields["estimate"], fields["estimate_low"]) == (120, 60)
    task = Task.create(parsed.title, NOW, **fields)
    assert (task.estimate, task.estimate_low) == (120, 60)


def test_quick_add_full_width_key_and_chinese_units() -> None:
    parsed = parse_quick_add("写讲话稿 ｅｓｔ：90分钟", MONDAY, TZ)
    assert parsed.title == "写讲话稿" and parsed.estimate == 90 and parsed.estimate_low is None


@pytest.mark.parametrize(
    ("text", "part", "key"),
    [
        ("call est:soon", "est:soon", "bad_estimate"),
        ("call est:30", "est:30", "estimate_unit"),
        ("call est:2-1h", "est:2-1h", "estimate_range"),
        ("call est:1h est:2h", "est:2h", "duplicate"),
    ],
)
def test_a_bad_estimate_names_its_token(text: str, part: str, key: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_quick_add(text, MONDAY, TZ)
    assert info.value.part == part and info.value.reason_key == key
    assert info.value.position == text.index(part)


def test_edit_sets_replaces_and_clears_an_estimate() -> None:
    task = Task.create("x", NOW, estimate=120, estimate_low=60)
    single = parse_edit("est:45m", MONDAY, TZ).applied(task, MONDAY, NOW)
    assert (single.estimate, single.estimate_low) == (45, None)
    ranged = parse_edit("est:2-3h", MONDAY, TZ).applied(task, MONDAY, NOW)
    assert (ranged.estimate, ranged.estimate_low) == (180, 120)
    cleared = parse_edit("est:none", MONDAY, TZ).applied(task, MONDAY, NOW)
    assert (cleared.estimate, cleared.estimate_low) == (None, None)
    with pytest.raises(ParseError) as info:
        parse_edit("est:1h est:none", MONDAY, TZ)
    assert info.value.reason_key == "duplicate"


def test_filter_finds_tasks_by_estimate() -> None:
    two = Task.create("a", NOW, estimate=120)
    ranged = Task.create("b", NOW, estimate=120, estimate_low=60)
    none = Task.create("c", NOW)
    by_value = parse_filter("est:2h", MONDAY, TZ)
    assert [by_value.matches(t) for t in (two, ranged, none)] == [True, True, False]
    by_range = parse_filter("est:1-2h", MONDAY, TZ)
    assert [by_range.matches(t) for t in (two, ranged, none)] == [False, True, False]


# --- the model -------------------------------------------------------------------------------


def test_the_estimate_round_trips_through_a_dict() -> None:
    task = Task.create("x", NOW, estimate=120, estimate_low=60)
    data = task.to_dict()
    assert (data["estimate"], data["estimate_low"]) == (120, 60)
    assert Task.from_dict(data) == task


def test_a_record_written_before_estimates_reads_as_none() -> None:
    data = Task.create("x", NOW).to_dict()
    del data["estimate"], data["estimate_low"]
    task = Task.from_dict(data)
    assert task.estimate is None and task.estimate_low is None


@pytest.mark.parametrize(
    ("estimate", "low", "field"),
    [
        (0, None, "estimate"),
        (MAX_MINUTES + 1, None, "estimate"),
        (1.5, None, "estimate"),
        ("90", None, "estimate"),
        (True, None, "estimate"),
        (None, 30, "estimate_low"),
        (60, 60, "estimate_low"),
        (60, 90, "estimate_low"),
    ],
)
def test_the_model_refuses_estimates_that_make_no_sense(
    estimate: object, low: object, field: str
) -> None:
    with pytest.raises(DomainError) as info:
        Task.create("x", NOW, estimate=estimate, estimate_low=low)
    assert info.value.field == field
