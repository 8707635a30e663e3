"""Minimal cases the randomized three-replica test found (``test_random_replicas.py``), each
kept as it was first seen failing (see /work/notes/sync-bugs.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engine_support import Clock, get, make_replica, sync

from planner.domain.models import JournalEntry
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
