"""The undo history on its own: how an action is recorded, undone and redone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

import pytest

from data.memory import MemoryStore
from planner.domain.errors import DomainError
from planner.domain.models import Day, JournalEntry, Task
from planner.services.history import Action, History, Step, StepRefused
from planner.services.ports import Change

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


class RecordingStore(MemoryStore):
    """A memory store that keeps every list of changes it was asked to apply."""

    def __init__(self) -> None:
        super().__init__()
        self.applied: list[list[Change]] = []

    def apply(self, changes: Sequence[Change]) -> None:
        self.applied.append(list(changes))
        super().apply(changes)


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY)


@pytest.fixture
def store() -> RecordingStore:
    return RecordingStore()


@pytest.fixture
def history(store: RecordingStore, clock: Clock) -> History:
    return History(store, clock)


def add(history: History, title: str) -> Task:
    task = Task.create(title, MONDAY)
    history.run("action.add", lambda: [Change(None, task)], task.id)
    return task


def rename(history: History, store: MemoryStore, task: Task, title: str) -> Action:
    current = store.get_task(task.id)
    assert current is not None
    return history.run(
        "action.edit", lambda: [Change(current, current.touched(MONDAY, title=title))], task.id
    )


def step_of(step: Step | None) -> Action | None:
    return None if step is None else step.action


def title_of(store: MemoryStore, task: Task) -> str | None:
    current = store.get_task(task.id)
    return current.title if current else None


def test_a_new_history_has_nothing_to_undo_or_redo(history: History) -> None:
    assert not history.can_undo and not history.can_redo
    assert history.undo() is None
    assert history.redo() is None


def test_run_applies_the_changes_and_records_them(history: History, store: RecordingStore) -> None:
    task = Task.create("write the report", MONDAY)
    action = history.run("action.add", lambda: [Change(None, task)], task.id)
    assert action == Action("action.add", (Change(None, task),), task.id)
    assert store.get_task(task.id) == task
    assert history.undo_stack == [action]
    assert history.can_undo and not history.can_redo


def test_undo_writes_the_changes_back_and_redo_writes_them_again(
    history: History, store: RecordingStore, clock: Clock
) -> None:
    task = add(history, "draft")
    edit = rename(history, store, task, "final")
    clock.moment = MONDAY + timedelta(hours=1)

    assert step_of(history.undo()) == edit
    restored = store.get_task(task.id)
    assert restored is not None and restored.title == "draft"
    assert restored.updated == clock.moment  # written back now, not at the original time
    assert history.can_undo and history.can_redo

    clock.moment = MONDAY + timedelta(hours=2)
    assert step_of(history.redo()) == edit
    redone = store.get_task(task.id)
    assert redone is not None and redone.title == "final" and redone.updated == clock.moment
    assert history.redo_stack == []


def test_undoing_an_insert_removes_the_record_and_redo_puts_it_back(
    history: History, store: RecordingStore
) -> None:
    task = add(history, "call the supplier")
    history.undo()
    assert store.get_task(task.id) is None
    history.redo()
    assert title_of(store, task) == "call the supplier"


def test_undo_and_redo_go_through_the_stack_in_order(
    history: History, store: RecordingStore
) -> None:
    task = add(history, "one")
    first = rename(history, store, task, "two")
    second = rename(history, store, task, "three")
    assert step_of(history.undo()) == second and title_of(store, task) == "two"
    assert step_of(history.undo()) == first and title_of(store, task) == "one"
    assert step_of(history.redo()) == first and title_of(store, task) == "two"
    assert step_of(history.redo()) == second and title_of(store, task) == "three"
    assert history.redo() is None


def test_a_new_action_clears_the_redo_stack(history: History, store: RecordingStore) -> None:
    task = add(history, "one")
    rename(history, store, task, "two")
    history.undo()
    assert history.can_redo
    rename(history, store, task, "other")
    assert not history.can_redo
    assert history.redo() is None
    assert title_of(store, task) == "other"


def test_changes_that_change_nothing_are_left_out(history: History, store: RecordingStore) -> None:
    task = add(history, "kept")
    other = Task.create("new", MONDAY)
    action = history.run("action.edit", lambda: [Change(task, task), Change(None, other)], other.id)
    assert action.changes == (Change(None, other),)
    assert store.applied[-1] == [Change(None, other)]


def test_an_action_that_changes_nothing_is_neither_written_nor_recorded(
    history: History, store: RecordingStore
) -> None:
    task = add(history, "one")
    rename(history, store, task, "two")
    history.undo()
    writes = store.writes

    action = history.run("action.edit", lambda: [Change(task, task)], task.id)

    assert action == Action("action.edit", (), task.id)
    assert store.writes == writes
    assert len(history.undo_stack) == 1
    assert history.can_redo  # the redo stack survives an action that did nothing


def test_an_error_while_building_writes_and_records_nothing(
    history: History, store: RecordingStore
) -> None:
    add(history, "one")
    writes = store.writes

    def build() -> list[Change]:
        raise DomainError("status", "refused")

    with pytest.raises(DomainError):
        history.run("action.done", build)
    assert store.writes == writes
    assert len(history.undo_stack) == 1


def test_undo_writes_the_changes_in_reverse_order_and_redo_in_order(
    history: History, store: RecordingStore
) -> None:
    task = Task.create("main one", MONDAY)
    day = Day.create(date(2026, 11, 23), MONDAY, main=task.id)
    history.run("action.add", lambda: [Change(None, task), Change(None, day)], task.id)

    history.undo()
    assert [change.record.id for change in store.applied[-1]] == [day.id, task.id]
    assert store.get_task(task.id) is None and store.get_day(day.date) is None

    history.redo()
    assert [change.record.id for change in store.applied[-1]] == [task.id, day.id]
    assert store.get_day(day.date) is not None


def test_undo_never_writes_over_what_another_process_wrote_since(
    history: History, store: RecordingStore
) -> None:
    """Another process appended to the entry this action added: removing it would lose
    that, so nothing is written and the undo is refused, saying which record and why."""
    entry = JournalEntry.create(date(2026, 11, 23), MONDAY).appended("morning", MONDAY)
    history.run("action.journal", lambda: [Change(None, entry)])
    elsewhere = entry.appended("written by another process", MONDAY)
    store.apply([Change(entry, elsewhere)])
    writes = store.writes

    with pytest.raises(StepRefused) as refused:
        history.undo()

    assert store.writes == writes
    assert store.get_entry(entry.date) == elsewhere
    [blocked] = refused.value.blocked
    assert blocked.action.label == "action.journal"
    assert [(c.record, c.field, c.reason) for c in blocked.kept] == [(elsewhere, None, "changed")]
    assert history.can_undo  # still there: it stays blocked until the entry is as it left it


def test_undoing_what_another_process_already_removed_writes_nothing_for_it(
    history: History, store: RecordingStore
) -> None:
    task = add(history, "gone")
    store.apply([Change(task, None)])

    step = history.undo()

    assert step is not None and step.label == "action.add"
    assert store.applied[-1] == []
    assert history.can_redo


def test_two_sessions_on_one_store_undo_their_own_actions(store: RecordingStore) -> None:
    """Two apps on one folder: each u takes back that app's own newest action."""
    first, second = History(store, Clock(MONDAY)), History(store, Clock(MONDAY))
    assert first.own_session() != second.own_session()
    mine = add(first, "first's")
    theirs = add(second, "second's")
    step = first.undo()
    assert step is not None and step.subject == mine.id
    assert store.get_task(theirs.id) is not None and store.get_task(mine.id) is None
    assert not first.can_undo and second.can_undo
    redo = first.redo()
    assert redo is not None and redo.subject == mine.id
    cli = History(store, Clock(MONDAY))  # a planner command: anyone's newest
    undone = cli.undo()  # a redone action keeps its place, as on a stack: second's is newer
    assert undone is not None and undone.subject == theirs.id
