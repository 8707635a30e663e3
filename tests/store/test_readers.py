"""Reading off the UI thread: per-year journal reads, readers that a worker thread uses and the
store adopts, and archived tasks found by a query without building the rest of the archive."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from data.files.layout import ARCHIVE, JOURNAL, Layout
from data.store import FileStore
from data.tinydb import storage
from data.tinydb.recordfile import RecordFile
from planner.domain.errors import DataError
from planner.domain.models import JournalEntry, Task
from planner.services.ports import Change, TaskQuery

YEARS = (2019, 2022, 2026)


def put(store: FileStore, *records: Any) -> None:
    store.apply([Change(None, record) for record in records])


def entries_in(store: FileStore, now: datetime) -> None:
    put(store, *(JournalEntry.create(date(year, 3, 1), now, body=f"in {year}") for year in YEARS))


def loaded(store: FileStore) -> set[str]:
    return {path.relative_to(store.root).as_posix() for path in store._files}


def spoil(data_dir: Path, relative: str) -> None:
    (data_dir / relative).write_text("{ not json", encoding="utf-8")


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every data file read from now on (the store reads each through ``read_bytes``)."""
    reads: list[Path] = []
    real = storage.read_bytes

    def spy(path: Path) -> Any:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(storage, "read_bytes", spy)
    return reads


# -- the journal, a year at a time --------------------------------------------------------------


