"""The board: lanes for a date and the explainable score that orders them (DESIGN section 3).

The score is a sum of named terms in the manner of Taskwarrior's urgency. Every term is a
coefficient times a value in 0..1, so ``explain`` can show exactly why a task ranks where it does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from planner.domain.clock import DEFAULT_DAY_START, day_end, planning_date
from planner.domain.config import DEFAULT_COEFFICIENTS
from planner.domain.instructions import InstructionState, state_of
from planner.domain.models import Task

Lane = Literal["main", "awaiting", "inbox", "later", "today", "done"]
LANES: tuple[Lane, ...] = ("main", "awaiting", "inbox", "later", "today")
"""Lane order on the board; the first matching rule wins. ``done`` (closed work, shown by
the app under the others) is not one of them: ``lane_of`` never places a task there."""

TERMS: tuple[str, ...] = tuple(DEFAULT_COEFFICIENTS)

_PRIORITY_VALUES = {"high": 1.0, "medium": 0.65, "low": 0.3}
_PEOPLE_VALUES = {0: 0.0, 1: 0.8, 2: 0.9}


@dataclass(frozen=True, slots=True)
class ScoreTerm:
    name: str
    value: float
    coefficient: float

    @property
    def points(self) -> float:
        return self.value * self.coefficient


@dataclass(frozen=True, slots=True)
class Explanation:
    task_id: str
    terms: tuple[ScoreTerm, ...]

    @property
    def score(self) -> float:
        return round(sum(term.points for term in self.terms), 2)


@dataclass(frozen=True, slots=True)
class RankContext:
    """Everything the score depends on besides the task itself."""

    today: date
    now: datetime
    coefficients: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_COEFFICIENTS))
    unresolved_setbacks: Collection[str] = frozenset()
    day_starts_at: time = DEFAULT_DAY_START
    warn_until: date | None = None
    """The last day an instruction's report-back date counts as due soon
    (``planner.domain.instructions.warning_end``); None: today only."""

    def instruction_state(self, task: Task) -> InstructionState | None:
        """The 督办 state of ``task`` on this context's day (None for other tasks)."""
        return state_of(task, self.today, self.warn_until or self.today)


def urgency_shape(days_overdue: float) -> float:
    """Taskwarrior's due curve: 0.2 beyond 14 days ahead, rising linearly to 1.0 at 7 overdue."""
    if days_overdue >= 7.0:
        return 1.0
    if days_overdue >= -14.0:
        return (days_overdue + 14.0) * 0.8 / 21.0 + 0.2
    return 0.2


def _days_overdue(deadline: date | datetime, ctx: RankContext) -> float:
    if isinstance(deadline, datetime):
        moment = deadline
    else:
        moment = day_end(deadline, ctx.now, ctx.day_starts_at)
    return (ctx.now - moment).total_seconds() / 86400.0


def term_values(task: Task, ctx: RankContext) -> dict[str, float]:
    """Each term's value in 0..1 for ``task``."""
    return {
        "due": urgency_shape(_days_overdue(task.due, ctx)) if task.due is not None else 0.0,
        "report": (
            urgency_shape(_days_overdue(task.report_by, ctx))
            if task.report_by is not None and not task.reported
            else 0.0
        ),
        "central": 1.0 if task.central else 0.0,
        "priority": _PRIORITY_VALUES.get(task.priority or "", 0.0),
        "instruction": 1.0 if task.is_instruction else 0.0,
        "setback": 1.0 if task.setback and task.setback in ctx.unresolved_setbacks else 0.0,
        "scheduled": (1.0 if task.scheduled is not None and task.scheduled <= ctx.today else 0.0),
        "people": _PEOPLE_VALUES.get(len(task.people), 1.0),
        "age": min(max((ctx.now - task.created).total_seconds() / 86400.0 / 90.0, 0.0), 1.0),
    }


def explain(task: Task, ctx: RankContext) -> Explanation:
    """The score terms of ``task``: name, value in 0..1 and coefficient, in the config's order."""
    values = term_values(task, ctx)
    terms = tuple(ScoreTerm(name, values[name], ctx.coefficients.get(name, 0.0)) for name in TERMS)
    return Explanation(task.id, terms)


def score(task: Task, ctx: RankContext) -> float:
    """The same total as ``explain(task, ctx).score``, without building the explanation."""
    coefficients = ctx.coefficients
    values = term_values(task, ctx)
    return round(sum(value * coefficients.get(name, 0.0) for name, value in values.items()), 2)


