"""Each merge rule end to end: FileStores in ``tmp_path`` exchanging their logs by copying
``sync/ops`` folders, as git would carry them."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from engine_support import Clock, Replica, get, make_replica, send, sync, task_on

from data import backups, doctor
from data.store import SYNC_ON_FILE, FileStore
from data.sync.conflicts import ConflictBook
from data.sync.machine import MachineIdentity
from data.sync.oplog import OwnLog, log_files, read_file
from data.sync.state import ENABLED_PATH, disable, is_enabled, pending_ops, position
from planner.domain.models import Day, JournalEntry, SetbackAnalysis, Task
from planner.domain.sync.ops import OP_VERSION
from planner.services.ports import Change


def shared_task(pair: tuple[Replica, Replica], clock: Clock, **fields: object) -> Task:
    a, b = pair
    task = Task.create("Shared", clock(), **fields)  # type: ignore[arg-type]
    a.write(Change(None, task))
    sync(a, b)
    clock.advance(minutes=1)
    return task


def edit(replica: Replica, clock: Clock, task_id: str, **fields: object) -> Task:
    current = task_on(replica, task_id)
    new = current.touched(clock(), **fields)
    replica.write(Change(current, new))
    return new


def test_the_flag_the_store_checks_is_the_one_enable_writes() -> None:
    assert SYNC_ON_FILE == ENABLED_PATH


def test_without_sync_a_write_makes_no_sync_file(tmp_path: Path, clock: Clock) -> None:
    replica = make_replica(tmp_path, "plain", clock)
    task = Task.create("plain", clock())
    replica.write(Change(None, task))
    replica.write(Change(task, task.complete(clock())))
    replica.store.compact(date(2027, 1, 1))
    assert not is_enabled(replica.root)
    assert not (replica.root / "sync").exists() and not (replica.root / "sync-local").exists()
    for path in [replica.root / "tasks" / "open.json", *replica.root.glob("tasks/archive/*")]:
        assert "_clock" not in json.loads(path.read_text()), path


def test_the_log_is_written_and_counted(pair: tuple[Replica, Replica], clock: Clock) -> None:
    a, _b = pair
    before = pending_ops(a.root)
    a.write(Change(None, Task.create("one", clock())))
    assert pending_ops(a.root) == before + 1
    (path,) = log_files(a.root, a.machine)
    assert path.name == "2026-11.jsonl"
    ops = [line.op for line in read_file(path)]
    assert [op.seq for op in ops if op] == list(range(1, len(ops) + 1))


def test_edits_of_different_fields_on_two_machines_both_survive(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    edit(a, clock, task.id, title="Title from a")
    edit(b, clock, task.id, due=date(2026, 12, 24))
    reports = sync(a, b)
    assert all(report.conflicts == [] for report in reports)
    for replica in pair:
        found = task_on(replica, task.id)
        assert (found.title, found.due) == ("Title from a", date(2026, 12, 24))
    assert a.documents() == b.documents()


def test_same_field_on_both_sides_is_a_conflict_the_user_reverses(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    edit(a, clock, task.id, title="From a")
    clock.advance(seconds=5)
    edit(b, clock, task.id, title="From b")
    sync(a, b)
    assert task_on(a, task.id).title == task_on(b, task.id).title == "From b"
    book = ConflictBook(a.root)
    (conflict,) = book.list()
    assert (conflict.field, conflict.winner, conflict.loser) == ("title", "From b", "From a")
    assert (conflict.winner_machine, conflict.loser_machine) == (b.machine, a.machine)
    assert ConflictBook(b.root).count() == 1
    clock.advance(minutes=1)
    book.reverse(conflict.id[:4], a.store)
    assert book.count() == 0
    sync(a, b)
    sync(a, b)
    assert task_on(a, task.id).title == task_on(b, task.id).title == "From a"
    assert a.documents() == b.documents()


def test_an_edit_after_receiving_wins_even_with_a_clock_behind(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    edit(a, clock, task.id, title="First")
    sync(a, b)
    clock.advance(hours=-3)  # b's wall clock is behind
    edit(b, clock, task.id, title="Second")
    reports = sync(a, b)
    assert all(report.conflicts == [] for report in reports)
    assert task_on(a, task.id).title == "Second"


def test_tags_and_people_merge_as_sets(pair: tuple[Replica, Replica], clock: Clock) -> None:
    a, b = pair
    task = shared_task(pair, clock, tags=("work", "home"), people=("li",))
    edit(a, clock, task.id, tags=("work", "home", "urgent"), people=())
    edit(b, clock, task.id, tags=("home",), people=("li", "wang"))
    sync(a, b)
    for replica in pair:
        found = task_on(replica, task.id)
        assert (found.tags, found.people) == (("home", "urgent"), ("wang",))
    assert a.documents() == b.documents()


def test_feedback_added_on_both_machines_keeps_both(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    current = task_on(a, task.id)
    a.write(Change(current, current.add_feedback("from a", clock())))
    clock.advance(minutes=1)
    current = task_on(b, task.id)
    b.write(Change(current, current.add_feedback("from b", clock())))
    sync(a, b)
    for replica in pair:
        assert [f.text for f in task_on(replica, task.id).feedback] == ["from a", "from b"]


def test_done_on_one_machine_and_edited_on_another_keeps_both(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    current = task_on(a, task.id)
    a.write(Change(current, current.complete(clock())))
    edit(b, clock, task.id, title="Edited while done elsewhere")
    sync(a, b)
    for replica in pair:
        found = task_on(replica, task.id)
        assert (found.status, found.title) == ("done", "Edited while done elsewhere")
    assert a.documents() == b.documents()


def test_a_deleted_task_does_not_come_back(pair: tuple[Replica, Replica], clock: Clock) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    a.write(Change(task_on(a, task.id), None))
    edit(b, clock, task.id, title="Edited without seeing the delete")
    sync(a, b)
    assert get(a, "task", task.id) is None and get(b, "task", task.id) is None
    assert task.id in a.store.tombstones() and task.id in b.store.tombstones()
    assert a.documents() == b.documents()


def test_undoing_a_delete_brings_the_record_back_everywhere(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    held = task_on(a, task.id)
    a.write(Change(held, None))
    sync(a, b)
    clock.advance(minutes=1)
    a.write(Change(None, held))  # undo: the reversed change
    sync(a, b)
    assert task_on(b, task.id) == held
    assert task.id not in b.store.tombstones()
    assert a.documents() == b.documents()


def test_archived_tasks_keep_their_clocks(pair: tuple[Replica, Replica], clock: Clock) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    edit(a, clock, task.id, title="Edited before archiving")
    current = task_on(a, task.id)
    a.write(Change(current, current.complete(clock())))
    sync(a, b)
    clock.advance(days=3)
    for replica in pair:
        assert replica.store.compact(clock().date()) == 1
    archive = next(a.root.glob("tasks/archive/*.json"))
    clocks = json.loads(archive.read_text())["_clock"]
    assert [doc["id"] for doc in clocks.values()] == [task.id]
    open_clocks = json.loads((a.root / "tasks/open.json").read_text()).get("_clock", {})
    assert task.id not in {doc["id"] for doc in open_clocks.values()}
    # an edit of the archived task on b is no conflict for a (the clocks moved with it)
    edit(b, clock, task.id, title="Edited in the archive")
    reports = sync(a, b)
    assert all(report.conflicts == [] for report in reports)
    assert task_on(a, task.id).title == "Edited in the archive"


def test_journal_appends_on_two_machines_both_hold(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    day = clock().date()
    entry = JournalEntry.create(day, clock(), body="Morning.\n")
    a.write(Change(None, entry))
    sync(a, b)
    clock.advance(hours=1)
    on_a = a.store.get_entry(day)
    assert on_a is not None
    a.write(Change(on_a, on_a.appended("Noon on a.", clock())))
    clock.advance(minutes=1)
    on_b = b.store.get_entry(day)
    assert on_b is not None
    b.write(Change(on_b, on_b.appended("Noon on b.", clock())))
    sync(a, b)
    texts = [r.store.get_entry(day) for r in pair]
    assert texts[0] is not None and texts[1] is not None
    assert texts[0].body == texts[1].body
    assert "Morning." in texts[0].body and "Noon on a." in texts[0].body
    assert "Noon on b." in texts[0].body


def test_journal_edits_of_different_lines_both_hold(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    day = clock().date()
    a.write(Change(None, JournalEntry.create(day, clock(), body="one\ntwo\nthree\n")))
    sync(a, b)
    clock.advance(hours=1)
    for replica, body in ((a, "ONE\ntwo\nthree\n"), (b, "one\ntwo\nTHREE\n")):
        held = replica.store.get_entry(day)
        assert held is not None
        replica.write(Change(held, held.touched(clock(), body=body)))
        clock.advance(minutes=1)
    sync(a, b)
    for replica in pair:
        held = replica.store.get_entry(day)
        assert held is not None and held.body == "ONE\ntwo\nTHREE\n"


def test_days_and_setbacks_travel(pair: tuple[Replica, Replica], clock: Clock) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    day = Day.create(clock().date(), clock(), main=task.id)
    setback = SetbackAnalysis.create(
        clock().date(), "Missed the train", clock(), lesson="leave early"
    )
    a.write(Change(None, day), Change(None, setback))
    sync(a, b)
    assert b.store.get_day(clock().date()) == day
    assert b.store.get_setback(setback.id) == setback
    clock.advance(minutes=1)
    b.write(Change(setback, replace(setback, lesson="leave earlier", updated=clock())))
    sync(a, b)
    assert a.store.get_setback(setback.id) == b.store.get_setback(setback.id)
    assert a.documents() == b.documents()


def test_three_machines_converge(tmp_path: Path, clock: Clock) -> None:
    replicas = [make_replica(tmp_path, name, clock) for name in ("a", "b", "c")]
    for replica in replicas:
        replica.write(Change(None, Task.create(f"made on {replica.name}", clock())))
        replica.start_sync()
    sync(*replicas)
    task = Task.create("shared", clock(), tags=("x",))
    replicas[0].write(Change(None, task))
    sync(*replicas)
    for index, replica in enumerate(replicas):
        clock.advance(seconds=1)
        edit(replica, clock, task.id, title=f"title {index}", tags=("x", f"t{index}"))
    send(replicas[2], replicas[1])
    replicas[1].receive()
    sync(*replicas)
    sync(*replicas)
    documents = [replica.documents() for replica in replicas]
    assert documents[0] == documents[1] == documents[2]
    assert len(documents[0]) == 4
    assert task_on(replicas[0], task.id).tags == ("x", "t0", "t1", "t2")


def test_an_operation_of_a_newer_planner_is_kept_and_counted(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    edit(a, clock, task.id, title="Before the new one")
    log = OwnLog(a.root, a.machine)
    newer = {
        "v": OP_VERSION + 1,
        "at": f"{9_999_999_999_000:013d}.000000.{a.machine}",
        "seq": log.last_seq + 1,
        "kind": "task",
        "id": task.id,
        "op": "rename",
    }
    with open(log_files(a.root, a.machine)[-1], "a", encoding="utf-8") as handle:
        handle.write(json.dumps(newer) + "\n")
    send(a, b)
    report = b.receive()
    assert report.unknown == 1
    assert task_on(b, task.id).title == "Before the new one"
    assert b.receive().unknown == 1  # still kept, still said
    lines = [line for line in read_file(log_files(b.root, a.machine)[-1]) if line.op]
    assert any(line.op is not None and not line.op.understood for line in lines)


def test_a_copied_data_folder_gets_a_new_machine_id(
    tmp_path: Path, pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    copy_root = tmp_path / "copy"
    shutil.copytree(a.root, copy_root)
    copy = Replica("copy", copy_root, clock, FileStore(copy_root, clock=clock))
    first_lines = len(read_file(log_files(a.root, a.machine)[-1]))
    copied_seq = OwnLog(copy_root, a.machine).last_seq
    edit(copy, clock, task.id, title="Edited on the copy")
    copy.machine = MachineIdentity.load_or_create(copy_root).id
    assert copy.machine != a.machine
    assert position(copy_root, a.machine) == copied_seq  # a's log is in the copy's files
    assert len(read_file(log_files(copy_root, a.machine)[-1])) == first_lines
    assert OwnLog(copy_root, copy.machine).last_seq >= 1
    sync(a, b, copy)
    sync(a, b, copy)
    assert task_on(a, task.id).title == task_on(b, task.id).title == "Edited on the copy"
    assert a.documents() == b.documents() == copy.documents()


def test_after_a_restore_the_logs_are_applied_again(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)  # the first write of the day made today's backup
    clock.advance(days=1)
    edit(b, clock, task.id, title="Edited on b")
    sync(a, b)
    extra = Task.create("made on a after the backup", clock())
    a.write(Change(None, extra))
    backups.restore(a.root, clock().date() - (clock().date() - task.created.date()), clock=clock)
    reopened = a.reopen()
    assert reopened.get_task(extra.id) == extra  # its own log, replayed on opening
    report = a.receive()
    assert report.conflicts == []
    assert task_on(a, task.id).title == "Edited on b"
    assert a.documents() == b.documents() or get(b, "task", extra.id) is None
    sync(a, b)
    assert a.documents() == b.documents()


def test_receiving_again_after_a_kill_before_the_positions_changes_nothing(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    edit(a, clock, task.id, title="From a", tags=("x",))
    edit(b, clock, task.id, title="From b")
    send(a, b)
    positions = (b.root / "sync-local" / "positions.json").read_bytes()
    first = b.receive()
    after_first = b.documents()
    (b.root / "sync-local" / "positions.json").write_bytes(positions)  # as if killed before
    second = b.receive()
    assert len(first.conflicts) == 1
    assert second.applied == 0 and second.conflicts == []
    assert b.documents() == after_first
    assert ConflictBook(b.root).count() == 1


def test_leaving_and_starting_again_restarts_the_clocks(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)
    edit(a, clock, task.id, title="Edited while syncing")
    sync(a, b)
    disable(a.root)
    clock.advance(minutes=1)
    edit(a, clock, task.id, title="Edited while not syncing")
    assert not log_files(a.root, a.machine) or all(
        line.op is None or line.op.value != "Edited while not syncing"
        for line in read_file(log_files(a.root, a.machine)[-1])
    )
    clock.advance(minutes=1)
    a.start_sync()
    assert "_clock" not in json.loads((a.root / "tasks/open.json").read_text())
    sync(a, b)
    assert task_on(b, task.id).title == "Edited while not syncing"
    clock.advance(minutes=1)
    edit(a, clock, task.id, title="Edited after starting again")
    reports = sync(a, b)
    assert all(report.conflicts == [] for report in reports)
    assert task_on(b, task.id).title == "Edited after starting again"


def test_an_entry_dated_months_ahead_keeps_its_text(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    day = clock().date() + timedelta(days=120)
    a.write(Change(None, JournalEntry.create(day, clock(), body="Plan for spring.\n")))
    sync(a, b)
    clock.advance(minutes=5)
    held = b.store.get_entry(day)
    assert held is not None
    b.write(Change(held, held.appended("More.", clock())))
    sync(a, b)
    for replica in pair:
        entry = replica.store.get_entry(day)
        assert entry is not None and entry.body == "Plan for spring.\n\nMore.\n"


def test_doctor_repair_has_every_log_applied_again(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock)  # today's backup holds the task
    clock.advance(days=1)
    edit(b, clock, task.id, title="Edited on b")
    sync(a, b)
    assert position(a.root, b.machine) > 0
    (a.root / "tasks" / "open.json").write_text("{ damaged")
    reports = doctor.repair(a.root, clock=clock)
    assert len(reports) == 1 and reports[0].restored_from is not None
    assert task_on(a, task.id).title == "Shared"  # the backup, before b's edit came in
    assert position(a.root, b.machine) == 0
    a.reopen()
    report = a.receive()
    assert report.conflicts == []
    assert task_on(a, task.id).title == "Edited on b"
    assert a.documents() == b.documents()


def test_reversing_a_reopen_brings_back_the_closing_time_too(
    pair: tuple[Replica, Replica], clock: Clock
) -> None:
    a, b = pair
    task = shared_task(pair, clock, status="open")
    current = task_on(a, task.id)
    a.write(Change(current, current.complete(clock())))
    clock.advance(minutes=1)
    current = task_on(b, task.id)
    b.write(Change(current, current.touched(clock(), status="inbox")))
    sync(a, b)
    assert task_on(a, task.id).status == "inbox"
    book = ConflictBook(a.root)
    fields = sorted(c.field for c in book.list())
    assert fields == ["done_at", "status"]
    status = next(c for c in book.list() if c.field == "status")
    clock.advance(minutes=1)
    book.reverse(status.id, a.store)
    assert book.count() == 0
    sync(a, b)
    for replica in pair:
        found = task_on(replica, task.id)
        assert found.status == "done" and found.done_at is not None
