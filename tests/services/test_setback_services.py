"""Setback services on the in-memory store: save, measures, review mark, undo, derived state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.errors import NotFoundError, ParseError
from planner.domain.models import SetbackAnalysis, SetbackState
from planner.services.planner import Planner

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
WEDNESDAY = date(2026, 11, 25)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def planner(store: MemoryStore, clock: Clock) -> Planner:
    return Planner(store, Config(), clock)


def new_analysis(planner: Planner, **fields: object) -> SetbackAnalysis:
    values: dict[str, object] = {
        "kind": "communication",
        "subjective": "I did not confirm the deadline",
        "principal_cause": "subjective",
        "lesson": "Repeat the deadline back when taking an instruction",
    }
    values.update(fields)
    return SetbackAnalysis.create(planner.today(), "Report was late", planner.now(), **values)


def state_of(planner: Planner, setback_id: str) -> SetbackState:
    for analysis, measures in planner.setbacks():
        if analysis.id == setback_id:
            return analysis.state(measures, planner.today())
    raise AssertionError("no such analysis")


# --- save ------------------------------------------------------------------------------------


def test_save_inserts_then_updates(planner: Planner, store: MemoryStore, clock: Clock) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    assert store.get_setback(analysis.id) == analysis

    clock.moment = MONDAY + timedelta(hours=2)
    edited = planner.save_setback(replace(analysis, lesson="Write the deadline down"))
    stored = store.get_setback(analysis.id)
    assert stored == edited
    assert stored is not None
    assert stored.lesson == "Write the deadline down"
    assert stored.created == MONDAY and stored.updated == clock.moment


def test_saving_an_unchanged_analysis_writes_nothing(planner: Planner, store: MemoryStore) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    writes = store.writes
    again = planner.save_setback(analysis)
    assert again == analysis
    assert store.writes == writes
    planner.undo()  # the one undoable step is the insert
    assert store.get_setback(analysis.id) is None
    assert not planner.can_undo


def test_undo_and_redo_of_save(planner: Planner, store: MemoryStore) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    planner.save_setback(replace(analysis, title="Report was two days late"))
    planner.undo()
    stored = store.get_setback(analysis.id)
    assert stored is not None and stored.title == "Report was late"
    planner.undo()
    assert store.get_setback(analysis.id) is None
    planner.redo()
    assert store.get_setback(analysis.id) is not None


# --- measures --------------------------------------------------------------------------------


def test_add_measure_links_an_open_task(planner: Planner, clock: Clock) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    task = planner.add_measure(analysis.id[:6], "Confirm deadlines in writing due:fri @Wang")
    assert task.title == "Confirm deadlines in writing"
    assert task.status == "open"
    assert task.setback == analysis.id
    assert task.due == date(2026, 11, 27) and task.people == ("Wang",)
    assert not task.confidential
    clock.moment = MONDAY + timedelta(minutes=5)
    bare = planner.add_measure(analysis.id, "Keep a deadline list")
    assert bare.status == "open"  # decided work: never the inbox
    assert bare.due is None and bare.people == ()
    [(listed, measures)] = planner.setbacks()
    assert listed.id == analysis.id
    assert [m.id for m in measures] == [task.id, bare.id]  # in the order they were added


def test_every_quick_add_token_carries_into_the_measure(planner: Planner) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    task = planner.add_measure(
        analysis.id,
        "落实整改 due:周五@14:00 sched:+1d report:周三 from:张主任 every:fri pri:h "
        "!central @财务处 @王处长 #督办 #整改",
    )
    assert task.title == "落实整改"
    assert task.setback == analysis.id and task.status == "open"
    assert task.due == datetime(2026, 11, 27, 14, 0, tzinfo=TZ)
    assert task.scheduled == date(2026, 11, 24)
    assert task.report_by == WEDNESDAY
    assert task.source == "张主任" and task.received == MONDAY.date()
    assert task.recur == "FREQ=WEEKLY;BYDAY=FR"
    assert task.priority == "high"
    assert task.central
    assert task.people == ("财务处", "王处长")
    assert task.tags == ("督办", "整改")
    assert not task.confidential


def test_a_parsed_measure_is_taken_as_parsed(planner: Planner) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    parsed = planner.quick_add_check("Confirm the brief due:fri !central @Wang #audit")
    task = planner.add_measure(analysis.id, parsed)
    assert (task.title, task.due, task.central) == ("Confirm the brief", date(2026, 11, 27), True)
    assert (task.people, task.tags) == (("Wang",), ("audit",))


def test_a_secret_measure_is_confidential_and_main_is_one_undo_step(planner: Planner) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    secret = planner.add_measure(analysis.id, "Talk to the director !secret")
    assert secret.confidential
    stored = planner.store.get_setback(analysis.id)
    assert stored is not None and not stored.confidential  # the analysis stays as it was
    main = planner.add_measure(analysis.id, "Rewrite the brief !main")
    assert main.status == "open" and planner.main_id() == main.id
    planner.undo()  # the measure and the day's main contradiction together
    assert planner.main_id() is None
    with pytest.raises(NotFoundError):
        planner.task(main.id)


def test_an_unreadable_measure_adds_nothing(planner: Planner, store: MemoryStore) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    writes = store.writes
    with pytest.raises(ParseError) as caught:
        planner.add_measure(analysis.id, "Confirm the brief due:frx")
    assert caught.value.part == "due:frx"
    assert store.writes == writes
    [(_, measures)] = planner.setbacks()
    assert measures == []


def test_measures_of_a_confidential_analysis_are_confidential(planner: Planner) -> None:
    analysis = planner.save_setback(new_analysis(planner, confidential=True))
    assert planner.add_measure(analysis.id, "Talk to the director").confidential


def test_making_an_analysis_confidential_takes_its_measures_along(
    planner: Planner, store: MemoryStore
) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    first = planner.add_measure(analysis.id, "First measure")
    planner.complete(first.id)
    store.compact(date(2026, 11, 24))  # the done measure moves to the archive
    second = planner.add_measure(analysis.id, "Second measure")
    planner.save_setback(replace(analysis, confidential=True))
    assert planner.task(first.id).confidential and planner.task(second.id).confidential
    planner.undo()  # one step: the analysis and both measures
    assert not planner.task(first.id).confidential
    assert not planner.task(second.id).confidential
    stored = store.get_setback(analysis.id)
    assert stored is not None and not stored.confidential


def test_undo_of_add_measure_removes_it(planner: Planner) -> None:
    analysis = planner.save_setback(new_analysis(planner))
    task = planner.add_measure(analysis.id, "Confirm deadlines in writing")
    planner.undo()
    with pytest.raises(NotFoundError):
        planner.task(task.id)
    [(_, measures)] = planner.setbacks()
    assert measures == []
    planner.redo()
    assert planner.task(task.id).setback == analysis.id


def test_unknown_setback_is_not_found(planner: Planner) -> None:
    with pytest.raises(NotFoundError):
        planner.add_measure("zzzzzz", "anything")
    with pytest.raises(NotFoundError):
        planner.mark_setback_reviewed("zzzzzz")


# --- review mark and derived state -----------------------------------------------------------


def test_state_goes_open_then_review_due_then_resolved(planner: Planner, clock: Clock) -> None:
    analysis = planner.save_setback(new_analysis(planner, review_on=WEDNESDAY))
    # No measures and the review date still ahead: open.
    assert state_of(planner, analysis.id) == "open"
    first = planner.add_measure(analysis.id, "Confirm deadlines in writing")
    second = planner.add_measure(analysis.id, "Keep a deadline list")
    planner.complete(first.id)
    assert state_of(planner, analysis.id) == "open"  # one measure still open
    planner.drop(second.id)
    assert state_of(planner, analysis.id) == "open"  # all closed, review date not yet come
    clock.moment = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)
    assert state_of(planner, analysis.id) == "review_due"
    reviewed = planner.mark_setback_reviewed(analysis.id[:6])
    assert reviewed.reviewed_at == clock.moment
    assert state_of(planner, analysis.id) == "resolved"
    planner.undo()
    assert state_of(planner, analysis.id) == "review_due"
    planner.redo()
    assert state_of(planner, analysis.id) == "resolved"


def test_reopening_a_measure_reopens_the_analysis(planner: Planner) -> None:
    analysis = planner.save_setback(new_analysis(planner))  # no review date
    measure = planner.add_measure(analysis.id, "Confirm deadlines in writing")
    planner.complete(measure.id)
    assert state_of(planner, analysis.id) == "resolved"
    planner.reopen(measure.id)
    assert state_of(planner, analysis.id) == "open"


def test_a_draft_stays_a_draft(planner: Planner) -> None:
    analysis = planner.save_setback(new_analysis(planner, draft=True, principal_cause=None))
    planner.add_measure(analysis.id, "Think it over")
    assert state_of(planner, analysis.id) == "draft"
    planner.save_setback(replace(analysis, draft=False, principal_cause="goal"))
    assert state_of(planner, analysis.id) == "open"


# --- the review service ----------------------------------------------------------------------


def test_review_reads_open_work_archive_days_and_journal(
    planner: Planner, store: MemoryStore, clock: Clock
) -> None:
    main = planner.quick_add("Draft the budget !main")
    planner.complete(main.id)
    planner.journal_append("Monday went well")
    analysis = planner.save_setback(new_analysis(planner))
    planner.add_measure(analysis.id, "Confirm deadlines in writing")
    clock.moment = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    store.compact(planner.today())  # Monday's done main moves to the archive
    assert main.id in store.archive
    planner.journal_append("Tuesday too")

    week = planner.review("week", planner.today())
    # Monday's main was done on Monday: kept 1 of 1 (Tuesday has no main).
    assert (week.main.kept, week.main.total, week.main.rate) == (1, 1, 1.0)
    assert week.done_counts == (1, 0, 0, 0, 0, 0, 0)
    # Mon and Tue written: 2 days, current streak 2 (ends today), longest 2.
    assert week.journal.days_written == 2
    assert (week.journal.current_streak, week.journal.longest_streak) == (2, 2)
    assert week.setbacks.count("subjective") == 1
    assert (week.setbacks.measures_open, week.setbacks.measures_done) == (1, 0)

    month = planner.review("month", date(2026, 11, 1))
    assert (month.period.start, month.period.end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert month.main.total == 1 and len(month.done_per_day) == 30


def test_the_wizard_saves_only_the_fields_it_changed_over_the_latest(planner: Planner) -> None:
    """Another process (here: another planner on the store) changed the lesson while the
    wizard was open on the analysis; the wizard changed the goal: both stay (issue #12)."""
    opened = planner.save_setback(
        SetbackAnalysis.create(date(2026, 11, 20), "Missed the deadline", planner.now())
    )
    other = Planner(planner.store, planner.config, planner.clock)
    other.save_setback(replace(opened, lesson="ask earlier"))

    saved = planner.save_setback(replace(opened, goal="deliver on time"), base=opened)

    assert (saved.goal, saved.lesson) == ("deliver on time", "ask earlier")
    stored = planner.setback(opened.id)
    assert (stored.goal, stored.lesson) == ("deliver on time", "ask earlier")
    # without a base the whole analysis is written, as before
    planner.save_setback(replace(opened, goal="x"))
    assert planner.setback(opened.id).lesson == ""
