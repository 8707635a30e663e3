"""An in-memory ``Store``: the services' tests and the benchmarks' baseline run on it.

It keeps the same contract as the file store (values in, values out; the archive's copy of
a task wins) without durability, so domain tests need no files and no TinyDB.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime

from planner.domain.models import AnyRecord, Day, JournalEntry, SetbackAnalysis, Task
from planner.services.ports import Action, ActionLog, Change, LoggedAction, TaskQuery


class MemoryActionLog:
    """The undo history in memory (``ActionLog``)."""

    def __init__(self) -> None:
        self.actions: list[LoggedAction] = []

    def read(self) -> list[LoggedAction]:
        return list(self.actions)

    def write(self, actions: Sequence[LoggedAction]) -> None:
        self.actions = list(actions)

    def append(self, at: datetime, origin: str, action: Action, *, keep: int) -> LoggedAction:
        kept = [a for a in self.actions if a.undone is None or a.origin != origin]
        seq = 1 + max((max(a.seq, a.undone or 0) for a in self.actions), default=0)
        logged = LoggedAction(seq, at, origin, action)
        self.actions = [*kept, logged][-keep:]
        return logged


class MemoryStore:
    def __init__(self) -> None:
        self.tasks: dict[str, Task] = {}
        self.archive: dict[str, Task] = {}
        self.day_records: dict[date, Day] = {}
        self.entries: dict[date, JournalEntry] = {}
        self.analyses: dict[str, SetbackAnalysis] = {}
        self.writes = 0
        self.history = MemoryActionLog()

    def action_log(self) -> ActionLog:
        return self.history

    def transaction(self) -> AbstractContextManager[None]:
        return nullcontext()

    def refresh(self) -> bool:
        return False

    def apply(self, changes: Sequence[Change]) -> None:
        for change in changes:
            if change.before is not None:
                self._remove(change.before)
            if change.after is not None:
                self._put(change.after)
        self.writes += 1

    def _put(self, record: AnyRecord) -> None:
        if isinstance(record, Task):
            self.archive.pop(record.id, None)
            self.tasks[record.id] = record
        elif isinstance(record, Day):
            self.day_records[record.date] = record
        elif isinstance(record, JournalEntry):
            self.entries[record.date] = record
        else:
            self.analyses[record.id] = record

    def _remove(self, record: AnyRecord) -> None:
        if isinstance(record, Task):
            self.tasks.pop(record.id, None)
            self.archive.pop(record.id, None)
        elif isinstance(record, Day):
            self.day_records.pop(record.date, None)
        elif isinstance(record, JournalEntry):
            self.entries.pop(record.date, None)
        else:
            self.analyses.pop(record.id, None)

    def reader(self) -> MemoryStore:
        """A copy of the records: a worker may read it while this store changes."""
        twin = MemoryStore()
        twin.tasks = dict(self.tasks)
        twin.archive = dict(self.archive)
        twin.day_records = dict(self.day_records)
        twin.entries = dict(self.entries)
        twin.analyses = dict(self.analyses)
        return twin

    def adopt(self, reader: object) -> None:
        """Nothing to keep: every record is already in memory."""

    def open_tasks(self) -> list[Task]:
        return [task for tid, task in self.tasks.items() if tid not in self.archive]

    def archived_tasks(self) -> Iterator[Task]:
        return iter(list(self.archive.values()))

    def archived_tasks_matching(self, query: TaskQuery) -> list[Task]:
        return [task for task in self.archive.values() if query.matches(task)]

    def get_task(self, task_id: str) -> Task | None:
        return self.archive.get(task_id) or self.tasks.get(task_id)

    def open_task_ids(self) -> Iterable[str]:
        return [tid for tid in self.tasks if tid not in self.archive]

    def archived_task_ids(self) -> Iterable[str]:
        return list(self.archive)

    def compact(self, today: date) -> int:
        moving = [
            task
            for task in self.tasks.values()
            if task.done_at is not None
            and task.done_at.date() < today
            and not task.awaiting_feedback
        ]
        for task in moving:
            self.archive[task.id] = task
            del self.tasks[task.id]
        return len(moving)

    def get_day(self, day: date) -> Day | None:
        return self.day_records.get(day)

    def last_day_with_main(self, before: date) -> Day | None:
        candidates = [d for d in self.day_records.values() if d.date < before and d.main]
        return max(candidates, key=lambda d: d.date) if candidates else None

    def days(self, start: date, end: date) -> list[Day]:
        return sorted(
            (d for d in self.day_records.values() if start <= d.date <= end), key=lambda d: d.date
        )

    def get_entry(self, day: date) -> JournalEntry | None:
        return self.entries.get(day)

    def journal_years(self) -> list[int]:
        return sorted({day.year for day in self.entries})

    def journal_entries(
        self, start: date | None = None, end: date | None = None
    ) -> list[JournalEntry]:
        return sorted(
            (
                e
                for e in self.entries.values()
                if (start is None or e.date >= start) and (end is None or e.date <= end)
            ),
            key=lambda e: e.date,
        )

    def get_setback(self, setback_id: str) -> SetbackAnalysis | None:
        return self.analyses.get(setback_id)

    def journal_version(self) -> Hashable:
        return (self.writes, tuple(map(id, self.entries.values())))

    def journal_written_runs(self, end: date) -> list[tuple[date, date]]:
        from data.summaries import written_runs

        return written_runs(
            e.date for e in self.entries.values() if e.date <= end and e.body.strip()
        )

    def setbacks(self, start: date | None = None, end: date | None = None) -> list[SetbackAnalysis]:
        return [
            a
            for a in self.analyses.values()
            if (start is None or a.date >= start) and (end is None or a.date <= end)
        ]
