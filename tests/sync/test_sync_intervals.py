"""A task's timer intervals (issue 16) through sync: a set, so intervals recorded on two
machines both survive, a stop made on one machine holds on the other, and what is spent
counts an hour once."""

from __future__ import annotations

from datetime import timedelta

from engine_support import Clock, Replica, sync, task_on

from planner.domain.models import Task
from planner.domain.timer import Interval, started, stopped
from planner.services.ports import Change


def timed(replica: Replica, clock: Clock, task_id: str, minutes: int) -> None:
    """Run the task's timer on ``replica`` for ``minutes`` from now."""
    current = task_on(replica, task_id)
    running = current.touched(clock(), intervals=started(current.intervals, clock()))
    replica.write(Change(current, running))
    end = clock() + timedelta(minutes=minutes)
    replica.write(Change(running, running.touched(end, intervals=stopped(running.intervals, end))))


def test_intervals_recorded_on_two_machines_both_survive(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = Task.create("Budget", clock(), status="open", estimate=60)
    a.write(Change(None, task))
    sync(a, b)
    clock.advance(minutes=1)
    timed(a, clock, task.id, 30)
    clock.advance(minutes=60)
    timed(b, clock, task.id, 20)
    reports = sync(a, b)
    assert not any(report.conflicts for report in reports)
    for replica in (a, b):
        merged = task_on(replica, task.id)
        assert len(merged.intervals) == 2 and merged.spent == 50 * 60
    assert a.documents() == b.documents()


def test_a_timer_started_on_one_machine_and_stopped_after_sync_on_the_other(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = Task.create("Speech", clock(), status="open")
    a.write(Change(None, task))
    current = task_on(a, task.id)
    running = current.touched(clock(), intervals=started(current.intervals, clock()))
    a.write(Change(current, running))
    sync(a, b)
    clock.advance(minutes=40)
    there = task_on(b, task.id)
    b.write(Change(there, there.touched(clock(), intervals=stopped(there.intervals, clock()))))
    sync(a, b)
    for replica in (a, b):
        merged = task_on(replica, task.id)
        assert merged.intervals == (Interval(running.intervals[0].start, clock()),)
        assert merged.spent == 40 * 60
