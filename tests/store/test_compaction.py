"""Compaction moves closed work to its year's archive; a kill midway loses and doubles nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from data.files.layout import ARCHIVE, Layout
from data.store import FileStore
from data.tinydb.recordfile import RecordFile
from planner.domain.models import Task
from planner.services.ports import Change


def put(store: FileStore, *records: Any) -> None:
    store.apply([Change(None, record) for record in records])


def done_on(title: str, moment: datetime, **fields: Any) -> Task:
    return Task.create(title, moment - timedelta(days=3), **fields).complete(moment)


def archive_ids(data_dir: Path, year: int) -> set[str]:
    return set(RecordFile(Layout(data_dir).year_file(ARCHIVE, year), ARCHIVE).records())


def test_compaction_moves_only_what_is_closed_before_today(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    now = clock()
    yesterday = done_on("done yesterday", now - timedelta(days=1))
    last_year = done_on("done last year", datetime(2025, 12, 31, 18, 0, tzinfo=now.tzinfo))
    dropped = Task.create("dropped", now - timedelta(days=2)).drop(now - timedelta(days=1))
    today = done_on("done today", now)
    awaiting = done_on(
        "instruction", now - timedelta(days=1), source="王主任", report_by=now.date()
    )
    active = Task.create("still open", now)
    put(store, yesterday, last_year, dropped, today, awaiting, active)

    assert store.compact(now.date()) == 3
    for reader in (store, open_store()):
        assert {t.title for t in reader.open_tasks()} == {"done today", "instruction", "still open"}
        assert {t.title for t in reader.archived_tasks()} == {
            "done yesterday",
            "done last year",
            "dropped",
        }
        assert [t.title for t in reader.archived_tasks()][-1] == "done last year"
        assert reader.get_task(yesterday.id) == yesterday
    assert archive_ids(data_dir, 2026) == {yesterday.id, dropped.id}
    assert archive_ids(data_dir, 2025) == {last_year.id}
    assert store.compact(now.date()) == 0


def test_work_after_midnight_belongs_to_the_evening_before(store: FileStore, clock: Any) -> None:
    late = done_on("late", datetime.combine(clock().date(), time(1, 30), clock().tzinfo))
    put(store, late)
    assert store.compact(clock().date()) == 1


def test_a_kill_between_copy_and_remove_shows_the_task_once(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    now = clock()
    task = done_on("copied only", now - timedelta(days=1))
    put(store, task)
    # the copy step of compaction, then a kill before the removal from open work
    RecordFile(Layout(data_dir).year_file(ARCHIVE, 2026), ARCHIVE).write([task])

    fresh = open_store()
    assert fresh.open_tasks() == []
    assert list(fresh.open_task_ids()) == []
    assert [t.id for t in fresh.archived_tasks()] == [task.id]
    assert fresh.get_task(task.id) == task
    assert task.id in (store._open.records())
    assert store.refresh()
    assert store.open_tasks() == []

    assert fresh.compact(now.date()) == 0
    assert task.id not in fresh._open.records()
    assert task.id not in open_store()._open.records()
    assert archive_ids(data_dir, 2026) == {task.id}


def test_the_archive_copy_wins_until_open_work_is_cleaned(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    now = clock()
    task = done_on("archived", now - timedelta(days=1))
    put(store, task)
    store.compact(now.date())
    # a different version in open work, as a kill mid-way would leave
    store._open.write([task.touched(now, title="stale copy")])
    fresh = open_store()
    found = fresh.get_task(task.id)
    assert found is not None and found.title == "archived"
    assert fresh.open_tasks() == []


def test_changing_an_archived_task_brings_it_back_to_open_work(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    now = clock()
    task = done_on("reopen me", now - timedelta(days=1))
    put(store, task)
    store.compact(now.date())
    reopened = task.reopen(now)
    store.apply([Change(task, reopened)])
    for reader in (store, open_store()):
        assert reader.open_tasks() == [reopened]
        assert list(reader.archived_task_ids()) == []
        assert reader.get_task(task.id) == reopened
    assert archive_ids(data_dir, 2026) == set()

    store.apply([Change(reopened, None)])
    assert open_store().get_task(task.id) is None


def test_a_kill_between_open_write_and_archive_removal_keeps_the_archive_copy(
    store: FileStore,
    open_store: Callable[[], FileStore],
    clock: Any,
    data_dir: Path,
    monkeypatch: Any,
) -> None:
    now = clock()
    task = done_on("half reopened", now - timedelta(days=1))
    put(store, task)
    store.compact(now.date())

    archive_path = Layout(data_dir).year_file(ARCHIVE, 2026)
    original = RecordFile.write

    def killed(self: RecordFile, *args: Any, **kwargs: Any) -> bool:
        if self.path == archive_path:
            raise KeyboardInterrupt("killed")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RecordFile, "write", killed)
    reopened = task.reopen(now)
    with contextlib.suppress(KeyboardInterrupt):
        store.apply([Change(task, reopened)])
    monkeypatch.undo()

    fresh = open_store()
    assert fresh.open_tasks() == []
    assert fresh.get_task(task.id) == task
    assert list(fresh.archived_task_ids()) == [task.id]

    assert fresh.compact(now.date()) == 0
    assert task.id not in open_store()._open.records()
    assert open_store()._open.extra_table("_leaving_archive") == []

    again = open_store()
    again.apply([Change(task, reopened)])
    assert open_store().open_tasks() == [reopened]
    assert archive_ids(data_dir, 2026) == set()
    later = open_store()
    later.apply([Change(None, Task.create("unrelated", now))])
    assert open_store()._open.extra_table("_leaving_archive") == []


def test_archive_is_read_only_when_needed(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    now = clock()
    old = done_on("old", datetime(2024, 5, 1, 9, 0, tzinfo=now.tzinfo))
    put(store, old, Task.create("open", now))
    store.compact(now.date())
    fresh = open_store()
    assert [t.title for t in fresh.open_tasks()] == ["open"]
    loaded = {p.relative_to(fresh.root).as_posix() for p in fresh._files}
    assert loaded == {"meta.json", "tasks/open.json"}
    assert fresh.get_task(old.id) == old
    assert "tasks/archive/2024.json" in {p.relative_to(fresh.root).as_posix() for p in fresh._files}
    assert fresh.compact(date(2030, 1, 1)) == 0
