"""Operations applied to the data files through the store: the records they touch are read
with their clocks and tombstones, merged by ``planner.domain.sync.merge``, and written back
in one ``FileStore.write_synced`` (inside the caller's transaction).

A journal entry whose body an operation touched gets its text from ``body_merge.replay_body``
over every body operation of that entry in every log (``BodyOps`` finds them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from data.store import FileStore
from data.sync.oplog import LogReader, log_files, machines, month_of
from planner.domain.clock import planning_date
from planner.domain.errors import DomainError
from planner.domain.models import AnyRecord, Day, JournalEntry, SetbackAnalysis, Task
from planner.domain.sync.body_merge import BodyConflict, replay_body
from planner.domain.sync.hlc import ZERO, Stamp
from planner.domain.sync.merge import (
    BODY,
    Conflict,
    RecordClock,
    RecordState,
    apply_op,
    conflict_id,
)
from planner.domain.sync.ops import Op, RecordKind

MODELS: dict[str, type[Task] | type[Day] | type[JournalEntry] | type[SetbackAnalysis]] = {
    "task": Task,
    "day": Day,
    "journal": JournalEntry,
    "setback": SetbackAnalysis,
}
BODY_OPS = frozenset({"create", "append", "body"})


def build(kind: str, document: dict[str, Any]) -> AnyRecord:
    """The record of a merged document (raises ``DomainError`` for one the model refuses)."""
    return MODELS[kind].from_dict(document)


@dataclass(slots=True)
class Held:
    """A record as read before merging, and its merge state (changed in place)."""

    state: RecordState
    before: AnyRecord | None
    before_clock: dict[str, Any] | None
    before_tombstone: Stamp | None


def tombstone_of(store: FileStore, record_id: str) -> Stamp | None:
    held = store.tombstones().get(record_id)
    if held is None:
        return None
    try:
        return Stamp.decode(held.get("at"))
    except ValueError:
        return None


def load(
    store: FileStore, kind: RecordKind, record_id: str, default: Stamp, day: date | None = None
) -> Held:
    """A record's merge state; a record without a clock has ``default`` (the snapshot's)."""
    located = store.locate(kind, record_id, day)
    tombstone = tombstone_of(store, record_id)
    if located is None:
        return Held(RecordState(kind, record_id, tombstone=tombstone), None, None, tombstone)
    record, path = located
    raw = store.clock_documents(path).get(record_id)
    clock = RecordClock(default)
    if raw is not None:
        try:
            clock = RecordClock.from_json(raw)
        except (ValueError, TypeError, KeyError, AttributeError):
            clock = RecordClock(default)
    document = record.to_dict()
    state = RecordState(kind, record_id, document, clock, tombstone)
    return Held(state, record, None if raw is None else dict(raw), tombstone)


def date_hint(op: Op) -> date | None:
    """Where a dated record lives, from a ``create``'s document."""
    if op.op == "create" and isinstance(op.value, dict):
        try:
            return date.fromisoformat(str(op.value.get("date")))
        except ValueError:
            return None
    return None


@dataclass(slots=True)
class Merged:
    applied: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    orphans: list[Op] = field(default_factory=list)
    """Operations on a record this machine neither holds nor deleted (its creation has not
    arrived: a transport that carries one log before another); kept to apply later."""
    refused: int = 0
    tasks: int = 0
    """How many closed tasks were written into open work (compaction may move them)."""


