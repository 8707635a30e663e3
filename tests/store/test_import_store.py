"""Imports on a real data folder: idempotency to the byte, updates, merging, archiving."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from data.store import FileStore
from planner.domain.models import JournalEntry, Task
from planner.importing import jrnl, taskwarrior, todotxt
from planner.importing.apply import Summary, import_days, import_tasks
from planner.services.ports import Change

from .conftest import START, MovableClock

TODAY = START.date()


def snapshot(root: Path) -> dict[str, bytes]:
    """Every data file's bytes (backups are links to the same files, the lock holds nothing)."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "backups" not in path.parts and path.name != ".lock"
    }


def tw(*objects: dict[str, Any]) -> str:
    return "[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n]\n"


def tw_task(uuid: str, **fields: Any) -> dict[str, Any]:
    base = {
        "uuid": uuid,
        "description": f"task {uuid}",
        "status": "pending",
        "entry": "20261101T000000Z",
        "modified": "20261101T000000Z",
    }
    base.update(fields)
    return base


def import_tw(store: FileStore, text: str, now: datetime) -> Summary:
    return import_tasks(store, taskwarrior.parse(text, now), now.date())


def import_todo(store: FileStore, text: str, now: datetime) -> Summary:
    return import_tasks(store, todotxt.parse(text, now), now.date())


def import_jrnl(store: FileStore, entries: list[dict[str, Any]], now: datetime) -> Summary:
    text = json.dumps({"tags": {}, "entries": entries}, indent=2)
    return import_days(store, jrnl.parse(text), now)


def jrnl_entry(day: str, clock: str, title: str, body: str) -> dict[str, Any]:
    return {"date": day, "time": clock, "title": title, "body": body, "tags": [], "starred": False}


def all_tasks(store: FileStore) -> list[Task]:
    return [*store.open_tasks(), *store.archived_tasks()]


TODO = """(A) 2026-11-01 Call Mom +Family @phone due:2026-11-25
x 2024-05-02 2024-05-01 Old done thing +Home
x 2026-11-20 Recently done
起草年度总结 +工作 @李局
Buy milk
Buy milk
"""


def test_todotxt_twice_changes_nothing(
    store: FileStore, open_store: Callable[[], FileStore], data_dir: Path, clock: MovableClock
) -> None:
    first = import_todo(store, TODO, clock())
    assert (first.imported, first.updated, first.unchanged, first.skipped) == (6, 0, 0, 0)
    assert first.archived == 2
    before = snapshot(data_dir)
    clock.advance(hours=1)
    second = import_todo(open_store(), TODO, clock())
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 6)
    assert snapshot(data_dir) == before


def test_old_done_work_ends_in_its_years_archive(store: FileStore, data_dir: Path) -> None:
    import_todo(store, TODO, START)
    assert (data_dir / "tasks" / "archive" / "2024.json").exists()
    open_titles = {task.title for task in store.open_tasks()}
    assert "Old done thing" not in open_titles and "Recently done" not in open_titles
    assert {task.title for task in store.archived_tasks()} == {"Old done thing", "Recently done"}


def test_a_todotxt_line_marked_done_later_closes_the_imported_task(
    store: FileStore, clock: MovableClock
) -> None:
    import_todo(store, "(B) 2026-11-01 Pay rent +Home\nCall back\n", clock())
    clock.advance(days=1)
    summary = import_todo(
        store, "x 2026-11-23 2026-11-01 Pay rent +Home pri:B\nCall back\n", clock()
    )
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 1, 1)
    (rent,) = [t for t in all_tasks(store) if t.title == "Pay rent"]
    assert rent.status == "done" and rent.priority == "medium"
    assert len(all_tasks(store)) == 2


