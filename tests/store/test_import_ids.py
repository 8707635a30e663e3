"""Importing one file on two machines makes the same records (issue #14): an imported task's
id comes from its ``external_ref``, a journal entry's from its date."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from data.store import FileStore
from planner.domain.ids import date_id, ref_id
from planner.domain.models import JournalEntry, Task
from planner.importing import jrnl, taskwarrior, todotxt
from planner.importing.apply import import_days, import_tasks, plan_tasks
from planner.importing.common import ImportedTask
from planner.services.ports import Change

from .conftest import START, MovableClock

TODO = "(A) call Li +office due:2026-12-01\nx 2026-11-20 2026-11-01 old report\nbuy paper\n"
TASKWARRIOR = (
    json.dumps(
        [
            {"uuid": "5f3a1c2e-0000-4000-8000-000000000001", "description": "one",
             "status": "pending", "entry": "20261101T000000Z"},
            {"uuid": "5f3a1c2e-0000-4000-8000-000000000002", "description": "two",
             "status": "completed", "entry": "20261101T000000Z", "end": "20261102T000000Z"},
        ]
    )
)  # fmt: skip
JRNL = json.dumps(
    {
        "tags": {},
        "entries": [
            {"title": "Morning.", "body": "Early.", "date": "2026-11-20", "time": "08:15",
             "tags": [], "starred": False},
            {"title": "Next.", "body": "", "date": "2026-11-21", "time": "09:00",
             "tags": [], "starred": False},
        ],
    }
)  # fmt: skip


def import_all(data_dir: Path, now: datetime) -> FileStore:
    store = FileStore(data_dir, clock=MovableClock(now))
    import_tasks(store, todotxt.parse(TODO, now), now.date())
    import_tasks(store, taskwarrior.parse(TASKWARRIOR, now), now.date())
    import_days(store, jrnl.parse(JRNL), now)
    return store


def ids_of(store: FileStore) -> set[str]:
    tasks = [*store.open_tasks(), *store.archived_tasks()]
    entries = store.journal_entries()
    return {t.id for t in tasks} | {e.id for e in entries}


def test_one_file_imported_on_two_machines_makes_the_same_ids(tmp_path: Path) -> None:
    desk = import_all(tmp_path / "desk", START)
    laptop = import_all(tmp_path / "laptop", START.replace(hour=17))  # later, elsewhere
    assert ids_of(desk) == ids_of(laptop)
    assert len(ids_of(desk)) == 3 + 2 + 2
    for task in [*desk.open_tasks(), *desk.archived_tasks()]:
        assert task.external_ref is not None
        assert task.id == ref_id(task.external_ref.partition(":")[0], task.external_ref)
    assert {e.id for e in desk.journal_entries()} == {
        date_id("journal", e.date) for e in desk.journal_entries()
    }


def test_an_import_onto_a_day_written_by_hand_keeps_the_days_id(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "data", clock=MovableClock(START))
    day = jrnl.parse(JRNL).records[0]
    store.apply([Change(None, JournalEntry.create(day.date, START, body="mine\n"))])
    import_days(store, jrnl.parse(JRNL), START)
    entry = store.get_entry(day.date)
    assert entry is not None and entry.id == date_id("journal", day.date)
    assert entry.body.startswith("mine\n") and "Early." in entry.body


def test_an_id_already_held_by_a_task_under_another_ref_is_not_reused() -> None:
    """A task imported before may hold the id of a ref it no longer has (a todo.txt line
    edited since): a new task of that ref gets the next id of a fixed sequence."""
    (incoming,) = todotxt.parse("buy paper\n", START).records
    ref = incoming.task.external_ref
    assert ref is not None
    holder = replace(incoming.task, external_ref="todotxt:0000000000000000", title="renamed")
    changes, summary = plan_tasks([incoming], [holder])
    (change,) = changes
    assert summary.imported == 1 and change.after is not None
    assert change.after.id == ref_id("todotxt", ref, {holder.id}) != holder.id
    again, _summary = plan_tasks([incoming], [holder])
    assert again[0].after is not None and again[0].after.id == change.after.id


def test_two_new_tasks_of_one_import_never_share_an_id() -> None:
    first = replace(Task.create("a", START), external_ref="todotxt:1")
    clash = replace(first, external_ref="todotxt:2", title="b")
    changes, _summary = plan_tasks([ImportedTask(1, first), ImportedTask(2, clash)], [])
    assert len({c.record.id for c in changes}) == 2
