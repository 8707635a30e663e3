"""The operations of local writes: what ``FileStore.apply`` does while sync is on.

Under the store's lock: first this machine's own operations the data files do not show yet
are replayed (a kill between the log and the data files), then each change becomes
operations (``planner.domain.sync.merge.local_edit``: a diff of the record's documents
before and after), which are appended to this machine's log durably, and only then are the
records written, each with its new clock (and tombstone) in the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from data.store import FileStore
from data.sync.merging import Held, apply_ops, build, load
from data.sync.oplog import OwnLog, read_ops
from data.sync.state import (
    applied_seq,
    current_machine,
    read_positions,
    seen_stamp,
    set_applied,
    snapshot_stamp,
)
from planner.domain.sync.body_merge import body_edit
from planner.domain.sync.hlc import ZERO, HybridClock, Stamp
from planner.domain.sync.merge import KIND_OF_RECORD, RecordClock, local_edit
from planner.domain.sync.ops import Op
from planner.services.ports import Change


class Writer:
    """This machine's log and clock for one transaction of one store."""

    def __init__(self, store: FileStore) -> None:
        self.store = store
        self.root = store.root
        self.identity = current_machine(self.root)
        self.log = OwnLog(self.root, self.identity.id)
        self.default = snapshot_stamp(self.root) or ZERO
        last = self.log.last()
        seen = seen_stamp(read_positions(self.root))
        latest = max(ZERO if last is None else last.stamp, seen or ZERO)
        self.clock = HybridClock(self.identity.id, self.now_ms, last=latest)

    def now_ms(self) -> int:
        return int(self.store.now().timestamp() * 1000)

    def replay(self) -> int:
        """Apply this machine's own logged operations the data files may not show yet."""
        done = applied_seq(self.root, self.identity.id)
        last = self.log.last_seq
        if done >= last:
            return 0
        ops = [line.op for line in read_ops(self.root, self.identity.id, done) if line.op]
        understood = sorted((op for op in ops if op.understood), key=lambda op: (op.stamp, op.seq))
        merged = apply_ops(
            self.store,
            understood,
            default=self.default,
            now_ms=self.now_ms(),
            quiet=lambda op: True,
        )
        set_applied(self.root, self.identity.id, last)
        return merged.applied

    def append(self, ops: Sequence[Op]) -> list[Op]:
        return self.log.append(ops)

    def done(self) -> None:
        set_applied(self.root, self.identity.id, self.log.last_seq)


def _always(op: Op) -> bool:
    return True


def replay_own(store: FileStore) -> int:
    """On opening the store: this machine's logged operations the data files do not show
    yet (a kill between the log and the data files), applied; returns how many changed
    something."""
    with store.transaction():
        return Writer(store).replay()


def log_and_apply(store: FileStore, changes: Sequence[Change]) -> None:
    """``FileStore.apply`` while sync is on (inside its transaction)."""
    writer = Writer(store)
    writer.replay()
    held: dict[str, tuple[Held, Any]] = {}
    ops: list[Op] = []
    for change in changes:
        record = change.record
        kind = KIND_OF_RECORD[record.record_kind]
        if record.id in held:
            found = held[record.id][0]
        else:
            found = load(store, kind, record.id, writer.default, getattr(record, "date", None))
        state = found.state
        # The diff starts from what the files hold (the change's ``before`` is a copy of it).
        before = state.document
        if before is not None and state.clock is None:
            state.clock = RecordClock(writer.default)
        edit = local_edit(
            state,
            before,
            None if change.after is None else change.after.to_dict(),
            writer.clock.tick,
            body_edit,
        )
        ops.extend(edit.ops)
        state.document, state.clock, state.tombstone = edit.document, edit.clock, edit.tombstone
        held[record.id] = (found, change)
    writer.append(ops)
    _write(store, [found for found, _change in held.values()])
    writer.done()


def _write(store: FileStore, helds: list[Held]) -> None:
    clocks: dict[str, dict[str, Any] | None] = {}
    tombstones: dict[str, dict[str, Any] | None] = {}
    changes: list[Change] = []
    for found in helds:
        state = found.state
        after = None if state.document is None else build(state.kind, state.document)
        if found.before is not None or after is not None:
            changes.append(Change(found.before, after))
        clocks[state.record] = None if state.clock is None else state.clock.to_json()
        if state.tombstone != found.before_tombstone:
            tombstones[state.record] = (
                None
                if state.tombstone is None
                else {"kind": state.kind, "at": state.tombstone.encode()}
            )
    store.write_synced(changes, clocks, tombstones)


def tick_stamp(store: FileStore) -> Stamp:
    """A fresh stamp of this machine (for a snapshot)."""
    return Writer(store).clock.tick()
