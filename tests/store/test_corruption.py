"""A damaged file is refused, named, never written over; doctor finds it and repairs it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from data import doctor
from data.store import FileStore
from data.tinydb.schema import CURRENT_SCHEMA
from planner.domain.errors import DataError
from planner.domain.models import Day, JournalEntry, Task
from planner.services.ports import Change


def put(store: FileStore, *records: Any) -> None:
    store.apply([Change(None, record) for record in records])


def garbage(raw: bytes) -> bytes:
    return b"\x00\xff garbage \x13" * 10


def truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def top_level_array(raw: bytes) -> bytes:
    return b"[]"


def table_not_an_object(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["tasks"] = ["not", "an", "object"]
    return json.dumps(data).encode()


def record_refused_by_the_model(raw: bytes) -> bytes:
    data = json.loads(raw)
    next(iter(data["tasks"].values()))["status"] = "maybe"
    return json.dumps(data).encode()


def no_meta(raw: bytes) -> bytes:
    data = json.loads(raw)
    del data["_meta"]
    return json.dumps(data).encode()


DAMAGE = [
    garbage,
    truncated,
    top_level_array,
    table_not_an_object,
    record_refused_by_the_model,
    no_meta,
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_open_work_file_is_refused_and_left_alone(
    damage: Callable[[bytes], bytes],
    store: FileStore,
    open_store: Callable[[], FileStore],
    clock: Any,
    data_dir: Path,
) -> None:
    put(store, Task.create("one", clock()))
    path = data_dir / "tasks" / "open.json"
    broken = damage(path.read_bytes())
    path.write_bytes(broken)

    with pytest.raises(DataError) as caught:
        open_store()
    assert caught.value.path == str(path)
    assert "planner doctor" in caught.value.advice
    assert path.read_bytes() == broken

    with pytest.raises(DataError):
        put(store, Task.create("two", clock()))
    assert path.read_bytes() == broken
    with pytest.raises(DataError):
        store.refresh()
    assert path.read_bytes() == broken

    reports = {report.path: report for report in doctor.check(data_dir)}
    assert not reports[path].ok
    assert "not valid planner data" in (reports[path].problem or "")
    assert all(report.ok for other, report in reports.items() if other != path)


def test_a_damaged_year_file_fails_when_it_is_first_needed(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    put(store, JournalEntry.create(date(2025, 3, 1), clock(), body="old"))
    path = data_dir / "journal" / "2025.json"
    path.write_bytes(truncated(path.read_bytes()))
    fresh = open_store()
    assert fresh.get_entry(date(2026, 3, 1)) is None
    with pytest.raises(DataError) as caught:
        fresh.get_entry(date(2025, 3, 1))
    assert caught.value.path == str(path)
    with pytest.raises(DataError):
        fresh.apply([Change(None, JournalEntry.create(date(2025, 3, 2), clock(), body="new"))])


def test_repair_restores_the_newest_good_backup(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    first = Task.create("day one", clock())
    put(store, first)
    clock.advance(days=1)
    second = Task.create("day two", clock())
    put(store, second)
    clock.advance(days=1)
    put(store, Task.create("day three", clock()))
    path = data_dir / "tasks" / "open.json"
    broken = garbage(b"")
    path.write_bytes(broken)
    # Each day's snapshot is taken before that day's first write: today's holds days one and
    # two, yesterday's day one. Damage today's copy too: repair must fall back a day.
    today = data_dir / "backups" / clock().date().isoformat() / "tasks" / "open.json"
    today.unlink()
    today.write_bytes(truncated(path.read_bytes()))

    clock.advance(hours=1)
    reports = doctor.repair(data_dir, clock=clock)
    assert len(reports) == 1
    report = reports[0]
    assert report.path == path
    assert report.restored_from == clock().date() - timedelta(days=1)
    assert report.moved_to is not None
    assert report.moved_to.name.startswith("open.json.corrupt-")
    assert report.moved_to.read_bytes() == broken
    assert [t.title for t in open_store().open_tasks()] == ["day one"]
    assert all(r.ok for r in doctor.check(data_dir))
    assert second.title == "day two"


def test_repair_prefers_the_newest_snapshot(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    put(store, Task.create("day one", clock()))
    clock.advance(days=1)
    put(store, Task.create("day two", clock()))
    path = data_dir / "tasks" / "open.json"
    path.write_bytes(truncated(path.read_bytes()))
    (report,) = doctor.repair(data_dir, clock=clock)
    assert report.restored_from == clock().date()
    assert report.snapshot == data_dir / "backups" / clock().date().isoformat()
    assert [t.title for t in open_store().open_tasks()] == ["day one"]


def test_repair_without_a_good_backup_moves_the_file_aside_and_says_so(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    put(store, Day.create(date(2026, 11, 23), clock()))
    path = data_dir / "days" / "2026.json"
    path.write_bytes(b"{not json")
    reports = doctor.repair(data_dir, clock=clock)
    assert [(r.path, r.restored_from, r.snapshot) for r in reports] == [(path, None, None)]
    assert reports[0].moved_to is not None and reports[0].moved_to.read_bytes() == b"{not json"
    assert not path.exists()
    assert open_store().get_day(date(2026, 11, 23)) is None
    assert doctor.repair(data_dir, clock=clock) == []


def test_a_newer_file_is_reported_but_not_repaired(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    put(store, Task.create("x", clock()))
    path = data_dir / "tasks" / "open.json"
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = CURRENT_SCHEMA + 1
    data["tasks"] = [{"a new": "shape"}]
    newer = json.dumps(data).encode()
    path.write_bytes(newer)
    with pytest.raises(DataError) as caught:
        open_store()
    assert caught.value.problem == f"was written by a newer planner (schema {CURRENT_SCHEMA + 1})"
    report = next(r for r in doctor.check(data_dir) if r.path == path)
    assert report.newer and not report.ok
    repaired = doctor.repair(data_dir, clock=clock)
    assert [(r.path, r.skipped, r.moved_to) for r in repaired] == [(path, True, None)]
    assert path.read_bytes() == newer
    assert not [name for name in os.listdir(path.parent) if "corrupt" in name]


def test_a_bad_record_in_a_lazily_read_archive_is_refused_when_read_or_written(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    now = clock()
    old = [Task.create(f"old {i}", now - timedelta(days=5)).complete(now - timedelta(days=2))
           for i in range(3)]  # fmt: skip
    put(store, *old)
    store.compact(now.date())
    path = data_dir / "tasks" / "archive" / "2026.json"
    broken = record_refused_by_the_model(path.read_bytes())
    path.write_bytes(broken)

    fresh = open_store()
    assert fresh.open_tasks() == []
    with pytest.raises(DataError) as caught:
        list(fresh.archived_tasks())
    assert caught.value.path == str(path)
    late = Task.create("late", now - timedelta(days=5)).complete(now - timedelta(days=1))
    put(fresh, late)
    with pytest.raises(DataError):
        fresh.compact(now.date())
    assert path.read_bytes() == broken
    assert fresh.open_tasks() == [late]
    assert [r.path for r in doctor.check(data_dir) if not r.ok] == [path]
