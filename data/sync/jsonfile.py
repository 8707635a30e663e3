"""Small JSON files of ``sync-local``: read with a default, written atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from data.files.atomic import ensure_private_dir, write_atomic
from data.files.sealing import open_bytes, seal_bytes


def read_json(path: Path, default: Any) -> Any:
    """The file's JSON, or ``default`` when it is missing or unreadable (these files are
    derived or rebuilt: a damaged one is treated as absent)."""
    try:
        return json.loads(open_bytes(path, path.read_bytes()))
    except (OSError, ValueError):
        return default


def write_json(path: Path, value: Any, *, durable: bool = True) -> None:
    ensure_private_dir(path.parent)
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(path, seal_bytes(path, text.encode("utf-8")), sync_dir=durable)
