"""The journal and the review on the ten-year data set (3,650 entries of ~600 characters).

    uv run python -m benchmarks.journal [--runs 5]

Each run is a fresh process, as a user's first ``2`` after launching is: the first opening
pays for importing the screen, reading the files and the first frame (with Python's bytecode
cache, as on a user's machine: a first, unreported run fills it). Each run waits half a
second after the board's first frame, as a user would, so the board's own start-up work is
done. Prints the median of ``--runs`` (and the spread) of:

- the journal screen ready after the ``2`` key: its first frame shows today's entry in the
  editor and the date list with the days in view, and takes keys (first time, and again);
- the date list holding every year (the older years arrive from a worker thread), and the
  longest the event loop went without a turn meanwhile (after the first frame): the longest a
  key typed then waits before the app even looks at it;
- a search for a word as the user types it (search and repaint), once every year is in;
- the review screen ready after the ``4`` key: first frame (the period and a loading line),
  then the week's figures on screen (cold: ten years read in a worker), then ``m`` (a month),
  ``[`` (the month before) and ``]`` back, each pressed ``READING`` seconds after the figures
  before it were shown, as a user reading them does (the screen computes the periods a key
  away meanwhile), and a ``[`` pressed as soon as the one before was drawn (its period
  not computed yet: the figures computed, then drawn);
- computing the review of a month on a freshly opened store, on this thread (cold).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.dataset import END, TZ, write

MOMENT = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
POLL = 0.002
READING = 0.3
"""Seconds a user looks at the review's figures before the next key."""


def _app(data_dir: Path):  # type: ignore[no-untyped-def]
    from data.store import FileStore
    from planner.domain.config import Config
    from planner.services.planner import Planner
    from planner.shell.app import PlannerApp

    store = FileStore(data_dir, clock=lambda: MOMENT)
    return PlannerApp(Planner(store, Config(data_dir=data_dir), lambda: MOMENT))


async def _refreshed(app: Any) -> None:
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await asyncio.wait_for(done.wait(), 30)


async def ready_after(
    app: Any, act: Callable[[], object], ready: Callable[[], bool], poll: float = 0.0
) -> float:
    """Seconds from ``act()`` to the end of the first repaint that shows ``ready()``: the
    messages are processed until it holds, then the frame is awaited. While a worker thread
    computes, ``poll`` should be a few milliseconds, or the polling itself takes the GIL
    from it."""
    started = time.perf_counter()
    act()
    while not ready():
        if time.perf_counter() - started > 30:
            raise TimeoutError("the screen never became ready")
        await asyncio.sleep(poll)
    await _refreshed(app)
    return time.perf_counter() - started


