"""Records survive a round trip through the files, land in the right file, and read lazily."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from data.files.layout import ARCHIVE, DAYS, JOURNAL, SETBACKS, Layout
from data.store import FileStore
from data.tinydb.schema import CURRENT_SCHEMA
from planner.domain.models import Day, Feedback, JournalEntry, SetbackAnalysis, Task
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))


def put(store: FileStore, *records: object) -> None:
    store.apply([Change(None, record) for record in records])  # type: ignore[arg-type]


def full_task(now: datetime) -> Task:
    return Task.create(
        "向王主任汇报 the budget",
        now,
        notes="材料在共享盘\n第二行",
        status="open",
        due=datetime(2026, 11, 25, 14, 0, tzinfo=TZ),
        scheduled=date(2026, 11, 24),
        priority="high",
        central=True,
        source="王主任",
        received=date(2026, 11, 22),
        report_by=date(2026, 11, 26),
        feedback=(Feedback(at=now, text="已口头汇报"),),
        people=("王主任", "li"),
        tags=("预算", "q4"),
        confidential=True,
        recur="FREQ=WEEKLY;BYDAY=FR",
        setback="0123456789ab",
    )


def test_every_record_kind_round_trips(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    now = clock()
    task = full_task(now)
    day = Day.create(date(2026, 11, 23), now, main=task.id, carried_from=date(2026, 11, 22))
    entry = JournalEntry.create(
        date(2026, 11, 23), now, body="# 今天\n\n抓主要矛盾。", tags=("反思",)
    )
    analysis = SetbackAnalysis.create(
        date(2026, 11, 20),
        "汇报被打断",
        now,
        kind="communication",
        objective="时间紧",
        principal_cause="subjective",
        lesson="先说结论",
        review_on=date(2026, 12, 1),
        confidential=True,
    )
    put(store, task, day, entry, analysis)

    for reader in (store, open_store()):
        assert reader.get_task(task.id) == task
        assert reader.open_tasks() == [task]
        assert reader.get_day(date(2026, 11, 23)) == day
        assert reader.get_entry(date(2026, 11, 23)) == entry
        assert reader.get_setback(analysis.id) == analysis
        assert reader.setbacks() == [analysis]


def test_text_is_utf8_unescaped_sorted_and_indented(store: FileStore, data_dir: Path) -> None:
    task = Task.create("写周报", datetime(2026, 11, 23, 9, 0, tzinfo=TZ), tags=("办公室",))
    put(store, task)
    raw = (data_dir / "tasks" / "open.json").read_bytes()
    text = raw.decode("utf-8")
    assert "写周报" in text and "办公室" in text
    assert "\\u" not in text
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    assert '\n  "tasks": {\n    "1": {\n      "central": false,' in text
    assert data["_meta"] == {"1": {"kind": "open_tasks", "schema": CURRENT_SCHEMA}}
    assert "写周报".encode() in raw


def test_records_go_to_their_year_files(store: FileStore, data_dir: Path) -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    layout = Layout(data_dir)
    put(
        store,
        Day.create(date(2025, 12, 31), now),
        Day.create(date(2026, 1, 1), now),
        JournalEntry.create(date(2024, 5, 1), now, body="old"),
        SetbackAnalysis.create(date(2023, 3, 3), "old setback", now),
    )
    assert layout.years(DAYS) == [2025, 2026]
    assert layout.years(JOURNAL) == [2024]
    assert layout.years(SETBACKS) == [2023]
    assert layout.years(ARCHIVE) == []


def test_opening_reads_only_meta_and_open_work(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    now = clock()
    for year in (2020, 2021, 2022):
        put(store, JournalEntry.create(date(year, 6, 1), now, body=str(year)))
        put(store, Day.create(date(year, 6, 1), now, main="0123456789ab"))
    fresh = open_store()
    loaded = {path.relative_to(fresh.root).as_posix() for path in fresh._files}
    assert loaded == {"meta.json", "tasks/open.json"}

    assert fresh.get_day(date(2021, 6, 1)) is not None
    loaded = {path.relative_to(fresh.root).as_posix() for path in fresh._files}
    assert loaded == {"meta.json", "tasks/open.json", "days/2021.json"}

    found = fresh.last_day_with_main(date(2022, 6, 1))
    assert found is not None and found.date == date(2021, 6, 1)
    assert "days/2020.json" not in {p.relative_to(fresh.root).as_posix() for p in fresh._files}


def test_days_and_journal_ranges(store: FileStore, clock: Any) -> None:
    now = clock()
    days = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 5)]
    put(store, *(Day.create(d, now) for d in days))
    put(store, *(JournalEntry.create(d, now, body=d.isoformat()) for d in days))
    assert [d.date for d in store.days(date(2025, 12, 31), date(2026, 1, 1))] == days[1:3]
    assert [e.date for e in store.journal_entries()] == days
    assert [e.date for e in store.journal_entries(start=date(2026, 1, 1))] == days[2:]
    assert [e.date for e in store.journal_entries(end=date(2025, 12, 31))] == days[:2]
    assert store.last_day_with_main(date(2026, 2, 1)) is None
    assert store.get_day(date(2026, 1, 2)) is None


def test_one_record_per_date(store: FileStore, clock: Any) -> None:
    now = clock()
    first = JournalEntry.create(date(2026, 11, 23), now, body="first")
    second = JournalEntry.create(date(2026, 11, 23), now + timedelta(minutes=1), body="second")
    put(store, first)
    put(store, second)
    assert store.get_entry(date(2026, 11, 23)) == second
    assert store.journal_entries() == [second]


def test_a_record_whose_date_changes_moves_files(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    now = clock()
    analysis = SetbackAnalysis.create(date(2025, 12, 31), "moved", now)
    put(store, analysis)
    moved = analysis.touched(now, date=date(2026, 1, 2))
    store.apply([Change(analysis, moved)])
    for reader in (store, open_store()):
        assert reader.setbacks() == [moved]
        assert reader.get_setback(analysis.id) == moved
    old = json.loads((data_dir / "setbacks" / "2025.json").read_text("utf-8"))
    assert old["setbacks"] == {}


def test_updates_and_deletes_act_where_the_record_is(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    now = clock()
    keep, drop = Task.create("keep", now), Task.create("drop", now)
    put(store, keep, drop)
    done = keep.complete(now)
    store.apply([Change(keep, done), Change(drop, None)])
    for reader in (store, open_store()):
        assert reader.open_tasks() == [done]
        assert reader.get_task(drop.id) is None
        assert list(reader.open_task_ids()) == [keep.id]


def test_open_tasks_are_copies_of_a_cached_list(store: FileStore, clock: Any) -> None:
    task = Task.create("one", clock())
    put(store, task)
    first = store.open_tasks()
    first.clear()
    assert store.open_tasks() == [task]
    second = Task.create("two", clock() + timedelta(seconds=1))
    put(store, second)
    assert store.open_tasks() == [task, second]


def test_one_durable_write_per_file_per_apply(
    store: FileStore, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from data.files.atomic import write_atomic

    now = clock()
    put(store, Task.create("warm up", now))
    written: list[Path] = []
    original = write_atomic

    def counting(path: Path, text: str | bytes) -> object:
        written.append(path)
        return original(path, text)

    monkeypatch.setattr("data.tinydb.storage.write_atomic", counting)
    tasks = [Task.create(f"t{i}", now) for i in range(5)]
    entry = JournalEntry.create(date(2026, 11, 23), now, body="x")
    store.apply([*(Change(None, t) for t in tasks), Change(None, entry)])
    assert sorted(p.name for p in written) == ["2026.json", "open.json"]
    written.clear()
    store.apply(
        [Change(t, t.complete(now)) for t in tasks] + [Change(tasks[0].complete(now), None)]
    )
    assert [p.name for p in written] == ["open.json"]


def test_raw_file_never_shares_state_with_returned_values(store: FileStore, clock: Any) -> None:
    task = Task.create("tags", clock(), tags=("a",))
    put(store, task)
    raw = store._open.storage.read()
    document = next(iter(raw["tasks"].values()))
    document["tags"].append("mutated")
    assert store.get_task(task.id) == task
