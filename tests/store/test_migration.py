"""Version 0 (one stock TinyDB ``db.json``) is migrated after a backup; newer data is refused."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from data import doctor
from data.store import FileStore
from data.tinydb.migrate import MIGRATED_SUFFIX, migrate
from data.tinydb.schema import CURRENT_SCHEMA
from planner.domain.errors import DataError


def make_v0(data_dir: Path) -> Path:
    """A prototype's database, written by stock TinyDB (default ``JSONStorage``)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "db.json"
    db = TinyDB(path)
    tasks = db.table("tasks")
    tasks.insert({"title": "写季度总结", "status": "todo", "due": "2026-11-30", "tags": ["办公"]})
    tasks.insert({"text": "call Li", "done": True, "created": "2026-11-01T10:00:00"})
    tasks.insert(
        {
            "description": "old report",
            "status": "completed",
            "completed": "2025-06-01T18:00:00+08:00",
        }
    )
    tasks.insert(
        {"title": "waiting on IT", "status": "waiting", "notes": "ticket 42", "tags": "it, 网络"}
    )
    tasks.insert({"status": "todo"})
    tasks.insert({"title": "odd one", "colour": "blue", "priority": "H"})
    journal = db.table("journal")
    journal.insert({"date": "2026-11-20", "body": "第一天"})
    journal.insert({"date": "2025-01-02", "text": "older entry"})
    journal.insert({"date": "2026-11-20", "body": "second thought"})
    journal.insert({"body": "no date"})
    db.close()
    return path


def test_a_version_0_file_is_migrated_after_a_backup(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any
) -> None:
    legacy = make_v0(data_dir)
    original = legacy.read_bytes()

    store = open_store()
    report = store.migration
    assert report is not None
    assert report.counts == {"tasks": 5, "open": 3, "archived": 2, "journal": 2, "skipped": 2}
    assert len(report.problems) == 2
    assert any("tasks #5" in problem and "title" in problem for problem in report.problems)
    assert any("journal #4" in problem for problem in report.problems)
    assert any("colour" in note for note in report.notes)

    assert not legacy.exists()
    assert report.kept_in == data_dir / ("db.json" + MIGRATED_SUFFIX)
    assert report.kept_in.read_bytes() == original
    assert report.backup is not None
    assert (report.backup / "db.json").read_bytes() == original
    assert report.backup.name == f"{clock().date().isoformat()}-before-migration-v0"

    open_titles = {t.title: t for t in store.open_tasks()}
    assert set(open_titles) == {"写季度总结", "waiting on IT", "odd one"}
    assert open_titles["写季度总结"].status == "open"
    assert open_titles["写季度总结"].due == date(2026, 11, 30)
    assert open_titles["写季度总结"].tags == ("办公",)
    assert open_titles["waiting on IT"].status == "waiting"
    assert open_titles["waiting on IT"].tags == ("it", "网络")
    assert open_titles["waiting on IT"].notes == "ticket 42"
    assert open_titles["odd one"].priority == "high"
    archived = {t.title: t for t in store.archived_tasks()}
    assert set(archived) == {"call Li", "old report"}
    assert archived["call Li"].status == "done" and archived["call Li"].done_at is not None
    assert archived["call Li"].created.tzinfo is not None
    assert archived["old report"].done_at is not None
    assert archived["old report"].done_at.year == 2025

    entry = store.get_entry(date(2026, 11, 20))
    assert entry is not None and "第一天" in entry.body and "second thought" in entry.body
    older = store.get_entry(date(2025, 1, 2))
    assert older is not None and older.body == "older entry"

    assert all(r.ok for r in doctor.check(data_dir))
    meta = json.loads((data_dir / "meta.json").read_text("utf-8"))
    assert next(iter(meta["_meta"].values()))["schema"] == CURRENT_SCHEMA

    again = open_store()
    assert again.migration is None
    assert {t.id for t in again.open_tasks()} == {t.id for t in store.open_tasks()}


def test_a_migration_killed_before_its_end_runs_again_without_copies(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any, monkeypatch: Any
) -> None:
    make_v0(data_dir)

    real_replace = os.replace
    renamed: list[str] = []

    def killed(src: Any, dst: Any) -> None:
        if Path(src).name == "db.json":
            raise KeyboardInterrupt("killed after the new files, before the rename")
        renamed.append(Path(dst).name)
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr("os.replace", killed)
        with pytest.raises(KeyboardInterrupt):
            migrate(data_dir, clock)
    assert "open.json" in renamed
    assert (data_dir / "db.json").exists()
    assert not (data_dir / "meta.json").exists()

    store = open_store()
    assert store.migration is not None
    assert len(store.open_tasks()) == 3
    assert len(list(store.archived_tasks())) == 2


def test_a_fresh_folder_gets_its_meta(data_dir: Path, open_store: Callable[[], FileStore]) -> None:
    store = open_store()
    assert store.migration is None
    meta = json.loads((data_dir / "meta.json").read_text("utf-8"))
    document = next(iter(meta["_meta"].values()))
    assert document["schema"] == CURRENT_SCHEMA and document["kind"] == "meta"
    assert document["created"]
    open_work = json.loads((data_dir / "tasks" / "open.json").read_text("utf-8"))
    assert open_work == {"_meta": {"1": {"kind": "open_tasks", "schema": CURRENT_SCHEMA}}}


