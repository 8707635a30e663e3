"""Operations: what one machine's log says it changed, one field (or element) at a time.

Each line of a machine's log is one ``Op`` encoded as JSON. An operation says enough to merge
without guessing: which record (kind and id), which field, the new value, its clock stamp,
**and the stamp of the value it replaced** on its machine, so a receiver can tell a later edit
from a concurrent one. Set-like fields travel as per-element ``add``/``remove``; a new record
as ``create`` with its whole document; a deletion as ``delete`` (a tombstone); a journal append
as ``append``; an edit of a journal body as ``body`` with the hash of the text it started from.

The format is versioned (``OP_VERSION``). A line of a newer version is kept as it was read
(``Op.raw``) and reported, never dropped: the machine upgrades and applies it later. A line
is written in the oldest version that can carry it (``wire_version``): only an operation that
carries a field a version added (``FIELDS_SINCE``) is written in that version, so machines
still on an older planner go on applying every other operation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, cast, get_args

from planner.domain.sync.hlc import Stamp

OP_VERSION: Final = 2
"""The newest format this planner reads. Version 2 carries a task's ``estimate`` and
``estimate_low``, and an instruction's extension fields (``extension_to``,
``extension_reason``, ``report_by_original``; issue 16): a planner of version 1 refuses a
record with a field it does not know, and a merge it refuses is not tried again, so it must
hold such an operation (as of a newer planner) until it is upgraded rather than apply it. It
also carries a task's timer ``intervals`` (issue 16, a set: each interval an element)."""
FIRST_VERSION: Final = 1
FIELDS_SINCE: Final[Mapping[str, Mapping[str, int]]] = {
    "task": {
        "estimate": 2,
        "estimate_low": 2,
        "extension_to": 2,
        "extension_reason": 2,
        "report_by_original": 2,
        "intervals": 2,
    },
}
"""By record kind: the fields a format version added, and that version."""

RecordKind = Literal["task", "day", "journal", "setback"]
OpName = Literal["create", "set", "add", "remove", "delete", "append", "body"]
RECORD_KINDS: Final[tuple[str, ...]] = get_args(RecordKind)
OP_NAMES: Final[tuple[str, ...]] = get_args(OpName)
_NEEDS_FIELD: Final = frozenset({"set", "add", "remove", "append", "body"})


class OpFormatError(ValueError):
    """A log line that is not an operation; ``where`` says which part is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Op:
    """One change of one machine, numbered ``seq`` (1, 2, ...) in that machine's log."""

    stamp: Stamp
    seq: int
    kind: RecordKind
    record: str
    op: OpName
    field: str | None = None
    value: Any = None
    replaces: Stamp | None = None
    base: str | None = None
    version: int = FIRST_VERSION
    """The version read; one written is in ``wire_version`` (at least this one)."""
    raw: Mapping[str, Any] | None = None
    """The line as read, for an operation of a newer version than this planner knows."""
    fields: Mapping[str, Stamp] | None = None
    """A ``create`` that compaction folded later sets into (``data.sync.compaction``): the
    stamp of each field its document holds a later value of (the others have ``stamp``)."""

    @property
    def machine(self) -> str:
        return self.stamp.machine

    @property
    def understood(self) -> bool:
        return self.version <= OP_VERSION

    def wire_version(self) -> int:
        """The version this operation is written in: the oldest that carries its fields."""
        since = FIELDS_SINCE.get(self.kind, {})
        if not since:
            return self.version
        names: list[str] = []
        if self.op == "create" and isinstance(self.value, Mapping):
            names = [*_wire_value(self.kind, self.value, self.fields), *(self.fields or {})]
        elif self.field is not None:
            names = [self.field]
        return max([self.version, *(since[name] for name in names if name in since)])

    def to_json(self) -> dict[str, Any]:
        if self.raw is not None:
            return dict(self.raw)
        out: dict[str, Any] = {
            "v": self.wire_version(),
            "at": self.stamp.encode(),
            "seq": self.seq,
            "kind": self.kind,
            "id": self.record,
            "op": self.op,
        }
        if self.field is not None:
            out["field"] = self.field
        if self.op == "create":
            out["value"] = _wire_value(self.kind, self.value, self.fields)
        elif self.op not in ("delete",):
            out["value"] = self.value
        if self.replaces is not None:
            out["replaces"] = self.replaces.encode()
        if self.base is not None:
            out["base"] = self.base
        if self.fields:
            out["fields"] = {name: stamp.encode() for name, stamp in self.fields.items()}
        return out


