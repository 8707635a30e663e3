"""A task's timer intervals merge as a set (issue 16): intervals recorded on two machines
both survive, and the merged document reads back as the task the model makes of it."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from planner.domain.models import Task
from planner.domain.sync.hlc import Stamp
from planner.domain.sync.merge import Conflict, RecordState, apply_op, local_edit
from planner.domain.sync.ops import Op, op_from_json

DOC: dict[str, Any] = {
    "id": "0000000000r1",
    "created": "2026-11-23T09:00:00+08:00",
    "updated": "2026-11-23T09:00:00+08:00",
    "external_ref": None,
    "title": "Write the report",
    "status": "open",
    "done_at": None,
}


def created() -> RecordState:
    state = RecordState("task", DOC["id"])
    apply_op(state, Op(Stamp(100, 0, "aaaa"), 1, "task", DOC["id"], "create", value=dict(DOC)))
    return state


def edit(state: RecordState, machine: str, wall: int, **fields: Any) -> list[Op]:
    """A local edit of ``state`` on ``machine``, returning its operations."""
    assert state.document is not None
    before = dict(state.document)
    counter = itertools.count(wall)
    done = local_edit(
        state, before, {**before, **fields}, lambda: Stamp(next(counter), 0, machine), dict
    )
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


NINE = {"start": "2026-11-23T09:00:00+08:00", "end": "2026-11-23T09:30:00+08:00"}
TEN = {"start": "2026-11-23T10:00:00+08:00", "end": "2026-11-23T10:45:00+08:00"}
RUNNING = {"start": "2026-11-23T11:00:00+08:00", "end": None}


def task_of(document: dict[str, Any]) -> Task:
    return Task.from_dict(document)


def test_intervals_recorded_on_two_machines_both_survive() -> None:
    state = created()
    state.document = {**(state.document or {}), "intervals": []}
    here, there = copy_of(state), copy_of(state)
    ops_here = edit(here, "bbbb", 500, intervals=[NINE])
    ops_there = edit(there, "cccc", 600, intervals=[TEN])
    assert [(op.op, op.field) for op in ops_here] == [("add", "intervals")]
    assert apply_all(here, ops_there) == apply_all(there, ops_here) == []
    assert here.document is not None and there.document is not None
    assert sorted(here.document["intervals"], key=str) == sorted(
        there.document["intervals"], key=str
    )
    assert task_of(here.document).spent == (30 + 45) * 60


def test_a_stop_is_the_running_interval_replaced_and_merges_with_a_start_elsewhere() -> None:
    state = created()
    state.document = {**(state.document or {}), "intervals": [RUNNING]}
    here, there = copy_of(state), copy_of(state)
    stopped = {**RUNNING, "end": "2026-11-23T11:20:00+08:00"}
    ops_here = edit(here, "bbbb", 500, intervals=[stopped])
    assert sorted(op.op for op in ops_here) == ["add", "remove"]
    ops_there = edit(there, "cccc", 600, intervals=[RUNNING, NINE])
    apply_all(here, ops_there)
    apply_all(there, ops_here)
    assert here.document is not None and there.document is not None
    for document in (here.document, there.document):
        task = task_of(document)
        assert [item.to_dict() for item in task.intervals] == [NINE, stopped]
        assert task.spent == 50 * 60


def test_an_interval_operation_is_written_in_format_2_and_read_back() -> None:
    state = created()
    state.document = {**(state.document or {}), "intervals": []}
    (op,) = edit(copy_of(state), "bbbb", 500, intervals=[NINE])
    op = replace(op, seq=1)  # the log numbers it
    data = op.to_json()
    assert data["v"] == 2
    assert op_from_json(data) == Op(
        op.stamp, op.seq, "task", DOC["id"], "add", "intervals", NINE, version=2
    )
