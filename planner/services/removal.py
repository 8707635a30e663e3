"""Deleting records for good: junk such as a wrong import or a task typed twice.

A deletion is a ``Change(record, None)`` like any other write, so it is one undoable action
(the app's ``u`` brings the record back), and it leaves nothing pointing at what is gone:

- a task: the days whose main contradiction it was have none any more (a review would
  otherwise count a day kept or missed by a task that no longer exists);
- a setback analysis: its remedial measures stay, as ordinary tasks no longer linked to it
  (they may hold work in progress; delete them too if they are junk as well);
- a journal entry: nothing refers to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from planner.domain.errors import NotFoundError
from planner.domain.models import AnyRecord, JournalEntry, SetbackAnalysis, Task
from planner.services.context import Context
from planner.services.lookup import latest_task, resolve_task
from planner.services.ports import Change, TaskQuery

R = TypeVar("R", bound=AnyRecord)

FIRST_DAY = date(1, 1, 1)
LAST_DAY = date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class Removed(Generic[R]):
    """A record deleted, and what was changed so that nothing points at it."""

    record: R
    days_cleared: tuple[date, ...] = ()
    """For a task: the days whose main contradiction it was (they now have none)."""
    measures_unlinked: tuple[Task, ...] = ()
    """For a setback analysis: its remedial measures, now ordinary tasks."""


class Removal:
    """Deleting tasks, journal entries and setback analyses, each one undoable."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def task(self, prefix: str) -> Removed[Task]:
        ctx = self._ctx
        task_id = resolve_task(ctx.store, prefix)
        result: list[Removed[Task]] = []

        def build() -> list[Change]:
            current = latest_task(ctx.store, task_id)
            now = ctx.now()
            changes = [Change(current, None)]
            days = [d for d in ctx.store.days(FIRST_DAY, LAST_DAY) if d.main == task_id]
            changes.extend(Change(d, d.touched(now, main=None, carried_from=None)) for d in days)
            result.append(Removed(current, days_cleared=tuple(d.date for d in days)))
            return changes

        ctx.history.run("action.delete", build, task_id)
        return result[0]

    def entry(self, day: date) -> Removed[JournalEntry]:
        ctx = self._ctx
        result: list[Removed[JournalEntry]] = []

        def build() -> list[Change]:
            current = ctx.store.get_entry(day)
            if current is None:
                raise NotFoundError("entry", day.isoformat())
            result.append(Removed(current))
            return [Change(current, None)]

        ctx.history.run("action.delete", build)
        return result[0]

    def setback(self, setback_id: str) -> Removed[SetbackAnalysis]:
        """Delete the analysis with the full id ``setback_id`` (``Setbacks.resolve`` finds it
        from a prefix); its measures are unlinked in the same action."""
        ctx = self._ctx
        result: list[Removed[SetbackAnalysis]] = []

        def build() -> list[Change]:
            current = ctx.store.get_setback(setback_id)
            if current is None:
                raise NotFoundError("setback", setback_id)
            now = ctx.now()
            measures = _measures(ctx, setback_id)
            unlinked = tuple(task.touched(now, setback=None) for task in measures)
            changes = [Change(current, None)]
            changes.extend(Change(old, new) for old, new in zip(measures, unlinked, strict=True))
            result.append(Removed(current, measures_unlinked=unlinked))
            return changes

        ctx.history.run("action.delete", build)
        return result[0]


def _measures(ctx: Context, setback_id: str) -> list[Task]:
    """The analysis's measures in open work and the archive (the archive's copy wins),
    reading only the archived tasks that name it."""
    store = ctx.store
    found = {task.id: task for task in store.open_tasks() if task.setback == setback_id}
    for task in store.archived_tasks_matching(TaskQuery(setbacks=frozenset({setback_id}))):
        found[task.id] = task
    return sorted(found.values(), key=lambda task: (task.created, task.id))
