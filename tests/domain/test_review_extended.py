"""The review's instruction counts keep extended instructions apart (督办, issue 16): an
instruction an approved extension moved is judged against its new date, and counted in
``extended_*``, not with those reported on time against their first date."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from planner.domain.models import Task
from planner.domain.review import instructions, period_of

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
THURSDAY = date(2026, 11, 26)
WEEK = period_of("week", THURSDAY)  # Monday 23 to Sunday 29 November


def instruction(title: str, report_by: date) -> Task:
    return Task.create(title, NOW, status="open", source="Li", report_by=report_by)


def extended(task: Task, to: date) -> Task:
    return task.request_extension(to, "figures late", NOW).approve_extension(NOW)


def reported(task: Task, on: date) -> Task:
    return task.add_feedback("sent", datetime.combine(on, datetime.min.time(), TZ).replace(hour=10))


def test_extended_instructions_are_counted_apart() -> None:
    plain_on_time = reported(instruction("A", date(2026, 11, 24)), date(2026, 11, 24))
    plain_late = reported(instruction("B", date(2026, 11, 23)), date(2026, 11, 25))
    plain_pending = instruction("C", date(2026, 11, 25))
    moved_on_time = reported(
        extended(instruction("D", date(2026, 11, 20)), date(2026, 11, 25)), date(2026, 11, 25)
    )
    moved_late = reported(
        extended(instruction("E", date(2026, 11, 19)), date(2026, 11, 23)), date(2026, 11, 24)
    )
    moved_pending = extended(instruction("F", date(2026, 11, 21)), date(2026, 11, 27))
    asked_only = instruction("G", date(2026, 11, 27)).request_extension(
        date(2026, 12, 4), "not approved yet", NOW
    )
    tasks = [
        plain_on_time, plain_late, plain_pending, moved_on_time, moved_late, moved_pending,
        asked_only,
    ]  # fmt: skip
    result = instructions(WEEK, THURSDAY, tasks)
    assert (result.on_time, result.late, result.pending) == (1, 1, 2)  # G: not extended yet
    assert (result.extended_on_time, result.extended_late, result.extended_pending) == (1, 1, 1)
    assert result.extended == 3 and result.total == 7
    assert result.overdue == 1  # C, pending since Wednesday
    moved = {item.task_id for item in result.items if item.extended}
    assert moved == {moved_on_time.id, moved_late.id, moved_pending.id}


def test_an_extension_moved_out_of_the_period_leaves_it() -> None:
    moved_on = extended(instruction("H", date(2026, 11, 27)), date(2026, 12, 4))
    assert instructions(WEEK, THURSDAY, [moved_on]).total == 0
    assert instructions(period_of("week", date(2026, 12, 4)), THURSDAY, [moved_on]).extended == 1
