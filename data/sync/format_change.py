"""What ``planner encrypt`` and ``planner decrypt`` do to sync (issue 15).

The operation logs under ``sync/ops/`` and the local sync repository's history
(``sync/.git``) hold every value ever sent; a change of the data folder's format must not
leave plain text behind in them (encrypt), nor values only the old key opens (decrypt).
Rewriting a git history that was already pushed cannot take the text out of the remote,
so planner starts afresh instead:

1. ``begin`` marks the change (``sync-local/restart.json``) before the folder is converted,
   so a kill anywhere is finished by running the command again, and no sync runs meanwhile;
2. ``finish`` (once the folder is converted and its keys registered): sync is turned off
   here, every log line is rewritten in the folder's new format (sealed per value, or
   plain again), this machine's copy of the key file is written or removed, the local
   repository's history is deleted (``sync/.git``: its objects hold the old lines), and
   the mark is removed.

The records are all in the data files; ``planner sync init NEW-REMOTE`` then starts a new
repository and sends them all (a snapshot). The old remote keeps its history: the user is
told to start a fresh, empty remote and delete the old one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data.files.atomic import remove_tree, write_atomic
from data.sync import sealed_log, sync_keys
from data.sync.jsonfile import read_json, write_json
from data.sync.oplog import log_files, machines
from data.sync.paths import LOCAL, STATUS_FILE, local_file, sync_dir
from data.sync.state import disable
from planner.domain.sync.ops import OpFormatError, encode_op, op_from_json, understood_version

if TYPE_CHECKING:
    from data.crypto.seal import Sealer

RESTART_FILE = "restart.json"


def syncs_here(root: Path) -> bool:
    """Whether this folder has sync files a format change must deal with."""
    return (sync_dir(root) / ".git").exists() or bool(machines(root))


def begin(root: Path, change: str) -> bool:
    """Mark a format change under way (before converting the folder); False when the
    folder has nothing of sync."""
    if not syncs_here(root):
        return False
    (root / LOCAL).mkdir(mode=0o700, exist_ok=True)
    write_json(local_file(root, RESTART_FILE), {"change": change})
    return True


def pending(root: Path) -> str | None:
    """The change under way (``encrypt``/``decrypt``), or None."""
    held = read_json(local_file(root, RESTART_FILE), None)
    return str(held.get("change")) if isinstance(held, dict) else None


def finish(root: Path, target: Sealer | None, *, drop_history: bool = True) -> int:
    """Turn sync off, rewrite every log sealed with ``target`` (None: plain), remove the
    local repository's history; returns how many lines were rewritten (``begin``'s
    docstring). Sealed lines are opened with the keys registered for ``root`` (``retire``
    the old key first for a decrypt)."""
    disable(root)
    rewritten = reformat_logs(root, target)
    for machine in machines(root):
        sync_keys.withdraw(root, machine)  # the next sync init publishes the key in force
    if drop_history:
        remove_tree(sync_dir(root) / ".git")
    local_file(root, STATUS_FILE).unlink(missing_ok=True)
    local_file(root, RESTART_FILE).unlink(missing_ok=True)
    return rewritten


def reformat_logs(root: Path, target: Sealer | None) -> int:
    """Every log file of ``root`` sealed with ``target`` (or plain); lines changed."""
    return sum(
        rewrite_log(path, root, target)
        for machine in machines(root)
        for path in log_files(root, machine)
    )


def rewrite_log(path: Path, root: Path, sealer: Sealer | None) -> int:
    """One log file with each plain line sealed by ``sealer`` or, with None, each sealed
    line opened; lines that are no operation are dropped (they may hold anything).
    Returns how many lines changed."""
    out: list[str] = []
    changed = 0
    data = path.read_bytes()
    for raw in data[: data.rfind(b"\n") + 1].split(b"\n"):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            changed += 1
            continue
        if not isinstance(line, dict):
            changed += 1
            continue
        is_sealed = sealed_log.SEALED in line
        if not understood_version(line.get("v")) or (
            is_sealed and sealer is not None and _key_of(line) == sealer.key_id
        ):
            out.append(raw.decode("utf-8"))
            continue
        if not is_sealed and sealer is None:
            out.append(raw.decode("utf-8"))
            continue
        try:
            op = op_from_json(sealed_log.opened(line, root) if is_sealed else line)
        except OpFormatError:
            changed += 1
            continue
        out.append(encode_op(op) if sealer is None else sealed_log.encode_sealed(op, sealer))
        changed += 1
    if changed:
        write_atomic(path, "".join(f"{line}\n" for line in out))
    return changed


def _key_of(line: dict[str, Any]) -> bytes | None:
    from data.crypto.codec import b64decode
    from data.crypto.seal import parse_envelope

    try:
        return parse_envelope(b64decode(str(line[sealed_log.SEALED]))).key_id
    except ValueError:
        return None
