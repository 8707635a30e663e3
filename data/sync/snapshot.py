"""The snapshot ``sync init`` writes: every existing record as one ``create`` operation with
its whole document, all with one stamp (the records' clocks default to it, so no data file
is rewritten). One line per record keeps the log of ten years compact."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from data.store import FileStore
from data.sync.outgoing import Writer
from data.sync.state import set_snapshot_stamp
from planner.domain.models import AnyRecord
from planner.domain.sync.merge import KIND_OF_RECORD, RecordClock, ordered_sets
from planner.domain.sync.ops import Op


def records(store: FileStore) -> Iterator[AnyRecord]:
    """Every record the store holds (each once)."""
    yield from store.open_tasks()
    yield from store.archived_tasks()
    yield from store.days(date.min, date.max)
    yield from store.journal_entries()
    yield from store.setbacks()


def write_snapshot(store: FileStore) -> int:
    """Log every existing record as a ``create`` (call after ``state.enable``, in the same
    transaction); returns how many operations were written."""
    with store.transaction():
        writer = Writer(store)
        writer.replay()
        stamp = writer.clock.tick()
        clock = RecordClock(stamp)
        ops: list[Op] = []
        for record in records(store):
            kind = KIND_OF_RECORD[record.record_kind]
            document = record.to_dict()
            document.update(ordered_sets(kind, document, clock))
            ops.append(Op(stamp, 0, kind, record.id, "create", value=document))
        writer.append(ops)
        store.drop_clocks()  # clocks from an earlier time of sync restart at the snapshot
        set_snapshot_stamp(store.root, stamp)
        writer.done()
        return len(ops)
