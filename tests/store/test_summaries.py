"""The per-year summaries (``data.summaries``) are derived data: whatever they answer equals
the computation over every record, and a summary of a file that changed by any route (this
store, another process, a restore, a damaged cache) is rebuilt, never trusted."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import backups
from data.store import FileStore
from data.summaries import CACHE_FILE, merge_runs, written_runs
from planner.domain.models import JournalEntry, Task
from planner.domain.review import journal, journal_from_runs, period_of
from planner.services.ports import Change, TaskQuery
from tests.store.conftest import TZ

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
FIRST = date(2024, 12, 1)


def entry(day: date, body: str = "写了一些") -> JournalEntry:
    return JournalEntry.create(day, NOW, body=body)


def runs_from_scratch(entries: list[JournalEntry], end: date) -> list[tuple[date, date]]:
    return written_runs(e.date for e in entries if e.body.strip() and e.date <= end)


def old_enough(path: Path) -> None:
    """Age a file past the two seconds in which a signature alone is not trusted."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10_000_000_000))


# --- equal to the computation over every record ------------------------------------------------

days_strategy = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=800),
        st.sampled_from(["写了", "  ", "", "text"]),
    ),
    max_size=60,
    unique_by=lambda pair: pair[0],
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(days=days_strategy, today_offset=st.integers(min_value=0, max_value=820))
def test_streaks_from_summaries_equal_the_full_computation(
    tmp_path: Path, days: list[tuple[int, str]], today_offset: int
) -> None:
    folder = tmp_path / f"d{abs(hash((tuple(days), today_offset)))}"
    store = FileStore(folder, clock=lambda: NOW)
    entries = [entry(FIRST + timedelta(days=offset), body) for offset, body in days]
    if entries:
        store.apply([Change(None, e) for e in entries])
    today = FIRST + timedelta(days=today_offset)
    for opened in (store, FileStore(folder, clock=lambda: NOW)):  # built, then from the cache
        runs = opened.journal_written_runs(today)
        assert runs == runs_from_scratch(entries, today)
        for kind in ("week", "month"):
            period = period_of(kind, today - timedelta(days=9))
            assert journal_from_runs(period, today, runs) == journal(
                period, today, opened.journal_entries()
            )
    shutil.rmtree(folder)


@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 5)),
        max_size=30,
    ),
    st.integers(0, 420),
)
def test_merged_runs_of_years_equal_the_runs_of_all_days(
    spans: list[tuple[int, int]], end_offset: int
) -> None:
    written = {FIRST + timedelta(days=s + k) for s, length in spans for k in range(length + 1)}
    end = FIRST + timedelta(days=end_offset)
    by_year: dict[int, list[date]] = {}
    for day in written:
        by_year.setdefault(day.year, []).append(day)
    pieces = [run for days in by_year.values() for run in written_runs(days)]
    assert merge_runs(pieces, end) == written_runs(d for d in written if d <= end)


def archived(title: str, done: date, **fields: object) -> Task:
    created = datetime(2024, 1, 2, 9, 0, tzinfo=TZ)
    task = Task.create(title, created, status="open", **fields)
    return task.complete(datetime(done.year, done.month, done.day, 18, 0, tzinfo=TZ))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 700),
            st.one_of(st.none(), st.integers(-30, 400)),
            st.sampled_from([None, "setback00001", "setback00002", "setback00003"]),
        ),
        min_size=1,
        max_size=25,
    ),
    st.integers(0, 700),
    st.integers(0, 60),
    st.sets(st.sampled_from(["setback00001", "setback00002", "setback00003"])),
)
def test_archive_questions_equal_a_scan_of_every_task(
    tmp_path: Path,
    specs: list[tuple[int, int | None, str | None]],
    start_offset: int,
    length: int,
    setbacks: set[str],
) -> None:
    folder = tmp_path / f"a{abs(hash((tuple(specs), start_offset, length)))}"
    store = FileStore(folder, clock=lambda: NOW)
    tasks = []
    for index, (done, report, setback) in enumerate(specs):
        done_day = FIRST + timedelta(days=done)
        fields: dict[str, object] = {"setback": setback}
        if report is not None:
            fields.update(source="王处长", report_by=done_day + timedelta(days=report))
        tasks.append(archived(f"t{index}", done_day, **fields))
    store.apply([Change(None, t) for t in tasks])
    store.compact(NOW.date())
    start = FIRST + timedelta(days=start_offset)
    query = TaskQuery(
        done=(start, start + timedelta(days=length)),
        report_by=(start, start + timedelta(days=length)),
        setbacks=frozenset(setbacks),
    )
    for opened in (store, FileStore(folder, clock=lambda: NOW)):
        want = sorted(t.id for t in opened.archived_tasks() if query.matches(t))
        assert sorted(t.id for t in opened.archived_tasks_matching(query)) == want
    shutil.rmtree(folder)


