"""Ten years of one machine's log, before and after compaction (issue #14).

    uv run python -m benchmarks.sync_compaction [--years 10] [--seed 20261123]

A machine that has synced from its first day: each working day of everyday use is turned
into operations the way ``FileStore.apply`` turns a write into them (``merge.local_edit``
with ``body_merge.body_edit`` on each record's document and clock) and appended to its log
(``OwnLog``, one append per day; no data files: what a write costs in the store is
``benchmarks.sync``'s and ``benchmarks.store``'s). A working day: four tasks added (tags,
people), each edited zero to three times (title, due date, priority, notes, a tag flipped)
and closed within ten days; the day's main contradiction set, and changed on one day in
three; the journal entry written, appended to twice and, once a week, edited in the middle.
Then ``data.sync.compaction.compact`` takes the whole log (every other machine has applied
it): the log's size and operation count before and after, and the time compaction took.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from data.sync.compaction import compact, compacted_through
from data.sync.oplog import OwnLog, log_files
from planner.domain.ids import new_id
from planner.domain.models import AnyRecord, Day, JournalEntry, Task
from planner.domain.sync.body_merge import body_edit
from planner.domain.sync.hlc import HybridClock
from planner.domain.sync.merge import KIND_OF_RECORD, RecordState, local_edit
from planner.domain.sync.ops import Op

TZ = timezone(timedelta(hours=8))
TAGS = ["work", "home", "report", "meeting", "training", "audit"]
PEOPLE = ["li", "wang", "zhang", "chen"]
WORDS = ["plan", "review", "draft", "send", "check", "call", "update", "prepare", "finish", "read"]


class Machine:
    """One machine's records (document + clock) and its log."""

    def __init__(self, root: Path, now: Callable[[], datetime]) -> None:
        self.machine = new_id()
        self.log = OwnLog(root, self.machine)
        self.now = now
        self.clock = HybridClock(self.machine, lambda: int(now().timestamp() * 1000))
        self.states: dict[str, RecordState] = {}
        self.pending: list[Op] = []

    def write(self, before: AnyRecord | None, after: AnyRecord) -> AnyRecord:
        kind = KIND_OF_RECORD[after.record_kind]
        state = self.states.setdefault(after.id, RecordState(kind, after.id))
        edit = local_edit(
            state,
            None if before is None else state.document,
            after.to_dict(),
            self.clock.tick,
            body_edit,
        )
        state.document, state.clock, state.tombstone = edit.document, edit.clock, edit.tombstone
        self.pending.extend(edit.ops)
        return after

    def end_of_day(self) -> None:
        self.log.append(self.pending)
        self.pending = []


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))


def simulate(root: Path, years: int, seed: int) -> Machine:
    rng = random.Random(seed)
    moment = [datetime(2016, 1, 4, 8, 0, tzinfo=TZ)]
    machine = Machine(root, lambda: moment[0])
    open_tasks: list[tuple[Task, date]] = []
    day = moment[0].date()
    end = day + timedelta(days=365 * years)

    def at(hour: int, minute: int = 0) -> datetime:
        moment[0] = datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
        return moment[0]

    while day < end:
        if day.weekday() < 5:
            for index in range(4):
                task = Task.create(
                    sentence(rng)[:60],
                    at(8, index),
                    tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
                    people=tuple(rng.sample(PEOPLE, rng.randint(0, 1))),
                )
                machine.write(None, task)
                open_tasks.append((task, day + timedelta(days=rng.randint(0, 10))))
            entry = JournalEntry.create(day, at(9), body=sentence(rng) + "\n")
            machine.write(None, entry)
            main = Day.create(day, at(9, 5), main=open_tasks[-1][0].id)
            machine.write(None, main)
            still: list[tuple[Task, date]] = []
            for minute, (task, closing) in enumerate(open_tasks):
                now = at(10 + minute % 7, minute % 60)
                if rng.random() < 0.15:
                    task = edit_task(machine, task, rng, now)
                if closing <= day:
                    closed = task.complete(now) if rng.random() < 0.9 else task.drop(now)
                    machine.write(task, closed)
                else:
                    still.append((task, closing))
            open_tasks = still
            for hour in (13, 17):
                entry = machine.write(entry, entry.appended(sentence(rng), at(hour)))  # type: ignore[assignment]
            if day.weekday() == 4:
                lines = entry.body.splitlines()
                lines[len(lines) // 2] = sentence(rng)
                edited = entry.touched(at(18), body="\n".join(lines) + "\n")
                machine.write(entry, edited)
            if rng.random() < 1 / 3 and open_tasks:
                machine.write(main, main.touched(at(19), main=rng.choice(open_tasks)[0].id))
            machine.end_of_day()
        day += timedelta(days=1)
    return machine


def edit_task(machine: Machine, task: Task, rng: random.Random, now: datetime) -> Task:
    changes: dict[str, Any] = rng.choice(
        [
            {"title": sentence(rng)[:60]},
            {"due": now.date() + timedelta(days=rng.randint(1, 9))},
            {"priority": rng.choice(["high", "medium", "low"])},
            {"notes": sentence(rng)},
            {"tags": tuple(sorted(set(task.tags) ^ {rng.choice(TAGS)}))},
        ]
    )
    edited = task.touched(now, **changes)
    machine.write(task, edited)
    return edited


def log_size(root: Path, machine: str) -> int:
    return sum(path.stat().st_size for path in log_files(root, machine))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planner-compaction-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        machine = simulate(root, args.years, args.seed)
        made = time.perf_counter() - started
        last = machine.log.last_seq
        before = log_size(root, machine.machine)
        started = time.perf_counter()
        done = compact(root, machine.machine, last)
        took = time.perf_counter() - started
        assert compacted_through(root, machine.machine) == last
        after = log_size(root, machine.machine)
        kept = last - done.removed
        print(f"{args.years} years of one machine's log ({made:.1f} s to make)")
        print(f"  before compaction: {before / 1e6:6.1f} MB, {last:,} operations")
        print(f"  after compaction:  {after / 1e6:6.1f} MB, {kept:,} operations")
        print(f"  taken out: {done.removed:,} operations; compaction took {took:.1f} s")


if __name__ == "__main__":
    main()
