"""Today's load through the service, on China's working calendar (chinesecalendar) and the
injected clock: the days that break naive arithmetic (a holiday, a make-up Saturday and
Sunday, a weekend, past midnight before the day starts, the turn of the year)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.capacity import Capacity
from planner.domain.config import Config
from planner.domain.models import Task
from planner.services.planner import Planner
from planner.shell.holiday_calendar import work_calendar

TZ = timezone(timedelta(hours=8))


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def planner_at(moment: datetime, config: Config | None = None) -> Planner:
    config = config or Config()
    return Planner(MemoryStore(), config, Clock(moment), work_calendar(config, None))


def add(planner: Planner, title: str, **fields: object) -> Task:
    fields.setdefault("status", "open")
    return planner.add_task(Task.create(title, planner.now(), **fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("moment", "day", "capacity", "workday", "reason", "holiday"),
    [
        # National Day, a Thursday: a holiday holds nothing
        (
            datetime(2026, 10, 1, 9, 0, tzinfo=TZ),
            date(2026, 10, 1),
            0,
            False,
            "holiday",
            "national_day",
        ),
        # a make-up Saturday for National Day, and a make-up Sunday for New Year's Day
        (
            datetime(2026, 10, 10, 9, 0, tzinfo=TZ),
            date(2026, 10, 10),
            360,
            True,
            "makeup",
            "national_day",
        ),
        (
            datetime(2026, 1, 4, 9, 0, tzinfo=TZ),
            date(2026, 1, 4),
            360,
            True,
            "makeup",
            "new_years_day",
        ),
        # an ordinary Saturday
        (datetime(2026, 11, 28, 9, 0, tzinfo=TZ), date(2026, 11, 28), 0, False, "weekend", None),
        # 02:00 on National Day, before the day starts at 04:00: still 30 September, worked
        (datetime(2026, 10, 1, 2, 0, tzinfo=TZ), date(2026, 9, 30), 360, True, "weekday", None),
        # the turn of the year: New Year's Eve is worked; at 03:00 it still is the day;
        # New Year's Day once the day starts
        (datetime(2025, 12, 31, 23, 30, tzinfo=TZ), date(2025, 12, 31), 360, True, "weekday", None),
        (datetime(2026, 1, 1, 3, 59, tzinfo=TZ), date(2025, 12, 31), 360, True, "weekday", None),
        (
            datetime(2026, 1, 1, 4, 0, tzinfo=TZ),
            date(2026, 1, 1),
            0,
            False,
            "holiday",
            "new_years_day",
        ),
    ],
)
def test_todays_capacity_on_chinas_calendar(
    moment: datetime, day: date, capacity: int, workday: bool, reason: str, holiday: str | None
) -> None:
    planner = planner_at(moment)
    add(planner, "draft", estimate=90)
    load = planner.day_load()
    assert load.day == day
    assert (load.capacity, load.workday, load.reason, load.holiday) == (
        capacity,
        workday,
        reason,
        holiday,
    )
    assert load.planned == 90
    assert load.over == max(0, 90 - capacity)


def test_a_makeup_day_takes_the_configs_makeup_capacity() -> None:
    config = Config(capacity=Capacity(week=(480,) * 5 + (0, 0), makeup=240))
    load = planner_at(datetime(2026, 2, 14, 9, 0, tzinfo=TZ), config).day_load()
    assert (load.reason, load.capacity) == ("makeup", 240)


def test_the_configs_day_off_and_extra_day() -> None:
    config = Config(workdays_off=frozenset({date(2026, 11, 23)}))
    assert planner_at(datetime(2026, 11, 23, 9, 0, tzinfo=TZ), config).day_load().capacity == 0
    config = Config(workdays_extra=frozenset({date(2026, 11, 28)}))
    load = planner_at(datetime(2026, 11, 28, 9, 0, tzinfo=TZ), config).day_load()
    assert (load.capacity, load.reason) == (360, "config")


def test_only_the_main_contradiction_and_today_are_counted() -> None:
    planner = planner_at(datetime(2026, 11, 23, 9, 0, tzinfo=TZ))
    main = add(planner, "main", estimate=120)
    planner.set_main(main.id)
    add(planner, "today", estimate=60)
    add(planner, "unestimated")
    add(planner, "inbox", status="inbox", estimate=600)
    add(planner, "later", scheduled=date(2026, 11, 30), estimate=600)
    add(planner, "waiting", status="waiting", estimate=600)
    add(planner, "meeting", estimate=60, due=datetime(2026, 11, 23, 14, 0, tzinfo=TZ))
    later_due_today = add(
        planner, "due today", scheduled=date(2026, 11, 30), due=date(2026, 11, 23), estimate=30
    )
    load = planner.day_load()
    assert (load.planned, load.timed, load.capacity) == (270, 60, 360)
    assert len(load.unestimated) == 1
    planner.complete(later_due_today.id)
    assert planner.day_load().planned == 240


def test_a_late_day_start_moves_today() -> None:
    config = Config(day_starts_at=time(6, 0))
    planner = planner_at(datetime(2026, 10, 10, 5, 0, tzinfo=TZ), config)
    add(planner, "early", estimate=60, due=datetime(2026, 10, 10, 5, 30, tzinfo=TZ))
    load = planner.day_load()
    # 05:00 on the make-up Saturday is still Friday 9 October, a working day
    assert (load.day, load.reason, load.capacity, load.timed) == (
        date(2026, 10, 9),
        "weekday",
        360,
        60,
    )


def test_the_calendar_says_when_an_answer_costs_nothing() -> None:
    """The app asks a calendar that is not loaded in a worker (``PlannerApp._ask_workday``)."""
    from planner.domain.workdays import WorkCalendar
    from planner.shell.holiday_calendar import ChineseHolidays

    assert WorkCalendar().loaded
    calendar = WorkCalendar(ChineseHolidays())
    assert not calendar.loaded
    assert calendar.answer(date(2026, 10, 1)).reason == "holiday"
    assert calendar.loaded