def test_journal_years_lists_without_reading(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    entries_in(store, clock())
    fresh = open_store()
    assert fresh.journal_years() == list(YEARS)
    assert not any(name.startswith("journal/") for name in loaded(fresh))


def test_a_range_reads_only_its_years(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    entries_in(store, clock())
    spoil(data_dir, "journal/2019.json")
    fresh = open_store()
    recent = fresh.journal_entries(start=date(2020, 1, 1))
    assert [e.body for e in recent] == ["in 2022", "in 2026"]
    assert "journal/2019.json" not in loaded(fresh)
    with pytest.raises(DataError, match="2019"):
        fresh.journal_entries()


# -- readers ----------------------------------------------------------------------------------


def test_a_reader_costs_nothing_until_used_and_shares_nothing(
    store: FileStore, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries_in(store, clock())
    store.journal_entries(start=date(2026, 1, 1))
    reads = count_reads(monkeypatch)
    reader = store.reader()
    assert reads == []
    assert [e.body for e in reader.journal_entries()] == ["in 2019", "in 2022", "in 2026"]
    assert len(reads) == 3  # its own copy of 2026 too: nothing is shared between threads
    assert not set(reader._files.values()) & set(store._files.values())


def test_adopt_keeps_what_the_reader_read(
    store: FileStore,
    open_store: Callable[[], FileStore],
    clock: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entries_in(store, clock())
    fresh = open_store()
    reader = fresh.reader()
    reader.journal_entries(end=date(2025, 12, 31))
    fresh.adopt(reader)
    assert {"journal/2019.json", "journal/2022.json"} <= loaded(fresh)
    assert reader._files == {}  # spent
    reads = count_reads(monkeypatch)
    assert [e.body for e in fresh.journal_entries()] == ["in 2019", "in 2022", "in 2026"]
    assert [path.name for path in reads] == ["2026.json"]


def test_adopt_keeps_the_stores_own_newer_file(store: FileStore, clock: Any) -> None:
    entries_in(store, clock())
    reader = store.reader()
    reader.journal_entries()  # reads 2026 before the store writes it again
    later = clock.advance(minutes=5)
    put(store, JournalEntry.create(date(2026, 4, 1), later, body="written meanwhile"))
    store.adopt(reader)
    assert "written meanwhile" in [e.body for e in store.journal_entries()]


def test_an_adopted_year_another_process_changed_is_read_again(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    entries_in(store, clock())
    reader = store.reader()
    reader.journal_entries(end=date(2019, 12, 31))
    other = open_store()
    later = clock.advance(minutes=5)
    old = other.get_entry(date(2019, 3, 1))
    assert old is not None
    other.apply([Change(old, old.touched(later, body="changed by another process"))])
    store.adopt(reader)  # read before the change
    assert store.refresh()
    assert store.get_entry(date(2019, 3, 1)).body == "changed by another process"  # type: ignore[union-attr]


def test_a_reader_refreshes_and_never_writes(store: FileStore, clock: Any) -> None:
    entries_in(store, clock())
    reader = store.reader()
    assert len(reader.journal_entries()) == 3
    put(store, JournalEntry.create(date(2026, 5, 1), clock.advance(minutes=1), body="new"))
    assert reader.refresh()
    assert len(reader.journal_entries()) == 4
    with pytest.raises(RuntimeError):
        reader.apply([Change(None, JournalEntry.create(date(2026, 6, 1), clock(), body="x"))])
    with pytest.raises(RuntimeError), reader.transaction():
        pass
    with pytest.raises(RuntimeError):
        reader.compact(clock().date())
    with pytest.raises(TypeError):
        store.adopt(store)


def test_a_reader_in_a_thread_while_the_store_writes(store: FileStore, clock: Any) -> None:
    now = clock()
    put(
        store,
        *(
            JournalEntry.create(date(year, 1, 1) + timedelta(days=n), now, body=f"{year}-{n}")
            for year in range(2016, 2026)
            for n in range(0, 360, 3)
        ),
    )
    reader = store.reader()
    found: list[int] = []
    failed: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(3):
                reader.refresh()
                found.append(len(reader.journal_entries(end=date(2025, 12, 31))))
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            failed.append(exc)

    worker = threading.Thread(target=read)
    worker.start()
    for n in range(30):  # the journal's autosave, on this thread, into the current year
        put(store, JournalEntry.create(date(2026, 11, 23), now, body=f"draft {n}"))
    worker.join()
    assert failed == [] and found == [1200, 1200, 1200]
    store.adopt(reader)
    assert len(store.journal_entries()) == 1201
    assert store.get_entry(date(2026, 11, 23)).body == "draft 29"  # type: ignore[union-attr]


# -- archived tasks by query ------------------------------------------------------------------


def done(title: str, at: datetime, **fields: Any) -> Task:
    """Done at ``at``; an instruction was reported back on first, so it can be archived."""
    task = Task.create(title, at - timedelta(days=10), status="open", **fields)
    if task.source:
        task = task.add_feedback("done", at)
    return task.complete(at)


def test_archived_tasks_matching_builds_only_what_may_match(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    now = clock()
    tz = now.tzinfo
    in_march = done("done in March", datetime(2024, 3, 15, 17, 0, tzinfo=tz))
    next_morning = done("done the next morning", datetime(2024, 4, 1, 1, 0, tzinfo=tz))
    instruction = done(
        "reported late",
        datetime(2025, 2, 1, 9, 0, tzinfo=tz),
        source="Zhang",
        report_by=date(2024, 3, 20),
    )
    measure = done("a measure", datetime(2026, 1, 5, 9, 0, tzinfo=tz), setback="setback00001")
    other = done("unrelated", datetime(2024, 6, 1, 9, 0, tzinfo=tz))
    put(store, in_march, next_morning, instruction, measure, other)
    assert store.compact(now.date()) == 5
    # A task the model refuses, in a year the query reads: it must not be built.
    path = Layout(data_dir).year_file(ARCHIVE, 2024)
    data = json.loads(path.read_text(encoding="utf-8"))
    bad = dict(next(iter(data["tasks"].values())))
    bad.update(id="badbadbadbad", status="nonsense", done_at="2024-06-02T09:00:00+08:00")
    data["tasks"]["99"] = bad
    path.write_text(json.dumps(data), encoding="utf-8")

    query = TaskQuery(
        done=(date(2024, 3, 1), date(2024, 4, 1)),
        report_by=(date(2024, 3, 1), date(2024, 3, 31)),
        setbacks=frozenset({"setback00001"}),
    )
    fresh = open_store()
    found = {task.title for task in fresh.archived_tasks_matching(query)}
    assert found == {"done in March", "done the next morning", "reported late", "a measure"}
    with pytest.raises(DataError):
        list(fresh.archived_tasks())  # building everything meets the bad task


def test_archived_tasks_matching_reads_only_the_years_of_done(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any
) -> None:
    tz = clock().tzinfo
    put(store, *(done(f"in {y}", datetime(y, 5, 1, 9, 0, tzinfo=tz)) for y in (2020, 2023, 2024)))
    store.compact(clock().date())
    fresh = open_store()
    query = TaskQuery(done=(date(2023, 12, 1), date(2024, 12, 31)))
    assert {t.title for t in fresh.archived_tasks_matching(query)} == {"in 2024"}
    assert "tasks/archive/2020.json" not in loaded(fresh)
    assert "tasks/archive/2023.json" in loaded(fresh)


def test_the_newest_years_copy_wins_even_when_it_does_not_match(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    tz = clock().tzinfo
    task = done("moved", datetime(2025, 5, 1, 9, 0, tzinfo=tz))
    put(store, task)
    store.compact(clock().date())
    # A stale copy in an older year (a kill while it moved) matches; the 2025 copy does not.
    stale = replace(task, done_at=datetime(2024, 5, 1, 9, 0, tzinfo=tz))
    RecordFile(Layout(data_dir).year_file(ARCHIVE, 2024), ARCHIVE).write([stale])
    fresh = open_store()
    query = TaskQuery(done=(date(2024, 1, 1), date(2025, 12, 31)))
    assert [t.done_at for t in fresh.archived_tasks_matching(query)] == [task.done_at]
    query = TaskQuery(done=(date(2024, 1, 1), date(2024, 12, 31)), setbacks=frozenset({"x"}))
    assert fresh.archived_tasks_matching(query) == []


def test_dates_in_other_iso_forms_are_still_found(
    store: FileStore, open_store: Callable[[], FileStore], clock: Any, data_dir: Path
) -> None:
    tz = clock().tzinfo
    task = done(
        "hand-edited",
        datetime(2024, 5, 1, 9, 0, tzinfo=tz),
        source="Li",
        report_by=date(2024, 5, 3),
    )
    put(store, task)
    store.compact(clock().date())
    path = Layout(data_dir).year_file(ARCHIVE, 2024)
    text = path.read_text(encoding="utf-8")
    text = text.replace('"2024-05-03"', '"20240503"')
    text = text.replace('"2024-05-01T09:00:00+08:00"', '"2024-05-01 09:00:00+08:00"')
    path.write_text(text, encoding="utf-8")
    fresh = open_store()
    for query in (
        TaskQuery(report_by=(date(2024, 5, 3), date(2024, 5, 3))),
        TaskQuery(done=(date(2024, 5, 1), date(2024, 5, 1)), setbacks=frozenset({"x"})),
    ):
        assert [t.title for t in fresh.archived_tasks_matching(query)] == ["hand-edited"]
    assert (
        fresh.archived_tasks_matching(TaskQuery(report_by=(date(2024, 5, 4), date(2024, 6, 1))))
        == []
    )


def test_task_query_matches() -> None:
    at = datetime(2024, 3, 1, 23, 30, tzinfo=datetime.now().astimezone().tzinfo)
    task = done("x", at, source="Li", report_by=date(2024, 3, 9), setback="setback00001")
    assert TaskQuery(done=(date(2024, 3, 1), date(2024, 3, 1))).matches(task)
    assert not TaskQuery(done=(date(2024, 3, 2), date(2024, 3, 9))).matches(task)
    assert TaskQuery(report_by=(date(2024, 3, 9), date(2024, 3, 9))).matches(task)
    assert TaskQuery(setbacks=frozenset({"setback00001"})).matches(task)
    assert not TaskQuery().matches(task)


def test_journal_kind_is_still_read_whole() -> None:
    # The journal's models are built when a year is read (a bad entry refuses the file).
    assert not JOURNAL.lazy
