"""Minimal cases the randomized three-replica test found (``test_random_replicas.py``), each
kept as it was first seen failing (see /work/notes/sync-bugs.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from engine_support import Clock, get, make_replica, sync

from planner.domain.models import JournalEntry, Task
from planner.services.ports import Change

DAY = date(2026, 11, 23)


def test_a_journal_entry_deleted_and_made_again_holds_only_its_new_text(tmp_path: Path) -> None:
    """An entry deleted on one machine, then written afresh on another that had received
    the deletion: every machine holds the new entry's text, not the old life's with it."""
    clock = Clock()
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    a.start_sync()
    b.start_sync()
    old = JournalEntry.create(DAY, clock()).appended("first life", clock())
    a.write(Change(None, old))
    sync(a, b)
    clock.advance(minutes=1)
    a.write(Change(old, None))
    sync(a, b)
    assert get(b, "journal", old.id) is None
    clock.advance(minutes=1)
    fresh = JournalEntry.create(DAY, clock()).appended("second life", clock())
    b.write(Change(None, fresh))
    sync(a, b)
    sync(a, b)
    held_b, held_a = get(b, "journal", old.id), get(a, "journal", old.id)
    assert isinstance(held_b, JournalEntry) and held_b.body == "second life\n"
    assert isinstance(held_a, JournalEntry) and held_a.body == "second life\n"


def test_done_on_one_machine_and_accepted_on_another_converge_to_a_valid_task(
    tmp_path: Path,
) -> None:
    """Done here (status and ``done_at``), accepted there without seeing it (status only, a
    later stamp): per-field last-writer-wins gives status ``open`` with a closing time, a task
    no machine can build. Every machine must hold one same, valid task."""
    clock = Clock()
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    a.start_sync()
    b.start_sync()
    task = Task.create("inbox task", clock())
    a.write(Change(None, task))
    sync(a, b)
    clock.advance(minutes=1)
    a.write(Change(task, task.complete(clock())))
    clock.advance(minutes=1)
    b.write(Change(task, task.accept(clock())))
    sync(a, b)
    sync(a, b)
    held_a, held_b = get(a, "task", task.id), get(b, "task", task.id)
    assert isinstance(held_a, Task) and isinstance(held_b, Task)
    assert held_a.to_dict() == held_b.to_dict()


def test_an_element_added_before_a_deletion_stays_out_of_the_record_brought_back(
    tmp_path: Path,
) -> None:
    """A tag added on B; A, without seeing it, deletes the task and undoes the deletion (a
    ``create`` naming the tombstone). B applies the addition before the deletion (stamp
    order) and loses it with it; A applies it after the revival and keeps it. Whichever
    is decided, both machines must hold one document."""
    clock = Clock()
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    a.start_sync()
    b.start_sync()
    task = Task.create("shared", clock())
    a.write(Change(None, task))
    sync(a, b)
    clock.advance(minutes=1)
    b.write(Change(task, task.touched(clock(), tags=("home",))))
    clock.advance(minutes=1)
    a.write(Change(task, None))
    clock.advance(minutes=1)
    a.write(Change(None, task))
    sync(a, b)
    sync(a, b)
    held_a, held_b = get(a, "task", task.id), get(b, "task", task.id)
    assert held_a is not None and held_b is not None
    assert held_a.to_dict() == held_b.to_dict()


def test_one_id_made_on_two_machines_while_one_deletes_and_brings_it_back(
    tmp_path: Path,
) -> None:
    """The same id made on two machines (an imported line's ``external_ref`` id, a date's
    entry): A makes it, deletes it, undoes the deletion and edits it; B, seeing none of
    that, makes it afresh (a later stamp, no tombstone named). Both must end with one
    document."""
    clock = Clock()
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    a.start_sync()
    b.start_sync()
    made = Task.create("imported", clock(), priority="medium")
    a.write(Change(None, made))
    clock.advance(minutes=1)
    a.write(Change(made, None))
    clock.advance(minutes=1)
    a.write(Change(None, made))
    clock.advance(minutes=1)
    a.write(Change(made, made.touched(clock(), priority="low")))
    clock.advance(minutes=1)
    fresh = replace(Task.create("imported", clock(), priority="medium", tags=("x",)), id=made.id)
    b.write(Change(None, fresh))
    sync(a, b)
    sync(a, b)
    held_a, held_b = get(a, "task", made.id), get(b, "task", made.id)
    assert held_a is not None and held_b is not None
    assert held_a.to_dict() == held_b.to_dict()
