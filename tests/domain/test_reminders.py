"""What ``planner remind`` and the app remind of (``planner.domain.reminders``): the window
(its edges, across midnight and the day's start hour), instructions' report-back dates,
what is said once and what once a day, the counts of a locked folder, and ``--within``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.clock import planning_date
from planner.domain.errors import ParseError
from planner.domain.instructions import warning_end
from planner.domain.models import Task
from planner.domain.reminders import (
    WITHIN_LIMIT_MINUTES,
    Reminder,
    counts,
    moments_of,
    parse_within,
    reminders_of,
    unsaid,
)
from planner.domain.workdays import NationalDay, WorkCalendar

TZ = timezone(timedelta(hours=8))
MONDAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Ordinary:
    def lookup(self, day: date) -> NationalDay | None:
        return NationalDay("ordinary")


CALENDAR = WorkCalendar(Ordinary())


def task(title: str, **fields: object) -> Task:
    return Task.create(title, NOW - timedelta(days=30), status="open", **fields)


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def remind(
    tasks: list[Task],
    now: datetime = NOW,
    within: int = 15,
    day_starts_at: time = time(4, 0),
    warning_days: int = 3,
) -> list[Reminder]:
    today = planning_date(now, day_starts_at)
    return reminders_of(
        tasks,
        now=now,
        today=today,
        within=timedelta(minutes=within),
        warn_until=warning_end(CALENDAR, today, warning_days),
    )


def kinds(found: list[Reminder]) -> list[tuple[str, str]]:
    return [(r.title, r.kind) for r in found]


def test_a_timed_task_is_due_within_the_window_edges_included() -> None:
    tasks = [
        task("at nine", due=at(9)),
        task("at quarter past", due=at(9, 15)),
        task("at sixteen past", due=at(9, 16)),
        task("a minute ago", due=at(8, 59)),
    ]
    assert kinds(remind(tasks)) == [
        ("a minute ago", "overdue"),
        ("at nine", "due"),
        ("at quarter past", "due"),
    ]
    assert kinds(remind(tasks, within=0)) == [("a minute ago", "overdue"), ("at nine", "due")]


def test_closed_tasks_are_never_reminded_of() -> None:
    done = task("done", due=at(9, 5)).complete(NOW)
    dropped = task("dropped", due=MONDAY - timedelta(days=2)).drop(NOW)
    assert remind([done, dropped]) == []


def test_the_window_crosses_midnight_and_the_day_start_decides_overdue() -> None:
    tuesday = MONDAY + timedelta(days=1)
    tasks = [
        task("just after midnight", due=at(0, 5, tuesday)),
        task("all day monday", due=MONDAY),
        task("all day tuesday", due=tuesday),
    ]
    late = at(23, 55)
    assert kinds(remind(tasks, now=late)) == [
        ("all day monday", "due"),
        ("just after midnight", "due"),
    ]
    # 01:00 on Tuesday is still Monday's planning day: Monday's task is due, not overdue
    small_hours = at(1, 0, tuesday)
    assert kinds(remind(tasks, now=small_hours)) == [
        ("just after midnight", "overdue"),
        ("all day monday", "due"),
    ]
    # from 04:00 it is Tuesday: Monday's task is overdue, Tuesday's due
    morning = at(4, 0, tuesday)
    assert kinds(remind(tasks, now=morning)) == [
        ("all day monday", "overdue"),
        ("just after midnight", "overdue"),
        ("all day tuesday", "due"),
    ]
    # with the day starting at midnight, 01:00 is Tuesday already
    assert ("all day monday", "overdue") in kinds(
        remind(tasks, now=small_hours, day_starts_at=time(0, 0))
    )


def test_instructions_are_reminded_of_their_report_back_date() -> None:
    soon = task("report soon", source="Li", report_by=MONDAY + timedelta(days=3))
    later = task("report later", source="Li", report_by=MONDAY + timedelta(days=10))
    late = task("report late", source="Li", report_by=MONDAY - timedelta(days=1))
    asked = task(
        "asked for more time",
        source="Li",
        report_by=MONDAY - timedelta(days=1),
        extension_to=MONDAY + timedelta(days=5),
        extension_reason="waiting on data",
    )
    found = remind([soon, later, late, asked])
    assert kinds(found) == [("report late", "overdue"), ("report soon", "report")]
    assert all(r.of_report for r in found)
    assert remind([soon], warning_days=0) == []


def test_keys_say_a_timed_task_once_and_daily_ones_once_a_day() -> None:
    tasks = [task("call", due=at(9, 10)), task("late", due=MONDAY - timedelta(days=1))]
    first = remind(tasks)
    said = {r.key for r in first}
    assert unsaid(remind(tasks, now=at(9, 5)), said) == []
    tomorrow = at(9, 0, MONDAY + timedelta(days=1))
    again = unsaid(remind(tasks, now=tomorrow), said)
    assert kinds(again) == [("late", "overdue"), ("call", "overdue")]


def test_an_overdue_due_date_and_report_date_on_the_same_day_are_two_reminders() -> None:
    both = task(
        "both", source="Li", due=MONDAY - timedelta(days=1), report_by=MONDAY - timedelta(days=1)
    )
    found = remind([both])
    assert [r.of_report for r in found] == [False, True]
    assert len({r.key for r in found}) == 2


def test_counts_from_moments_follow_the_same_rules() -> None:
    tasks = [
        task("at nine ten", due=at(9, 10)),
        task("at noon", due=at(12)),
        task("all day", due=MONDAY),
        task("late", due=MONDAY - timedelta(days=2)),
        task("report soon", source="Li", report_by=MONDAY + timedelta(days=1)),
        task("far away", due=MONDAY + timedelta(days=30)),
        task("done", due=at(9, 5)).complete(NOW),
    ]
    moments = moments_of(tasks, MONDAY + timedelta(days=8))
    assert len(moments) == 5
    warn_until = warning_end(CALENDAR, MONDAY, 3)
    got = counts(
        moments, now=NOW, today=MONDAY, within=timedelta(minutes=15), warn_until=warn_until
    )
    assert got == {"due": 2, "report": 1, "overdue": 1}
    # three hours on, the times have moved: nine ten is overdue, noon due
    later = counts(
        moments, now=at(12), today=MONDAY, within=timedelta(minutes=15), warn_until=warn_until
    )
    assert later == {"due": 2, "report": 1, "overdue": 2}
    expected = {(r.kind) for r in remind(tasks)}
    assert expected == {"due", "report", "overdue"}


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("15", 15), ("0", 0), ("90m", 90), ("1.5h", 90), ("1h30m", 90), ("2小时", 120), ("１５", 15)],
)
def test_within_reads_minutes_and_durations(text: str, minutes: int) -> None:
    assert parse_within(text) == minutes


@pytest.mark.parametrize("text", ["", "-5", "soon", "1-2h", "10081", "169h", "0.5m", "1天"])
def test_within_refuses_what_is_not_a_window(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_within(text)
    assert caught.value.reason_key == "bad_within"


@given(st.integers(min_value=0, max_value=WITHIN_LIMIT_MINUTES))
def test_within_reads_every_whole_number_in_range(minutes: int) -> None:
    assert parse_within(str(minutes)) == minutes
    assert parse_within(f"{minutes}m" if minutes else "0") == minutes


@given(st.text(max_size=12))
def test_within_reads_or_refuses_anything_with_a_parse_error(text: str) -> None:
    try:
        minutes = parse_within(text)
    except ParseError:
        return
    assert 0 <= minutes <= WITHIN_LIMIT_MINUTES
