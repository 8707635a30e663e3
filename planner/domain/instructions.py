"""An instruction's state as a supervision desk (督办) follows it (issue 16).

An instruction is a task with ``from:`` (``Task.source``). Its state is the first of these
that applies:

- ``closed`` 办结: done, and feedback recorded;
- ``reported`` 已反馈: feedback recorded, not yet done;
- ``extension_requested`` 申请延期: an extension asked for and not yet approved (the
  report-back date in force is still the original one);
- ``overdue`` 逾期: the report-back date in force has passed;
- ``due_soon`` 临期: the report-back date falls within the warning days, counted in
  working days on the working calendar (3 by default; ``[instructions] warning_days``);
- ``in_progress`` 办理中: otherwise (an instruction without a report-back date included).

A dropped instruction keeps the state its feedback and dates give: it was never done, so it
is never ``closed``; it leaves the board all the same. A task that is not an instruction has
no state (``None``).

"Today" is the planning day (``planner.domain.clock.planning_date``): at 02:00 with the day
starting at 04:00 it is still yesterday, so nothing turns overdue at midnight.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from planner.domain.models import Task
from planner.domain.workdays import WorkCalendar

InstructionState = Literal[
    "in_progress", "due_soon", "overdue", "extension_requested", "reported", "closed"
]
INSTRUCTION_STATES: tuple[InstructionState, ...] = (
    "in_progress",
    "due_soon",
    "overdue",
    "extension_requested",
    "reported",
    "closed",
)
DEFAULT_WARNING_DAYS = 3
WARNING_DAYS_LIMIT = 60
"""``[instructions] warning_days`` lies within 0 (only the day itself) and this."""


def warning_end(calendar: WorkCalendar, today: date, warning_days: int) -> date:
    """The last day a report-back date counts as due soon on ``today``: the
    ``warning_days``-th working day after it (a holiday or weekend inside the window
    stretches it; 0 is today itself). Computed once per day, not per task."""
    return calendar.add_workdays(today, warning_days)


def state_of(task: Task, today: date, warn_until: date) -> InstructionState | None:
    """The state of ``task`` on ``today``, with ``warn_until`` from ``warning_end``."""
    if not task.is_instruction:
        return None
    if task.feedback:
        return "closed" if task.status == "done" else "reported"
    if task.extension_to is not None:
        return "extension_requested"
    report_by = task.report_by
    if report_by is None:
        return "in_progress"
    if report_by < today:
        return "overdue"
    if report_by <= warn_until:
        return "due_soon"
    return "in_progress"


def instruction_state(
    task: Task,
    today: date,
    calendar: WorkCalendar,
    warning_days: int = DEFAULT_WARNING_DAYS,
) -> InstructionState | None:
    """The state of ``task`` on ``today`` (the planning day), the warning window counted in
    working days on ``calendar``."""
    if not task.is_instruction:
        return None
    return state_of(task, today, warning_end(calendar, today, warning_days))


def extended(task: Task) -> bool:
    """Whether an approved extension moved the report-back date (the original is kept)."""
    return task.report_by_original is not None and task.report_by_original != task.report_by
