"""How operations merge into a record: the rules every machine applies the same way (no I/O).

A record's merge state is its stored document, its ``RecordClock`` and, once deleted, its
tombstone stamp.

- **Fields** are last-writer-wins by stamp: each field remembers the stamp of its value
  (fields no operation has set carry the record's ``created`` stamp).
- **Set-like fields** (``SET_FIELDS``: tags, people, feedback, a task's timer intervals)
  merge per element. An element is
  known by its JSON (``element_key``) and remembers the stamp it was last added and last
  removed; it is present while the addition is the later. So an addition on one machine and
  the removal of another element on another both hold. Present elements are listed in the
  order they were added (elements added together keep their relative order).
- **Tombstones.** A deletion removes the record and leaves its stamp: no later ``set`` or
  ``create`` of a machine that had not seen it brings the record back (a record of a date
  made anew elsewhere included), nor an edit made after seeing it. Only a ``create`` that
  names the tombstone in ``replaces`` (the undo of that deletion, made after seeing it) and
  is later than it brings the record back; a deletion older than that revival (made
  without seeing it) then changes nothing.
- **Done or dropped versus an edit** are two fields (status and ``done_at`` here, the title
  there), so both facts hold.
- **Conflicts.** Operations are applied in causal order (a batch sorted by stamp). An incoming
  ``set`` is *concurrent* with the local value when it wins without having replaced that
  value (``replaces`` is not the local stamp) or when it loses (it is older than the local
  value); a concurrent operation with a different value is a ``Conflict``: the later stamp
  wins on every machine, and the loser is kept for the user to reverse.

The journal body is not merged here: ``append`` and ``body`` operations only mark it, and the
caller rebuilds the text from all of the entry's body operations (``body_merge``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from planner.domain.sync.body_merge import join_append
from planner.domain.sync.hlc import ZERO, Stamp
from planner.domain.sync.ops import Op, RecordKind, text_hash

SET_FIELDS: Final[Mapping[str, frozenset[str]]] = {
    "task": frozenset({"tags", "people", "feedback", "intervals"}),
    "journal": frozenset({"tags"}),
    "day": frozenset(),
    "setback": frozenset(),
}
"""Fields merged per element, by kind."""
FIXED_FIELDS: Final = frozenset({"id", "created"})
"""Fields no operation changes."""
GROUPS: Final[Mapping[str, tuple[frozenset[str], ...]]] = {
    "task": (
        frozenset({"status", "done_at"}),
        frozenset({"estimate", "estimate_low"}),
        frozenset({"report_by", "report_by_original", "extension_to", "extension_reason"}),
    ),
}
"""Fields that change together (a closed task has its closing time, an open one none; an
estimate and its range's lower end; an instruction's report-back date and its extension,
asked for or approved): when one changes, all are set with one stamp, so the latest such
edit holds for all of them."""
QUIET_FIELDS: Final = frozenset({"updated"})
"""Fields decided by stamp like the others, but never reported as a conflict: every edit
changes ``updated``, so two edits of different fields would otherwise always conflict."""
BODY: Final = "body"
"""The journal entry's text: rebuilt from its operations by ``body_merge``."""

KIND_OF_RECORD: Final[Mapping[str, RecordKind]] = {
    "task": "task",
    "day": "day",
    "journal entry": "journal",
    "setback": "setback",
}
"""An operation's kind from a model's ``record_kind``."""


