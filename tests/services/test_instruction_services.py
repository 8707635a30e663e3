"""Instructions through the service (督办, issue 16): the board's items carry their state,
extensions are one undoable action each, and the app's deferred calendar counts the warning
window on plain weekdays only until the national calendar has loaded."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import Task
from planner.domain.workdays import NationalDay, WorkCalendar
from planner.services.planner import Planner

TZ = timezone(timedelta(hours=8))
WEDNESDAY = datetime(2026, 9, 30, 9, 0, tzinfo=TZ)  # National Day's holiday from tomorrow


class LoadingCalendar:
    """National Day 2026 (1 to 7 October off, Saturday 10 October worked), "loaded" only
    once told so, as China's tables are after their first import."""

    def __init__(self) -> None:
        self.loaded = False

    def lookup(self, day: date) -> NationalDay | None:
        if date(2026, 10, 1) <= day <= date(2026, 10, 7):
            return NationalDay("holiday", "national_day", "National Day")
        if day == date(2026, 10, 10):
            return NationalDay("makeup", "national_day", "National Day")
        return NationalDay("ordinary")


def make(national: LoadingCalendar) -> Planner:
    calendar = WorkCalendar(national)
    return Planner(MemoryStore(), Config(), lambda: WEDNESDAY, calendar)


def instruction(planner: Planner, report_by: date) -> Task:
    task = Task.create(
        "Holiday duty roster", WEDNESDAY, status="open", source="Li", report_by=report_by
    )
    return planner.add_task(task)


def test_the_board_carries_each_instructions_state() -> None:
    planner = make(LoadingCalendar())
    soon = instruction(planner, date(2026, 10, 9))
    plain = planner.add_task(Task.create("Plain", WEDNESDAY, status="open"))
    states = {item.task.id: item.instruction for item in planner.board().items()}
    assert states == {soon.id: "due_soon", plain.id: None}
    assert planner.warn_until() == date(2026, 10, 10)


def test_the_app_counts_plain_weekdays_until_the_calendar_has_loaded() -> None:
    national = LoadingCalendar()
    planner = make(national)
    planner.defer_calendar()
    task = instruction(planner, date(2026, 10, 9))
    assert planner.warn_until() == date(2026, 10, 5)  # Thursday, Friday, Monday
    assert planner.instruction_state(task) == "in_progress"
    national.loaded = True
    assert planner.warn_until() == date(2026, 10, 10)
    assert planner.instruction_state(task) == "due_soon"


def test_an_extension_asked_and_approved_is_undone_a_step_at_a_time() -> None:
    planner = make(LoadingCalendar())
    task = instruction(planner, date(2026, 10, 9))
    planner.request_extension(task.id[:6], date(2026, 10, 16), "figures late")
    assert planner.instruction_state(planner.task(task.id)) == "extension_requested"
    planner.approve_extension(task.id[:6])
    approved = planner.task(task.id)
    assert (approved.report_by, approved.report_by_original) == (
        date(2026, 10, 16),
        date(2026, 10, 9),
    )
    planner.undo()
    assert planner.task(task.id).extension_to == date(2026, 10, 16)
    planner.undo()
    assert planner.task(task.id).extension_to is None
