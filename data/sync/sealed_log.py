"""Operation values sealed in the log of an encrypted data folder (issue 15).

While the data folder is encrypted (``data.files.sealing`` has its keys registered in this
process), every line ``OwnLog.append`` writes carries, instead of ``value`` (and ``base``,
the hash of a journal text a body edit started from), ``sealed``: the JSON
``{"value": ..., "base": ...}`` sealed with ``Sealer.seal_value`` under the data key. Its
associated data (``ValueBinding``) binds the record id, the record kind + operation name +
field, and the operation's stamp + seq, so a sealed value copied to another record,
field, operation or line does not open. A ``delete`` seals an empty payload, so in an
encrypted folder every line is sealed and a plain line is refused (someone wrote it there).

What stays visible in each line (the remote stores and orders lines without the key):
the format version, the stamp (time of the change to the millisecond, counter, machine id),
seq, the record kind and id, the operation name, the field name and the stamp it replaced;
plus the size of the sealed value.

Opening picks the key by the envelope's key id: the folder's current key, or a retired one
(``retire``: keys of before a ``planner rekey``, which the current key unwraps from
``keys.json``), so lines written before a rekey still open on every machine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data.files import sealing
from planner.domain.sync.ops import Op, understood_version

if TYPE_CHECKING:
    from data.crypto.seal import Sealer, ValueBinding

SEALED = "sealed"
_HIDDEN = ("value", "base")

_RETIRED: dict[str, dict[bytes, Sealer]] = {}
"""Per data folder (absolute path): sealers of retired data keys, for opening only."""


class PlainLineRefused(ValueError):
    """A plain operation in the log of an encrypted folder: not written by planner there."""


def retire(root: Path, sealers: Iterable[Sealer]) -> None:
    """Open values sealed with these (retired) keys too, in this process."""
    held = _RETIRED.setdefault(os.path.abspath(root), {})
    for sealer in sealers:
        held[sealer.key_id] = sealer


def sealer_for(root: Path) -> Sealer | None:
    """The sealer that seals new lines of ``root``'s logs (None: the folder is plain)."""
    seal = sealing.seal_of(root)
    return None if seal is None else seal.current


def encrypted(root: Path) -> bool:
    return sealing.seal_of(root) is not None


def binding(line: dict[str, Any]) -> ValueBinding:
    from data.crypto.seal import ValueBinding

    where = f"{line.get('kind')}.{line.get('op')}.{line.get('field') or ''}"
    return ValueBinding(str(line.get("id")), where, f"{line.get('at')}#{line.get('seq')}")


def sealed_json(op: Op, sealer: Sealer) -> dict[str, Any]:
    """The log line of ``op`` with its value (and base) sealed."""
    plain = op.to_json()
    if op.raw is not None:
        return plain  # an operation of a newer planner, kept as it was read
    payload = {key: plain.pop(key) for key in _HIDDEN if key in plain}
    line: dict[str, Any] = {}
    for key, value in plain.items():
        if key == "replaces":
            line[SEALED] = None  # keeps the sealed value before replaces, after field
        line[key] = value
    line.setdefault(SEALED, None)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    line[SEALED] = sealer.seal_value(text, binding(line))
    return line


def encode_sealed(op: Op, sealer: Sealer) -> str:
    return json.dumps(sealed_json(op, sealer), ensure_ascii=False, separators=(",", ":"))


def _openers(root: Path) -> dict[bytes, Sealer]:
    seal = sealing.seal_of(root)
    found = dict(_RETIRED.get(os.path.abspath(root), {}))
    if seal is not None:
        found.update(seal.sealers)
    return found


def _retired_from_keyfile(root: Path) -> dict[bytes, Sealer]:
    """The retired keys ``keys.json`` keeps (opened with the current key), registered."""
    current = sealer_for(root)
    if current is None:
        return {}
    from data.crypto.keyfile import read_keyfile, retired_keys
    from data.crypto.seal import Sealer

    keyfile = read_keyfile(root)
    if keyfile is None or keyfile.key_id != current.key_id:
        return {}
    retire(root, (Sealer(key) for key in retired_keys(keyfile, current)))
    return _RETIRED.get(os.path.abspath(root), {})


def opened(line: dict[str, Any], root: Path) -> dict[str, Any]:
    """``line`` with its sealed value opened (``Locked`` without the key, ``SealBroken``
    when altered or moved, ``SealedWithOtherKey`` for a key this folder does not know);
    a plain line in an encrypted folder raises ``PlainLineRefused``."""
    text = line.get(SEALED)
    if text is None:
        if understood_version(line.get("v")) and encrypted(root):
            raise PlainLineRefused("plain operation in the log of an encrypted data folder")
        return line
    from data.crypto.codec import b64decode
    from data.crypto.errors import EnvelopeFormatError, Locked, SealedWithOtherKey
    from data.crypto.seal import parse_envelope

    openers = _openers(root)
    if not openers:
        raise Locked(str(root), "holds sync operations sealed with a data key")
    what = f"operation {line.get('at')}"
    if not isinstance(text, str):
        raise EnvelopeFormatError(what, "is not text")
    try:
        key_id = parse_envelope(b64decode(text), what).key_id
    except ValueError:
        raise EnvelopeFormatError(what, "is not base64") from None
    sealer = openers.get(key_id) or _retired_from_keyfile(root).get(key_id)
    if sealer is None:
        raise SealedWithOtherKey(what)
    payload = json.loads(sealer.open_value(text, binding(line)))
    out = {key: value for key, value in line.items() if key != SEALED}
    if isinstance(payload, dict):
        out.update({key: payload[key] for key in _HIDDEN if key in payload})
    return out


def visible_part(line: dict[str, Any]) -> dict[str, Any]:
    """A sealed line as an operation without its value (for seq and stamp only)."""
    if SEALED not in line:
        return line
    out = {key: value for key, value in line.items() if key != SEALED}
    out["value"] = None
    return out