def lane_of(task: Task, today: date, main_id: str | None) -> Lane | None:
    """The lane rules of DESIGN section 3; ``None`` for work that has left the board."""
    if main_id is not None and task.id == main_id:
        return "main"
    if task.status == "waiting" or task.awaiting_feedback:
        return "awaiting"
    if task.status == "inbox":
        return "inbox"
    if task.status != "open":
        return None
    due_day = task.due_date
    if (
        task.scheduled is not None
        and task.scheduled > today
        and not (due_day is not None and due_day <= today)
    ):
        return "later"
    return "today"


@dataclass(frozen=True, slots=True)
class RankedTask:
    task: Task
    score: float
    lane: Lane
    instruction: InstructionState | None = None
    """An instruction's 督办 state on the board's day (None for other tasks)."""


@dataclass(frozen=True, slots=True)
class Board:
    date: date
    main: RankedTask | None
    awaiting: tuple[RankedTask, ...]
    inbox: tuple[RankedTask, ...]
    later: tuple[RankedTask, ...]
    today: tuple[RankedTask, ...]
    done: tuple[RankedTask, ...] = ()
    """Closed work in view: what was done or dropped today, or what a ``status:done``
    filter found. Not part of ``items`` or ``is_empty``: those are the open board."""
    main_filtered: bool = False
    """A main contradiction is chosen but the filter hides it."""

    def lane(self, name: Lane) -> tuple[RankedTask, ...]:
        if name == "main":
            return (self.main,) if self.main else ()
        lane: tuple[RankedTask, ...] = getattr(self, name)
        return lane

    def items(self) -> Iterator[RankedTask]:
        """Every task on the board, lanes in order."""
        for name in LANES:
            yield from self.lane(name)

    @property
    def is_empty(self) -> bool:
        return not any(self.lane(name) for name in LANES)


def awaiting_kind(task: Task) -> Literal["waiting", "feedback"] | None:
    """Why a task is in the Awaiting feedback lane: waiting on someone (``w``), or a done
    instruction whose feedback is still to be given."""
    if task.status == "waiting":
        return "waiting"
    if task.awaiting_feedback:
        return "feedback"
    return None


def reports_before_back(task: Task) -> bool:
    """An instruction due to be reported on before the day it is scheduled to come back."""
    return (
        task.report_by is not None
        and not task.reported
        and task.scheduled is not None
        and task.report_by < task.scheduled
    )


def closed_on(task: Task, day: date, day_starts_at: time = DEFAULT_DAY_START) -> bool:
    """Whether ``task`` was done or dropped on the planning day ``day``."""
    return (
        not task.is_active
        and task.done_at is not None
        and planning_date(task.done_at, day_starts_at) == day
    )


def closed_lane(
    tasks: Iterable[Task], ctx: RankContext, main_id: str | None = None
) -> tuple[RankedTask, ...]:
    """Closed tasks (not awaiting feedback, which has its own lane; not the main
    contradiction, which the main panel shows), most recently closed first."""
    items = [
        RankedTask(task, score(task, ctx), "done", ctx.instruction_state(task))
        for task in tasks
        if not task.is_active and not task.awaiting_feedback and task.id != main_id
    ]
    items.sort(key=lambda item: (item.task.done_at or item.task.updated, item.task.id))
    items.reverse()
    return tuple(items)


def due_moment(task: Task, ctx: RankContext) -> datetime | None:
    """When the task falls due: its time, or the end of its planning day."""
    if task.due is None:
        return None
    if isinstance(task.due, datetime):
        return task.due
    return day_end(task.due, ctx.now, ctx.day_starts_at)


def sort_key(item: RankedTask, ctx: RankContext) -> tuple[float, bool, float, float, str]:
    """Score descending, then due date (none last), then creation time, then id."""
    moment = due_moment(item.task, ctx)
    return (
        -item.score,
        moment is None,
        moment.timestamp() if moment is not None else 0.0,
        item.task.created.timestamp(),
        item.task.id,
    )


def build_board(tasks: Iterable[Task], main_id: str | None, ctx: RankContext) -> Board:
    """Place every task in its lane and order each lane by score."""
    lanes: dict[Lane, list[RankedTask]] = {name: [] for name in LANES}
    for task in tasks:
        lane = lane_of(task, ctx.today, main_id)
        if lane is None:
            continue
        lanes[lane].append(RankedTask(task, score(task, ctx), lane, ctx.instruction_state(task)))
    for items in lanes.values():
        items.sort(key=lambda item: sort_key(item, ctx))
    main = lanes["main"][0] if lanes["main"] else None
    return Board(
        date=ctx.today,
        main=main,
        awaiting=tuple(lanes["awaiting"]),
        inbox=tuple(lanes["inbox"]),
        later=tuple(lanes["later"]),
        today=tuple(lanes["today"]),
    )
