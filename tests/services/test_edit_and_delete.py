"""Services on the in-memory store: an edit made of tokens as one undoable action, and
deleting tasks, journal entries and setback analyses for good (undoable, leaving nothing
pointing at what is gone)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.edits import parse_edit
from planner.domain.errors import NotFoundError
from planner.domain.models import SetbackAnalysis, Task
from planner.services.planner import Planner

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def planner(store: MemoryStore) -> Planner:
    return Planner(store, Config(), lambda: MONDAY)


def add(planner: Planner, title: str = "task", **fields: object) -> Task:
    return planner.add_task(Task.create(title, planner.now(), **fields))  # type: ignore[arg-type]


def edit_of(planner: Planner, text: str, **options: str | None) -> Task:
    task_id = planner.all_tasks()[0].id
    return planner.apply_edit(
        task_id[:6], parse_edit(text, planner.today(), planner.tz(), **options)
    )


def test_an_edit_is_one_action_that_undo_takes_back_whole(planner: Planner) -> None:
    before = add(planner, "Draft", tags=("old",), people=("李",))
    edited = edit_of(planner, "due:fri -#old #new @王 pri:h !secret", title="Draft the budget")
    assert edited.due == date(2026, 11, 27)
    assert edited.tags == ("new",) and edited.people == ("李", "王")
    assert edited.priority == "high" and edited.confidential
    assert edited.title == "Draft the budget"
    assert len(planner.history.undo_stack) == 2  # the add, then the edit
    action = planner.undo()
    assert action is not None and action.label == "action.edit" and action.subject == before.id
    restored = planner.task(before.id)
    assert restored.to_dict() | {"updated": None} == before.to_dict() | {"updated": None}
    planner.redo()
    assert planner.task(before.id).title == "Draft the budget"


def test_an_edit_that_changes_nothing_records_nothing(planner: Planner) -> None:
    add(planner, tags=("a",))
    stack = list(planner.history.undo_stack)
    edit_of(planner, "#a -#b")
    assert planner.history.undo_stack == stack


def test_deleting_a_task_clears_the_days_it_was_main_of_and_undo_brings_both_back(
    planner: Planner, store: MemoryStore
) -> None:
    task = add(planner, status="open")
    other = add(planner, "other", status="open")
    planner.set_main(task.id)
    planner.set_main(task.id, date(2026, 11, 20))
    planner.set_main(other.id, date(2026, 11, 24))
    removed = planner.delete_task(task.id[:6])
    assert removed.record == task
    assert removed.days_cleared == (date(2026, 11, 20), date(2026, 11, 23))
    assert store.get_task(task.id) is None
    assert planner.main_id() is None and planner.main_id(date(2026, 11, 20)) is None
    assert planner.main_id(date(2026, 11, 24)) == other.id
    action = planner.undo()
    assert action is not None and action.label == "action.delete"
    assert planner.task(task.id).title == "task"
    assert planner.main_id() == task.id and planner.main_id(date(2026, 11, 20)) == task.id


def test_an_archived_task_can_be_deleted(planner: Planner, store: MemoryStore) -> None:
    task = add(planner, status="open")
    planner.complete(task.id)
    store.compact(date(2026, 11, 24))
    assert task.id in store.archive
    planner.delete_task(task.id)
    assert store.get_task(task.id) is None and task.id not in store.archive


def test_deleting_an_unknown_task_is_not_found(planner: Planner) -> None:
    with pytest.raises(NotFoundError):
        planner.delete_task("zzzzzz")


def test_deleting_a_journal_entry_and_undo(planner: Planner, store: MemoryStore) -> None:
    entry = planner.journal_append("wrong import", date(2026, 11, 20))
    removed = planner.delete_entry(date(2026, 11, 20))
    assert removed.record == entry
    assert store.get_entry(date(2026, 11, 20)) is None
    planner.undo()
    restored = store.get_entry(date(2026, 11, 20))
    assert restored is not None and restored.body == entry.body and restored.id == entry.id
    with pytest.raises(NotFoundError) as caught:
        planner.delete_entry(date(2026, 11, 19))
    assert caught.value.kind == "entry"


def test_deleting_an_analysis_keeps_its_measures_as_ordinary_tasks(
    planner: Planner, store: MemoryStore
) -> None:
    analysis = planner.save_setback(SetbackAnalysis.create(date(2026, 11, 20), "late", MONDAY))
    open_measure = planner.add_measure(analysis.id, "Keep a deadline list")
    done_measure = planner.add_measure(analysis.id, "Confirm in writing")
    planner.complete(done_measure.id)
    store.compact(date(2026, 11, 24))  # one measure is in the archive
    unrelated = add(planner, "unrelated")
    removed = planner.delete_setback(analysis.id[:6])
    assert removed.record == analysis
    assert {task.id for task in removed.measures_unlinked} == {open_measure.id, done_measure.id}
    assert store.get_setback(analysis.id) is None
    for measure in (open_measure, done_measure):
        kept = planner.task(measure.id)
        assert kept.setback is None and kept.title == measure.title
    assert planner.task(unrelated.id) == unrelated
    planner.undo()
    assert store.get_setback(analysis.id) is not None
    assert planner.task(open_measure.id).setback == analysis.id
    assert planner.task(done_measure.id).setback == analysis.id


def test_deleting_an_unknown_analysis_names_a_setback(planner: Planner) -> None:
    with pytest.raises(NotFoundError) as caught:
        planner.delete_setback("zzzzzz")
    assert caught.value.kind == "setback"
