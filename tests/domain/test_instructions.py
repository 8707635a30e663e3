"""An instruction's 督办 state (``planner.domain.instructions``): each state, the order in
which they apply, and the edges of the warning window (the turn of a year, a holiday inside
it, the small hours before the planning day starts)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from planner.domain.clock import planning_date
from planner.domain.errors import DomainError
from planner.domain.instructions import extended, instruction_state, state_of, warning_end
from planner.domain.models import Task
from planner.domain.workdays import NationalDay, WorkCalendar

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)  # a Monday
MONDAY = date(2026, 11, 23)


class NationalDay2026:
    """1 to 7 October 2026 off, Saturday 10 October worked; New Year's Day 2027 off."""

    def lookup(self, day: date) -> NationalDay | None:
        if date(2026, 10, 1) <= day <= date(2026, 10, 7):
            return NationalDay("holiday", "national_day", "National Day")
        if day == date(2026, 10, 10):
            return NationalDay("makeup", "national_day", "National Day")
        if day == date(2027, 1, 1):
            return NationalDay("holiday", "new_years_day", "New Year's Day")
        return NationalDay("ordinary")


CALENDAR = WorkCalendar(NationalDay2026())


def instruction(report_by: date | None = None, **fields: object) -> Task:
    return Task.create("Draft the report", NOW, source="Li", report_by=report_by, **fields)


def state(task: Task, today: date, days: int = 3) -> str | None:
    return instruction_state(task, today, CALENDAR, days)


def test_a_task_without_from_has_no_state() -> None:
    task = Task.create("Plain work", NOW, report_by=MONDAY)
    assert state(task, MONDAY) is None


def test_in_progress_without_a_date_or_far_from_it() -> None:
    assert state(instruction(), MONDAY) == "in_progress"
    assert state(instruction(date(2026, 11, 27)), MONDAY) == "in_progress"  # Friday: 4 wd


def test_due_soon_from_the_third_working_day_to_the_day_itself() -> None:
    assert state(instruction(date(2026, 11, 26)), MONDAY) == "due_soon"  # Thursday: 3 wd
    assert state(instruction(MONDAY), MONDAY) == "due_soon"
    assert state(instruction(MONDAY), MONDAY, days=0) == "due_soon"
    assert state(instruction(date(2026, 11, 24)), MONDAY, days=0) == "in_progress"


def test_overdue_the_day_after() -> None:
    assert state(instruction(MONDAY), date(2026, 11, 24)) == "overdue"


def test_a_weekend_inside_the_window_stretches_it() -> None:
    friday = date(2026, 11, 27)
    assert warning_end(CALENDAR, friday, 3) == date(2026, 12, 2)
    assert state(instruction(date(2026, 12, 2)), friday) == "due_soon"
    assert state(instruction(date(2026, 12, 3)), friday) == "in_progress"


def test_a_holiday_inside_the_window_stretches_it() -> None:
    wednesday = date(2026, 9, 30)
    # 1 to 7 October off: the third working day after 30 September is Saturday 10 October
    # (a make-up day), after Thursday 8 and Friday 9.
    assert warning_end(CALENDAR, wednesday, 3) == date(2026, 10, 10)
    assert state(instruction(date(2026, 10, 10)), wednesday) == "due_soon"
    assert state(instruction(date(2026, 10, 11)), wednesday) == "in_progress"
    plain = WorkCalendar()
    assert instruction_state(instruction(date(2026, 10, 10)), wednesday, plain) == "in_progress"


def test_the_turn_of_a_year() -> None:
    new_years_eve = date(2026, 12, 31)  # Thursday; 1 January 2027 a holiday
    assert warning_end(CALENDAR, new_years_eve, 3) == date(2027, 1, 6)
    assert state(instruction(date(2027, 1, 6)), new_years_eve) == "due_soon"
    assert state(instruction(date(2027, 1, 7)), new_years_eve) == "in_progress"
    assert state(instruction(new_years_eve), date(2027, 1, 1)) == "overdue"


