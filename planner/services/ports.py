"""What the services need from persistence. ``data.store.FileStore`` implements it on TinyDB.

The domain talks only to this protocol, so services are tested on an in-memory fake and the
layering (domain never imports TinyDB) holds.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from planner.domain.models import AnyRecord, Day, JournalEntry, SetbackAnalysis, Task


@dataclass(frozen=True, slots=True)
class Change:
    """One record's move from ``before`` to ``after``; ``None`` means absent.

    A list of changes is what a service writes, and what undo writes back reversed.
    """

    before: AnyRecord | None
    after: AnyRecord | None

    def __post_init__(self) -> None:
        if self.before is None and self.after is None:
            raise ValueError("a change needs a before or an after")
        if (
            self.before is not None
            and self.after is not None
            and (type(self.before) is not type(self.after) or self.before.id != self.after.id)
        ):
            raise ValueError("a change relates two versions of one record")

    @property
    def record(self) -> AnyRecord:
        record = self.after if self.after is not None else self.before
        assert record is not None
        return record

    def reversed(self) -> Change:
        return Change(before=self.after, after=self.before)


@dataclass(frozen=True, slots=True)
class Action:
    """One undoable step: what the user did (a catalog key) and the changes it wrote."""

    label: str
    changes: tuple[Change, ...]
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class LoggedAction:
    """An action as the history kept with the data holds it (``history.json``).

    ``seq`` numbers actions and undos in the order they happened; ``origin`` says who did it
    (``cli``, or one session of the app); ``undone`` is the ``seq`` of the undo that reversed
    it, or None while it is in effect (the most recently undone action is redone first).
    """

    seq: int
    at: datetime
    origin: str
    action: Action
    undone: int | None = None


class ActionLog(Protocol):
    """The history of the last actions, kept with the data so every process shares it.

    Read and written only inside the store's ``transaction()``. ``read`` raises
    ``DataError`` when the kept history is damaged (and then ``write`` is refused too, so a
    damaged file stays as it is for ``doctor``)."""

    def read(self) -> list[LoggedAction]: ...

    def write(self, actions: Sequence[LoggedAction]) -> None: ...

    def append(self, at: datetime, origin: str, action: Action, *, keep: int) -> LoggedAction:
        """Add ``action`` as the newest, numbered after every other, dropping the undone
        actions of the same ``origin`` (a new action ends their redo) and all but the last
        ``keep``. The way every write is recorded, so it need not decode the whole history:
        a file checks only what it reads (each action's number, origin and state)."""
        ...


@dataclass(frozen=True, slots=True)
class TaskQuery:
    """Which archived tasks a question needs: those meeting any one of the conditions.

    ``done``: the calendar date of ``done_at`` (in its own offset) between the two dates;
    ``report_by`` between the two dates; ``setback`` one of ``setbacks``. Both ends of a
    range are included. A store may then build only these tasks out of ten years of archive.
    """

    done: tuple[date, date] | None = None
    report_by: tuple[date, date] | None = None
    setbacks: frozenset[str] = frozenset()

    def matches(self, task: Task) -> bool:
        done, report, done_at = self.done, self.report_by, task.done_at
        return (
            (done is not None and done_at is not None and done[0] <= done_at.date() <= done[1])
            or (
                report is not None
                and task.report_by is not None
                and report[0] <= task.report_by <= report[1]
            )
            or (task.setback is not None and task.setback in self.setbacks)
        )


class Store(Protocol):
    """Durable, multi-process-safe record storage.

    Reads return immutable model values. ``apply`` writes durably: when it returns, every
    change is on disk (temp file, fsync, ``os.replace``, fsync of the folder). Writes happen
    inside ``transaction()``, which holds the data folder's lock and first reloads any file
    another process changed, so a service reads the latest state, decides, and applies.

    A store is used from one thread. To load or compute off that thread, take a ``reader()``
    there, use it (only) in the worker, and ``adopt`` it back on the store's thread.
    """

    def transaction(self) -> AbstractContextManager[None]: ...

    def refresh(self) -> bool:
        """Reload files changed by other processes; True when anything changed."""
        ...

    def apply(self, changes: Sequence[Change]) -> None: ...

    def action_log(self) -> ActionLog:
        """The history of actions kept with this store's data (undo and redo read it)."""
        ...

    def reader(self) -> Store:
        """A read-only twin for one other thread (a worker): it reads the same files into its
        own memory, so it shares nothing with this store and may load and compute while this
        store keeps serving, and writing on, its own thread. It never writes; its ``refresh``
        picks up what was written since (by this store or another process)."""
        ...

    def adopt(self, reader: Store) -> None:
        """On this store's thread: keep the files ``reader`` loaded that this store has not,
        so they need not be read again. The reader must not be used afterwards."""
        ...

    # tasks
    def open_tasks(self) -> list[Task]:
        """Open work: every task not yet moved to the archive (the board's data)."""
        ...

    def archived_tasks(self) -> Iterator[Task]:
        """Every archived task, newest year first (loads the archive on first use)."""
        ...

    def archived_tasks_matching(self, query: TaskQuery) -> list[Task]:
        """The archived tasks ``query`` matches (the archive's copy wins, as in
        ``archived_tasks``), building no others."""
        ...

    def get_task(self, task_id: str) -> Task | None:
        """A task by full id, open work first, then the archive (the archive's copy wins)."""
        ...

    def open_task_ids(self) -> Iterable[str]: ...

    def archived_task_ids(self) -> Iterable[str]: ...

    def compact(self, today: date) -> int:
        """Move closed tasks done before ``today`` (and not awaiting feedback) to the archive.

        Copies into each year's archive first, then removes them from open work; returns
        how many moved.
        """
        ...

    # days
    def get_day(self, day: date) -> Day | None: ...

    def last_day_with_main(self, before: date) -> Day | None:
        """The latest Day before ``before`` whose ``main`` is set."""
        ...

    def days(self, start: date, end: date) -> list[Day]:
        """Days from ``start`` to ``end`` inclusive, in date order."""
        ...

    # journal
    def get_entry(self, day: date) -> JournalEntry | None: ...

    def journal_years(self) -> list[int]:
        """The years that hold journal entries, oldest first (without reading them)."""
        ...

    def journal_entries(
        self, start: date | None = None, end: date | None = None
    ) -> list[JournalEntry]:
        """Entries from ``start`` to ``end`` (both included; None: unbounded), by date; only
        the years in that range are read."""
        ...

    def journal_version(self) -> Hashable:
        """A value equal to an earlier one exactly while ``journal_entries`` would return
        the same entries (cheap: a screen asks it before gathering every entry again)."""
        ...

    def journal_written_runs(self, end: date) -> list[tuple[date, date]]:
        """The runs of consecutive days up to ``end`` whose entry has non-blank text, oldest
        first, as (first, last) day: the streaks of the whole journal without its entries
        (a file store keeps them per year, derived from each version of the file)."""
        ...

    # setbacks
    def get_setback(self, setback_id: str) -> SetbackAnalysis | None: ...

    def setbacks(self, start: date | None = None, end: date | None = None) -> list[SetbackAnalysis]:
        """Analyses dated from ``start`` to ``end`` (both included; None: unbounded), by date;
        only the years in that range are read."""
        ...
