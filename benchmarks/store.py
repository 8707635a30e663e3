"""Store timings at one year and at ten years of history (median of several runs).

    uv run python -m benchmarks.store

Prints, for each size: the time to open what the board needs (a fresh ``FileStore``, the
open tasks, today's Day and the ranked board), one durable write (add a task; mark one
done), the first write of a day (which takes the day's snapshot) against the day's other
writes over ``--runs`` simulated days (``benchmarks.first_write``), the disk the snapshots
take, and the size of every data file. Each figure is the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.dataset import END, TZ, write
from benchmarks.first_write import measure_first_writes
from data.store import FileStore
from planner.domain.clock import Clock
from planner.domain.config import Config
from planner.domain.models import Task
from planner.services.planner import Planner
from planner.services.ports import Change


def _clock() -> Clock:
    moment = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
    return lambda: moment


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def open_board(data_dir: Path) -> float:
    """Fresh process-like open: new store, board data, ranked board."""
    started = time.perf_counter()
    store = FileStore(data_dir, clock=_clock())
    planner = Planner(store, Config(data_dir=data_dir), _clock())
    board = planner.board()
    elapsed = time.perf_counter() - started
    assert board.today or board.inbox
    return elapsed


def write_add(store: FileStore, index: int) -> float:
    task = Task.create(f"benchmark task {index}", _clock()())
    started = time.perf_counter()
    store.apply([Change(None, task)])
    return time.perf_counter() - started


def write_done(store: FileStore) -> float:
    target = next(t for t in store.open_tasks() if t.is_active)
    started = time.perf_counter()
    store.apply([Change(target, target.complete(_clock()()))])
    return time.perf_counter() - started


def process_add(data_dir: Path) -> float:
    """A whole ``planner add`` process, as a script would run it."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(data_dir), "add", "measure #bench"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def process_bare() -> float:
    """The floor: a Python process that does nothing, in the same run."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def file_sizes(data_dir: Path) -> dict[str, int]:
    return {
        str(path.relative_to(data_dir)): path.stat().st_size
        for path in sorted(data_dir.rglob("*.json"))
        if "backups" not in path.parts
    }


def measure(years: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        built = time.perf_counter()
        counts = write(data_dir, years)
        print(f"\n{years} year(s): {counts} (generated in {time.perf_counter() - built:.1f} s)")
        opens = [open_board(data_dir) for _ in range(runs)]
        store = FileStore(data_dir, clock=_clock())
        store.open_tasks()
        adds = [write_add(store, i) for i in range(runs)]
        dones = [write_done(store) for _ in range(runs)]
        processes = [process_add(data_dir) for _ in range(runs)]
        bare = [process_bare() for _ in range(runs)]
        sizes = file_sizes(data_dir)
        days = measure_first_writes(data_dir, runs)
        first, other = median_ms(days.firsts), median_ms(days.others)
        figures = {
            "open board data (ms)": median_ms(opens),
            "durable write: add a task (ms)": median_ms(adds),
            "durable write: mark done (ms)": median_ms(dones),
            "whole `planner add` process (ms)": median_ms(processes),
            "bare `python -c pass` process (ms)": median_ms(bare),
            "first write of a day (ms)": first,
            "another write that day (ms)": other,
            "  the first costs more by (ms)": first - other,
            "  slowest first write of a day (ms)": max(days.firsts) * 1000,
            "first write with copied snapshots (ms)": days.first_ever * 1000,
        }
        for name, value in figures.items():
            print(f"  {name:<40} {value:8.1f}")
        print(
            f"  snapshots: {days.snapshots} kept, {days.backups_bytes / 2**20:.1f} MiB on disk"
            f" for {days.live_bytes / 2**20:.1f} MiB of live data"
        )
        total = sum(sizes.values())
        print(f"  files: {len(sizes)}, {total / 1024:.0f} KiB in all; largest:")
        for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:5]:
            print(f"    {name:<28} {size / 1024:8.1f} KiB")
        print(f"    {'tasks/open.json':<28} {sizes.get('tasks/open.json', 0) / 1024:8.1f} KiB")
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, nargs="*", default=[1, 10])
    args = parser.parse_args()
    for years in args.years:
        measure(years, args.runs)


if __name__ == "__main__":
    main()
