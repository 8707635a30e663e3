"""The first write of a day (which snapshots the data first) against the day's other writes.

Run by ``benchmarks.store`` on each data set size. Each simulated day is a new process (a
fresh ``FileStore``) whose first write takes the day's snapshot; the day then goes on as a
real one does (a task done, the day's main contradiction, a journal entry, the evening's
compaction), so the next day's snapshot copies and verifies the files a day changes: open
work, and this year's days, journal and archive. Between two days the benchmark waits two
seconds: a file written within two seconds of a snapshot is read again at the next one (its
``stat`` alone cannot be trusted so close to it), which a real night between two days never
meets, and which would otherwise be measured here. The first snapshot of a folder copies every
file, once (and, for a folder whose old snapshots were hard links of the live files, first
gives each live file storage of its own): that is measured apart. Also the disk the
snapshots take: each distinct content once (``backups/.blobs``), counted by inode.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.dataset import END, TZ
from data.files.layout import Layout
from data.store import FileStore
from data.tinydb.storage import RECENT_NS
from planner.domain.clock import Clock
from planner.domain.models import Day, JournalEntry, Task
from planner.services.ports import Change


@dataclass(frozen=True, slots=True)
class FirstWriteFigures:
    first_ever: float
    """Seconds: the first write with no snapshot of this format yet (every file copied)."""
    firsts: list[float]
    """Seconds: each later day's first write (its snapshot copies the files that changed)."""
    others: list[float]
    """Seconds: a second write on each of those days."""
    live_bytes: int
    backups_bytes: int
    snapshots: int


def _at(day: int) -> datetime:
    return datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ) + timedelta(days=day)


def _add(store: FileStore, moment: datetime, title: str) -> float:
    task = Task.create(title, moment)
    started = time.perf_counter()
    store.apply([Change(None, task)])
    return time.perf_counter() - started


def _rest_of_the_day(store: FileStore, moment: datetime) -> None:
    """What a day writes besides: a task done, the Day, a journal entry, then compaction."""
    target = next(t for t in store.open_tasks() if t.is_active)
    store.apply([Change(target, target.complete(moment + timedelta(hours=2)))])
    day = moment.date()
    held, entry = store.get_day(day), store.get_entry(day)
    main = Day.create(day, moment) if held is None else held
    text = JournalEntry.create(day, moment) if entry is None else entry
    store.apply(
        [
            Change(held, replace(main, main=target.id, updated=moment)),
            Change(entry, replace(text, body=text.body + "今天" * 300, updated=moment)),
        ]
    )
    store.compact(day + timedelta(days=1))


def _link_like_old_snapshots(data_dir: Path) -> None:
    """A snapshot of the old format: hard links of every live file."""
    layout = Layout(data_dir)
    folder = layout.backups / _at(-1).date().isoformat()
    for _kind, path in layout.data_files():
        target = folder / layout.relative(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.link(path, target)


def _distinct_bytes(folder: Path) -> int:
    """Bytes of the files under ``folder``, each inode counted once."""
    seen: dict[tuple[int, int], int] = {}
    for current, _dirs, names in os.walk(folder):
        for name in names:
            st = (Path(current) / name).stat()
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


def _clock(moment: datetime) -> Clock:
    return lambda: moment


def measure_first_writes(data_dir: Path, days: int) -> FirstWriteFigures:
    _link_like_old_snapshots(data_dir)
    moment = _at(1)
    store = FileStore(data_dir, clock=_clock(moment))
    store.open_tasks()
    first_ever = _add(store, moment, "first write with copied snapshots")
    _rest_of_the_day(store, moment)
    time.sleep(RECENT_NS / 1e9)
    firsts: list[float] = []
    others: list[float] = []
    for day in range(2, days + 2):
        now = _at(day)
        store = FileStore(data_dir, clock=_clock(now))  # a new process each day
        store.open_tasks()
        firsts.append(_add(store, now, f"first write of day {day}"))
        others.append(_add(store, now, f"second write of day {day}"))
        _rest_of_the_day(store, now)
        time.sleep(RECENT_NS / 1e9)
    layout = Layout(data_dir)
    live = sum(path.stat().st_size for _kind, path in layout.data_files())
    snapshots = sum(1 for entry in os.scandir(layout.backups) if entry.name[:1].isdigit())
    return FirstWriteFigures(
        first_ever, firsts, others, live, _distinct_bytes(layout.backups), snapshots
    )