class LoopStalls:
    """The longest gap between two turns of the event loop while it runs: a task that sleeps
    ``TICK`` at a time notes how late it wakes. A key typed during a gap waits for its end
    (whether the loop ran code of its own or waited for a worker thread's GIL)."""

    TICK = 0.002

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(self.TICK)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - self.TICK)
            last = now

    def start(self) -> None:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._watch())

    def stop(self) -> float:
        """Stops watching; the longest gap seen, in seconds."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        return self.longest


async def painted(app: Any, act: Callable[[], object]) -> float:
    """Seconds from ``act()`` to the first repaint after it."""
    return await ready_after(app, act, lambda: True)


async def measure(data_dir: Path) -> dict[str, float]:
    """One run, in this (fresh) process."""
    app = _app(data_dir)
    figures: dict[str, float] = {}
    # What start-up built lives as long as the app: ``PlannerApp.run`` exempts it from the
    # garbage collector (``run_test`` does not go through ``run``), so do the same here, or
    # a full collection walks Textual's and the board's objects again at random moments.
    gc.freeze()
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause(0.5)  # the board's start-up work settles, as it has when a user acts

        def journal_ready() -> bool:
            from widgets.screens.journal import JournalScreen

            screen = app.screen
            if not isinstance(screen, JournalScreen) or screen.entry is None:
                return False
            options = screen.date_list
            return (
                screen.editor.text == screen.entry.body
                and options.option_count > 0
                and options.highlighted is not None
            )

        started = time.perf_counter()
        figures["journal_first"] = await ready_after(app, app.action_journal, journal_ready)
        screen = app.screen
        stalls = LoopStalls()
        stalls.start()
        # (``complete`` and ``awaiting`` default so the benchmark also runs on older versions)
        await ready_after(
            app,
            lambda: None,
            lambda: getattr(screen, "complete", True) and not getattr(screen, "filling", False),
            POLL,
        )
        figures["journal_complete"] = time.perf_counter() - started
        figures["journal_stall"] = stalls.stop()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.action_board()
        await pilot.pause()
        figures["journal_again"] = await ready_after(app, app.action_journal, journal_ready)
        await pilot.pause()
        from widgets.screens.journal import SearchInput

        screen.action_search()
        await pilot.pause()
        box = screen.query_one(SearchInput)
        searches = []
        for word in ("材料", "纪要", "领导"):
            searches.append(await painted(app, partial(setattr, box, "value", word)))
            await pilot.pause()
        figures["search"] = statistics.median(searches)
        screen.leave_search()
        await pilot.pause()

        from widgets.screens.review import ReviewScreen

        def review_ready() -> bool:
            screen = app.screen
            return isinstance(screen, ReviewScreen) and not getattr(screen, "awaiting", False)

        def review_shown() -> bool:
            screen = app.screen
            return isinstance(screen, ReviewScreen) and screen.ready

        started = time.perf_counter()
        figures["review_frame"] = await ready_after(app, app.action_review, review_shown)
        await ready_after(app, lambda: None, review_ready, POLL)
        figures["review_week_cold"] = time.perf_counter() - started
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.result is not None
        await asyncio.sleep(READING)
        figures["review_month"] = await ready_after(
            app, lambda: review.action_kind("month"), review_ready, POLL
        )
        await asyncio.sleep(READING)
        figures["review_previous"] = await ready_after(
            app, lambda: review.action_move(-1), review_ready, POLL
        )
        await asyncio.sleep(READING)
        figures["review_next"] = await ready_after(
            app, lambda: review.action_move(1), review_ready, POLL
        )
        await asyncio.sleep(READING)
        await ready_after(app, lambda: review.action_move(-1), review_ready, POLL)
        figures["review_at_once"] = await ready_after(
            app, lambda: review.action_move(-1), review_ready, POLL
        )
    planner = _app(data_dir).planner
    started = time.perf_counter()
    planner.review("month", END)
    figures["review_compute_cold"] = time.perf_counter() - started
    return figures


LABELS = {
    "journal_first": "journal ready after 2, first time (ms)",
    "journal_complete": "journal: every year in the list (ms)",
    "journal_stall": "journal: longest loop stall meanwhile (ms)",
    "journal_again": "journal ready after 2, again (ms)",
    "search": "search for a word, to repaint (ms)",
    "review_frame": "review: first frame after 4 (ms)",
    "review_week_cold": "review: week figures after 4, cold (ms)",
    "review_month": "review: m, month figures (ms)",
    "review_previous": "review: [, previous month (ms)",
    "review_next": "review: ], next month (ms)",
    "review_at_once": "review: [ at once after [, not computed (ms)",
    "review_compute_cold": "review of a month, computed cold (ms)",
}


def child_runs(data_dir: Path, runs: int, scratch: Path) -> list[dict[str, float]]:
    """``runs`` fresh processes measuring ``data_dir`` (after one unreported run that fills
    the bytecode cache and whatever derived data the data folder keeps), each one's figures
    in seconds."""
    # Python caches compiled modules on a user's machine; a sandbox that forbids
    # writing them would charge every first opening for compiling Textual's widgets.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    child = [sys.executable, "-m", "benchmarks.journal", "--child", str(data_dir)]
    found: list[dict[str, float]] = []
    for run in range(runs + 1):
        out = subprocess.run(child, check=False, capture_output=True, text=True, env=env)
        if out.returncode:
            raise RuntimeError(f"{' '.join(child)} failed:\n{out.stderr[-3000:]}")
        if run:  # the first run fills the bytecode cache
            found.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(asyncio.run(measure(args.child))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        print(f"data set: {write(data_dir, args.years)}")
        runs = child_runs(data_dir, args.runs, Path(tmp))
    print(f"{'median of ' + str(args.runs) + ' runs':<42} {'median':>8} {'min':>8} {'max':>8}")
    for key, label in LABELS.items():
        values = [run[key] * 1000 for run in runs]
        low, high = min(values), max(values)
        print(f"{label:<42} {statistics.median(values):8.1f} {low:8.1f} {high:8.1f}")


if __name__ == "__main__":
    main()
