"""What to remind of (issue 16): ``planner remind`` and the open app's notifications.

A reminder is one of:

- ``due``: an open task whose due time falls within the window (``now`` to
  ``now + within``, both included); and, once on its planning day, an open task due that day
  without a time (``at`` is then the date);
- ``report``: an instruction (督办) whose report-back date is within the warning days
  (state ``due_soon``), once per planning day while it is;
- ``overdue``: an open task whose due time has passed (a date without a time: its
  planning day has ended) or an instruction whose report-back date in force has passed
  (state ``overdue``), once per planning day while it is.

"Once" is kept by the caller in a small state: each reminder has a ``key`` naming the
task, the kind, the moment and (for the daily ones) the planning day it was said on, and a
reminder whose key was said before is not said again. So a cron job every five minutes
tells a timed task once, tells an overdue one on the first run of each day, and never
repeats a line in between. Closed tasks (done, dropped) are never reminded of.

``today`` is the planning day (``planner.domain.clock.planning_date``): with the day
starting at 04:00, a task due Monday (no time) is not overdue at 01:00 on Tuesday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from planner.domain.errors import ParseError
from planner.domain.estimates import parse_estimate
from planner.domain.instructions import state_of
from planner.domain.models import CLOSED_STATUSES, Task
from planner.domain.weekdays import fold

ReminderKind = Literal["due", "report", "overdue"]
REMINDER_KINDS: tuple[ReminderKind, ...] = ("due", "report", "overdue")
DEFAULT_WITHIN_MINUTES = 15
WITHIN_LIMIT_MINUTES = 7 * 24 * 60
"""The widest window ``--within`` takes: a week."""
_SAID_FIRST: tuple[ReminderKind, ...] = ("overdue", "due", "report")
"""The order reminders are said in (then by moment): what has passed first."""
BAD_WITHIN = "not a number of minutes; use 15, 90m, 1.5h or 2小时 (0 to a week)"


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to say about one task. ``at`` is a due time (aware), or a date: an
    all-day due date, a report-back date, or an all-day date that has passed."""

    task_id: str
    title: str
    kind: ReminderKind
    at: datetime | date
    confidential: bool
    day: date
    """The planning day it is said on: daily reminders are keyed by it."""
    of_report: bool = False
    """Whether ``at`` is the report-back date (a ``report``, or an instruction overdue for
    it) rather than the due value."""

    @property
    def timed(self) -> bool:
        return isinstance(self.at, datetime)

    @property
    def key(self) -> str:
        """What makes it the same reminder on another run: a timed ``due`` once ever; an
        all-day ``due`` (its date is the day), a ``report`` and an ``overdue`` once a day."""
        moment = self.at.isoformat()
        if self.kind == "due":
            return f"due|{self.task_id}|{moment}"
        kind = f"{self.kind}-report" if self.of_report and self.kind == "overdue" else self.kind
        return f"{kind}|{self.task_id}|{moment}|{self.day.isoformat()}"


def parse_within(text: str) -> int:
    """``--within``'s minutes: a whole number (``15``), or a duration as estimates are
    written (``90m``, ``1.5h``, ``1h30m``, ``2小时``); 0 (only what is overdue or due
    today) to a week. ``ParseError`` otherwise."""
    folded = fold(text).strip()
    if folded.isascii() and folded.isdigit():
        minutes = int(folded)
    else:
        try:
            estimate = parse_estimate(text)
        except ParseError:
            raise ParseError(text, 0, BAD_WITHIN, "bad_within") from None
        if estimate.low is not None:
            raise ParseError(text, 0, BAD_WITHIN, "bad_within")
        minutes = estimate.minutes
    if not 0 <= minutes <= WITHIN_LIMIT_MINUTES:
        raise ParseError(text, 0, BAD_WITHIN, "bad_within")
    return minutes


def reminders_of(
    tasks: Iterable[Task],
    *,
    now: datetime,
    today: date,
    within: timedelta,
    warn_until: date,
) -> list[Reminder]:
    """Every reminder of ``tasks`` at ``now`` (``today`` its planning day; ``warn_until``
    from ``instructions.warning_end``): what is overdue first, then by moment. Whether
    each was said before is the caller's (``unsaid``)."""
    horizon = now + within
    found: list[tuple[Task, ReminderKind, datetime | date, bool]] = []
    for task in tasks:
        due, report_by = task.due, task.report_by
        if (due is None and report_by is None) or task.status in CLOSED_STATUSES:
            continue  # most open work: nothing to remind of, nothing more to look at
        if isinstance(due, datetime):
            if due < now:
                found.append((task, "overdue", due, False))
            elif due <= horizon:
                found.append((task, "due", due, False))
        elif due is not None:
            if due < today:
                found.append((task, "overdue", due, False))
            elif due == today:
                found.append((task, "due", due, False))
        if report_by is not None:
            state = state_of(task, today, warn_until)
            if state == "overdue":
                found.append((task, "overdue", report_by, True))
            elif state == "due_soon":
                found.append((task, "report", report_by, True))
    reminders = [
        Reminder(task.id, task.title, kind, at, task.confidential, today, report)
        for task, kind, at, report in found
    ]
    reminders.sort(key=lambda r: (_SAID_FIRST.index(r.kind), _sort_moment(r.at, now), r.task_id))
    return reminders


def _sort_moment(at: datetime | date, now: datetime) -> datetime:
    if isinstance(at, datetime):
        return at
    return datetime.combine(at, datetime.min.time(), tzinfo=now.tzinfo)


def unsaid(found: Iterable[Reminder], said: Iterable[str]) -> list[Reminder]:
    """The reminders whose key is not among ``said``."""
    known = frozenset(said)
    return [reminder for reminder in found if reminder.key not in known]


Moment = tuple[str, datetime | date]
"""A task's due value (``"due"``) or report-back date (``"report"``), without the task:
what ``counts`` needs when the data is locked."""


def moments_of(tasks: Iterable[Task], until: date) -> list[Moment]:
    """The due values and report-back dates of open ``tasks`` up to ``until`` (the past
    included: they are overdue), as ``counts`` reads them later without the tasks."""
    found: list[Moment] = []
    for task in tasks:
        if task.status in CLOSED_STATUSES:
            continue
        if task.due is not None and task.due_date is not None and task.due_date <= until:
            found.append(("due", task.due))
        if (
            task.is_instruction
            and not task.feedback
            and task.extension_to is None
            and task.report_by is not None
            and task.report_by <= until
        ):
            found.append(("report", task.report_by))
    return found


def counts(
    moments: Iterable[Moment], *, now: datetime, today: date, within: timedelta, warn_until: date
) -> dict[ReminderKind, int]:
    """How many reminders of each kind ``moments`` hold at ``now``, by the rules of
    ``reminders_of`` (without the once-only state: a locked run cannot read it)."""
    found: dict[ReminderKind, int] = dict.fromkeys(REMINDER_KINDS, 0)
    horizon = now + within
    for what, at in moments:
        kind: ReminderKind | None
        if what == "report" and not isinstance(at, datetime):
            kind = "overdue" if at < today else "report" if at <= warn_until else None
        elif isinstance(at, datetime):
            kind = "overdue" if at < now else "due" if at <= horizon else None
        else:
            kind = "overdue" if at < today else "due" if at == today else None
        if kind is not None:
            found[kind] += 1
    return found
