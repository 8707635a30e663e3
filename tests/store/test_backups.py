"""Daily snapshots (copies), 14 kept, explicit snapshots, and restore."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from data import backups
from data.store import FileStore
from planner.domain.errors import NotFoundError
from planner.domain.models import JournalEntry, Task
from planner.services.ports import Change


def put(store: FileStore, *records: Any) -> None:
    store.apply([Change(None, record) for record in records])


def test_the_first_write_of_a_day_copies_the_files_first(
    store: FileStore, clock: Any, data_dir: Path
) -> None:
    put(store, Task.create("yesterday", clock()))
    open_work = data_dir / "tasks" / "open.json"
    bytes_before = open_work.read_bytes()

    clock.advance(days=1)
    put(store, Task.create("today", clock()))
    snap = data_dir / "backups" / clock().date().isoformat()
    copied = snap / "tasks" / "open.json"
    assert copied.read_bytes() == bytes_before
    assert copied.stat().st_ino != open_work.stat().st_ino
    assert stat.S_IMODE(copied.stat().st_mode) == 0o600
    assert stat.S_IMODE(snap.stat().st_mode) == 0o700

    put(store, Task.create("later today", clock()))
    assert copied.read_bytes() == bytes_before
    assert backups.list_snapshots(data_dir) == [
        clock().date() - timedelta(days=1),
        clock().date(),
    ]


def test_another_process_does_not_snapshot_the_same_day_twice(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    put(store, Task.create("a", clock()))
    put(open_store(), Task.create("b", clock()))
    assert backups.list_snapshots(data_dir) == [clock().date()]
    assert sorted(os.listdir(data_dir / "backups")) == [".blobs", clock().date().isoformat()]


def test_fourteen_days_are_kept(store: FileStore, clock: Any, data_dir: Path) -> None:
    for _ in range(20):
        put(store, Task.create("daily", clock()))
        clock.advance(days=1)
    days = backups.list_snapshots(data_dir)
    assert len(days) == 14
    assert days[-1] == clock().date() - timedelta(days=1)
    hidden = [name for name in os.listdir(data_dir / "backups") if name.startswith(".")]
    assert hidden == [".blobs"]
    # Each pruned snapshot's blobs went with it: every blob left is some snapshot's file.
    blobs = list((data_dir / "backups" / ".blobs").iterdir())
    assert blobs and all(blob.stat().st_nlink >= 2 for blob in blobs)
    snapshot_files = (data_dir / "backups").glob("2*/**/[!.]*.json")
    linked = {path.stat().st_ino for path in snapshot_files}
    assert {blob.stat().st_ino for blob in blobs} == linked


def test_an_explicit_snapshot_and_a_copy_elsewhere(
    store: FileStore, clock: Any, data_dir: Path, tmp_path: Path
) -> None:
    put(store, Task.create("a", clock()))
    made = backups.snapshot(data_dir, clock().date())
    assert made.name == f"{clock().date().isoformat()}-2"
    live = data_dir / "tasks" / "open.json"
    assert (made / "tasks" / "open.json").read_bytes() == live.read_bytes()
    assert (made / "tasks" / "open.json").stat().st_ino != live.stat().st_ino

    dest = tmp_path / "usb" / "planner"
    copied = backups.snapshot(data_dir, clock().date(), dest=dest)
    assert copied == dest
    copy = dest / "tasks" / "open.json"
    assert copy.read_bytes() == (data_dir / "tasks" / "open.json").read_bytes()
    assert copy.stat().st_ino != (data_dir / "tasks" / "open.json").stat().st_ino
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        backups.snapshot(data_dir, clock().date(), dest=dest)


def test_restore_brings_a_day_back_after_snapshotting_the_present(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    first = Task.create("first", clock())
    put(store, first)
    monday = clock().date()
    clock.advance(days=1)
    second = Task.create("second", clock())
    put(store, second, JournalEntry.create(clock().date(), clock(), body="written tuesday"))
    tuesday = clock().date()

    before = backups.restore(data_dir, tuesday, clock=clock)
    assert before.name.startswith(f"{tuesday.isoformat()}-before-restore-")
    assert not (data_dir / "journal" / f"{tuesday.year}.json").exists()
    fresh = open_store()
    assert fresh.open_tasks() == [first]
    assert fresh.get_entry(tuesday) is None

    assert store.refresh()
    assert store.open_tasks() == [first]
    assert store.get_entry(tuesday) is None

    restored_present = {path.relative_to(before).as_posix() for path in before.rglob("*.json")}
    assert "journal/2026.json" in restored_present
    assert backups.list_snapshots(data_dir) == [monday, tuesday]
    with pytest.raises(NotFoundError):
        backups.restore(data_dir, date(2020, 1, 1), clock=clock)
