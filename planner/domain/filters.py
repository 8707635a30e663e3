"""The filter language (DESIGN section 4): quick-add tokens as conditions, ``status:``, words.

Every condition must hold (AND). Names and words compare case- and width-insensitively
(``fold``); a free word matches as a substring of the title or the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from planner.domain.errors import ParseError
from planner.domain.estimates import Estimate
from planner.domain.models import STATUSES, Task
from planner.domain.quickadd import TERMINATORS, Token, read_tokens, tokenize
from planner.domain.weekdays import fold

if TYPE_CHECKING:
    from planner.domain.workdays import WorkCalendar

FILTER_KEYS = frozenset({"status"})
_WORD_SPLIT = re.compile(r"[\s" + "".join(sorted(TERMINATORS)) + r"]+")


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """A parsed filter. Names and words are stored folded.

    ``due`` is a date (matches the task's due date, with or without a time) or a
    datetime from ``due:fri@14:00`` (matches only that exact moment).
    """

    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    due: date | datetime | None = None
    scheduled: date | None = None
    report_by: date | None = None
    source: str | None = None
    recur: str | None = None
    priority: str | None = None
    estimate: Estimate | None = None
    """``est:2h`` finds tasks estimated at 2 h (a range's upper end); ``est:1-2h`` only
    those given that very range."""
    main: bool = False
    central: bool = False
    confidential: bool = False
    statuses: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == TaskFilter()

    def matches(self, task: Task, *, main_id: str | None = None) -> bool:
        """Whether ``task`` meets every condition; ``main_id`` is the day's main contradiction."""
        names = {fold(tag) for tag in task.tags}
        if any(tag not in names for tag in self.tags):
            return False
        source = fold(task.source) if task.source is not None else None
        people = {fold(person) for person in task.people}
        if any(person not in people and person != source for person in self.people):
            return False
        if not self._dates_match(task):
            return False
        if self.source is not None and source != self.source:
            return False
        if self.recur is not None and task.recur != self.recur:
            return False
        if self.priority is not None and task.priority != self.priority:
            return False
        if self.estimate is not None and not _same_estimate(self.estimate, task):
            return False
        if self.main and (main_id is None or task.id != main_id):
            return False
        if self.central and not task.central:
            return False
        if self.confidential and not task.confidential:
            return False
        if self.statuses and task.status not in self.statuses:
            return False
        if self.words:
            title, notes = fold(task.title), fold(task.notes)
            return all(word in title or word in notes for word in self.words)
        return True

    def _dates_match(self, task: Task) -> bool:
        if isinstance(self.due, datetime):
            if not isinstance(task.due, datetime) or task.due != self.due:
                return False
        elif self.due is not None and task.due_date != self.due:
            return False
        if self.scheduled is not None and task.scheduled != self.scheduled:
            return False
        return self.report_by is None or task.report_by == self.report_by


def _same_estimate(wanted: Estimate, task: Task) -> bool:
    if task.estimate != wanted.minutes:
        return False
    return wanted.low is None or task.estimate_low == wanted.low


def _statuses(token: Token) -> frozenset[str]:
    wanted = [fold(part) for part in token.value.split(",")]
    if not all(part in STATUSES for part in wanted):
        raise ParseError(
            token.raw,
            token.start,
            "status is inbox, open, waiting, done or dropped",
            "bad_status",
        )
    return frozenset(wanted)


def parse_filter(
    text: str, today: date, tz: tzinfo, *, workdays: WorkCalendar | None = None
) -> TaskFilter:
    """Read a filter; raises ``ParseError`` (with ``reason_key``) naming the bad part.

    Free text is split into words at white space and at ``，。；、（）``, as names are; a
    name with such characters in it is written in quotes, ``@"Director Zhang"``, as in
    quick add (the People view writes such a name this way when it filters the board).
    """
    tokens, free = tokenize(text, extra_keys=FILTER_KEYS)
    values = read_tokens(tokens, today, tz, workdays=workdays)
    statuses: frozenset[str] = frozenset()
    for token in values.extra:
        if token.key == "status":
            statuses = _statuses(token)
    return TaskFilter(
        tags=tuple(fold(tag) for tag in values.tags),
        people=tuple(fold(person) for person in values.people),
        due=values.due,
        scheduled=values.scheduled,
        report_by=values.report_by,
        source=fold(values.source) if values.source is not None else None,
        recur=values.recur,
        priority=values.priority,
        estimate=values.estimate,
        main=values.main,
        central=values.central,
        confidential=values.confidential,
        statuses=statuses,
        words=tuple(fold(word) for word in _WORD_SPLIT.split(free) if word),
    )


def person_filter(name: str) -> str:
    """The filter text that finds ``name``'s work: ``@name``, quoted when it must be."""
    plain = bool(name) and name[0].isalnum() and all(ch.isalnum() or ch in "_-." for ch in name)
    return f"@{name}" if plain else f'@"{name}"'
