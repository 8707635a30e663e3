"""Whether sync is on, and this machine's local bookkeeping (``sync-local/``, never pushed).

- ``enabled.json``: present while sync is on (its presence is what makes ``FileStore.apply``
  log operations): ``{"machine": id, "snapshot": stamp}``, the stamp of this machine's
  snapshot (every record it held at ``sync init``; their clocks default to it).
- ``positions.json``: how far each other machine's log is applied (``{"logs": {machine:
  seq}}``), the operations kept for a newer planner (``held``), the newest stamp seen
  (``seen``, so the next local edit is later) and, after a reset, up to where a replay is
  quiet (``quiet``: those operations had been applied once; no conflict is reported again).
- ``applied.json``: up to which of this machine's own operations the data files are known
  to show (written after the data files; replay on open starts after it).
- ``status.json``: ``sent_seq``, how far the own log was committed to be sent (the engine).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from data.sync.jsonfile import read_json, write_json
from data.sync.machine import MachineIdentity
from data.sync.oplog import OwnLog
from data.sync.paths import APPLIED_FILE, LOCAL, POSITIONS_FILE, STATUS_FILE, local_file
from planner.domain.sync.hlc import Stamp

ENABLED_FILE = "enabled.json"
ENABLED_PATH = f"{LOCAL}/{ENABLED_FILE}"
"""Relative to the data folder: what ``FileStore.apply`` checks (one ``stat``)."""


def enable(root: Path, machine_id: str) -> None:
    """Turn sync on for this data folder as ``machine_id`` (call inside the store's
    transaction, followed by ``data.sync.snapshot.write_snapshot``)."""
    held = read_json(local_file(root, ENABLED_FILE), {})
    snapshot = held.get("snapshot") if isinstance(held, dict) else None
    write_json(local_file(root, ENABLED_FILE), {"machine": machine_id, "snapshot": snapshot})


def disable(root: Path) -> None:
    """Turn sync off: writes no longer log operations (the logs and clocks stay)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(local_file(root, ENABLED_FILE))


def is_enabled(root: Path) -> bool:
    return os.path.exists(local_file(root, ENABLED_FILE))


def snapshot_stamp(root: Path) -> Stamp | None:
    """The stamp of this machine's snapshot: the clock of every record that has none."""
    held = read_json(local_file(root, ENABLED_FILE), {})
    value = held.get("snapshot") if isinstance(held, dict) else None
    try:
        return None if value is None else Stamp.decode(value)
    except ValueError:
        return None


def set_snapshot_stamp(root: Path, stamp: Stamp) -> None:
    held = read_json(local_file(root, ENABLED_FILE), {})
    held = held if isinstance(held, dict) else {}
    held["snapshot"] = stamp.encode()
    write_json(local_file(root, ENABLED_FILE), held)


def current_machine(root: Path) -> MachineIdentity:
    """This machine's identity (a copied folder gets a new id here: ``MachineIdentity``)."""
    return MachineIdentity.load_or_create(root)


def adopt_previous(root: Path, identity: MachineIdentity) -> None:
    """A copied folder's new id: the logs of its former ids count as other machines' logs,
    applied up to their end (their operations are in these files), and sync stays on under
    the new id."""
    positions = read_positions(root)
    logs = positions.setdefault("logs", {})
    for old in identity.previous:
        logs[old] = max(int(logs.get(old, 0)), OwnLog(root, old).last_seq)
    write_positions(root, positions)
    held = read_json(local_file(root, ENABLED_FILE), None)
    if isinstance(held, dict):
        held["machine"] = identity.id
        write_json(local_file(root, ENABLED_FILE), held)


# -- positions ---------------------------------------------------------------------------------


def read_positions(root: Path) -> dict[str, Any]:
    value = read_json(local_file(root, POSITIONS_FILE), {})
    return value if isinstance(value, dict) else {}


def write_positions(root: Path, positions: dict[str, Any]) -> None:
    write_json(local_file(root, POSITIONS_FILE), positions)


def position(root: Path, machine: str) -> int:
    return int(read_positions(root).get("logs", {}).get(machine, 0))


def seen_stamp(positions: dict[str, Any]) -> Stamp | None:
    try:
        value = positions.get("seen")
        return None if value is None else Stamp.decode(value)
    except ValueError:
        return None


def reset_positions(root: Path) -> None:
    """After ``restore`` or ``doctor --repair`` rolled the data files back: every log is
    applied again from its start, this machine's own included (quietly: conflicts already
    reported are not reported again)."""
    if not os.path.isdir(local_file(root, "")):
        return
    positions = read_positions(root)
    quiet = dict(positions.get("quiet", {}))
    for machine, seq in positions.get("logs", {}).items():
        quiet[machine] = max(int(seq), int(quiet.get(machine, 0)))
    applied = read_json(local_file(root, APPLIED_FILE), {})
    if isinstance(applied, dict) and applied.get("machine"):
        machine = str(applied["machine"])
        quiet[machine] = max(int(applied.get("seq", 0)), int(quiet.get(machine, 0)))
    positions["logs"] = {}
    positions["quiet"] = quiet
    write_positions(root, positions)
    write_json(local_file(root, APPLIED_FILE), {"machine": None, "seq": 0})


# -- own log -----------------------------------------------------------------------------------


def applied_seq(root: Path, machine: str) -> int:
    """How far the data files show this machine's own log."""
    value = read_json(local_file(root, APPLIED_FILE), {})
    if not isinstance(value, dict) or value.get("machine") != machine:
        return 0
    return int(value.get("seq", 0))


def set_applied(root: Path, machine: str, seq: int) -> None:
    """Written after the data files: a stale (lower) value only costs a longer replay."""
    write_json(local_file(root, APPLIED_FILE), {"machine": machine, "seq": seq}, durable=False)


def pending_ops(root: Path) -> int:
    """This machine's operations not yet committed to be sent (``status.json``'s
    ``sent_seq``, which the engine sets)."""
    identity = MachineIdentity.load(root)
    if identity is None:
        return 0
    status = read_json(local_file(root, STATUS_FILE), {})
    sent = int(status.get("sent_seq", 0)) if isinstance(status, dict) else 0
    return max(OwnLog(root, identity.id).last_seq - sent, 0)
