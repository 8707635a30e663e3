"""A task's estimate (issue 16) through sync: merged per field with its range's lower end as
one, and held (not dropped) by a machine whose planner does not know the field yet.

A machine "on older code" is this planner with ``OP_VERSION`` set back to 1: it then holds
an operation of version 2 as an older planner does (``Op.understood``), which is what the
older code does with a line of a newer version."""

from __future__ import annotations

import json

import pytest
from engine_support import Clock, Replica, get, send, sync

from data.sync.oplog import log_files
from planner.domain.models import Task
from planner.domain.sync import ops
from planner.services.ports import Change


def task_on(replica: Replica, task_id: str) -> Task | None:
    found = get(replica, "task", task_id)
    assert found is None or isinstance(found, Task)
    return found


def edit(replica: Replica, clock: Clock, task_id: str, **fields: object) -> None:
    current = task_on(replica, task_id)
    assert current is not None
    replica.write(Change(current, current.touched(clock(), **fields)))


def log_lines(replica: Replica) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for path in log_files(replica.root, replica.machine)
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


def test_an_estimate_edited_on_one_machine_merges_per_field_with_the_other(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = Task.create("Budget", clock(), estimate=120, estimate_low=60)
    a.write(Change(None, task))
    sync(a, b)
    shared = task_on(b, task.id)
    assert shared is not None and (shared.estimate, shared.estimate_low) == (120, 60)

    clock.advance(minutes=1)
    edit(b, clock, task.id, estimate=45, estimate_low=None)  # the estimate on one machine
    clock.advance(minutes=1)
    edit(a, clock, task.id, title="Budget, second draft")  # the title on the other
    reports = sync(a, b)
    assert not any(report.conflicts for report in reports)
    for replica in (a, b):
        merged = task_on(replica, task.id)
        assert merged is not None
        assert merged.title == "Budget, second draft"
        assert (merged.estimate, merged.estimate_low) == (45, None)
    assert a.documents() == b.documents()


def test_concurrent_estimates_keep_the_later_range_whole(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    """The two ends of a range are one edit: the later machine's pair holds on both, never
    one machine's upper end with the other's lower end."""
    a, b = pair
    task = Task.create("Speech", clock(), estimate=60)
    a.write(Change(None, task))
    sync(a, b)
    clock.advance(minutes=1)
    edit(a, clock, task.id, estimate=240, estimate_low=180)
    clock.advance(minutes=1)
    edit(b, clock, task.id, estimate=90, estimate_low=None)
    reports = sync(a, b)
    for replica in (a, b):
        merged = task_on(replica, task.id)
        assert merged is not None and (merged.estimate, merged.estimate_low) == (90, None)
    assert a.documents() == b.documents()
    fields = {conflict.field for report in reports for conflict in report.conflicts}
    assert "estimate" in fields


def test_a_machine_on_older_code_holds_estimates_and_applies_them_once_upgraded(
    pair: tuple[Replica, Replica], clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    plain = Task.create("No estimate", clock())
    estimated = Task.create("Estimated", clock(), estimate=90, estimate_low=60)
    a.write(Change(None, plain), Change(None, estimated))
    clock.advance(minutes=1)
    edit(a, clock, plain.id, estimate=30)
    clock.advance(minutes=1)
    edit(a, clock, estimated.id, title="Estimated, retitled")

    # what the log says: only what carries an estimate is of version 2; a task made without
    # one has no such key at all (an older planner refuses a field it does not know)
    lines = log_lines(a)
    creations = {line["id"]: line for line in lines if line["op"] == "create"}
    assert creations[plain.id]["v"] == 1
    value = creations[plain.id]["value"]
    assert isinstance(value, dict) and not {"estimate", "estimate_low"} & set(value)
    assert creations[estimated.id]["v"] == 2
    sets = [line for line in lines if line["op"] == "set"]
    assert {line["field"]: line["v"] for line in sets if line["id"] == plain.id} == {
        "estimate": 2,
        "estimate_low": 2,
        "updated": 1,
    }

    with monkeypatch.context() as older:
        older.setattr(ops, "OP_VERSION", 1)
        send(a, b)
        report = b.receive()
        assert report.unknown == 3  # the creation with an estimate, the set of two fields
        held = task_on(b, plain.id)
        assert held is not None and held.estimate is None  # the task came, not its estimate
        assert task_on(b, estimated.id) is None  # its creation waits, with its later edit
        assert b.receive().unknown == 3  # still held, still said

    report = b.receive()  # the machine is upgraded
    assert report.unknown == 0
    upgraded = task_on(b, plain.id)
    assert upgraded is not None and upgraded.estimate == 30
    second = task_on(b, estimated.id)
    assert second is not None and second.title == "Estimated, retitled"
    assert (second.estimate, second.estimate_low) == (90, 60)
    sync(a, b)
    assert a.documents() == b.documents()
