"""The merge rules of sync, one by one, on documents (no files)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from planner.domain.sync.hlc import Stamp
from planner.domain.sync.merge import (
    Conflict,
    RecordClock,
    RecordState,
    apply_op,
    decide,
    element_key,
    local_edit,
)
from planner.domain.sync.ops import Op

DOC: dict[str, Any] = {
    "id": "0000000000r1",
    "created": "2026-11-23T09:00:00+08:00",
    "updated": "2026-11-23T09:00:00+08:00",
    "title": "Write the report",
    "due": None,
    "tags": ["work"],
    "people": [],
    "feedback": [],
    "status": "open",
    "done_at": None,
}


def ticker(machine: str, start: int = 1000) -> Callable[[], Stamp]:
    counter = itertools.count(start)
    return lambda: Stamp(next(counter), 0, machine)


def no_body(old: str, new: str) -> Any:
    return {"text": new}


def created(machine: str = "aaaa", wall: int = 100) -> tuple[RecordState, Op]:
    """A record made on ``machine`` and its create operation, as another machine holds it."""
    stamp = Stamp(wall, 0, machine)
    op = Op(stamp, 1, "task", DOC["id"], "create", value=dict(DOC))
    state = RecordState("task", DOC["id"])
    apply_op(state, op)
    return state, op


def edit(state: RecordState, machine: str, wall: int, **fields: Any) -> list[Op]:
    """A local edit of ``state`` on ``machine`` (its own copy), returning its operations."""
    assert state.document is not None and state.clock is not None
    before = dict(state.document)
    after = {**before, **fields}
    done = local_edit(state, before, after, ticker(machine, wall), no_body)
    state.document, state.clock, state.tombstone = done.document, done.clock, done.tombstone
    return done.ops


def copy_of(state: RecordState) -> RecordState:
    assert state.document is not None and state.clock is not None
    return RecordState(state.kind, state.record, dict(state.document), state.clock.copy())


def apply_all(state: RecordState, ops: list[Op]) -> list[Conflict]:
    found: list[Conflict] = []
    for op in sorted(ops, key=lambda o: o.stamp):
        found.extend(apply_op(state, op).conflicts)
    return found


def test_a_later_field_value_wins_and_an_earlier_one_loses() -> None:
    state, _ = created()
    mine = copy_of(state)
    ops = edit(mine, "bbbb", 500, title="New title")
    assert [(op.op, op.field) for op in ops] == [("set", "title")]
    assert ops[0].replaces == Stamp(100, 0, "aaaa")
    assert apply_all(state, ops) == []
    assert state.document is not None and state.document["title"] == "New title"
    older = Op(
        Stamp(300, 0, "cccc"), 1, "task", DOC["id"], "set", "title", "Old", Stamp(100, 0, "aaaa")
    )
    conflicts = apply_all(state, [older])
    assert state.document["title"] == "New title"
    assert [(c.winner, c.loser) for c in conflicts] == [("New title", "Old")]


def test_edits_of_different_fields_both_hold() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    ops_here = edit(here, "bbbb", 500, title="Title here")
    ops_there = edit(there, "cccc", 600, due="2026-12-01")
    assert apply_all(here, ops_there) == []
    assert apply_all(there, ops_here) == []
    assert here.document == there.document
    assert here.document is not None
    assert (here.document["title"], here.document["due"]) == ("Title here", "2026-12-01")


def test_same_field_on_both_sides_is_decided_alike_and_reported_on_both() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    ops_here = edit(here, "bbbb", 500, title="Here")
    ops_there = edit(there, "cccc", 600, title="There")
    found_here = apply_all(here, ops_there)
    found_there = apply_all(there, ops_here)
    assert here.document == there.document
    assert here.document is not None and here.document["title"] == "There"
    assert [(c.winner, c.loser, c.loser_machine) for c in found_here] == [("There", "Here", "bbbb")]
    assert [(c.winner, c.loser) for c in found_there] == [("There", "Here")]
    assert found_here[0].id == found_there[0].id


def test_an_edit_made_after_receiving_wins_whatever_the_wall_clock_says() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    first = edit(there, "cccc", 900, title="First")
    apply_all(here, first)
    # "bbbb"'s wall clock runs behind (200), but its clock observed 900: the stamp is later.
    later = edit(here, "bbbb", 901, title="Second")
    assert later[0].replaces == first[0].stamp
    assert apply_all(there, later) == []
    assert there.document is not None and there.document["title"] == "Second"


def test_decide() -> None:
    local, older, newer = Stamp(5, 0, "a"), Stamp(3, 0, "b"), Stamp(7, 0, "b")
    assert decide(local, newer, local) == (True, False)
    assert decide(local, newer, older) == (True, True)
    assert decide(local, older, None) == (False, True)
    assert decide(local, local, None) == (False, False)


def test_set_elements_addition_here_and_removal_of_another_there_both_hold() -> None:
    state, _ = created()
    state.document = {**(state.document or {}), "tags": ["work", "home"]}
    here, there = copy_of(state), copy_of(state)
    ops_here = edit(here, "bbbb", 500, tags=["work", "home", "urgent"])
    ops_there = edit(there, "cccc", 600, tags=["home"])
    assert [op.op for op in ops_here] == ["add"]
    assert [op.op for op in ops_there] == ["remove"]
    assert apply_all(here, ops_there) == apply_all(there, ops_here) == []
    assert here.document is not None and there.document is not None
    assert here.document["tags"] == there.document["tags"] == ["home", "urgent"]


def test_feedback_elements_are_known_by_their_json() -> None:
    state, _ = created()
    item = {"at": "2026-11-24T10:00:00+08:00", "text": "done on time"}
    here, there = copy_of(state), copy_of(state)
    ops = edit(here, "bbbb", 500, feedback=[item])
    assert ops[0].value == item
    apply_all(there, ops)
    assert there.document is not None and there.document["feedback"] == [item]
    removal = edit(there, "cccc", 700, feedback=[])
    apply_all(here, removal)
    assert here.document is not None and here.document["feedback"] == []
    assert element_key(item) in (here.clock.elements["feedback"] if here.clock else {})


def test_concurrent_additions_are_ordered_alike() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    ops_here = edit(here, "bbbb", 500, tags=["work", "zeta"])
    ops_there = edit(there, "cccc", 400, tags=["work", "alpha"])
    apply_all(here, ops_there)
    apply_all(there, ops_here)
    assert here.document is not None and there.document is not None
    assert here.document["tags"] == there.document["tags"] == ["work", "alpha", "zeta"]


def test_a_deleted_record_never_comes_back() -> None:
    state, create = created()
    here, there = copy_of(state), copy_of(state)
    delete = Op(Stamp(500, 0, "bbbb"), 2, "task", DOC["id"], "delete")
    apply_all(here, [delete])
    assert here.document is None and here.tombstone == delete.stamp
    # an edit made without seeing the delete, and one made after it: neither resurrects
    stale = edit(there, "cccc", 400, title="Edited elsewhere")
    after = edit(there, "cccc", 900, title="Edited after")
    apply_all(here, [*stale, *after, create])
    assert here.document is None
    # and the machine that edited converges when the delete arrives
    apply_all(there, [delete])
    assert there.document is None


def test_undoing_a_delete_after_seeing_it_brings_the_record_back() -> None:
    state, _ = created()
    here = copy_of(state)
    done = local_edit(here, dict(DOC), None, ticker("bbbb", 500), no_body)
    here.document, here.clock, here.tombstone = done.document, done.clock, done.tombstone
    undo = local_edit(here, None, dict(DOC), ticker("bbbb", 600), no_body)
    assert undo.ops[0].op == "create" and undo.ops[0].replaces == done.tombstone
    there = copy_of(state)
    apply_all(there, [*done.ops, *undo.ops])
    assert there.document is not None and there.tombstone is None
    # an older deletion arriving afterwards (concurrent with the undo) changes nothing
    apply_all(there, [Op(Stamp(550, 0, "cccc"), 1, "task", DOC["id"], "delete")])
    assert there.document is not None


def test_done_on_one_machine_and_edited_on_another_keeps_both() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    done = edit(here, "bbbb", 500, status="done", done_at="2026-11-24T10:00:00+08:00")
    edited = edit(there, "cccc", 600, title="Better title")
    apply_all(here, edited)
    apply_all(there, done)
    assert here.document == there.document
    assert here.document is not None
    assert (here.document["status"], here.document["title"]) == ("done", "Better title")


def test_applying_an_operation_twice_changes_nothing() -> None:
    state, create = created()
    other = copy_of(state)
    ops = edit(other, "bbbb", 500, title="Once", tags=["work", "more"])
    apply_all(state, ops)
    snapshot = (dict(state.document or {}), (state.clock or RecordClock(create.stamp)).to_json())
    for op in [create, *ops]:
        outcome = apply_op(state, op)
        assert not outcome.changed and outcome.conflicts == []
    assert (state.document, (state.clock or RecordClock(create.stamp)).to_json()) == snapshot


def test_two_creates_of_one_record_merge_field_by_field() -> None:
    day_doc = {"id": "0000000000d1", "date": "2026-11-23", "main": None, "carried_from": None}
    first = Op(Stamp(100, 0, "aaaa"), 1, "day", "0000000000d1", "create", value=day_doc)
    second = Op(
        Stamp(200, 0, "bbbb"),
        1,
        "day",
        "0000000000d1",
        "create",
        value={**day_doc, "main": "0000000000t1"},
    )
    one, two = RecordState("day", "0000000000d1"), RecordState("day", "0000000000d1")
    apply_all(one, [first, second])
    apply_all(two, [second])
    found = apply_all(two, [first])
    assert one.document == two.document
    assert one.document is not None and one.document["main"] == "0000000000t1"
    assert [(c.winner, c.loser) for c in found] == [("0000000000t1", None)]


def test_updated_is_decided_quietly() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    ops_here = edit(here, "bbbb", 500, title="A", updated="2026-11-24T10:00:00+08:00")
    ops_there = edit(there, "cccc", 600, due="2026-12-01", updated="2026-11-24T11:00:00+08:00")
    assert apply_all(here, ops_there) == []
    assert apply_all(there, ops_here) == []
    assert here.document == there.document


def test_journal_body_edits_are_append_or_body_operations() -> None:
    doc = {"id": "0000000000j1", "date": "2026-11-23", "body": "first\n", "tags": []}
    state = RecordState("journal", "0000000000j1", dict(doc), RecordClock(Stamp(100, 0, "aaaa")))
    appended = local_edit(state, doc, {**doc, "body": "first\n\nsecond\n"}, ticker("bbbb"), no_body)
    assert [(op.op, op.value) for op in appended.ops] == [("append", "\nsecond\n")]
    rewritten = local_edit(state, doc, {**doc, "body": "other\n"}, ticker("bbbb"), no_body)
    assert [(op.op, op.value) for op in rewritten.ops] == [("body", {"text": "other\n"})]
    assert rewritten.ops[0].base is not None
    target = RecordState("journal", "0000000000j1", dict(doc), RecordClock(Stamp(100, 0, "aaaa")))
    assert apply_op(target, rewritten.ops[0]).changed and target.body_touched


def test_conflict_json_round_trip() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    edit(here, "bbbb", 500, title="Here")
    (conflict,) = apply_all(here, edit(there, "cccc", 600, title="There"))
    assert Conflict.from_json(conflict.to_json()) == conflict
    clock = here.clock
    assert clock is not None and RecordClock.from_json(clock.to_json()) == clock


def test_a_removal_received_before_its_addition_round_trips() -> None:
    state, _ = created()
    removal = Op(Stamp(500, 0, "bbbb"), 1, "task", DOC["id"], "remove", "tags", "late")
    apply_all(state, [removal])
    assert state.clock is not None
    assert RecordClock.from_json(state.clock.to_json()) == state.clock
    apply_all(state, [Op(Stamp(400, 0, "cccc"), 1, "task", DOC["id"], "add", "tags", "late")])
    assert state.document is not None and state.document["tags"] == ["work"]


def test_a_record_made_anew_without_seeing_its_deletion_is_deleted() -> None:
    _state, create = created()
    delete = Op(Stamp(300, 0, "bbbb"), 2, "task", DOC["id"], "delete")
    made_again = Op(Stamp(400, 0, "cccc"), 1, "task", DOC["id"], "create", value=dict(DOC))
    here, there = RecordState("task", DOC["id"]), RecordState("task", DOC["id"])
    apply_all(here, [create, delete, made_again])
    apply_all(there, [made_again])
    apply_all(there, [create, delete])
    assert here.document is None and there.document is None


def test_text_typed_at_the_end_of_a_line_is_a_body_edit_not_an_append() -> None:
    doc = {"id": "0000000000j1", "date": "2026-11-23", "body": "first", "tags": []}
    state = RecordState("journal", "0000000000j1", dict(doc), RecordClock(Stamp(100, 0, "aaaa")))
    typed = local_edit(state, doc, {**doc, "body": "first words"}, ticker("bbbb"), no_body)
    assert [op.op for op in typed.ops] == ["body"]


def test_an_earlier_life_of_a_revived_record_counts_nowhere() -> None:
    _state, create = created()
    d1 = Op(Stamp(200, 0, "bbbb"), 2, "task", DOC["id"], "delete")
    r1 = Op(
        Stamp(300, 0, "bbbb"),
        3,
        "task",
        DOC["id"],
        "create",
        value={**DOC, "title": "r1"},
        replaces=d1.stamp,
    )
    tag = Op(Stamp(350, 0, "bbbb"), 4, "task", DOC["id"], "add", "tags", "old-life")
    d2 = Op(Stamp(400, 0, "bbbb"), 5, "task", DOC["id"], "delete")
    d3 = Op(Stamp(500, 0, "cccc"), 2, "task", DOC["id"], "delete")
    r2 = Op(
        Stamp(600, 0, "cccc"),
        3,
        "task",
        DOC["id"],
        "create",
        value={**DOC, "title": "r2"},
        replaces=d3.stamp,
    )
    in_order = RecordState("task", DOC["id"])
    apply_all(in_order, [create, d1, r1, tag, d2, d3, r2])
    late = RecordState("task", DOC["id"])
    apply_all(late, [create, d3, r2])
    apply_all(late, [d1, r1, tag, d2])
    assert in_order.document == late.document
    assert in_order.document is not None and in_order.document["title"] == "r2"
    assert in_order.document["tags"] == ["work"]


def test_status_and_closing_time_travel_together() -> None:
    state, _ = created()
    here, there = copy_of(state), copy_of(state)
    closed = edit(here, "bbbb", 500, status="done", done_at="2026-11-24T10:00:00+08:00")
    assert {(op.field, op.stamp) for op in closed} == {
        ("status", closed[0].stamp),
        ("done_at", closed[0].stamp),
    }
    reopened = edit(there, "cccc", 600, status="inbox")  # status only: done_at goes with it
    assert {op.field for op in reopened} == {"status", "done_at"}
    apply_all(here, reopened)
    apply_all(there, closed)
    assert here.document == there.document
    assert here.document is not None
    assert (here.document["status"], here.document["done_at"]) == ("inbox", None)


def test_a_reorder_alone_keeps_the_stored_order_everywhere() -> None:
    state, _ = created()
    state.document = {**(state.document or {}), "tags": ["work", "home"]}
    here, there = copy_of(state), copy_of(state)
    ops = edit(here, "bbbb", 500, tags=["urgent", "home", "work"])
    assert [(op.op, op.value) for op in ops] == [("add", "urgent")]
    apply_all(there, ops)
    assert here.document is not None and there.document is not None
    assert here.document["tags"] == there.document["tags"] == ["work", "home", "urgent"]
