"""What the randomized sync test expects of three replicas, kept apart from the engine.

Every local write the services make is seen as the ``Change``s they hand the store; each is
taken apart into *registers* (one field of one record, one element of a set-like field, the
journal body, a record's life) and remembered with the vector clock of the replica that made
it (which other replicas' writes it had received). After the replicas have synced quietly:

- a register written on one replica after it had seen every other write of that register
  must hold that write's value everywhere, whatever the wall clocks said (causal order);
- writes made without seeing each other are decided by stamp: the operation each write
  became in its machine's log is found (``attach``), and the latest stamp must win; the
  winner must never be a write another write of the same register had seen (that is the
  hybrid clock's promise: a receive-then-edit is later);
- a journal body edited on one replica that had seen every other edit is that text; else
  every line each concurrent edit added is still in it;
- a record never deleted exists everywhere; one whose last life event (seen by no other)
  is a deletion exists nowhere.

Nothing here imports the sync engine's merge rules: only the operation format (to read the
stamps back) and the records' JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.domain.sync.hlc import Stamp
from planner.domain.sync.ops import Op
from planner.services.ports import Change

KIND = {"task": "task", "day": "day", "journal entry": "journal", "setback": "setback"}
"""An operation's kind from a record's ``record_kind``."""
SETS = {"task": ("tags", "people", "feedback"), "journal": ("tags",)}
"""The fields that merge element by element (the issue: tags, people, feedback)."""
TOGETHER = {"task": ("status", "done_at")}
"""Fields that are one fact (a closed task has its closing time, an open one none): a write
of one of them writes all of them, so the latest such write holds for all."""
BODY = "body"
LIFE = "@life"
"""The register of a record's existence: created (True) or deleted (False)."""
UNWRITTEN = frozenset({"id", "created"})
"""``created`` is fixed by the first write a machine saw; only convergence is asked of it."""

Key = tuple[str, str, str, str | None]
"""(kind, record id, field, element key or None)."""


def element_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def added_lines(before: str, after: str) -> list[str]:
    """The non-blank lines of ``after`` that ``before`` does not hold."""
    old = set(before.splitlines())
    return [line for line in after.splitlines() if line.strip() and line not in old]


@dataclass(slots=True)
class Write:
    replica: int
    event: int
    order: int
    """Every write's place in the run (orders two writes of one replica's one event)."""
    vc: tuple[int, ...]
    key: Key
    value: Any
    lines: tuple[str, ...] = ()
    """For the body: the lines this write added."""
    stamp: Stamp | None = None

    def saw(self, other: Write) -> bool:
        """This write was made knowing ``other`` (and is not ``other``)."""
        if other is self:
            return False
        if other.replica == self.replica:
            return other.order < self.order
        return self.vc[other.replica] >= other.event


@dataclass(slots=True)
class Failure:
    what: str
    key: Key
    detail: str

    def __str__(self) -> str:
        kind, record, name, element = self.key
        where = f"{kind} {record} {name}" + (f"[{element}]" if element else "")
        return f"{self.what}: {where}: {self.detail}"


