"""A day's capacity (``planner.domain.capacity``) and its load (``planner.domain.load``):
holidays, make-up days, weekends, the config's own days, timed items and tasks without an
estimate."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.capacity import DEFAULT_WEEK, Capacity, parse_capacity
from planner.domain.errors import ParseError
from planner.domain.load import DayLoad, counted_tasks, day_load, timed_on
from planner.domain.models import Task
from planner.domain.ranking import Board, RankedTask
from planner.domain.workdays import WorkdayAnswer

TZ = timezone(timedelta(hours=8))
CREATED = datetime(2026, 9, 1, 9, 0, tzinfo=TZ)


def task(title: str, estimate: int | None = None, **fields: object) -> Task:
    fields.setdefault("status", "open")
    return Task.create(title, CREATED, estimate=estimate, **fields)  # type: ignore[arg-type]


def weekday(day: date) -> WorkdayAnswer:
    return WorkdayAnswer(day, day.weekday() < 5, "weekday" if day.weekday() < 5 else "weekend")


# -- parse_capacity -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("6h", 360),
        ("7.5h", 450),
        ("6h30m", 390),
        ("360m", 360),
        ("6小时", 360),
        ("90分钟", 90),
        ("０", 0),
        ("0", 0),
        ("0h", 0),
        ("0.0 小时", 0),
        ("24h", 1440),
    ],
)
def test_capacities_read_with_the_estimates_units(text: str, minutes: int) -> None:
    assert parse_capacity(text) == minutes


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("6", "estimate_unit"),
        ("1-2h", "capacity_range"),
        ("25h", "capacity_bounds"),
        ("1000h", "capacity_bounds"),
        ("0x", "estimate_unit"),
        ("", "bad_estimate"),
        ("six hours", "bad_estimate"),
    ],
)
def test_what_is_no_capacity_says_why(text: str, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_capacity(text)
    assert caught.value.reason_key == reason


@given(st.integers(min_value=0, max_value=24 * 60))
def test_any_whole_minutes_read_back(minutes: int) -> None:
    assert parse_capacity(f"{minutes}m") == minutes


# -- Capacity.of --------------------------------------------------------------------------


def test_default_week_is_six_hours_monday_to_friday() -> None:
    capacity = Capacity()
    monday = date(2026, 11, 23)
    days = [monday + timedelta(days=n) for n in range(7)]
    assert [capacity.of(weekday(day)) for day in days] == [360] * 5 + [0, 0]
    assert DEFAULT_WEEK == (360,) * 5 + (0, 0)


def test_a_national_holiday_holds_nothing_even_on_a_weekday() -> None:
    national_day = WorkdayAnswer(
        date(2026, 10, 1), False, "holiday", "national_day", "National Day"
    )
    assert Capacity().of(national_day) == 0
    assert Capacity(week=(480,) * 7).of(national_day) == 0


def test_a_makeup_saturday_holds_a_working_day() -> None:
    makeup = WorkdayAnswer(date(2026, 10, 10), True, "makeup", "national_day", "National Day")
    assert Capacity().of(makeup) == 360
    # by default the average of Monday to Friday, to the minute
    assert Capacity(week=(480, 480, 480, 480, 241, 0, 0)).of(makeup) == round(2161 / 5)
    # or the config's own makeup value
    assert Capacity(makeup=300).of(makeup) == 300


def test_the_configs_days_extra_and_off() -> None:
    extra_sunday = WorkdayAnswer(date(2026, 12, 6), True, "config")
    extra_friday = WorkdayAnswer(date(2026, 12, 4), True, "config")
    leave = WorkdayAnswer(date(2026, 12, 3), False, "config")
    capacity = Capacity(week=(360, 360, 360, 360, 240, 0, 0))
    assert capacity.of(extra_sunday) == capacity.working_day == 336
    assert capacity.of(extra_friday) == 240  # a weekday keeps its own
    assert capacity.of(leave) == 0


def test_an_ordinary_weekend_day_holds_its_own_capacity() -> None:
    saturday = WorkdayAnswer(date(2026, 11, 28), False, "weekend")
    assert Capacity().of(saturday) == 0
    assert Capacity(week=(360,) * 5 + (120, 0)).of(saturday) == 120


def test_capacity_refuses_what_is_no_week() -> None:
    with pytest.raises(ValueError):
        Capacity(week=(360,) * 5)
    with pytest.raises(ValueError):
        Capacity(week=(360,) * 6 + (1441,))
    with pytest.raises(ValueError):
        Capacity(makeup=-1)


# -- day_load -----------------------------------------------------------------------------


def test_load_sums_estimates_and_names_those_without() -> None:
    monday = date(2026, 11, 23)
    tasks = [task("a", 90), task("b", 180), task("c"), task("d")]
    load = day_load(tasks, weekday(monday), Capacity())
    assert (load.planned, load.capacity) == (270, 360)
    assert load.unestimated == (tasks[2].id, tasks[3].id)
    assert (load.over, load.overrun_percent) == (0, 0)


def test_overrun_against_the_capacity() -> None:
    monday = date(2026, 11, 23)
    load = day_load([task("a", 300), task("b", 150)], weekday(monday), Capacity())
    assert (load.planned, load.over, load.overrun_percent) == (450, 90, 25)


def test_a_timed_item_is_a_fixed_hour_counted_once() -> None:
    """``due:fri@14:00 est:1h``: an hour of the day's planned work, which the rest cannot
    have (``free``); the day is over when the sum is, whichever way it is counted."""
    friday = date(2026, 11, 27)
    meeting = task("meeting", 60, due=datetime(2026, 11, 27, 14, 0, tzinfo=TZ))
    yesterday = task("late", 30, due=datetime(2026, 11, 26, 14, 0, tzinfo=TZ))
    rest = task("draft", 300)
    load = day_load([meeting, yesterday, rest], weekday(friday), Capacity())
    assert (load.planned, load.timed, load.free) == (390, 60, 300)
    assert load.over == (load.planned - load.timed) - load.free == 30


def test_a_timed_item_after_midnight_belongs_to_the_day_before() -> None:
    early = task("early", 60, due=datetime(2026, 11, 24, 1, 0, tzinfo=TZ))
    assert timed_on(early, date(2026, 11, 23), time(4, 0))
    assert not timed_on(early, date(2026, 11, 24), time(4, 0))
    assert timed_on(early, date(2026, 11, 24), time(0, 0))
    assert not timed_on(task("dated", 60, due=date(2026, 11, 23)), date(2026, 11, 23))


def test_a_holiday_with_work_is_over_without_a_percentage() -> None:
    answer = WorkdayAnswer(date(2026, 10, 1), False, "holiday", "national_day", "National Day")
    load = day_load([task("duty", 120)], answer, Capacity())
    assert (load.capacity, load.over, load.overrun_percent) == (0, 120, None)
    assert (load.workday, load.reason, load.holiday) == (False, "holiday", "national_day")


def test_an_empty_day_fits() -> None:
    load = DayLoad(date(2026, 11, 28), 0, 0, workday=False, reason="weekend")
    assert (load.over, load.overrun_percent, load.free) == (0, None, 0)


def test_the_load_counts_the_main_contradiction_and_today_only() -> None:
    main = task("main", 60)
    today = task("today", 30)
    inbox = task("inbox", 600, status="inbox")
    later = task("later", 600, scheduled=date(2026, 12, 1))
    waiting = task("waiting", 600, status="waiting")

    def ranked(item: Task, lane: str) -> RankedTask:
        return RankedTask(item, 0.0, lane)  # type: ignore[arg-type]

    board = Board(
        date=date(2026, 11, 23),
        main=ranked(main, "main"),
        awaiting=(ranked(waiting, "awaiting"),),
        inbox=(ranked(inbox, "inbox"),),
        later=(ranked(later, "later"),),
        today=(ranked(today, "today"),),
    )
    assert list(counted_tasks(board)) == [main, today]
    done_main = main.touched(CREATED, status="done", done_at=CREATED)
    closed = Board(board.date, ranked(done_main, "main"), (), (), (), (ranked(today, "today"),))
    assert list(counted_tasks(closed)) == [today]