def test_the_small_hours_still_belong_to_the_day_before() -> None:
    report_by = date(2026, 11, 23)
    before_start = datetime(2026, 11, 24, 3, 59, tzinfo=TZ)
    at_start = datetime(2026, 11, 24, 4, 0, tzinfo=TZ)
    task = instruction(report_by)
    assert state(task, planning_date(before_start, time(4, 0))) == "due_soon"
    assert state(task, planning_date(at_start, time(4, 0))) == "overdue"
    assert state(task, planning_date(before_start, time(0, 0))) == "overdue"


def test_an_extension_asked_for_keeps_the_old_date_in_force() -> None:
    task = instruction(MONDAY).request_extension(date(2026, 12, 4), "waiting on figures", NOW)
    assert task.report_by == MONDAY
    assert (task.extension_to, task.extension_reason) == (date(2026, 12, 4), "waiting on figures")
    assert state(task, date(2026, 11, 30)) == "extension_requested"  # past the old date
    assert state(task, date(2026, 11, 2)) == "extension_requested"


def test_an_approved_extension_moves_the_date_and_keeps_the_original() -> None:
    asked = instruction(MONDAY).request_extension(date(2026, 12, 4), "figures late", NOW)
    approved = asked.approve_extension(NOW)
    assert approved.report_by == date(2026, 12, 4)
    assert approved.report_by_original == MONDAY
    assert approved.extension_to is None
    assert approved.extension_reason == "figures late"
    assert extended(approved) and not extended(asked)
    assert state(approved, date(2026, 12, 1)) == "due_soon"  # Tuesday: Friday is 3 wd on
    assert state(approved, date(2026, 11, 30)) == "in_progress"
    assert state(approved, date(2026, 11, 24)) == "in_progress"
    again = approved.request_extension(date(2026, 12, 11), "second round", NOW)
    twice = again.approve_extension(NOW)
    assert (twice.report_by, twice.report_by_original) == (date(2026, 12, 11), MONDAY)


def test_feedback_outranks_an_extension_and_done_closes() -> None:
    asked = instruction(MONDAY).request_extension(date(2026, 12, 4), "late", NOW)
    reported = asked.add_feedback("sent", NOW)
    assert state(reported, date(2026, 12, 10)) == "reported"
    assert state(reported.complete(NOW), date(2026, 12, 10)) == "closed"
    done_unreported = instruction(MONDAY).complete(NOW)
    assert state(done_unreported, date(2026, 11, 25)) == "overdue"
    assert state(instruction(MONDAY).drop(NOW).add_feedback("no", NOW), MONDAY) == "reported"


def test_state_of_takes_the_precomputed_window() -> None:
    task = instruction(date(2026, 11, 26))
    assert state_of(task, MONDAY, date(2026, 11, 26)) == "due_soon"
    assert state_of(task, MONDAY, date(2026, 11, 25)) == "in_progress"


@pytest.mark.parametrize(
    ("fields", "day", "reason", "message"),
    [
        ({"source": None}, date(2026, 12, 1), "r", "only an instruction"),
        ({"report_by": None}, date(2026, 12, 1), "r", "no report-back date"),
        ({}, MONDAY, "r", "must be after 2026-11-23"),
        ({}, date(2026, 12, 1), "  ", "needs a reason"),
    ],
)
def test_an_extension_refused(
    fields: dict[str, object], day: date, reason: str, message: str
) -> None:
    task = Task.create("Draft", NOW, **{"source": "Li", "report_by": MONDAY, **fields})
    with pytest.raises(DomainError, match=message):
        task.request_extension(day, reason, NOW)


def test_approving_nothing_is_refused() -> None:
    with pytest.raises(DomainError, match="no extension was requested"):
        instruction(MONDAY).approve_extension(NOW)


def test_the_extension_fields_round_trip() -> None:
    task = instruction(MONDAY).request_extension(date(2026, 12, 4), "late", NOW)
    raw = task.to_dict()
    assert raw["extension_to"] == "2026-12-04"
    assert raw["extension_reason"] == "late"
    assert raw["report_by_original"] is None
    assert Task.from_dict(raw) == task
    with pytest.raises(DomainError, match="extension_to"):
        Task.from_dict({**raw, "extension_to": "soon"})
