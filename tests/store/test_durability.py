"""Refused and failed writes leave the file and memory as they were; later writes still work."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from datetime import date, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import data.tinydb.storage as storage_module
from data.files.atomic import ensure_private_dir, remove_stale_temps, write_atomic
from data.files.layout import JOURNAL, OPEN_TASKS
from data.store import FileStore
from data.tinydb.schema import CURRENT_SCHEMA
from data.tinydb.storage import DurableStorage
from planner.domain.errors import DataError
from planner.domain.models import JournalEntry, Task
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))


def put(store: FileStore, record: Any) -> None:
    store.apply([Change(None, record)])


def temps(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


def test_a_value_json_cannot_hold_is_refused_before_the_disk(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    kept = Task.create("kept", clock())
    put(store, kept)
    path = data_dir / "tasks" / "open.json"
    before = path.read_bytes()

    storage = store._open.storage
    table = store._open._db().table("tasks")
    with pytest.raises(TypeError):
        table.insert({"id": "xxxxxxxxxxxx", "tags": {"a", "set"}})
    assert path.read_bytes() == before
    assert storage.read() == DurableStorage(path, OPEN_TASKS).read()

    bad = Task.create("bad", clock())
    original = Task.to_dict

    def broken(self: Task) -> dict[str, Any]:
        data = original(self)
        data["people"] = {"not", "a", "list"}
        return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Task, "to_dict", broken)
        with pytest.raises(TypeError):
            put(store, bad)
    assert path.read_bytes() == before
    assert store.open_tasks() == [kept]
    assert store.get_task(bad.id) is None

    later = Task.create("later", clock() + timedelta(seconds=1))
    put(store, later)
    assert open_store().open_tasks() == [kept, later]
    assert temps(path.parent) == []


def test_a_failed_disk_write_keeps_the_old_file_and_memory(
    store: FileStore,
    open_store: Callable[[], FileStore],
    clock: Any,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = Task.create("kept", clock())
    put(store, kept)
    path = data_dir / "tasks" / "open.json"
    before = path.read_bytes()

    def full(src: Any, dst: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    lost = Task.create("lost", clock())
    with pytest.raises(DataError) as caught:
        put(store, lost)
    assert isinstance(caught.value.__cause__, OSError)
    assert caught.value.path == str(path)
    assert "No space left" in caught.value.problem
    assert path.read_bytes() == before
    assert temps(path.parent) == []
    assert store.open_tasks() == [kept]
    assert store.get_task(lost.id) is None

    monkeypatch.undo()
    later = Task.create("later", clock() + timedelta(seconds=1))
    put(store, later)
    assert open_store().open_tasks() == [kept, later]


def test_failed_fsync_of_the_temp_file_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    target.write_text("old", encoding="utf-8")

    def failing(fd: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert temps(tmp_path) == []


def test_storage_reads_a_missing_file_as_empty_and_parses_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal" / "2026.json"
    storage = DurableStorage(path, JOURNAL)
    assert storage.read() == {"_meta": {"1": {"kind": "journal", "schema": CURRENT_SCHEMA}}}
    assert not storage.exists and not path.exists()
    storage.write(storage.read())
    assert path.exists() and storage.exists
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    calls = 0
    original = storage_module.json.loads

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(storage_module.json, "loads", counting)
    for _ in range(20):
        storage.read()
    assert calls == 0


def test_store_notices_another_writer_by_signature(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    other = open_store()
    assert not store.refresh()
    task = Task.create("from elsewhere", clock())
    put(other, task)
    assert store._open.changed_on_disk()
    assert store.refresh()
    assert store.open_tasks() == [task]
    assert not store.refresh()


def test_a_same_size_rewrite_within_one_clock_tick_is_still_seen(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    """A signature can repeat (coarse mtime, reused inode, same size): content decides."""
    task = Task.create("aaaa", clock())
    put(store, task)
    path = data_dir / "tasks" / "open.json"
    st = path.stat()
    text = path.read_bytes().replace(b'"aaaa"', b'"bbbb"')
    with open(path, "r+b") as handle:
        handle.write(text)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert store._open.changed_on_disk()
    assert store.refresh()
    found = store.get_task(task.id)
    assert found is not None and found.title == "bbbb"


def test_permissions_are_private(store: FileStore, clock: Any, data_dir: Path) -> None:
    put(store, Task.create("secret", clock()))
    put(store, JournalEntry.create(date(2026, 11, 23), clock(), body="私密"))
    store.compact(date(2026, 11, 24))
    for current, folders, files in os.walk(data_dir):
        assert stat.S_IMODE(os.stat(current).st_mode) == 0o700, current
        for name in files:
            mode = stat.S_IMODE(os.stat(Path(current) / name).st_mode)
            assert mode == 0o600, (current, name)
        assert folders is not None


def test_private_dir_fixes_a_loose_folder(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    os.chmod(loose, 0o755)
    ensure_private_dir(loose / "a" / "b")
    for folder in (loose / "a", loose / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    ensure_private_dir(loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


def test_stale_temp_files_are_removed_when_a_store_opens(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    put(store, Task.create("x", clock()))
    tasks = data_dir / "tasks"
    stale = tasks / ".open.json.12345.deadbeef.tmp"
    stale.write_text("{half", encoding="utf-8")
    other = tasks / "notes.tmp"
    other.write_text("not ours", encoding="utf-8")
    half_snapshot = data_dir / "backups" / ".tmp-2026-11-23-999"
    half_snapshot.mkdir(parents=True)
    open_store()
    assert not stale.exists()
    assert other.exists()
    assert not half_snapshot.exists()
    assert remove_stale_temps(data_dir / "missing") == []


def test_refresh_sees_a_year_file_another_process_created(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    put(store, JournalEntry.create(date(2026, 1, 1), clock(), body="this year"))
    assert [e.body for e in store.journal_entries()] == ["this year"]
    assert not store.refresh()
    put(open_store(), JournalEntry.create(date(2027, 1, 1), clock(), body="next year"))
    assert store.refresh()
    assert [e.body for e in store.journal_entries()] == ["this year", "next year"]
    assert not store.refresh()


def test_a_transaction_is_reentrant_and_reloads_once(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    other = open_store()
    theirs = Task.create("theirs", clock())
    put(other, theirs)
    with store.transaction():
        assert store.get_task(theirs.id) == theirs
        with store.transaction():
            mine = Task.create("mine", clock())
            put(store, mine)
    assert {t.id for t in open_store().open_tasks()} == {theirs.id, mine.id}
