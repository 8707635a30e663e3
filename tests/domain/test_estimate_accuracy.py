"""Planned against actual over a period: which tasks count, how far off, which way."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from planner.domain.estimate_accuracy import estimate_accuracy
from planner.domain.models import Task
from planner.domain.review import period_of, review
from planner.domain.timer import Interval

TZ = timezone(timedelta(hours=8))
WEEK = period_of("week", date(2026, 11, 16))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def done(title: str, when: datetime, minutes: int, estimate: int | None) -> Task:
    runs = (Interval(when - timedelta(minutes=minutes), when),) if minutes else ()
    task = Task.create(title, at(15, 9), status="open", estimate=estimate, intervals=runs)
    return task.complete(when)


def test_spent_against_estimates_weighs_tasks_by_size_and_counts_each_way() -> None:
    tasks = [
        done("over", at(16, 11), 90, 60),
        done("under", at(17, 11), 90, 120),
        done("exact", at(18, 11), 30, 30),
    ]
    accuracy = estimate_accuracy(WEEK.days, tasks)
    assert (accuracy.tasks, accuracy.estimated, accuracy.spent) == (3, 210, 210 * 60)
    assert accuracy.percent == 100
    assert (accuracy.over, accuracy.within) == (1, 2)


def test_only_work_done_in_the_period_estimated_and_timed_counts() -> None:
    open_task = Task.create(
        "open", at(16, 9), status="open", estimate=60, intervals=(Interval(at(16, 9), at(16, 10)),)
    )
    tasks = [
        done("untimed", at(16, 11), 0, 60),
        done("unestimated", at(16, 11), 60, None),
        done("last week", at(15, 11), 60, 30),
        done("next week", at(23, 11), 60, 30),
        open_task,
        done("counted", at(20, 11), 72, 60),
    ]
    accuracy = estimate_accuracy(WEEK.days, tasks)
    assert (accuracy.tasks, accuracy.percent, accuracy.over) == (1, 120, 1)


def test_work_done_before_the_day_starts_counts_for_the_evening_before() -> None:
    late = done("late", at(23, 3), 60, 60)  # Monday 23rd at 03:00: Sunday's planning day
    assert estimate_accuracy(WEEK.days, [late]).tasks == 1
    assert estimate_accuracy(WEEK.days, [late], time(2, 0)).tasks == 0


def test_the_review_carries_it_up_to_today_and_none_is_none() -> None:
    tasks = [done("a", at(16, 11), 72, 60), done("b", at(19, 11), 60, 60)]
    figures = review(WEEK, date(2026, 11, 18), tasks=tasks, days=[], entries=[], analyses=[])
    assert (figures.accuracy.tasks, figures.accuracy.percent) == (1, 120)
    empty = review(WEEK, date(2026, 11, 18), tasks=[], days=[], entries=[], analyses=[])
    assert empty.accuracy.tasks == 0 and empty.accuracy.percent is None
