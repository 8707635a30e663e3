"""Instructions as a supervision desk follows them (督办, issue 16): each one's state on the
planning day, and extensions asked for and approved, each one undoable action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from planner.domain.errors import DomainError
from planner.domain.instructions import InstructionState, state_of, warning_end
from planner.domain.models import Task
from planner.domain.workdays import WorkCalendar
from planner.services.context import Context
from planner.services.lookup import update_task


class Instructions:
    """States, and extensions asked for and approved."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self.defer_calendar = False
        """Set by the app: while the national calendar is not loaded yet (its first question
        imports China's holiday tables), count the warning window on plain weekdays and the
        config's ``[workdays]`` rather than make the first frame wait; the board is drawn
        again once the calendar has answered (``PlannerApp._workday_known``)."""
        self._window: tuple[date, bool, date] | None = None

    def warn_until(self, today: date | None = None) -> date:
        """The last day a report-back date counts as due soon on ``today`` (the planning
        day by default): the config's ``warning_days``-th working day after it."""
        ctx = self._ctx
        day = ctx.today() if today is None else today
        calendar = ctx.calendar
        exact = calendar.loaded or not self.defer_calendar
        if self._window is not None and self._window[:2] == (day, exact):
            return self._window[2]
        if not exact:
            config = ctx.config
            calendar = WorkCalendar(extra=config.workdays_extra, off=config.workdays_off)
        try:
            end = warning_end(calendar, day, ctx.config.warning_days)
        except OverflowError:
            end = date.max
        self._window = (day, exact, end)
        return end

    def state(self, task: Task, today: date | None = None) -> InstructionState | None:
        """The 督办 state of ``task`` on ``today`` (the planning day by default)."""
        if not task.is_instruction:
            return None
        day = self._ctx.today() if today is None else today
        return state_of(task, day, self.warn_until(day))

    def request_extension(self, prefix: str, day: date, reason: str) -> Task:
        """Ask to report back on ``day`` instead, for ``reason`` (one undoable action)."""

        def change(task: Task, now: datetime) -> Task:
            return task.request_extension(day, reason, now)

        return self._update("action.extend_request", prefix, change)

    def approve_extension(self, prefix: str) -> Task:
        """Move the report-back date to the one asked for; the original stays visible."""

        def change(task: Task, now: datetime) -> Task:
            if task.extension_to is None:
                raise DomainError("extension", "no extension was requested")
            return task.approve_extension(now)

        return self._update("action.extend_approve", prefix, change)

    def _update(self, label: str, prefix: str, change: Callable[[Task, datetime], Task]) -> Task:
        """Apply ``change`` to the latest state of the task, as one action."""
        return update_task(self._ctx, label, prefix, change)
