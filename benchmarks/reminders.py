"""What the app's look for reminders costs (``planner.shell.app_remind``: once a minute, on
the UI thread, over open work already in memory).

    uv run python -m benchmarks.reminders [--runs 7]

300 open tasks: a third timed across the day, a third due on dates around today, one in
ten an instruction with a report-back date; prints the median of ``--runs`` timings, each
the mean of 1000 looks.
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from datetime import date, datetime, timedelta, timezone

from planner.domain.models import Task
from planner.domain.reminders import reminders_of

TZ = timezone(timedelta(hours=8))
MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
CALLS = 1000


def open_work(count: int = 300) -> list[Task]:
    tasks: list[Task] = []
    for number in range(count):
        due: datetime | date | None = None
        if number % 3 == 0:
            due = MOMENT + timedelta(minutes=number)
        elif number % 3 == 1:
            due = MOMENT.date() + timedelta(days=number % 10 - 3)
        report = MOMENT.date() + timedelta(days=number % 7) if number % 10 == 0 else None
        source = "Office" if report is not None else None
        created = MOMENT - timedelta(days=1)
        tasks.append(
            Task.create(
                f"task {number}", created, status="open", due=due, source=source, report_by=report
            )
        )
    return tasks


def look(tasks: list[Task]) -> None:
    reminders_of(
        tasks,
        now=MOMENT,
        today=MOMENT.date(),
        within=timedelta(minutes=1),
        warn_until=MOMENT.date() + timedelta(days=3),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    tasks = open_work()
    timings = [timeit.timeit(lambda: look(tasks), number=CALLS) / CALLS for _ in range(runs)]
    print(f"one look over {len(tasks)} open tasks: {statistics.median(timings) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
