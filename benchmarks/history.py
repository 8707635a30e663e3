"""What the shared undo history costs, on a full one (the last 100 actions).

    uv run python -m benchmarks.history [--runs 30]

Prints, each the median of ``--runs``, in milliseconds, on a temporary data folder:
- write: one triage action (``w``, waiting on and off) through the planner, history and
  all, and the same with a history that records nothing (the baseline), so the difference
  is what recording costs a write;
- append: ``history.json`` alone taking one more action (with its fsyncs);
- decode: reading and checking every record of the full history, as ``undo`` and
  ``--list`` do;
- undo: one undo step in a process that has read the history already, as the app's ``u``
  (plan, write the data and the history); ``planner undo`` adds one decode.
Also the file's size.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from data.history_file import HISTORY_FILE, parse_history
from data.memory import MemoryActionLog
from data.store import FileStore
from planner.domain.config import Config
from planner.services.history import KEEP
from planner.services.planner import Planner
from planner.services.ports import ActionLog

TZ = timezone(timedelta(hours=8))
MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Unrecorded(FileStore):
    """The baseline: a store whose history keeps nothing (and so costs nothing)."""

    def action_log(self) -> ActionLog:
        return MemoryActionLog()


def median_ms(runs: int, step: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def full_planner(folder: Path, store: FileStore) -> Planner:
    planner = Planner(store, Config(data_dir=folder), lambda: MOMENT)
    for number in range(KEEP):
        planner.quick_add(f"task {number} @Wang #budget due:fri")
    return planner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as base:
        folder = Path(base) / "recorded"
        planner = full_planner(folder, FileStore(folder, clock=lambda: MOMENT))
        task = planner.store.open_tasks()[0].id
        bare_folder = Path(base) / "bare"
        bare = full_planner(bare_folder, Unrecorded(bare_folder, clock=lambda: MOMENT))
        bare_task = bare.store.open_tasks()[0].id
        pairs = [
            (
                median_ms(1, lambda: planner.toggle_waiting(task)),
                median_ms(1, lambda: bare.toggle_waiting(bare_task)),
            )
            for _ in range(runs)  # in turn, so a drifting load touches both alike
        ]
        write = statistics.median(with_history for with_history, _ in pairs)
        baseline = statistics.median(without for _, without in pairs)
        log = planner.store.action_log()
        action = planner.history.actions()[-1].action
        append = median_ms(runs, lambda: log.append(MOMENT, "cli", action, keep=KEEP))
        path = folder / HISTORY_FILE
        raw = path.read_bytes()
        decode = median_ms(runs, lambda: parse_history(path, raw))
        undo = median_ms(runs, lambda: Planner(planner.store, planner.config, planner.clock).undo())
        print(f"history.json: {len(raw) / 1024:.0f} KiB, {KEEP} actions")
        print(f"write: {write:.1f} ms with the history, {baseline:.1f} ms without")
        print(f"append: {append:.1f} ms   decode: {decode:.1f} ms   undo: {undo:.1f} ms")


if __name__ == "__main__":
    main()
