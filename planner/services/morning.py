"""The morning plan (issue 16): what the first launch of a day walks through, and its acts.

The plan reads today's board and the working calendar: the work left unfinished since the
last working day (Friday's on a Monday, the last day before a holiday), the inbox, today's
work to choose the main contradiction from, what lacks an estimate, and the load against
today's capacity. Each act is one call of the ``Planner`` service, so the board's undo
takes it back; the plan keeps no state of its own.

"Let go to Later" schedules a task on the next working day. Work due by today stays in
Today whatever its schedule (DESIGN section 3): the plan offers Later only for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.domain.load import DayLoad
from planner.domain.models import Task
from planner.domain.ranking import Board
from planner.services.days import CarryOffer
from planner.services.planner import Planner

LOOK_BACK_DAYS = 31
"""How far back the last working day is looked for (past the longest holiday)."""


@dataclass(frozen=True, slots=True)
class MorningPlan:
    """What the plan walks through on ``day``: ``since`` is the last working day before it."""

    day: date
    since: date
    carry: CarryOffer | None
    leftovers: tuple[Task, ...]
    inbox: tuple[Task, ...]
    today: tuple[Task, ...]
    """Today's work, the main contradiction first: the choice of step 3."""
    main_id: str | None
    unestimated: tuple[Task, ...]
    load: DayLoad

    @property
    def worth_offering(self) -> bool:
        """Whether the plan has anything to ask (an empty morning offers nothing)."""
        return bool(
            self.leftovers
            or self.inbox
            or self.unestimated
            or self.load.over
            or (self.main_id is None and self.today)
        )


def last_workday(planner: Planner, day: date) -> date:
    """The last working day before ``day`` (the day before, if none is found in a month)."""
    for back in range(1, LOOK_BACK_DAYS + 1):
        candidate = day - timedelta(days=back)
        if planner.workday(candidate).workday:
            return candidate
    return day - timedelta(days=1)


def _left_over(task: Task, since: date, day: date) -> bool:
    """Open work planned for a day from ``since`` up to (not including) ``day``."""
    if task.status != "open":
        return False
    planned = [d for d in (task.scheduled, task.due_date) if d is not None]
    return any(since <= d < day for d in planned)


def morning_plan(planner: Planner, board: Board | None = None) -> MorningPlan:
    """The plan for today as the data stands."""
    board = planner.board() if board is None else board
    day = board.date
    since = last_workday(planner, day)
    carry = planner.carry_offer()
    main_id = board.main.task.id if board.main is not None else None
    leftovers: list[Task] = [carry.task] if carry is not None else []
    for item in board.today:
        task = item.task
        if task.id != main_id and _left_over(task, since, day) and task not in leftovers:
            leftovers.append(task)
    today = ([board.main.task] if board.main is not None else []) + [i.task for i in board.today]
    return MorningPlan(
        day=day,
        since=since,
        carry=carry,
        leftovers=tuple(leftovers),
        inbox=tuple(item.task for item in board.inbox),
        today=tuple(today),
        main_id=main_id,
        unestimated=tuple(t for t in today if t.estimate is None and t.is_active),
        load=planner.day_load(board),
    )


def can_go_later(task: Task, day: date) -> bool:
    """Whether scheduling ``task`` on a later day moves it to Later (not due by ``day``)."""
    due = task.due_date
    return due is None or due > day


def carry(planner: Planner, plan: MorningPlan, task: Task) -> Task | None:
    """Keep yesterday's task for today: the last main contradiction is carried as today's
    (the old morning question's yes), other work is scheduled today."""
    if plan.carry is not None and task.id == plan.carry.task.id:
        planner.answer_carry(plan.carry, True)
        return task
    return planner.schedule(task.id, plan.day)


def later(planner: Planner, plan: MorningPlan, task: Task) -> Task:
    """Let a task go to Later: the next working day (an inbox task is accepted first; the
    last main contradiction's question is answered no)."""
    if plan.carry is not None and task.id == plan.carry.task.id:
        planner.answer_carry(plan.carry, False)
    if task.status == "inbox":
        planner.accept(task.id)
    return planner.schedule(task.id, planner.add_workdays(1, plan.day))


def drop(planner: Planner, plan: MorningPlan, task: Task) -> object:
    """Let a task go for good (the last main contradiction's question is answered no)."""
    if plan.carry is not None and task.id == plan.carry.task.id:
        planner.answer_carry(plan.carry, False)
    return planner.drop(task.id)


def set_estimate(planner: Planner, task: Task, minutes: int) -> Task:
    """Give a task an estimate of ``minutes`` (one value, not a range)."""
    return planner.edit(task.id, {"estimate": minutes, "estimate_low": None})


__all__ = [
    "MorningPlan",
    "can_go_later",
    "carry",
    "drop",
    "last_workday",
    "later",
    "morning_plan",
    "set_estimate",
]
