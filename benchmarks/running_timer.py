"""What finding the running timer costs the app: it is read from open work after every
write the app sees (``PlannerApp.refresh_board``), and its header words every 30 s.

    uv run python -m benchmarks.running_timer [--runs 7]

300 open tasks in a memory store, 50 of them timed before (two runs each), one running;
prints the median of ``--runs`` timings, each the mean of 1000 calls, of
``Planner.running_timer`` and of the header's words.
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from datetime import datetime, timedelta, timezone

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import Task
from planner.domain.timer import Interval
from planner.i18n.timer_words import header_words
from planner.services.planner import Planner
from planner.services.ports import Change
from planner.services.timer import elapsed_minutes

TZ = timezone(timedelta(hours=8))
MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
CALLS = 1000


def planner_of(count: int = 300) -> Planner:
    def runs(number: int) -> tuple[Interval, ...]:
        if number == 7:
            return (Interval(MOMENT),)
        if number % 6:
            return ()
        day = MOMENT - timedelta(days=number % 5 + 1)
        return (
            Interval(day, day + timedelta(minutes=25)),
            Interval(day + timedelta(hours=2), day + timedelta(hours=3)),
        )

    tasks = [
        Task.create(f"task {n}", MOMENT, status="open", intervals=runs(n)) for n in range(count)
    ]
    store = MemoryStore()
    store.apply([Change(None, task) for task in tasks])
    return Planner(store, Config(), lambda: MOMENT + timedelta(minutes=25))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    planner = planner_of()
    found = planner.running_timer()
    assert found is not None

    def words() -> None:
        header_words(found.task.title, elapsed_minutes(found, planner.now()), 80)

    for name, call in (("running_timer", planner.running_timer), ("header words", words)):
        times = [timeit.timeit(call, number=CALLS) / CALLS for _ in range(runs)]
        print(f"{name}, 300 open tasks: median {statistics.median(times) * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
