"""The timer (issue 16): one running across the data folder, found in the data.

Any process may have started the running timer (the app, ``planner start`` in a terminal),
so it is looked up in the store's open work, never kept in memory: starting another stops
it, in the same action (one undo takes both back). A timer still running once its planning
day is over stops at that day's end (``planner.domain.timer.overdue_stop``) when the app or
a command next looks (``close_overdue``), and the caller says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from planner.domain.errors import DomainError
from planner.domain.models import Task
from planner.domain.timer import Interval, overdue_stop, running, started, stopped
from planner.services.context import Context
from planner.services.lookup import latest_task, resolve_task
from planner.services.ports import Change


@dataclass(frozen=True, slots=True)
class Running:
    """A task whose timer runs, and its running interval."""

    task: Task
    interval: Interval


@dataclass(frozen=True, slots=True)
class Stopped:
    """A task whose timer was stopped, and the interval that ended (``overdue``: stopped
    at its planning day's end, not by the user)."""

    task: Task
    interval: Interval
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class Start:
    """The task whose timer now runs, and the timers starting it stopped."""

    task: Task
    stopped: tuple[Stopped, ...] = ()


def running_timers(tasks: Iterable[Task]) -> list[Running]:
    """The tasks among ``tasks`` whose timer runs, the latest started first (two machines
    may each have started one before they synced)."""
    found = []
    for task in tasks:
        if task.intervals:
            interval = running(task.intervals)
            if interval is not None:
                found.append(Running(task, interval))
    return sorted(found, key=lambda item: item.interval.start, reverse=True)


def _ended(before: Task, after: Task, *, overdue: bool = False) -> Stopped:
    """The interval ``after`` ended that ran in ``before``."""
    interval = running(before.intervals)
    assert interval is not None
    ended = next(item for item in after.intervals if item.start == interval.start)
    return Stopped(after, ended, overdue)


class Timers:
    """Starting and stopping the timer, each one undoable action."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def running(self) -> Running | None:
        """The running timer, as the data holds it now."""
        found = running_timers(self._ctx.store.open_tasks())
        return found[0] if found else None

    def start(self, prefix: str) -> Start:
        """Start the timer of the task ``prefix`` names; any other running timer stops now
        (one at a time). An open (or inbox, waiting) task only; one already running is
        refused."""
        ctx = self._ctx
        task_id = resolve_task(ctx.store, prefix)
        result: list[Start] = []

        def build() -> list[Change]:
            now = ctx.now()
            current = latest_task(ctx.store, task_id)
            if not current.is_active:
                raise DomainError("status", f"the timer of a {current.status} task cannot run")
            if running(current.intervals) is not None:
                raise DomainError("intervals", "its timer is already running")
            changes: list[Change] = []
            ended: list[Stopped] = []
            for other in running_timers(ctx.store.open_tasks()):
                before = latest_task(ctx.store, other.task.id)
                after = before.touched(now, intervals=stopped(before.intervals, now))
                changes.append(Change(before, after))
                ended.append(_ended(before, after))
            begun = current.touched(now, intervals=started(current.intervals, now))
            changes.append(Change(current, begun))
            result.append(Start(begun, tuple(ended)))
            return changes

        ctx.history.run("action.timer_start", build, task_id)
        return result[0]

    def stop(self) -> Stopped | None:
        """Stop the running timer now; None when none runs."""
        ctx = self._ctx
        result: list[Stopped] = []

        def build() -> list[Change]:
            now = ctx.now()
            changes: list[Change] = []
            for found in running_timers(ctx.store.open_tasks()):
                before = latest_task(ctx.store, found.task.id)
                after = before.touched(now, intervals=stopped(before.intervals, now))
                changes.append(Change(before, after))
                result.append(_ended(before, after))
            return changes

        current = self.running()
        ctx.history.run("action.timer_stop", build, current.task.id if current else None)
        return result[0] if result else None

    def close_overdue(self) -> list[Stopped]:
        """Stop each timer still running once its planning day is over, at that day's end;
        what was stopped (nothing, and nothing written, on an ordinary look)."""
        ctx = self._ctx
        starts_at = ctx.config.day_starts_at
        now = ctx.now()
        overdue = [
            found
            for found in running_timers(ctx.store.open_tasks())
            if overdue_stop(found.interval, now, starts_at) is not None
        ]
        if not overdue:
            return []
        result: list[Stopped] = []

        def build() -> list[Change]:
            changes: list[Change] = []
            for found in running_timers(ctx.store.open_tasks()):
                before = latest_task(ctx.store, found.task.id)
                interval = running(before.intervals)
                at = None if interval is None else overdue_stop(interval, now, starts_at)
                if at is None:
                    continue
                after = before.touched(now, intervals=stopped(before.intervals, at))
                changes.append(Change(before, after))
                result.append(_ended(before, after, overdue=True))
            return changes

        ctx.history.run("action.timer_close", build, overdue[0].task.id)
        return result


def elapsed_minutes(found: Running, now: datetime) -> int:
    """Whole minutes the running timer has run by ``now``."""
    return max(0, int((now - found.interval.start).total_seconds()) // 60)
