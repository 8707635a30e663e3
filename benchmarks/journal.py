"""The journal and the review on the ten-year data set (3,650 entries of ~600 characters).

    uv run python -m benchmarks.journal [--runs 9]

Prints, each the median of ``--runs``: the journal screen ready after the ``2`` key (first
time, when it reads the journal files, and again), a search for a word as the user types
it (search and repaint), and computing the review of a month.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.dataset import END, TZ, write


def _app(data_dir: Path):  # type: ignore[no-untyped-def]
    from data.store import FileStore
    from planner.app import PlannerApp
    from planner.config import Config
    from planner.services import Planner

    moment = datetime(END.year, END.month, END.day, 10, 0, tzinfo=TZ)
    store = FileStore(data_dir, clock=lambda: moment)
    return PlannerApp(Planner(store, Config(data_dir=data_dir), lambda: moment))


async def painted(app: object, act: object) -> float:
    """Seconds from ``act()`` to the first repaint after it."""
    done = asyncio.Event()
    started = time.perf_counter()
    act()  # type: ignore[operator]
    app.call_after_refresh(done.set)  # type: ignore[attr-defined]
    await asyncio.wait_for(done.wait(), 30)
    return time.perf_counter() - started


async def measure(data_dir: Path, runs: int) -> dict[str, float]:
    from widgets.journal import JournalScreen, SearchInput

    first_open: list[float] = []
    again: list[float] = []
    searches: list[float] = []
    reviews: list[float] = []
    for _ in range(runs):
        app = _app(data_dir)
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            first_open.append(await painted(app, app.action_journal))
            await pilot.pause()
            assert isinstance(app.screen, JournalScreen)
            app.action_board()
            await pilot.pause()
            again.append(await painted(app, app.action_journal))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, JournalScreen)
            screen.action_search()
            await pilot.pause(0.5)  # let the background folding finish, as a reader would
            box = screen.query_one(SearchInput)
            for word in ("材料", "纪要", "领导"):
                searches.append(await painted(app, lambda w=word, b=box: setattr(b, "value", w)))
                await pilot.pause()
            started = time.perf_counter()
            app.planner.review("month", END)
            reviews.append(time.perf_counter() - started)
    return {
        "journal screen ready, first time (ms)": statistics.median(first_open) * 1000,
        "journal screen ready, again (ms)": statistics.median(again) * 1000,
        "search for a word, to repaint (ms)": statistics.median(searches) * 1000,
        "review of a month (ms)": statistics.median(reviews) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        print(f"data set: {write(data_dir, args.years)}")
        for name, value in asyncio.run(measure(data_dir, args.runs)).items():
            print(f"{name:<42} {value:8.1f}")


if __name__ == "__main__":
    main()
