"""Planned against actual over a period (issue 16): how far the time spent was from the
estimates, and in which direction (``spent 120% of estimates on 8 estimated tasks``).

A task counts when it was done in the period (its ``done_at`` on one of the period's
planning days, up to today), has an estimate, and its timer ran: a task never timed says
nothing of its estimate. The figure weighs each task by its size (all the time spent over
all the minutes estimated), and says how many ran over and how many stayed within.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from planner.domain.clock import DEFAULT_DAY_START, planning_date
from planner.domain.models import Task


@dataclass(frozen=True, slots=True)
class EstimateAccuracy:
    tasks: int
    """Done in the period, estimated and timed."""
    estimated: int
    """Their estimates, in minutes."""
    spent: int
    """Their time spent, in seconds."""
    over: int
    """How many took longer than their estimate."""

    @property
    def within(self) -> int:
        return self.tasks - self.over

    @property
    def percent(self) -> int | None:
        """Time spent as a whole percentage of the estimates (120: a fifth over), or None
        when no task counts."""
        if not self.estimated:
            return None
        return round(self.spent * 100 / (self.estimated * 60))


NO_TASKS = EstimateAccuracy(0, 0, 0, 0)


def estimate_accuracy(
    days: Iterable[date],
    tasks: Iterable[Task],
    day_starts_at: time = DEFAULT_DAY_START,
) -> EstimateAccuracy:
    """The accuracy of the tasks done on ``days`` (a period's, up to today)."""
    wanted = set(days)
    count = estimated = spent = over = 0
    for task in tasks:
        if task.status != "done" or task.done_at is None or task.estimate is None:
            continue
        if not task.intervals or planning_date(task.done_at, day_starts_at) not in wanted:
            continue
        seconds = task.spent
        if not seconds:
            continue
        count += 1
        estimated += task.estimate
        spent += seconds
        over += seconds > task.estimate * 60
    return EstimateAccuracy(count, estimated, spent, over)
