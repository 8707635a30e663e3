"""Undo field by field: only what is still as the action left it is put back."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.memory import MemoryStore
from planner.domain.config import Config
from planner.domain.models import Day, Task
from planner.i18n.history import FIELD_KEYS
from planner.i18n.translate import MESSAGES
from planner.services.history import StepRefused
from planner.services.planner import Planner
from planner.services.ports import Change
from planner.services.reversal import Reversal, reversal, same

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
LATER = MONDAY + timedelta(hours=1)


def task(**fields: object) -> Task:
    return Task.create("Draft the budget", MONDAY).touched(MONDAY, **fields)


def plan(change: Change, now: Task | Day | None, *, forward: bool = False) -> Reversal:
    return reversal([change], forward=forward, current=lambda _record: now, now=LATER)


def test_a_record_still_as_the_action_left_it_is_put_back_whole() -> None:
    before = task()
    after = before.touched(MONDAY, title="Draft the 2027 budget", notes="ask finance")
    result = plan(Change(before, after), after)
    assert result.kept == ()
    [write] = result.writes
    assert same(write.after, before) and write.after is not None
    assert write.after.updated == LATER


def test_a_field_changed_since_is_kept_and_the_others_put_back() -> None:
    before = task()
    after = before.touched(MONDAY, title="Draft the 2027 budget", notes="ask finance")
    now = after.touched(MONDAY, notes="finance answered", priority="high")
    result = plan(Change(before, after), now)
    [write] = result.writes
    assert write.before == now
    assert write.after is not None
    assert (write.after.title, write.after.notes, write.after.priority) == (
        "Draft the budget",
        "finance answered",
        "high",
    )
    assert [(c.field, c.reason) for c in result.kept] == [("notes", "changed")]
    assert not result.blocked


def test_every_field_of_the_action_changed_since_blocks_it() -> None:
    before = task(status="inbox")
    accepted = before.accept(MONDAY)
    done = accepted.complete(LATER)
    result = plan(Change(before, accepted), done)
    assert result.writes == () and result.blocked
    assert [(c.field, c.reason) for c in result.kept] == [("status", "changed")]


def test_an_added_record_changed_since_is_not_removed() -> None:
    added = task()
    result = plan(Change(None, added), added.touched(LATER, title="Renamed"))
    assert result.blocked and [(c.field, c.reason) for c in result.kept] == [(None, "changed")]


def test_a_changed_record_deleted_since_is_not_made_again() -> None:
    before = task()
    after = before.touched(MONDAY, title="Renamed")
    result = plan(Change(before, after), None)
    assert result.blocked and [c.reason for c in result.kept] == ["deleted"]


def test_a_record_already_as_undo_would_leave_it_needs_nothing() -> None:
    before = task()
    after = before.touched(MONDAY, title="Renamed")
    result = plan(Change(before, after), before.touched(LATER))
    assert result.writes == () and result.kept == () and not result.blocked
    assert plan(Change(None, before), None).writes == ()


def test_a_day_replaced_by_another_record_of_the_same_date_is_kept() -> None:
    day = Day.create(date(2026, 11, 23), MONDAY, main=task().id)
    other = Day.create(date(2026, 11, 23), LATER, main=None)
    result = plan(Change(None, day), other)
    assert result.blocked and [c.reason for c in result.kept] == ["changed"]


def test_redo_is_the_same_rule_the_other_way() -> None:
    before = task()
    after = before.touched(MONDAY, title="Renamed", notes="mine")
    undone = before.touched(LATER, notes="theirs")
    result = plan(Change(before, after), undone, forward=True)
    [write] = result.writes
    assert write.after is not None
    assert (write.after.title, write.after.notes) == ("Renamed", "theirs")


@given(
    st.sampled_from(["title", "notes", "priority", "central"]),
    st.sampled_from(["title", "notes", "priority", "central"]),
)
def test_undo_never_writes_over_a_field_another_process_changed(mine: str, theirs: str) -> None:
    values = {"title": "Other title", "notes": "other notes", "priority": "low", "central": True}
    more = {"title": "Third title", "notes": "third", "priority": "high", "central": False}
    before = task()
    after = before.touched(MONDAY, **{mine: values[mine]})
    now = after.touched(MONDAY, **{theirs: more[theirs]})
    result = plan(Change(before, after), now)
    final = result.writes[-1].after if result.writes else now
    assert final is not None
    assert getattr(final, theirs) == more[theirs]  # never written over
    if mine != theirs:
        assert getattr(final, mine) == getattr(before, mine)


def test_undo_in_a_planner_reverses_only_what_it_can() -> None:
    store = MemoryStore()
    planner = Planner(store, Config(), lambda: MONDAY)
    added = planner.quick_add("Call the supplier")
    planner.accept(added.id)
    current = store.get_task(added.id)
    assert current is not None
    done = current.complete(LATER)
    store.apply([Change(current, done)])  # a writer that keeps no history
    writes = store.writes
    with pytest.raises(StepRefused) as refused:
        planner.undo()  # the accept is blocked; the add too (the task changed since)
    assert [b.action.label for b in refused.value.blocked] == ["action.accept", "action.add"]
    assert store.writes == writes and store.get_task(added.id) == done


def test_every_field_of_every_record_has_words_in_the_catalog() -> None:
    from dataclasses import fields

    from planner.domain.models import JournalEntry, SetbackAnalysis

    for model in (Task, Day, JournalEntry, SetbackAnalysis):
        for field in fields(model):
            if field.name in ("updated", "import_base"):
                continue
            assert field.name in FIELD_KEYS, f"{model.__name__}.{field.name}"
    assert all(key in MESSAGES for key in FIELD_KEYS.values())
