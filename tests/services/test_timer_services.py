"""The timer through the services: one at a time across processes, the day's-end stop, undo."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from data.memory import MemoryStore
from data.store import FileStore
from planner.domain.config import Config
from planner.domain.errors import DomainError
from planner.domain.models import Task
from planner.domain.timer import Interval
from planner.services.planner import Planner

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def planner(clock: Clock) -> Planner:
    return Planner(MemoryStore(), Config(), clock)


def add(planner: Planner, title: str = "task", **fields: object) -> Task:
    task = Task.create(title, planner.now(), status="open", **fields)  # type: ignore[arg-type]
    return planner.add_task(task)


def test_start_then_stop_records_one_interval(planner: Planner, clock: Clock) -> None:
    task = add(planner)
    assert planner.running_timer() is None
    started = planner.start_timer(task.id[:5])
    assert started.stopped == () and started.task.intervals == (Interval(MONDAY),)
    running = planner.running_timer()
    assert running is not None and running.task.id == task.id
    clock.advance(minutes=25)
    stopped = planner.stop_timer()
    assert stopped is not None and stopped.interval == Interval(MONDAY, clock())
    assert planner.task(task.id).spent == 25 * 60
    assert planner.running_timer() is None
    assert planner.stop_timer() is None


def test_starting_another_stops_the_first_in_one_undoable_action(
    planner: Planner, clock: Clock
) -> None:
    first, second = add(planner, "first"), add(planner, "second")
    planner.start_timer(first.id)
    clock.advance(minutes=10)
    started = planner.start_timer(second.id)
    assert [s.task.id for s in started.stopped] == [first.id]
    assert planner.task(first.id).spent == 600
    running = planner.running_timer()
    assert running is not None and running.task.id == second.id
    planner.undo()
    running = planner.running_timer()
    assert running is not None and running.task.id == first.id
    assert planner.task(second.id).intervals == ()
    planner.undo()
    assert planner.running_timer() is None
    planner.redo()
    assert planner.running_timer() is not None


def test_a_closed_task_has_no_timer_and_one_running_is_not_started_twice(
    planner: Planner,
) -> None:
    task = add(planner)
    planner.start_timer(task.id)
    with pytest.raises(DomainError):
        planner.start_timer(task.id)
    planner.complete(task.id)
    assert planner.running_timer() is None
    with pytest.raises(DomainError):
        planner.start_timer(task.id)


def test_a_timer_left_running_stops_at_its_days_end(planner: Planner, clock: Clock) -> None:
    task = add(planner)
    clock.moment = MONDAY.replace(hour=23)
    planner.start_timer(task.id)
    clock.moment = MONDAY.replace(hour=23) + timedelta(hours=2)  # 01:00: still Monday's day
    assert planner.close_overdue_timers() == []
    assert planner.running_timer() is not None
    clock.moment = MONDAY + timedelta(days=1)  # Tuesday 09:00
    closed = planner.close_overdue_timers()
    day_end = datetime(2026, 11, 24, 4, 0, tzinfo=TZ)
    assert [(c.task.id, c.interval.end, c.overdue) for c in closed] == [(task.id, day_end, True)]
    assert planner.task(task.id).spent == 5 * 3600
    assert planner.close_overdue_timers() == []
    planner.undo()  # the stop is an action like another
    assert planner.running_timer() is not None


def test_the_configured_day_start_decides_the_close(clock: Clock) -> None:
    planner = Planner(MemoryStore(), Config(day_starts_at=time(6, 0)), clock)
    task = add(planner)
    clock.moment = MONDAY.replace(hour=22)
    planner.start_timer(task.id)
    clock.moment = datetime(2026, 11, 24, 5, 0, tzinfo=TZ)
    assert planner.close_overdue_timers() == []
    clock.moment = datetime(2026, 11, 24, 6, 0, tzinfo=TZ)
    closed = planner.close_overdue_timers()
    assert closed[0].interval.end == datetime(2026, 11, 24, 6, 0, tzinfo=TZ)


def test_a_second_process_starting_a_timer_stops_the_first_ones(
    tmp_path: Path, clock: Clock
) -> None:
    app = Planner(FileStore(tmp_path / "d", clock=clock), Config(), clock)
    first, second = add(app, "first"), add(app, "second")
    app.start_timer(first.id)
    clock.advance(minutes=5)
    terminal = Planner(FileStore(tmp_path / "d", clock=clock), Config(), clock)
    started = terminal.start_timer(second.id)
    assert [s.task.id for s in started.stopped] == [first.id]
    app.store.refresh()
    running = app.running_timer()
    assert running is not None and running.task.id == second.id
    assert app.task(first.id).spent == 300
