"""An instruction's extension (督办, issue 16) through sync: ``extension_to``,
``extension_reason`` and ``report_by_original`` are ordinary fields, merged per field with
the other machine's edits, written in the sync log's version 2 (an older planner holds
them), and a creation without them carries no such key."""

from __future__ import annotations

import json
from datetime import date

from engine_support import Clock, Replica, sync, task_on

from data.sync.oplog import log_files
from planner.domain.models import Task
from planner.services.ports import Change

EXTENSION_FIELDS = {"extension_to", "extension_reason", "report_by_original"}


def log_lines(replica: Replica) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for path in log_files(replica.root, replica.machine)
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


def test_an_extension_on_one_machine_merges_with_an_edit_on_the_other(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = Task.create(
        "Flood report", clock(), status="open", source="Li", report_by=date(2026, 11, 25)
    )
    a.write(Change(None, task))
    sync(a, b)

    clock.advance(minutes=1)
    on_b = task_on(b, task.id)
    b.write(Change(on_b, on_b.request_extension(date(2026, 12, 2), "figures late", clock())))
    clock.advance(minutes=1)
    on_a = task_on(a, task.id)
    a.write(Change(on_a, on_a.touched(clock(), title="Flood prevention report")))
    reports = sync(a, b)
    assert not any(report.conflicts for report in reports)
    for replica in (a, b):
        merged = task_on(replica, task.id)
        assert merged.title == "Flood prevention report"
        assert (merged.extension_to, merged.extension_reason) == (date(2026, 12, 2), "figures late")
        assert merged.report_by == date(2026, 11, 25)
    assert a.documents() == b.documents()

    clock.advance(minutes=1)
    on_a = task_on(a, task.id)
    a.write(Change(on_a, on_a.approve_extension(clock())))
    clock.advance(minutes=1)
    on_b = task_on(b, task.id)
    b.write(Change(on_b, on_b.touched(clock(), people=("Zhang",))))
    sync(a, b)
    for replica in (a, b):
        merged = task_on(replica, task.id)
        assert (merged.report_by, merged.report_by_original) == (
            date(2026, 12, 2),
            date(2026, 11, 25),
        )
        assert merged.extension_to is None and merged.people == ("Zhang",)
    assert a.documents() == b.documents()


def test_only_what_carries_an_extension_field_is_of_version_2(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, _b = pair
    task = Task.create(
        "Flood report", clock(), status="open", source="Li", report_by=date(2026, 11, 25)
    )
    a.write(Change(None, task))
    clock.advance(minutes=1)
    a.write(Change(task, task.request_extension(date(2026, 12, 2), "figures late", clock())))
    lines = log_lines(a)
    creation = next(line for line in lines if line["op"] == "create")
    value = creation["value"]
    assert creation["v"] == 1 and isinstance(value, dict) and not EXTENSION_FIELDS & set(value)
    sets = {line["field"]: line["v"] for line in lines if line["op"] == "set"}
    # the report-back date and its extension are one group: set together, each in the
    # oldest version that carries it
    assert sets == {
        "extension_to": 2,
        "extension_reason": 2,
        "report_by_original": 2,
        "report_by": 1,
        "updated": 1,
    }


def test_a_request_on_one_machine_and_an_approval_on_the_other_stay_whole(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    """The report-back date and its extension change as one group: the later machine's
    whole state holds, never an approved date with the other's pending request beside it."""
    a, b = pair
    task = Task.create(
        "Flood report", clock(), status="open", source="Li", report_by=date(2026, 11, 25)
    )
    a.write(Change(None, task.request_extension(date(2026, 12, 2), "figures late", clock())))
    sync(a, b)
    clock.advance(minutes=1)
    on_a = task_on(a, task.id)
    a.write(Change(on_a, on_a.approve_extension(clock())))
    clock.advance(minutes=1)
    on_b = task_on(b, task.id)
    b.write(Change(on_b, on_b.request_extension(date(2026, 12, 9), "survey pending", clock())))
    sync(a, b)
    for replica in (a, b):
        merged = task_on(replica, task.id)
        assert merged.report_by == date(2026, 11, 25) and merged.report_by_original is None
        assert (merged.extension_to, merged.extension_reason) == (
            date(2026, 12, 9),
            "survey pending",
        )
    assert a.documents() == b.documents()