def element_key(value: object) -> str:
    """An element of a set-like field by its JSON (a feedback item is a dict)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def is_body(kind: str, name: str | None) -> bool:
    return kind == "journal" and name == BODY


@dataclass(slots=True)
class ElementClock:
    """When an element was last added and last removed; present while added is later."""

    added: Stamp
    removed: Stamp | None = None

    @property
    def present(self) -> bool:
        return self.removed is None or self.added > self.removed


@dataclass(slots=True)
class RecordClock:
    """The stamps of one record's values: ``created`` for every field no operation set."""

    created: Stamp
    fields: dict[str, Stamp] = field(default_factory=dict)
    elements: dict[str, dict[str, ElementClock]] = field(default_factory=dict)
    revived: Stamp | None = None
    """For a record brought back after a deletion (an undo): the tombstone its creation saw.
    Only such a record outlives a deletion older than its creation."""

    def of(self, name: str) -> Stamp:
        return self.fields.get(name, self.created)

    def element(self, name: str, key: str, held: bool) -> ElementClock | None:
        """The clock of one element; an element the document holds without one was there
        when the record was created."""
        found = self.elements.get(name, {}).get(key)
        if found is None and held:
            found = ElementClock(self.created)
        return found

    def set_element(self, name: str, key: str, clock: ElementClock) -> None:
        self.elements.setdefault(name, {})[key] = clock

    def to_json(self) -> dict[str, Any]:
        """Compact: ``{"c": stamp, "f": {field: stamp}, "e": {field: {key: [add, rm]}}}``
        (``ZERO``, the stamp of nothing, as null)."""
        out: dict[str, Any] = {"c": _encode(self.created)}
        if self.fields:
            out["f"] = {name: _encode(stamp) for name, stamp in sorted(self.fields.items())}
        if self.elements:
            out["e"] = {
                name: {
                    key: [_encode(clock.added), _encode(clock.removed)]
                    for key, clock in sorted(elements.items())
                }
                for name, elements in sorted(self.elements.items())
            }
        if self.revived is not None:
            out["r"] = _encode(self.revived)
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> RecordClock:
        """Raises ``ValueError`` for a document that is not a record clock."""
        created = _stamp(raw.get("c"))
        fields = {str(name): _stamp(value) for name, value in dict(raw.get("f") or {}).items()}
        elements: dict[str, dict[str, ElementClock]] = {}
        for name, held in dict(raw.get("e") or {}).items():
            elements[str(name)] = {
                str(key): ElementClock(
                    _stamp(pair[0]), None if pair[1] is None else _stamp(pair[1])
                )
                for key, pair in dict(held).items()
            }
        revived = None if raw.get("r") is None else _stamp(raw.get("r"))
        return cls(created, fields, elements, revived)

    def copy(self) -> RecordClock:
        return RecordClock(
            self.created,
            dict(self.fields),
            {
                name: {key: ElementClock(c.added, c.removed) for key, c in held.items()}
                for name, held in self.elements.items()
            },
            self.revived,
        )


def _stamp(value: object) -> Stamp:
    if value in (None, ""):
        return ZERO
    return Stamp.decode(value)


