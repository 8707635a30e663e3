"""A task's timer: intervals, what is spent, and the stop at the planning day's end."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from planner.domain.errors import DomainError
from planner.domain.models import Task
from planner.domain.timer import (
    Interval,
    intervals_value,
    overdue_stop,
    running,
    spent_seconds,
    started,
    stopped,
)

TZ = timezone(timedelta(hours=8))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def test_start_and_stop_make_one_interval_and_spent_counts_it() -> None:
    task = Task.create("write", at(2, 9))
    intervals = started(task.intervals, at(2, 9))
    assert running(intervals) == Interval(at(2, 9))
    intervals = stopped(intervals, at(2, 9, 45))
    assert running(intervals) is None
    task = task.touched(at(2, 9, 45), intervals=intervals)
    assert task.spent == 45 * 60
    assert task.to_dict()["intervals"] == [
        {"start": "2026-03-02T09:00:00+08:00", "end": "2026-03-02T09:45:00+08:00"}
    ]
    assert Task.from_dict(task.to_dict()) == task


def test_a_running_interval_is_not_spent_until_stopped_but_counts_up_to_now() -> None:
    intervals = (Interval(at(2, 9), at(2, 10)), Interval(at(2, 11)))
    assert spent_seconds(intervals) == 3600
    assert spent_seconds(intervals, now=at(2, 11, 30)) == 5400


def test_starting_twice_is_refused() -> None:
    with pytest.raises(DomainError):
        started((Interval(at(2, 9)),), at(2, 10))


def test_overlapping_intervals_from_two_machines_count_once() -> None:
    intervals = intervals_value(
        [Interval(at(2, 9), at(2, 10)), Interval(at(2, 9, 30), at(2, 10, 30))]
    )
    assert spent_seconds(intervals) == 90 * 60


def test_one_run_stopped_on_two_machines_keeps_the_earlier_stop() -> None:
    intervals = intervals_value(
        [
            {"start": "2026-03-02T09:00:00+08:00", "end": "2026-03-02T10:00:00+08:00"},
            {"start": "2026-03-02T09:00:00+08:00", "end": None},
            {"start": "2026-03-02T09:00:00+08:00", "end": "2026-03-02T09:30:00+08:00"},
        ]
    )
    assert intervals == (Interval(at(2, 9), at(2, 9, 30)),)


def test_an_interval_cannot_end_before_it_starts_nor_lack_its_offset() -> None:
    with pytest.raises(DomainError):
        Interval(at(2, 10), at(2, 9))
    with pytest.raises(DomainError):
        Interval.from_dict({"start": "2026-03-02T09:00:00", "end": None})


def test_a_task_without_intervals_reads_as_none_spent() -> None:
    raw = Task.create("old", at(2, 9)).to_dict()
    del raw["intervals"]
    assert Task.from_dict(raw).spent == 0
    assert Task.from_dict({**raw, "intervals": None}).intervals == ()


def test_completing_or_dropping_stops_the_running_timer() -> None:
    task = Task.create("write", at(2, 9), status="open", intervals=(Interval(at(2, 9)),))
    done = task.complete(at(2, 9, 20))
    assert done.intervals == (Interval(at(2, 9), at(2, 9, 20)),)
    assert task.drop(at(2, 9, 10)).spent == 600


# -- the planning day's end ---------------------------------------------------------------------


def test_a_timer_runs_on_past_midnight_within_its_planning_day() -> None:
    interval = Interval(at(2, 23))
    assert overdue_stop(interval, at(3, 1)) is None
    assert overdue_stop(interval, at(3, 3, 59)) is None


def test_a_timer_stops_at_its_planning_days_end_once_the_next_day_starts() -> None:
    interval = Interval(at(2, 23))
    assert overdue_stop(interval, at(3, 4)) == at(3, 4)
    assert overdue_stop(interval, at(5, 12)) == at(3, 4)


def test_a_timer_started_past_midnight_before_the_day_starts_belongs_to_the_day_before() -> None:
    interval = Interval(at(3, 2))  # 02:00 on the 3rd: still the 2nd's planning day
    assert overdue_stop(interval, at(3, 3)) is None
    assert overdue_stop(interval, at(3, 5)) == at(3, 4)


def test_the_day_start_from_the_config_moves_the_boundary() -> None:
    interval = Interval(at(2, 8))
    assert overdue_stop(interval, at(3, 5), time(6, 0)) is None
    assert overdue_stop(interval, at(3, 6), time(6, 0)) == at(3, 6)
    assert overdue_stop(interval, at(3, 0, 1), time(0, 0)) == at(3, 0)


def test_a_timer_is_judged_in_the_local_time_of_now() -> None:
    interval = Interval(datetime(2026, 3, 2, 15, tzinfo=UTC))  # 23:00 at +08:00
    assert overdue_stop(interval, at(3, 3)) is None
    assert overdue_stop(interval, at(3, 4)) == at(3, 4)


def test_a_stopped_interval_is_never_overdue() -> None:
    assert overdue_stop(Interval(at(1, 9), at(1, 10)), at(5, 9)) is None