def test_a_newer_data_folder_is_refused_and_untouched(
    data_dir: Path, open_store: Callable[[], FileStore]
) -> None:
    open_store()
    meta = data_dir / "meta.json"
    data = json.loads(meta.read_bytes())
    next(iter(data["_meta"].values()))["schema"] = 7
    newer = json.dumps(data, indent=4).encode()
    meta.write_bytes(newer)
    stamp = meta.stat().st_mtime_ns
    with pytest.raises(DataError) as caught:
        open_store()
    assert caught.value.path == str(meta)
    assert "newer planner (schema 7)" in caught.value.problem
    assert meta.read_bytes() == newer
    assert meta.stat().st_mtime_ns == stamp


def test_a_newer_record_file_is_refused_and_never_rewritten(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any
) -> None:
    from planner.domain.models import JournalEntry
    from planner.services.ports import Change

    store = open_store()
    store.apply([Change(None, JournalEntry.create(date(2026, 1, 1), clock(), body="x"))])
    path = data_dir / "journal" / "2026.json"
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = CURRENT_SCHEMA + 1
    newer = json.dumps(data).encode()
    path.write_bytes(newer)
    with pytest.raises(DataError) as caught:
        store.apply([Change(None, JournalEntry.create(date(2026, 1, 2), clock(), body="y"))])
    assert f"newer planner (schema {CURRENT_SCHEMA + 1})" in caught.value.problem
    assert path.read_bytes() == newer


def set_schema(path: Path, schema: int) -> None:
    data = json.loads(path.read_bytes())
    next(iter(data["_meta"].values()))["schema"] = schema
    path.write_bytes(json.dumps(data, indent=4).encode())


def schema_of(path: Path) -> int:
    schema: int = next(iter(json.loads(path.read_bytes())["_meta"].values()))["schema"]
    return schema


def test_a_schema_1_folder_is_read_as_it_is_and_stamped_current_where_it_is_written(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any
) -> None:
    """Schema 2 added ``import_base``, which a schema-1 planner cannot read: the folder's
    ``meta.json`` says the current schema from the first start (that planner then says
    "newer" and leaves the folder alone), and each task file is stamped current by its next
    write; until then it reads as it is, and so does a schema-1 snapshot. Day and journal
    files are rewritten by the step to schema 3 (their date ids)."""
    from planner.domain.models import JournalEntry, Task
    from planner.services.ports import Change

    store = open_store()
    store.apply([Change(None, Task.create("kept", clock()))])
    store.apply([Change(None, JournalEntry.create(date(2026, 1, 1), clock(), body="x"))])
    meta, open_work = data_dir / "meta.json", data_dir / "tasks" / "open.json"
    journal = data_dir / "journal" / "2026.json"
    for path in (meta, open_work, journal):
        set_schema(path, 1)
    open_bytes = open_work.read_bytes()

    store = open_store()
    assert schema_of(meta) == CURRENT_SCHEMA == 4
    assert schema_of(journal) == 4
    assert open_work.read_bytes() == open_bytes  # not written: still 1, and read as it is
    assert [task.title for task in store.open_tasks()] == ["kept"]
    assert store.get_entry(date(2026, 1, 1)) is not None
    store.apply([Change(None, Task.create("new", clock()))])
    assert schema_of(open_work) == 4
    assert all(report.ok for report in doctor.check(data_dir))


def test_a_schema_3_folder_reads_its_tasks_without_estimates_and_is_stamped_4(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any
) -> None:
    """Schema 4 added a task's ``estimate`` (issue 16): a schema-3 file has no such key and
    reads as no estimate; ``meta.json`` says 4 from the first start, so that a planner of
    schema 3, which refuses a field it does not know, calls the folder newer, not damaged."""
    from planner.domain.models import Task
    from planner.services.ports import Change

    store = open_store()
    store.apply([Change(None, Task.create("old", clock()))])
    meta, open_work = data_dir / "meta.json", data_dir / "tasks" / "open.json"
    data = json.loads(open_work.read_bytes())
    for document in data["tasks"].values():
        del document["estimate"], document["estimate_low"]
    data["_meta"]["1"]["schema"] = 3
    open_work.write_text(json.dumps(data))
    set_schema(meta, 3)
    open_bytes = open_work.read_bytes()

    store = open_store()
    assert schema_of(meta) == 4
    assert open_work.read_bytes() == open_bytes
    (old,) = store.open_tasks()
    assert old.estimate is None and old.estimate_low is None
    store.apply([Change(None, Task.create("new", clock(), estimate=90, estimate_low=60))])
    assert schema_of(open_work) == 4
    documents = json.loads(open_work.read_bytes())["tasks"].values()
    # a record the write did not change keeps its document as read, without the keys
    assert sorted((d["title"], d.get("estimate"), d.get("estimate_low")) for d in documents) == [
        ("new", 90, 60),
        ("old", None, None),
    ]
    assert all(report.ok for report in doctor.check(data_dir))


def test_a_schema_0_file_in_a_current_folder_is_refused(
    data_dir: Path, open_store: Callable[[], FileStore]
) -> None:
    open_store()
    path = data_dir / "tasks" / "open.json"
    set_schema(path, 0)
    with pytest.raises(DataError) as caught:
        open_store()
    assert "older than" in caught.value.problem
