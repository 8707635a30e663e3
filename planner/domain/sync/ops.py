"""Operations: what one machine's log says it changed, one field (or element) at a time.

Each line of a machine's log is one ``Op`` encoded as JSON. An operation says enough to merge
without guessing: which record (kind and id), which field, the new value, its clock stamp,
**and the stamp of the value it replaced** on its machine, so a receiver can tell a later edit
from a concurrent one. Set-like fields travel as per-element ``add``/``remove``; a new record
as ``create`` with its whole document; a deletion as ``delete`` (a tombstone); a journal append
as ``append``; an edit of a journal body as ``body`` with the hash of the text it started from.

The format is versioned (``OP_VERSION``). A line of a newer version is kept as it was read
(``Op.raw``) and reported, never dropped: the machine upgrades and applies it later.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, cast, get_args

from planner.domain.sync.hlc import Stamp

OP_VERSION: Final = 1

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
    version: int = OP_VERSION
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

    def to_json(self) -> dict[str, Any]:
        if self.raw is not None:
            return dict(self.raw)
        out: dict[str, Any] = {
            "v": self.version,
            "at": self.stamp.encode(),
            "seq": self.seq,
            "kind": self.kind,
            "id": self.record,
            "op": self.op,
        }
        if self.field is not None:
            out["field"] = self.field
        if self.op not in ("delete",):
            out["value"] = self.value
        if self.replaces is not None:
            out["replaces"] = self.replaces.encode()
        if self.base is not None:
            out["base"] = self.base
        if self.fields:
            out["fields"] = {name: stamp.encode() for name, stamp in self.fields.items()}
        return out


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
        value=raw.get("value"),
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