def _encode(stamp: Stamp | None) -> str | None:
    return None if stamp is None or stamp == ZERO else stamp.encode()


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two values of one field written on two machines without seeing each other.

    ``winner`` holds everywhere (the later stamp); ``loser`` is what the user may bring back.
    ``at`` is when this machine noticed it (milliseconds since the epoch)."""

    id: str
    kind: str
    record: str
    field: str
    winner: Any
    winner_stamp: Stamp
    loser: Any
    loser_stamp: Stamp
    at: int = 0

    @property
    def winner_machine(self) -> str:
        return self.winner_stamp.machine

    @property
    def loser_machine(self) -> str:
        return self.loser_stamp.machine

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "record": self.record,
            "field": self.field,
            "winner": self.winner,
            "winner_stamp": self.winner_stamp.encode(),
            "loser": self.loser,
            "loser_stamp": self.loser_stamp.encode(),
            "at": self.at,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Conflict:
        return cls(
            id=str(raw["id"]),
            kind=str(raw["kind"]),
            record=str(raw["record"]),
            field=str(raw["field"]),
            winner=raw.get("winner"),
            winner_stamp=Stamp.decode(raw["winner_stamp"]),
            loser=raw.get("loser"),
            loser_stamp=Stamp.decode(raw["loser_stamp"]),
            at=int(raw.get("at", 0)),
        )


def conflict_id(record: str, name: str, loser: Stamp) -> str:
    """The same on every machine that notices the same pair (and on a second notice)."""
    digest = hashlib.sha256(f"{record}\0{name}\0{loser.encode()}".encode()).hexdigest()
    return digest[:10]


def make_conflict(
    kind: str,
    record: str,
    name: str,
    winner: tuple[Any, Stamp],
    loser: tuple[Any, Stamp],
    at: int = 0,
) -> Conflict:
    return Conflict(
        id=conflict_id(record, name, loser[1]),
        kind=kind,
        record=record,
        field=name,
        winner=winner[0],
        winner_stamp=winner[1],
        loser=loser[0],
        loser_stamp=loser[1],
        at=at,
    )


def decide(local: Stamp, incoming: Stamp, replaces: Stamp | None) -> tuple[bool, bool]:
    """(whether the incoming value wins, whether it is concurrent with the local one)."""
    wins = incoming > local
    concurrent = (wins and (replaces or ZERO) != local) or incoming < local
    return wins, concurrent


@dataclass(slots=True)
class RecordState:
    """One record as a merge sees it; ``document`` None while absent (``tombstone`` says
    whether it was deleted)."""

    kind: RecordKind
    record: str
    document: dict[str, Any] | None = None
    clock: RecordClock | None = None
    tombstone: Stamp | None = None
    body_touched: bool = False
    """An operation on the journal body applied: the caller rebuilds the text."""

    @property
    def alive(self) -> bool:
        return self.document is not None


@dataclass(slots=True)
class Outcome:
    """What applying one operation did."""

    changed: bool = False
    orphan: bool = False
    """The operation names a record this machine neither holds nor deleted."""
    conflicts: list[Conflict] = field(default_factory=list)


def apply_op(state: RecordState, op: Op, *, now_ms: int = 0, quiet: bool = False) -> Outcome:
    """Apply ``op`` (of this record) to ``state`` in place. Idempotent: applying an operation
    a second time changes nothing and reports nothing. ``quiet`` reports no conflict (a
    replay of operations this machine had already applied once)."""
    outcome = Outcome()
    if op.op == "delete":
        _delete(state, op.stamp, outcome)
        return outcome
    clock = state.clock
    if clock is not None and clock.revived is not None and op.stamp < clock.created:
        # an edit of an earlier life of a record brought back since: the revival's whole
        # document replaced that life wherever it arrived after it, so it counts nowhere
        return outcome
    if op.op == "create":
        _create(state, op, outcome, now_ms)
    elif state.document is None or state.clock is None:
        outcome.orphan = state.tombstone is None
        return outcome
    elif op.op == "set":
        assert op.field is not None
        _set(state, op.field, op.value, op.stamp, op.replaces, outcome, now_ms)
    elif op.op in ("add", "remove"):
        assert op.field is not None
        _element(state, op.field, op.value, op.stamp, op.op == "add", outcome)
    elif op.op in ("append", "body"):
        clock = state.clock
        if op.stamp > clock.of(BODY):
            clock.fields[BODY] = op.stamp
        state.body_touched = True
        outcome.changed = True
    if quiet:
        outcome.conflicts = []
    return outcome


def _delete(state: RecordState, stamp: Stamp, outcome: Outcome) -> None:
    if state.document is not None and state.clock is not None:
        if state.clock.revived is not None and state.clock.created >= stamp:
            return  # a deletion of an earlier life of a record brought back since
        state.document = None
        state.clock = None
        outcome.changed = True
    if state.tombstone is None or stamp > state.tombstone:
        state.tombstone = stamp
        outcome.changed = True


def _create(state: RecordState, op: Op, outcome: Outcome, now_ms: int) -> None:
    value = op.value
    if not isinstance(value, dict):
        outcome.orphan = True
        return
    if state.document is None or state.clock is None:
        if state.tombstone is not None:
            revive = op.replaces is not None and op.stamp > state.tombstone
            if not revive:
                return
            state.tombstone = None
        state.document = dict(value)  # values are never changed in place, only replaced
        state.clock = RecordClock(op.stamp)  # its elements all added now, in their order
        state.clock.fields.update(op.fields or {})  # a compacted creation's later sets
        state.clock.revived = op.replaces
        state.body_touched = state.body_touched or state.kind == "journal"
        outcome.changed = True
        return
    if op.stamp == state.clock.created and not op.fields:
        return  # this very creation, applied again (a compacted one merges its later sets)
    folded = op.fields or {}
    # The record is here already (made on two machines: a date's journal entry, a snapshot
    # of the same data on both): each field merges as a set made by this operation.
    sets = SET_FIELDS[state.kind]
    for name, field_value in value.items():
        if name == "created":
            # The earliest creation says when the record was made, on every machine.
            if op.stamp < state.clock.of(name) and state.document.get(name) != field_value:
                state.document[name] = field_value
                state.clock.fields[name] = op.stamp
                outcome.changed = True
            continue
        if name in FIXED_FIELDS:
            continue
        if is_body(state.kind, name):
            if op.stamp > state.clock.of(BODY):
                state.clock.fields[BODY] = op.stamp
            state.body_touched = True
            outcome.changed = True
        elif name in sets and isinstance(field_value, list):
            for element in field_value:
                _element(state, name, element, op.stamp, True, outcome)
        else:
            _set(state, name, field_value, folded.get(name, op.stamp), None, outcome, now_ms)


def _set(
    state: RecordState,
    name: str,
    value: Any,
    stamp: Stamp,
    replaces: Stamp | None,
    outcome: Outcome,
    now_ms: int,
) -> None:
    assert state.document is not None and state.clock is not None
    local = state.clock.of(name)
    wins, concurrent = decide(local, stamp, replaces)
    held = state.document.get(name)
    if concurrent and held != value and name not in QUIET_FIELDS:
        mine, theirs = (value, stamp), (held, local)
        winner, loser = (mine, theirs) if wins else (theirs, mine)
        outcome.conflicts.append(
            make_conflict(state.kind, state.record, name, winner, loser, now_ms)
        )
    if wins:
        state.clock.fields[name] = stamp
        if name in SET_FIELDS[state.kind] and isinstance(value, list):
            for element in value:
                key = element_key(element)
                clock = state.clock.element(name, key, True)
                assert clock is not None
                state.clock.set_element(
                    name, key, ElementClock(max(clock.added, stamp), clock.removed)
                )
        state.document[name] = value
        outcome.changed = True


def _element(
    state: RecordState, name: str, value: Any, stamp: Stamp, adding: bool, outcome: Outcome
) -> None:
    assert state.document is not None and state.clock is not None
    current = state.document.get(name)
    elements = list(current) if isinstance(current, list) else []
    keys = {element_key(element): element for element in elements}
    key = element_key(value)
    clock = state.clock.element(name, key, key in keys)
    if adding:
        if clock is not None and clock.added >= stamp:
            return
        new = ElementClock(stamp, None if clock is None else clock.removed)
        keys.setdefault(key, value)
    else:
        if clock is not None and clock.removed is not None and clock.removed >= stamp:
            return
        new = ElementClock(ZERO if clock is None else clock.added, stamp)
    state.clock.set_element(name, key, new)
    state.document[name] = _order(name, keys, elements, state.clock)
    outcome.changed = True


def _order(
    name: str, values: Mapping[str, Any], current: Iterable[Any], clock: RecordClock
) -> list[Any]:
    """Present elements by the stamp they were added, ties in their current order, then by
    key: the same list on every machine."""
    position: dict[str, int] = {}
    for element in current:
        position.setdefault(element_key(element), len(position))
    present = []
    for key, value in values.items():
        held = clock.element(name, key, key in position)
        if held is not None and held.present:
            present.append((held.added, position.get(key, len(position)), key, value))
    present.sort(key=lambda item: (item[0], item[1], item[2]))
    return [item[3] for item in present]


def ordered_sets(kind: str, document: Mapping[str, Any], clock: RecordClock) -> dict[str, Any]:
    """The set-like fields of ``document`` in their merge order."""
    out: dict[str, Any] = {}
    for name in SET_FIELDS[kind]:
        value = document.get(name)
        if isinstance(value, list):
            out[name] = _order(name, {element_key(e): e for e in value}, value, clock)
    return out


# -- local edits ------------------------------------------------------------------------------


@dataclass(slots=True)
class LocalEdit:
    """A local change as operations (``seq`` left 0: the log numbers them), with the
    record's new document (set-like fields in merge order), clock and tombstone."""

    ops: list[Op]
    document: dict[str, Any] | None
    clock: RecordClock | None
    tombstone: Stamp | None


