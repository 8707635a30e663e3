"""What the 督办 states cost the board: each board computes every open task's instruction
state (``RankContext.instruction_state``, the warning window counted once a day).

    uv run python -m benchmarks.instruction_states [--runs 7]

300 open tasks, a third of them instructions with report-back dates spread over twenty
days; prints the median of ``--runs`` timings of the states alone and of a whole
``build_board`` with them, each the mean of 200 calls.
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from datetime import date, datetime, timedelta, timezone

from planner.domain.instructions import warning_end
from planner.domain.models import Task
from planner.domain.ranking import RankContext, build_board
from planner.domain.workdays import WorkCalendar

TZ = timezone(timedelta(hours=8))
MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
CALLS = 200


def tasks_of(count: int = 300) -> list[Task]:
    return [
        Task.create(
            f"task {number}",
            MOMENT,
            status="open",
            source="Director Li" if number % 3 == 0 else None,
            report_by=date(2026, 11, 16) + timedelta(days=number % 20),
        )
        for number in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    tasks = tasks_of()
    today = MOMENT.date()
    ctx = RankContext(today, MOMENT, warn_until=warning_end(WorkCalendar(), today, 3))

    def states() -> None:
        for task in tasks:
            ctx.instruction_state(task)

    def board() -> None:
        build_board(tasks, None, ctx)

    state_times = [timeit.timeit(states, number=CALLS) / CALLS for _ in range(runs)]
    board_times = [timeit.timeit(board, number=CALLS) / CALLS for _ in range(runs)]
    print(
        f"instruction states of 300 open tasks (100 instructions): median "
        f"{statistics.median(state_times) * 1e6:.0f} µs; build_board with them: median "
        f"{statistics.median(board_times) * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    main()