def test_taskwarrior_twice_changes_nothing(
    store: FileStore, open_store: Callable[[], FileStore], data_dir: Path, clock: MovableClock
) -> None:
    text = tw(
        tw_task("a", due="20261126T160000Z", tags=["next"]),
        tw_task("b", status="completed", end="20230201T000000Z", modified="20230201T000000Z"),
        tw_task("c", status="deleted", end="20250201T000000Z"),
        tw_task("d", status="recurring", recur="weekly", due="20261123T160000Z"),
    )
    first = import_tw(store, text, clock())
    assert (first.imported, first.skipped, first.archived) == (4, 0, 2)
    before = snapshot(data_dir)
    second = import_tw(open_store(), text, clock())
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 4)
    assert snapshot(data_dir) == before


def test_a_newer_version_in_the_file_updates_the_task_and_keeps_the_users_fields(
    store: FileStore, clock: MovableClock
) -> None:
    import_tw(store, tw(tw_task("a"), tw_task("b")), clock())
    (task,) = [t for t in store.open_tasks() if t.external_ref == "taskwarrior:a"]
    store.apply([Change(task, task.touched(task.updated, people=("王处长",), central=True))])
    newer = tw_task("a", description="renamed", modified="20261120T000000Z", priority="H")
    summary = import_tw(store, tw(newer, tw_task("b")), clock())
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 1, 1)
    (task,) = [t for t in store.open_tasks() if t.external_ref == "taskwarrior:a"]
    assert task.title == "renamed" and task.priority == "high"
    assert task.people == ("王处长",) and task.central
    assert task.updated == datetime(2026, 11, 20, 8, 0, tzinfo=START.tzinfo)


def test_an_edit_made_in_planner_since_the_import_wins(
    store: FileStore, clock: MovableClock
) -> None:
    import_tw(store, tw(tw_task("a")), clock())
    (task,) = store.open_tasks()
    store.apply([Change(task, task.complete(clock()))])
    summary = import_tw(store, tw(tw_task("a")), clock())
    assert (summary.updated, summary.unchanged) == (0, 1)
    assert store.open_tasks()[0].status == "done"


def test_an_archived_task_is_updated_where_it_lives(
    store: FileStore, data_dir: Path, clock: MovableClock
) -> None:
    done = {"status": "completed", "end": "20230201T000000Z", "modified": "20230201T000000Z"}
    import_tw(store, tw(tw_task("a", **done)), clock())
    changed = {**done, "description": "better title", "modified": "20230301T000000Z"}
    summary = import_tw(store, tw(tw_task("a", **changed)), clock())
    assert summary.updated == 1
    assert [t.title for t in store.archived_tasks()] == ["better title"]
    assert store.open_tasks() == []
    stored = json.loads((data_dir / "tasks" / "archive" / "2023.json").read_text())
    assert len(stored["tasks"]) == 1


def test_thousands_of_old_closed_tasks_are_archived_by_year(
    store: FileStore, data_dir: Path
) -> None:
    objects = [
        tw_task(
            f"u{n}",
            status="completed" if n % 2 else "deleted",
            end=f"{2016 + n % 10}0{1 + n % 9}15T000000Z",
        )
        for n in range(3000)
    ]
    summary = import_tw(store, tw(*objects, tw_task("open-one")), START)
    assert (summary.imported, summary.archived) == (3001, 3000)
    assert [t.external_ref for t in store.open_tasks()] == ["taskwarrior:open-one"]
    years = sorted(p.stem for p in (data_dir / "tasks" / "archive").glob("*.json"))
    assert years == [str(year) for year in range(2016, 2026)]
    assert len(list(FileStore(data_dir, clock=lambda: START).archived_tasks())) == 3000


def test_jrnl_twice_changes_nothing(
    store: FileStore, open_store: Callable[[], FileStore], data_dir: Path, clock: MovableClock
) -> None:
    entries = [
        jrnl_entry("2025-03-01", "08:00", "Morning.", "早上好。"),
        jrnl_entry("2025-03-01", "20:00", "Evening.", "晚上好。"),
        jrnl_entry("2026-01-02", "09:00", "New year.", ""),
    ]
    first = import_jrnl(store, entries, clock())
    assert (first.imported, first.updated, first.unchanged) == (3, 0, 0)
    before = snapshot(data_dir)
    second = import_jrnl(open_store(), entries, clock())
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 3)
    assert snapshot(data_dir) == before