BodyEdit = Callable[[str, str], Any]
"""``body_merge.body_edit``: the value of a ``body`` operation from the old and new text."""


def local_edit(
    state: RecordState,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    tick: Callable[[], Stamp],
    body_edit: BodyEdit,
) -> LocalEdit:
    """The operations of one local change of ``state``'s record from ``before`` to
    ``after`` (documents; None for absent). ``state.clock`` is the clock before the change
    (None for a record without one: the caller gives a default)."""
    kind, record = state.kind, state.record
    if after is None:
        stamp = tick()
        return LocalEdit([Op(stamp, 0, kind, record, "delete")], None, None, stamp)
    if before is None or state.clock is None:
        stamp = tick()
        replaces = state.tombstone if state.tombstone is not None else None
        clock = RecordClock(stamp, revived=replaces)
        document = dict(after)
        document.update(ordered_sets(kind, document, clock))
        op = Op(stamp, 0, kind, record, "create", value=document, replaces=replaces)
        return LocalEdit([op], document, clock, None)
    clock = state.clock.copy()
    document = dict(after)
    ops: list[Op] = []
    sets = SET_FIELDS[kind]
    names = [*after, *(n for n in before if n not in after)]
    changed = {name for name in names if before.get(name) != after.get(name)}
    for group in GROUPS.get(kind, ()):
        if changed & group:
            changed |= group
            stamp = tick()  # one stamp for the group: every machine keeps one edit's values
            for name in sorted(group):
                ops.append(
                    Op(
                        stamp,
                        0,
                        kind,
                        record,
                        "set",
                        field=name,
                        value=after.get(name),
                        replaces=_real(clock.of(name)),
                    )
                )
                clock.fields[name] = stamp
            names = [name for name in names if name not in group]
    for name in names:
        if name in FIXED_FIELDS or name not in changed:
            continue
        old, new = before.get(name), after.get(name)
        if is_body(kind, name):
            ops.append(_body_op(state, old, new, clock, tick, body_edit))
        elif name in sets and isinstance(new, list):
            ops.extend(_element_ops(state, name, old, new, clock, tick))
            # elements keep their stored order (a reorder alone is no operation, so it would
            # hold here only); new ones follow, by the stamp they were added
            stored = old if isinstance(old, list) else []
            document[name] = _order(name, {element_key(e): e for e in new}, [*stored, *new], clock)
        else:
            stamp = tick()
            ops.append(
                Op(
                    stamp,
                    0,
                    kind,
                    record,
                    "set",
                    field=name,
                    value=new,
                    replaces=_real(clock.of(name)),
                )
            )
            clock.fields[name] = stamp
    return LocalEdit(ops, document, clock, None)


