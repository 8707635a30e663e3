"""A day's load against its capacity (issue 16): does the day's planned work fit in the day?

The load (``day_load``) is the estimates of the main contradiction and the Today lane; the
inbox and Later are not counted until accepted. A task timed on that day (due at an hour:
``due:fri@14:00 est:1h``) is a fixed hour: it is part of the load, and so comes off the
capacity left for the rest (``free``): ``planned > capacity`` is the same test as the
untimed work against the capacity less the timed items, without counting an hour twice.
A task without an estimate is counted (``unestimated``), never taken as zero silently.
The day's capacity is ``planner.domain.capacity``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from planner.domain.capacity import Capacity
from planner.domain.clock import DEFAULT_DAY_START, planning_date
from planner.domain.models import Task
from planner.domain.ranking import Board
from planner.domain.workdays import WorkdayAnswer


@dataclass(frozen=True, slots=True)
class DayLoad:
    """The load of ``day`` against its ``capacity`` (minutes).

    ``planned``: the estimates of the counted tasks, timed ones included; ``timed``: the
    part of it fixed at an hour of that day; ``unestimated``: the ids of counted tasks
    without an estimate (not in ``planned``). ``workday``, ``reason`` and ``holiday`` (the
    holiday's id; ``holiday_name`` its English name) are the working calendar's answer."""

    day: date
    planned: int
    capacity: int
    timed: int = 0
    unestimated: tuple[str, ...] = ()
    workday: bool = True
    reason: str = "weekday"
    holiday: str | None = None
    holiday_name: str | None = None

    @property
    def free(self) -> int:
        """The capacity left once the timed items have taken their hours (at least 0)."""
        return max(0, self.capacity - self.timed)

    @property
    def over(self) -> int:
        """Minutes planned beyond the capacity (0 when the day fits)."""
        return max(0, self.planned - self.capacity)

    @property
    def overrun_percent(self) -> int | None:
        """The overrun as a whole percentage of the capacity (``7.5 h / 6 h``: 25); None
        when the day has no capacity to measure it against."""
        if self.capacity == 0:
            return None
        return round(self.over * 100 / self.capacity)


def timed_on(task: Task, day: date, day_starts_at: time = DEFAULT_DAY_START) -> bool:
    """Whether ``task`` is due at an hour that falls in the planning day ``day`` (01:00
    after midnight, before the day starts, still belongs to the day before)."""
    due = task.due
    return isinstance(due, datetime) and planning_date(due, day_starts_at) == day


def counted_tasks(board: Board) -> Iterator[Task]:
    """The tasks a day's load counts: the main contradiction while it is still to be done,
    and the Today lane (the inbox, Later and Awaiting are not counted)."""
    if board.main is not None and board.main.task.is_active:
        yield board.main.task
    for item in board.today:
        yield item.task


def day_load(
    tasks: Iterable[Task],
    answer: WorkdayAnswer,
    capacity: Capacity,
    day_starts_at: time = DEFAULT_DAY_START,
) -> DayLoad:
    """The load of ``answer.day``: ``tasks`` are the ones counted (the main contradiction
    and the Today lane; the caller picks them), each once; one pass."""
    day = answer.day
    planned = timed = 0
    unestimated: list[str] = []
    for task in tasks:
        if task.estimate is None:
            unestimated.append(task.id)
            continue
        planned += task.estimate
        if timed_on(task, day, day_starts_at):
            timed += task.estimate
    return DayLoad(
        day=day,
        planned=planned,
        capacity=capacity.of(answer),
        timed=timed,
        unestimated=tuple(unestimated),
        workday=answer.workday,
        reason=answer.reason,
        holiday=answer.holiday,
        holiday_name=answer.holiday_name,
    )


__all__ = ["DayLoad", "counted_tasks", "day_load", "timed_on"]