class BodyOps:
    """Operations of given records from every log (each file read once, only the lines of
    those records decoded)."""

    def __init__(self, root: Path, reader: LogReader | None = None) -> None:
        self.root = root
        self.reader = reader or LogReader()

    def of(self, entries: dict[str, Stamp]) -> dict[str, list[Op]]:
        """Each journal entry's body operations, from the log file of the month of the
        stamp given for it (its earliest creation known: everything later about it is in
        that month's file or newer ones) on."""
        if not entries:
            return {}
        since = month_of(min(entries.values())) if ZERO not in entries.values() else "0000-00"
        found = self.records({("journal", entry) for entry in entries}, since)
        return {
            entry: [op for op in found[("journal", entry)] if op.op in BODY_OPS]
            for entry in entries
        }

    def records(
        self, keys: set[tuple[str, str]], since: str = "0000-00"
    ) -> dict[tuple[str, str], list[Op]]:
        """Every understood operation of each record (kind, id) in files from ``since``."""
        found: dict[tuple[str, str], list[Op]] = {key: [] for key in keys}
        if not keys:
            return found

        def wanted(_seq: int, kind: str, record: str) -> bool:
            return (kind, record) in found

        for machine in machines(self.root):
            for path in log_files(self.root, machine):
                if path.stem < since:
                    continue
                for line in self.reader.lines(path, 0, wanted):
                    op = line.op
                    if op is not None and op.understood:
                        found[op.kind, op.record].append(op)
        return found


def apply_ops(
    store: FileStore,
    ops: Sequence[Op],
    *,
    default: Stamp,
    now_ms: int,
    quiet: Callable[[Op], bool] = lambda op: False,
    bodies: BodyOps | None = None,
) -> Merged:
    """Apply ``ops`` (sorted by stamp) to the data files; conflicts found are returned."""
    merged = Merged()
    held: dict[tuple[str, str], Held] = {}
    for op in ops:
        key = (op.kind, op.record)
        found = held.get(key)
        if found is None:
            found = held[key] = load(store, op.kind, op.record, default, date_hint(op))
        outcome = apply_op(found.state, op, now_ms=now_ms, quiet=quiet(op))
        merged.applied += 1 if outcome.changed else 0
        if outcome.orphan:
            merged.orphans.append(op)
        merged.conflicts.extend(outcome.conflicts)
    bodies = bodies or BodyOps(store.root)
    _replay_lives(held, ops, bodies)
    first = _earliest_creations(ops)
    touched = {
        found.state.record: _first_known(found.state, first.get(found.state.record))
        for found in held.values()
        if found.state.body_touched and found.state.document is not None
    }
    body_ops = bodies.of(touched)
    for found in held.values():
        state = found.state
        if state.record in touched and state.document is not None:
            ops = body_ops[state.record]
            clock = state.clock
            if clock is not None and clock.revived is not None:
                # a record brought back: its text is its new life's alone
                ops = [op for op in ops if op.stamp >= clock.created]
            result = replay_body(ops)
            state.document[BODY] = result.text
            merged.conflicts.extend(
                _body_conflict(state.record, conflict, now_ms) for conflict in result.conflicts
            )
    merged.refused, merged.tasks = write(store, held.values())
    return merged


def _replay_lives(held: dict[tuple[str, str], Held], ops: Sequence[Op], bodies: BodyOps) -> None:
    """Records brought back after a deletion (or whose revival this batch holds) are
    rebuilt from all their operations in every log, in stamp order: which life an operation
    belongs to depends on the deletions and revivals around it, which may arrive in any
    order; replayed in stamp order the result is the same everywhere."""
    lives: set[tuple[str, str]] = {
        (op.kind, op.record) for op in ops if op.op == "create" and op.replaces is not None
    }
    for key, found in held.items():
        clock = found.state.clock
        if (clock is not None and clock.revived is not None) or (
            found.before_clock is not None and found.before_clock.get("r") is not None
        ):
            lives.add(key)
    if not lives:
        return
    every = bodies.records(lives)
    for key in lives:
        holder = held.get(key)
        if holder is None:
            continue
        found = holder
        fresh = RecordState(found.state.kind, found.state.record)
        seen: set[tuple[Stamp, int]] = set()
        for op in sorted(every[key], key=lambda o: (o.stamp, o.seq)):
            if (op.stamp, op.seq) not in seen:
                seen.add((op.stamp, op.seq))
                apply_op(fresh, op, quiet=True)
        state = found.state
        state.document, state.clock, state.tombstone = fresh.document, fresh.clock, fresh.tombstone
        state.body_touched = state.kind == "journal" and fresh.document is not None


