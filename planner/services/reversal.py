"""What undoing (or redoing) an action may write, given what each record is *now*.

An action left each record it touched in a known state. Another process may have written
since: undo must never write over that. So each record is looked at field by field:

- a field the action did not change is left alone;
- a field still as the action left it is reversible, and is put back;
- a field another process changed since (it is neither what the action left nor what undo
  would put back) is kept as the other process made it, and reported as a ``Conflict``.

A record the action added and another process changed since is not removed; one the action
changed that another process deleted since is not made again; one the action deleted that
exists again is not written over. Redo is the same with the action's two sides swapped.
An action none of whose changes can be reversed is *blocked*: nothing is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from planner.domain.errors import DomainError
from planner.domain.models import AnyRecord, Day, JournalEntry
from planner.services.ports import Change

Reason = Literal["changed", "deleted", "exists", "invalid"]
"""Why a record or field was left as it is: another process ``changed`` it (a field, or a
record the action added), ``deleted`` it, made it again (``exists``), or putting back the
reversible fields alone would make an ``invalid`` record."""

UNCOMPARED = frozenset({"updated"})
"""Fields every write sets: they say nothing of what another process changed."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One record (``field`` None) or one field left as another process made it."""

    record: AnyRecord
    field: str | None
    reason: Reason


@dataclass(frozen=True, slots=True)
class Reversal:
    """The changes that reverse what can be reversed, and what was kept and why."""

    writes: tuple[Change, ...]
    kept: tuple[Conflict, ...]

    @property
    def blocked(self) -> bool:
        """Nothing can be reversed while something stands in the way."""
        return not self.writes and bool(self.kept)


def reversal(
    changes: Sequence[Change],
    *,
    forward: bool,
    current: Callable[[AnyRecord], AnyRecord | None],
    now: datetime,
) -> Reversal:
    """Plan undoing ``changes`` (``forward`` False) or redoing them (True).

    ``current`` gives a record as it is now (by its identity: a day and a journal entry by
    their date). Changes are planned in the order they would be written (undo: last first),
    each against the state the earlier ones leave.
    """
    ordered = list(changes) if forward else list(reversed(changes))
    state: dict[tuple[type, object], AnyRecord | None] = {}
    writes: list[Change] = []
    kept: list[Conflict] = []
    for change in ordered:
        left, target = (change.before, change.after) if forward else (change.after, change.before)
        key = _identity(change.record)
        now_value = state[key] if key in state else current(change.record)
        write, conflicts = _reverse_one(left, target, now_value, now)
        kept.extend(conflicts)
        if write is not None:
            writes.append(write)
            state[key] = write.after
        else:
            state[key] = now_value
    return Reversal(tuple(writes), tuple(kept))


def _identity(record: AnyRecord) -> tuple[type, object]:
    if isinstance(record, (Day, JournalEntry)):
        return (type(record), record.date)
    return (type(record), record.id)


def _reverse_one(
    left: AnyRecord | None, target: AnyRecord | None, now_value: AnyRecord | None, now: datetime
) -> tuple[Change | None, list[Conflict]]:
    if same(now_value, target):
        return None, []  # already as undo would leave it (another process did the same)
    if same(now_value, left):
        assert now_value is not None or target is not None
        if target is None:
            return Change(now_value, None), []
        return Change(now_value, target.touched(now)), []
    if now_value is None:
        assert left is not None
        return None, [Conflict(left, None, "deleted")]
    if left is None:
        return None, [Conflict(now_value, None, "exists")]
    if target is None or now_value.id != left.id:
        return None, [Conflict(now_value, None, "changed")]
    revert: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name in field_names(left):
        was, wanted, found = getattr(left, name), getattr(target, name), getattr(now_value, name)
        if was == wanted or found == wanted:
            continue
        if found == was:
            revert[name] = wanted
        else:
            conflicts.append(Conflict(now_value, name, "changed"))
    if not revert:
        return None, conflicts
    try:
        merged = dataclasses.replace(now_value, updated=now, **revert)
    except DomainError:
        return None, [Conflict(now_value, None, "invalid")]
    return Change(now_value, merged), conflicts


def field_names(record: AnyRecord) -> list[str]:
    """The fields of ``record`` whose values an undo compares."""
    return [f.name for f in dataclasses.fields(record) if f.name not in UNCOMPARED]


def same(a: AnyRecord | None, b: AnyRecord | None) -> bool:
    """Two versions hold the same values (``updated`` aside); both absent is the same too."""
    if a is None or b is None:
        return a is b
    if type(a) is not type(b):
        return False
    return all(getattr(a, name) == getattr(b, name) for name in field_names(a))