@dataclass
class Model:
    replicas: int
    vcs: list[list[int]] = field(init=False)
    remote: list[int] = field(init=False)
    writes: dict[Key, list[Write]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    order: int = 0

    def __post_init__(self) -> None:
        self.vcs = [[0] * self.replicas for _ in range(self.replicas)]
        self.remote = [0] * self.replicas

    # -- what happened --------------------------------------------------------------------

    def local(self, replica: int, changes: Sequence[Change]) -> list[Write]:
        """One service call's changes on ``replica``: its writes, one event."""
        if not changes:
            return []
        vc = self.vcs[replica]
        vc[replica] += 1
        event, frozen = vc[replica], tuple(vc)
        made: list[Write] = []
        for change in changes:
            record = change.record
            kind = KIND[record.record_kind]
            before = None if change.before is None else change.before.to_dict()
            after = None if change.after is None else change.after.to_dict()
            for key, value, lines in _registers(kind, record.id, before, after):
                write = Write(replica, event, self.order, frozen, key, value, lines)
                self.order += 1
                self.writes.setdefault(key, []).append(write)
                made.append(write)
        return made

    def synced(self, replica: int) -> None:
        """A sync of ``replica`` that completed: it received all the remote held, and the
        remote now holds all it knows."""
        vc = self.vcs[replica]
        for index in range(self.replicas):
            vc[index] = max(vc[index], self.remote[index])
            self.remote[index] = max(self.remote[index], vc[index])

    def attach(self, made: Iterable[Write], ops: Iterable[Op], *, report: bool = True) -> None:
        """Give each write the stamp of the operation it became in its machine's log."""
        by_key: dict[Key, Stamp] = {}
        created: dict[tuple[str, str], Stamp] = {}
        for op in ops:
            if op.op == "create":
                created[(op.kind, op.record)] = op.stamp
            elif op.op == "delete":
                by_key[(op.kind, op.record, LIFE, None)] = op.stamp
            elif op.op in ("add", "remove"):
                assert op.field is not None
                by_key[(op.kind, op.record, op.field, element_key(op.value))] = op.stamp
            elif op.field is not None:
                by_key[(op.kind, op.record, op.field, None)] = op.stamp
        for write in made:
            kind, record = write.key[0], write.key[1]
            stamp = by_key.get(write.key) or created.get((kind, record))
            if stamp is None and report:
                self.failures.append(Failure("not logged", write.key, repr(write.value)[:80]))
            write.stamp = stamp

    def attach_snapshot(self, made: Iterable[Write], ops: Iterable[Op]) -> None:
        """Writes made before ``sync init``: the snapshot's ``create`` of their record (one
        stamp for all; the last write of a register wins the tie, ``_latest``). A record
        deleted before it is in no snapshot: its writes keep no stamp."""
        self.attach(made, [op for op in ops if op.op == "create"], report=False)

    # -- what must hold -------------------------------------------------------------------

    def check(self, documents: Mapping[tuple[str, str], Mapping[str, Any]]) -> list[Failure]:
        """The converged replica's records by (kind, id) against every write made."""
        failures = list(self.failures)
        records: dict[tuple[str, str], dict[str, list[Write]]] = {}
        for key, writes in self.writes.items():
            records.setdefault((key[0], key[1]), {})[_name(key)] = writes
        for (kind, record), registers in records.items():
            life = registers.get(LIFE, [])
            deleted = any(w.value is False for w in life)
            found = documents.get((kind, record))
            if deleted:
                last = _maximal(life)
                if len(last) == 1 and (found is not None) != bool(last[0].value):
                    state = "present" if found is not None else "absent"
                    failures.append(Failure("life", (kind, record, LIFE, None), state))
                continue
            if found is None:
                failures.append(Failure("lost record", (kind, record, LIFE, None), "absent"))
                continue
            for name, writes in registers.items():
                if name == LIFE:
                    continue
                failures.extend(_check_register(writes, found))
        return failures

    def unrecorded_conflicts(self, recorded: set[tuple[str, str]]) -> list[Failure]:
        """Fields of records never deleted that two writes set to different values without
        seeing each other, where no machine recorded a conflict (``recorded``: (record id,
        field) pairs of every machine's conflict book). ``updated`` never conflicts, the
        journal text is listed apart, set-like fields merge per element."""
        deleted = {
            (key[0], key[1])
            for key, writes in self.writes.items()
            if key[2] == LIFE and any(w.value is False for w in writes)
        }
        missing: list[Failure] = []
        for key, writes in self.writes.items():
            kind, record, name, element = key
            if element is not None or name in (LIFE, BODY, "updated"):
                continue
            if (kind, record) in deleted or (record, name) in recorded:
                continue
            last = _maximal(writes)
            if len({element_key(w.value) for w in last}) > 1:
                values = ", ".join(repr(w.value)[:30] for w in last)
                missing.append(Failure("conflict not recorded", key, values))
        return missing

    def concurrent_registers(self) -> int:
        """How many registers had writes that did not see each other (the conflicts)."""
        return sum(1 for writes in self.writes.values() if len(_maximal(writes)) > 1)


def _name(key: Key) -> str:
    return key[2] if key[3] is None else f"{key[2]}\0{key[3]}"


def _maximal(writes: Sequence[Write]) -> list[Write]:
    """The writes no other write of the same register had seen."""
    return [w for w in writes if not any(other.saw(w) for other in writes)]


def _latest(write: Write) -> tuple[Stamp, int]:
    """By stamp; writes logged under one stamp (a snapshot) by the order they were made."""
    return (write.stamp or Stamp(0, 0, ""), write.order)


def _check_register(writes: Sequence[Write], document: Mapping[str, Any]) -> list[Failure]:
    key = writes[0].key
    stamped = [w for w in writes if w.stamp is not None]
    if not stamped:
        return []
    top = max(stamped, key=_latest)
    failures: list[Failure] = []
    seen_by = [w for w in writes if w.saw(top)]
    if seen_by:
        failures.append(
            Failure(
                "clock",
                key,
                f"the latest stamp {top.stamp} was seen by a later write {seen_by[0].stamp}",
            )
        )
    name, element = key[2], key[3]
    if element is not None:
        held = {element_key(v) for v in document.get(name) or []}
        if (element in held) != bool(top.value):
            state = "present" if element in held else "absent"
            failures.append(Failure("element", key, f"{state}, last write {top.value}"))
        return failures
    actual = document.get(name)
    if name == BODY and key[0] == "journal":
        text = actual if isinstance(actual, str) else ""
        if all(top.saw(w) for w in writes if w is not top):
            if text != top.value:
                failures.append(Failure("body", key, f"{text!r} != {top.value!r}"))
        else:
            for write in _maximal(writes):
                missing = [line for line in write.lines if line not in text]
                if missing:
                    failures.append(Failure("body line lost", key, repr(missing[:3])))
        return failures
    if actual != top.value:
        failures.append(Failure("value", key, f"{actual!r} != {top.value!r} ({top.stamp})"))
    return failures


def _registers(
    kind: str, record: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> Iterable[tuple[Key, Any, tuple[str, ...]]]:
    """The registers one change writes, with their new values."""
    sets = SETS.get(kind, ())
    if after is None:
        yield (kind, record, LIFE, None), False, ()
        return
    if before is None:
        yield (kind, record, LIFE, None), True, ()
    old: Mapping[str, Any] = before or {}
    together = TOGETHER.get(kind, ())
    joint = before is None or any(old.get(name) != after.get(name) for name in together)
    for name, value in after.items():
        if name in UNWRITTEN:
            continue
        unchanged = before is not None and old.get(name) == value
        if unchanged and not (joint and name in together):
            continue
        if name in sets:
            was = {element_key(v) for v in old.get(name) or []}
            now = {element_key(v) for v in value or []}
            for gone in was - now:
                yield (kind, record, name, gone), False, ()
            for new in now - was:
                yield (kind, record, name, new), True, ()
        elif name == BODY and kind == "journal":
            text = value or ""
            yield (kind, record, name, None), text, tuple(added_lines(old.get(name) or "", text))
        else:
            yield (kind, record, name, None), value, ()