def test_the_users_own_entry_keeps_every_word_and_gets_the_import_once(
    store: FileStore, open_store: Callable[[], FileStore], data_dir: Path, clock: MovableClock
) -> None:
    mine = JournalEntry.create(date(2025, 3, 1), clock(), body="My own words.\n", tags=("mine",))
    store.apply([Change(None, mine)])
    entries = [jrnl_entry("2025-03-01", "08:00", "Morning.", "From jrnl.")]
    summary = import_jrnl(store, entries, clock())
    assert (summary.imported, summary.updated) == (0, 1)
    entry = store.get_entry(date(2025, 3, 1))
    assert entry is not None and entry.id == mine.id
    assert entry.body == "My own words.\n\n## 08:00 Morning.\n\nFrom jrnl.\n"
    assert entry.tags == ("mine",)
    before = snapshot(data_dir)
    again = import_jrnl(open_store(), entries, clock())
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    assert snapshot(data_dir) == before


def test_a_new_jrnl_entry_on_an_imported_day_is_appended(
    store: FileStore, clock: MovableClock
) -> None:
    morning = jrnl_entry("2025-03-01", "08:00", "Morning.", "One.")
    import_jrnl(store, [morning], clock())
    evening = jrnl_entry("2025-03-01", "20:00", "Evening.", "Two.")
    summary = import_jrnl(store, [morning, evening], clock())
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 1, 1)
    entry = store.get_entry(date(2025, 3, 1))
    assert entry is not None
    assert entry.body == "## 08:00 Morning.\n\nOne.\n\n## 20:00 Evening.\n\nTwo.\n"


def test_two_journals_on_one_day_both_arrive_and_each_reimport_is_a_no_op(
    store: FileStore, data_dir: Path, clock: MovableClock
) -> None:
    work = [jrnl_entry("2025-03-01", "08:00", "Work.", "Meeting notes.")]
    home = [jrnl_entry("2025-03-01", "21:00", "Home.", "家里的事。")]
    import_jrnl(store, work, clock())
    import_jrnl(store, home, clock())
    entry = store.get_entry(date(2025, 3, 1))
    assert entry is not None and "Meeting notes." in entry.body and "家里的事。" in entry.body
    before = snapshot(data_dir)
    assert import_jrnl(store, work, clock()).unchanged == 1
    assert import_jrnl(store, home, clock()).unchanged == 1
    assert snapshot(data_dir) == before


def test_an_imported_entry_edited_in_planner_is_left_alone(
    store: FileStore, clock: MovableClock
) -> None:
    entries = [jrnl_entry("2025-03-01", "08:00", "Morning.", "One.")]
    import_jrnl(store, entries, clock())
    entry = store.get_entry(date(2025, 3, 1))
    assert entry is not None
    store.apply([Change(entry, entry.touched(clock(), body="Rewritten entirely.\n"))])
    assert import_jrnl(store, entries, clock()).unchanged == 1
    after = store.get_entry(date(2025, 3, 1))
    assert after is not None and after.body == "Rewritten entirely.\n"


def test_the_import_is_one_write_per_file(
    store: FileStore, data_dir: Path, monkeypatch: Any
) -> None:
    from data.tinydb.recordfile import RecordFile

    writes: list[str] = []
    original = RecordFile.write

    def counting(self: RecordFile, *args: Any, **kwargs: Any) -> bool:
        writes.append(self.path.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RecordFile, "write", counting)
    objects = [tw_task(f"u{n}") for n in range(500)]
    import_tw(store, tw(*objects), START)
    assert writes == ["open.json"]