def _real(stamp: Stamp) -> Stamp | None:
    return None if stamp == ZERO else stamp


def _body_op(
    state: RecordState,
    old: Any,
    new: Any,
    clock: RecordClock,
    tick: Callable[[], Stamp],
    body_edit: BodyEdit,
) -> Op:
    old_text = old if isinstance(old, str) else ""
    new_text = new if isinstance(new, str) else ""
    stamp = tick()
    replaces = _real(clock.of(BODY))
    clock.fields[BODY] = stamp
    suffix = new_text[len(old_text) :]
    if new_text.startswith(old_text) and join_append(old_text, suffix) == new_text:
        # a paragraph added as ``JournalEntry.appended`` adds it: two machines' appends
        # then both hold, in stamp order, without a line merge
        return Op(
            stamp,
            0,
            state.kind,
            state.record,
            "append",
            field=BODY,
            value=suffix,
            replaces=replaces,
            base=text_hash(old_text),
        )
    return Op(
        stamp,
        0,
        state.kind,
        state.record,
        "body",
        field=BODY,
        value=body_edit(old_text, new_text),
        replaces=replaces,
        base=text_hash(old_text),
    )


def _element_ops(
    state: RecordState,
    name: str,
    old: Any,
    new: list[Any],
    clock: RecordClock,
    tick: Callable[[], Stamp],
) -> list[Op]:
    before = {element_key(e): e for e in (old if isinstance(old, list) else [])}
    after = {element_key(e): e for e in new}
    ops: list[Op] = []
    for key, element in before.items():
        if key not in after:
            held = clock.element(name, key, True)
            assert held is not None
            stamp = tick()
            ops.append(
                Op(
                    stamp,
                    0,
                    state.kind,
                    state.record,
                    "remove",
                    field=name,
                    value=element,
                    replaces=_real(held.added),
                )
            )
            clock.set_element(name, key, ElementClock(held.added, stamp))
    for key, element in after.items():
        if key not in before:
            held = clock.element(name, key, False)
            stamp = tick()
            replaces = None if held is None else held.removed
            ops.append(
                Op(
                    stamp,
                    0,
                    state.kind,
                    state.record,
                    "add",
                    field=name,
                    value=element,
                    replaces=replaces,
                )
            )
            clock.set_element(
                name, key, ElementClock(stamp, None if held is None else held.removed)
            )
    return ops