# --- rebuilt when the source changes ---------------------------------------------------------


def test_a_write_by_another_process_rebuilds_the_summary(data_dir: Path) -> None:
    today = date(2026, 11, 23)
    mine = FileStore(data_dir, clock=lambda: NOW)
    mine.apply([Change(None, entry(today - timedelta(days=n))) for n in (1, 2, 3)])
    assert mine.journal_written_runs(today) == [
        (today - timedelta(days=3), today - timedelta(days=1))
    ]
    old_enough(data_dir / "journal" / "2026.json")
    assert FileStore(data_dir, clock=lambda: NOW).journal_written_runs(today) == [
        (today - timedelta(days=3), today - timedelta(days=1))
    ]
    other = FileStore(data_dir, clock=lambda: NOW)  # another process
    other.apply([Change(None, entry(today)), Change(None, entry(today - timedelta(days=5)))])
    want = [
        (today - timedelta(days=5), today - timedelta(days=5)),
        (today - timedelta(days=3), today),
    ]
    assert FileStore(data_dir, clock=lambda: NOW).journal_written_runs(today) == want
    mine.refresh()
    assert mine.journal_written_runs(today) == want


def test_a_file_replaced_within_the_same_second_is_told_apart_by_its_bytes(data_dir: Path) -> None:
    """Same size, same mtime, same inode: only the bytes differ (what a restore or a sync can
    do within one tick of the file system clock)."""
    today = date(2026, 11, 23)
    store = FileStore(data_dir, clock=lambda: NOW)
    store.apply([Change(None, entry(today - timedelta(days=1), "甲"))])
    path = data_dir / "journal" / "2026.json"
    assert store.journal_written_runs(today) != []
    stat = path.stat()
    raw = path.read_bytes()
    blanked = raw.replace("甲".encode(), b"   ", 1)  # three bytes for three: a blank body
    assert len(blanked) == len(raw) and blanked != raw
    with open(path, "r+b") as out:  # in place: same inode
        out.write(blanked)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileStore(data_dir, clock=lambda: NOW).journal_written_runs(today) == []


def test_a_restore_rebuilds_the_summaries(data_dir: Path) -> None:
    today = date(2026, 11, 23)
    store = FileStore(data_dir, clock=lambda: NOW)
    store.apply([Change(None, entry(today - timedelta(days=2)))])
    backups.snapshot(data_dir, today - timedelta(days=1))
    store.apply([Change(None, entry(today - timedelta(days=1)))])
    assert store.journal_written_runs(today) == [
        (today - timedelta(days=2), today - timedelta(days=1))
    ]
    backups.restore(data_dir, today - timedelta(days=1), clock=lambda: NOW)
    assert FileStore(data_dir, clock=lambda: NOW).journal_written_runs(today) == [
        (today - timedelta(days=2), today - timedelta(days=2))
    ]


def test_a_damaged_cache_is_rebuilt_and_a_wrong_one_not_trusted(data_dir: Path) -> None:
    today = date(2026, 11, 23)
    store = FileStore(data_dir, clock=lambda: NOW)
    store.apply([Change(None, entry(today))])
    store.journal_written_runs(today)
    cache = data_dir / CACHE_FILE
    assert cache.exists()
    cache.write_text("{not json")
    assert FileStore(data_dir, clock=lambda: NOW).journal_written_runs(today) == [(today, today)]
    document = json.loads(cache.read_text())
    key, _summary = document["files"]["journal/2026.json"]
    key[3] = "0" * 32  # a summary of some other version of the file
    document["files"]["journal/2026.json"] = [key, {"runs": []}]
    cache.write_text(json.dumps(document))
    assert FileStore(data_dir, clock=lambda: NOW).journal_written_runs(today) == [(today, today)]


def test_the_cache_is_never_in_a_snapshot(data_dir: Path) -> None:
    today = date(2026, 11, 23)
    store = FileStore(data_dir, clock=lambda: NOW)
    store.apply([Change(None, entry(today))])
    store.journal_written_runs(today)
    assert (data_dir / CACHE_FILE).exists()
    folder = backups.snapshot(data_dir, today)
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*")}
    assert names and not any(".cache" in name or "summaries" in name for name in names)