def _wire_value(kind: str, value: Any, fields: Mapping[str, Stamp] | None) -> Any:
    """A creation's document as written: without the empty fields of a later version (unless
    a folded later set stamps one), so that a record made without them stays readable to an
    older planner; ``op_from_json`` gives them back as null."""
    since = FIELDS_SINCE.get(kind, {})
    if not since or not isinstance(value, Mapping):
        return value
    stamped = fields or {}
    return {
        name: item
        for name, item in value.items()
        if not (name in since and item in (None, []) and name not in stamped)
    }


def _read_value(kind: str, op: str, value: Any) -> Any:
    """A creation's document as read: a field of a later version it lacks is null (written
    without it, or by a planner that did not know it: it had none)."""
    since = FIELDS_SINCE.get(kind, {})
    if op != "create" or not since or not isinstance(value, dict):
        return value
    missing = [name for name in since if name not in value]
    return {**value, **dict.fromkeys(missing)} if missing else value


def understood_version(version: object) -> bool:
    """Whether a line's ``v`` is a format this planner reads (1 to ``OP_VERSION``)."""
    return (
        isinstance(version, int)
        and not isinstance(version, bool)
        and FIRST_VERSION <= version <= OP_VERSION
    )


def encode_op(op: Op) -> str:
    """One log line (no newline): compact JSON, keys in a fixed order, UTF-8 kept as is."""
    return json.dumps(op.to_json(), ensure_ascii=False, separators=(",", ":"))


def decode_op(line: str) -> Op:
    """The operation on one log line. Raises ``OpFormatError`` saying what is wrong."""
    try:
        raw = json.loads(line)
    except ValueError as exc:
        raise OpFormatError("line", f"not JSON ({exc})") from None
    return op_from_json(raw)


def op_from_json(raw: object) -> Op:
    """The operation of one log line already parsed as JSON (a reader with a faster JSON
    parser uses it). Raises ``OpFormatError`` saying what is wrong."""
    if not isinstance(raw, dict):
        raise OpFormatError("line", "not a JSON object")
    version = raw.get("v")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise OpFormatError("v", f"not a format version: {version!r}")
    stamp = _stamp(raw, "at")
    seq = raw.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise OpFormatError("seq", f"not a sequence number: {seq!r}")
    if version > OP_VERSION:
        # Only what is needed to order and place it; the rest is kept verbatim.
        return Op(
            stamp=stamp,
            seq=seq,
            kind="task",
            record=str(raw.get("id", "")),
            op="set",
            version=version,
            raw=raw,
        )
    kind = raw.get("kind")
    if kind not in RECORD_KINDS:
        raise OpFormatError("kind", f"not a record kind: {kind!r}")
    record = raw.get("id")
    if not isinstance(record, str) or not record:
        raise OpFormatError("id", f"not a record id: {record!r}")
    name = raw.get("op")
    if name not in OP_NAMES:
        raise OpFormatError("op", f"not an operation: {name!r}")
    field = raw.get("field")
    if name in _NEEDS_FIELD and not isinstance(field, str):
        raise OpFormatError("field", f"{name} needs a field name, got {field!r}")
    if field is not None and not isinstance(field, str):
        raise OpFormatError("field", f"not a field name: {field!r}")
    if name != "delete" and "value" not in raw:
        raise OpFormatError("value", f"{name} needs a value")
    base = raw.get("base")
    if base is not None and not isinstance(base, str):
        raise OpFormatError("base", f"not a text hash: {base!r}")
    return Op(
        stamp=stamp,
        seq=seq,
        kind=cast(RecordKind, kind),
        record=record,
        op=cast(OpName, name),
        field=field,
        value=_read_value(cast(str, kind), cast(str, name), raw.get("value")),
        replaces=_stamp(raw, "replaces") if "replaces" in raw else None,
        base=base,
        version=version,
        fields=_field_stamps(raw["fields"]) if "fields" in raw else None,
    )


def _field_stamps(raw: object) -> dict[str, Stamp]:
    if not isinstance(raw, dict):
        raise OpFormatError("fields", f"not field stamps: {raw!r}")
    return {str(name): _stamp(raw, name) for name in raw}


def _stamp(raw: Mapping[str, Any], key: str) -> Stamp:
    try:
        return Stamp.decode(raw.get(key))
    except ValueError as exc:
        raise OpFormatError(key, str(exc)) from None


def text_hash(text: str) -> str:
    """The hash a ``body`` operation names the text it started from by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
