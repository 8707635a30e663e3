"""Where sync keeps its files under the data folder.

sync/ops/<machine>/<YYYY-MM>.jsonl   each machine's log (travels; only its machine writes it)
sync/ops/<machine>/applied.json      how far that machine has applied each other log (travels)
sync/manifest.json                   written by the git side
sync-local/machine.json              this machine's id, the folder's identity, whether on
sync-local/positions.json            how far each other machine's log is applied
sync-local/applied.json              how far this machine's own log is in the data files
sync-local/conflicts.json            the conflicts book
sync-local/status.json               how far the own log was sent (the git side sets it)
sync-local/compaction.json           up to which seq the own log was last compacted
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

SYNC: Final = "sync"
LOCAL: Final = "sync-local"
OPS: Final = "ops"
MACHINE_FILE: Final = "machine.json"
POSITIONS_FILE: Final = "positions.json"
APPLIED_FILE: Final = "applied.json"
CONFLICTS_FILE: Final = "conflicts.json"
STATUS_FILE: Final = "status.json"


def sync_dir(root: Path) -> Path:
    return root / SYNC


def ops_dir(root: Path) -> Path:
    return root / SYNC / OPS


def local_dir(root: Path) -> Path:
    return root / LOCAL


def local_file(root: Path, name: str) -> Path:
    return root / LOCAL / name