def _earliest_creations(ops: Sequence[Op]) -> dict[str, Stamp]:
    first: dict[str, Stamp] = {}
    for op in ops:
        if op.op == "create" and (op.record not in first or op.stamp < first[op.record]):
            first[op.record] = op.stamp
    return first


def _first_known(state: RecordState, in_batch: Stamp | None) -> Stamp:
    """The earliest creation of a record this machine knows of: its clock's, the one that
    gave it its ``created`` (an earlier creation on another machine), or one in the batch."""
    stamps = [] if in_batch is None else [in_batch]
    if state.clock is not None:
        stamps += [state.clock.created, state.clock.of("created")]
    real = [stamp for stamp in stamps if stamp != ZERO]
    return min(real) if real else ZERO


def _body_conflict(record: str, found: BodyConflict, now_ms: int) -> Conflict:
    return Conflict(
        id=conflict_id(record, f"{BODY}:{found.later.encode()}", found.earlier),
        kind="journal",
        record=record,
        field=BODY,
        winner=found.later_text,
        winner_stamp=found.later,
        loser=found.earlier_text,
        loser_stamp=found.earlier,
        at=now_ms,
    )


def write(store: FileStore, helds: Iterable[Held]) -> tuple[int, int]:
    """Write the records whose merge changed them; returns how many the model refused
    (left as they were: a value only a newer planner understands) and how many closed tasks
    went to open work (a closed task new here goes straight to its archive year)."""
    from planner.services.ports import Change

    changes: list[Change] = []
    clocks: dict[str, dict[str, Any] | None] = {}
    tombstones: dict[str, dict[str, Any] | None] = {}
    refused = 0
    for found in helds:
        state = found.state
        after: AnyRecord | None = None
        if state.document is not None:
            try:
                after = build(state.kind, consistent(state.kind, state.document))
            except DomainError:
                refused += 1
                continue
        clock = None if state.clock is None else state.clock.to_json()
        if state.tombstone != found.before_tombstone:
            tombstones[state.record] = (
                None
                if state.tombstone is None
                else {"kind": state.kind, "at": state.tombstone.encode()}
            )
        same_clock = clock == _without_id(found.before_clock) or (
            found.before_clock is None and clock is not None and _is_default(clock)
        )
        if after == found.before and same_clock:
            continue
        if found.before is None and after is None:
            continue
        changes.append(Change(found.before, after))
        clocks[state.record] = clock
    if changes or tombstones:
        today = planning_date(store.now(), store.day_starts_at)
        store.write_synced(changes, clocks, tombstones, archive_before=today)
    closed = sum(
        1
        for change in changes
        if isinstance(change.after, Task)
        and change.after.done_at is not None
        and change.before is not None
    )
    return refused, closed


def consistent(kind: str, document: dict[str, Any]) -> dict[str, Any]:
    """A task's status and closing time made to agree if fields merged apart (clocks of
    an older planner, which set them separately): the status decides, the same way on every
    machine. Likewise an estimate decides over a range's lower end that no longer fits it."""
    if kind != "task":
        return document
    low, estimate = document.get("estimate_low"), document.get("estimate")
    if low is not None and not (
        isinstance(estimate, int) and isinstance(low, int) and low < estimate
    ):
        document = {**document, "estimate_low": None}
    closed = document.get("status") in ("done", "dropped")
    if closed and document.get("done_at") is None:
        return {**document, "done_at": document.get("updated")}
    if not closed and document.get("done_at") is not None:
        return {**document, "done_at": None}
    return document


def _without_id(document: dict[str, Any] | None) -> dict[str, Any] | None:
    if document is None:
        return None
    return {key: value for key, value in document.items() if key != "id"}


def _is_default(clock: dict[str, Any]) -> bool:
    return set(clock) == {"c"}


def zero_or(stamp: Stamp | None) -> Stamp:
    return ZERO if stamp is None else stamp
