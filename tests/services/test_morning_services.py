"""The morning plan's service side (issue 16): the last working day on China's calendar,
what counts as left over, and the acts (each one undoable action)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import Task
from planner.services import morning
from planner.services.planner import Planner
from planner.shell.holiday_calendar import work_calendar

TZ = timezone(timedelta(hours=8))


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def planner_on(day: date) -> Planner:
    config = Config()
    moment = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)
    return Planner(MemoryStore(), config, Clock(moment), work_calendar(config, None))


def add(planner: Planner, title: str, **fields: object) -> Task:
    fields.setdefault("status", "open")
    return planner.add_task(Task.create(title, planner.now(), **fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "last"),
    [
        (date(2026, 11, 23), date(2026, 11, 20)),  # a Monday: Friday
        (date(2026, 11, 24), date(2026, 11, 23)),  # a Tuesday: Monday
        (date(2026, 10, 8), date(2026, 9, 30)),  # after National Day's week
        (date(2026, 10, 12), date(2026, 10, 10)),  # the Monday after a make-up Saturday
        (date(2026, 1, 5), date(2026, 1, 4)),  # after New Year: the make-up Sunday 4 January
    ],
)
def test_the_last_working_day(day: date, last: date) -> None:
    assert morning.last_workday(planner_on(day), day) == last


def test_left_over_is_work_planned_since_the_last_working_day() -> None:
    planner = planner_on(date(2026, 11, 23))
    friday = add(planner, "Friday's", scheduled=date(2026, 11, 20))
    due_saturday = add(planner, "due Saturday", due=date(2026, 11, 21))
    add(planner, "Thursday's", scheduled=date(2026, 11, 19))
    add(planner, "today's", scheduled=date(2026, 11, 23))
    add(planner, "inbox", status="inbox")
    plan = morning.morning_plan(planner)
    assert plan.since == date(2026, 11, 20)
    assert {task.id for task in plan.leftovers} == {friday.id, due_saturday.id}
    assert [task.title for task in plan.inbox] == ["inbox"]
    assert plan.worth_offering


def test_an_empty_morning_offers_nothing() -> None:
    planner = planner_on(date(2026, 11, 23))
    add(planner, "today's", scheduled=date(2026, 11, 23), estimate=60)
    planner.set_main(planner.store.open_tasks()[0].id)
    assert not morning.morning_plan(planner).worth_offering


def test_later_moves_to_the_next_working_day_and_an_inbox_task_is_accepted() -> None:
    planner = planner_on(date(2026, 9, 30))  # the day before National Day
    plan = morning.morning_plan(planner)
    inbox = add(planner, "circular", status="inbox")
    moved = morning.later(planner, plan, inbox)
    assert moved.status == "open"
    assert moved.scheduled == date(2026, 10, 8)
    planner.undo()
    planner.undo()
    assert planner.task(inbox.id).status == "inbox"


def test_due_work_cannot_go_later() -> None:
    day = date(2026, 11, 23)
    assert not morning.can_go_later(
        Task.create("x", datetime(2026, 11, 1, tzinfo=TZ), due=day), day
    )
    assert morning.can_go_later(Task.create("y", datetime(2026, 11, 1, tzinfo=TZ)), day)


def test_an_estimate_is_one_undoable_edit() -> None:
    planner = planner_on(date(2026, 11, 23))
    task = add(planner, "speech", scheduled=date(2026, 11, 23), estimate_low=None)
    assert morning.set_estimate(planner, task, 90).estimate == 90
    planner.undo()
    assert planner.task(task.id).estimate is None
