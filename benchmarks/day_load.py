"""What today's load costs the board: ``day_load`` runs with every board the app shows (each
key that changes something), over the main contradiction and the Today lane.

    uv run python -m benchmarks.day_load [--runs 7]

A Today lane of 300 open tasks, 50 of them estimated and 25 timed on the day; prints the
median of ``--runs`` timings, each the mean of 1000 calls.
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from datetime import date, datetime, timedelta, timezone

from planner.domain.capacity import Capacity
from planner.domain.load import counted_tasks, day_load
from planner.domain.models import Task
from planner.domain.ranking import Board, RankedTask
from planner.domain.workdays import WorkdayAnswer

TZ = timezone(timedelta(hours=8))
MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
CALLS = 1000


def board_of(count: int = 300) -> Board:
    tasks = [
        Task.create(
            f"task {number}",
            MOMENT,
            status="open",
            estimate=30 if number % 6 == 0 else None,
            due=MOMENT + timedelta(hours=number % 8) if number % 12 == 0 else None,
        )
        for number in range(count)
    ]
    today = tuple(RankedTask(task, 0.0, "today") for task in tasks)
    return Board(MOMENT.date(), None, (), (), (), today)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    board = board_of()
    answer = WorkdayAnswer(date(2026, 11, 23), True, "weekday")
    capacity = Capacity()

    def once() -> None:
        day_load(counted_tasks(board), answer, capacity)

    times = [timeit.timeit(once, number=CALLS) / CALLS for _ in range(runs)]
    load = day_load(counted_tasks(board), answer, capacity)
    print(
        f"day_load, 300 tasks in Today ({load.planned // 30} estimated, "
        f"{len(load.unestimated)} without): median {statistics.median(times) * 1e6:.0f} µs"
    )


if __name__ == "__main__":
    main()
