"""``history.json``: the last actions of every process, kept with the data for undo and redo.

    {"_meta": {"kind": "history", "schema": 1}, "actions": [{"seq": 1, "at": ..., ...}]}

Each action holds both versions of every record it changed (see
``planner.services.action_codec``). The file is read and written only under the data
folder's lock, inside the store's transaction, and replaced atomically like every data file
(a temporary file, fsynced, renamed over it; only the folder's fsync after the rename is
left out, see ``_replace``).
A damaged file (or one from a newer planner) is never written over: reading it raises
``DataError`` with advice, and ``planner doctor --repair`` moves it aside.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from data.files.atomic import write_atomic
from data.files.sealing import open_bytes, seal_bytes
from data.tinydb.schema import newer
from planner.domain.errors import DataError, DomainError
from planner.services.action_codec import action_from_dict, action_to_dict
from planner.services.ports import Action, LoggedAction

HISTORY_FILE = "history.json"
HISTORY_KIND = "history"
HISTORY_SCHEMA = 1
MAX_BYTES = 64 * 1024 * 1024
"""Far above what 100 actions take; a larger file is refused as damaged, unread."""
REPAIR_ADVICE = (
    'run "planner doctor --repair": it moves the history aside and starts an empty one '
    "(undo then starts afresh; no task, entry or analysis is touched)"
)


def damaged(path: Path, detail: str) -> DataError:
    return DataError(str(path), f"is not a valid undo history ({detail})", REPAIR_ADVICE)


def parse_history(path: Path, raw: bytes) -> list[LoggedAction]:
    """The actions ``raw`` holds, oldest first, every record decoded and checked;
    ``DataError`` naming what is wrong."""
    actions: list[LoggedAction] = []
    for number, item in enumerate(_documents(path, raw), 1):
        try:
            actions.append(action_from_dict(item))
        except DomainError as exc:
            raise damaged(path, f"action {number}: {exc}") from None
    return actions


def serialise_history(actions: Sequence[LoggedAction]) -> bytes:
    return _serialise([action_to_dict(a) for a in actions])


def _serialise(documents: list[Any]) -> bytes:
    import orjson

    document = {"_meta": {"kind": HISTORY_KIND, "schema": HISTORY_SCHEMA}, "actions": documents}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def _documents(path: Path, raw: bytes) -> list[dict[str, Any]]:
    """The actions of ``raw`` as plain documents, checked only as far as ``append`` needs
    (the envelope, and each action's number, origin and state): a cheap look that spares
    every write decoding every record of the last 100 actions (about 15 ms)."""
    if len(raw) > MAX_BYTES:
        raise damaged(path, f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise damaged(path, f"not JSON: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise damaged(path, "the top level is not an object")
    meta = data.get("_meta")
    if not isinstance(meta, dict) or meta.get("kind") != HISTORY_KIND:
        raise damaged(path, "no _meta naming it a history")
    schema = meta.get("schema")
    if type(schema) is not int or schema < 1:
        raise damaged(path, f"schema {schema!r} is not a version")
    if schema > HISTORY_SCHEMA:
        raise newer(path, schema)
    items = data.get("actions")
    if not isinstance(items, list):
        raise damaged(path, "no list of actions")
    last = -1
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise damaged(path, f"action {number} is not an object")
        seq, undone, origin = item.get("seq"), item.get("undone"), item.get("origin")
        if type(seq) is not int or seq <= last or not isinstance(origin, str):
            raise damaged(path, f"action {number}: no number in order, or no origin")
        if undone is not None and (type(undone) is not int or undone <= seq):
            raise damaged(path, f"action {number}: undone: not a later sequence number")
        last = seq
    return items


def _replace_history(path: Path, data: bytes) -> bytes:
    """Replace ``path`` as every data file is (a temporary file, fsynced, then renamed over
    it), but without the fsync of the folder after the rename: a power cut may then leave
    the previous history, whole, never a broken one, and every write saves that fsync (the
    history is for undo; the data files keep theirs). Returns the bytes written (sealed,
    in an encrypted folder)."""
    stored = seal_bytes(path, data)
    write_atomic(path, stored, sync_dir=False)
    return stored


def rewrite_actions(path: Path, edit: Callable[[list[dict[str, Any]]], bool]) -> bool:
    """Let ``edit`` change the kept actions, as plain documents, in place (a migration of the
    data folder rewriting what they hold); when it returns True, write them back. Returns
    whether the file was written: a missing file stays missing, and a damaged one (or one of
    a newer planner) raises ``DataError`` and is left as it is. Call with the lock held."""
    try:
        raw = open_bytes(path, path.read_bytes())
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DataError(str(path), f"could not be read ({exc.strerror or exc})") from None
    documents = _documents(path, raw)
    if not edit(documents):
        return False
    _replace_history(path, _serialise(documents))
    return True


class HistoryFile:
    """The ``ActionLog`` on ``history.json``: read fresh under the lock (the bytes are
    compared with the last read, so an unchanged file is not decoded again)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self._read_only = read_only
        self._raw: bytes | None = None
        self._actions: list[LoggedAction] = []
        self._appended: tuple[bytes, list[dict[str, Any]]] | None = None
        """The file as this process's last ``append`` left it, and its actions as documents."""

    def read(self) -> list[LoggedAction]:
        raw = self._bytes()
        if raw is None:
            self._raw, self._actions = None, []
            return []
        if raw != self._raw:
            self._actions = parse_history(self.path, raw)
            self._raw = raw
        return list(self._actions)

    def append(self, at: datetime, origin: str, action: Action, *, keep: int) -> LoggedAction:
        if self._read_only:
            raise RuntimeError("a reader of the store never writes")
        stored = self._stored()
        if stored is None:
            documents = []
        elif self._appended is not None and stored == self._appended[0]:
            # Still the file this process wrote last: its actions are known, and neither
            # opened (an encrypted folder) nor parsed again; any other writer's change, or
            # an undo's, shows as other bytes.
            documents = self._appended[1]
        else:
            documents = _documents(self.path, open_bytes(self.path, stored))
        seq = 1 + max((max(d["seq"], d.get("undone") or 0) for d in documents), default=0)
        logged = LoggedAction(seq, at, origin, action)
        kept = [d for d in documents if d.get("undone") is None or d["origin"] != origin]
        written = [*kept, action_to_dict(logged)][-keep:]
        self._appended = (_replace_history(self.path, _serialise(written)), written)
        return logged

    def _bytes(self) -> bytes | None:
        stored = self._stored()
        return None if stored is None else open_bytes(self.path, stored)

    def _stored(self) -> bytes | None:
        """The file's bytes as stored (sealed, in an encrypted folder); None when absent."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise damaged(self.path, "a folder stands where the file belongs") from None
        except OSError as exc:
            raise DataError(str(self.path), f"could not be read ({exc.strerror or exc})") from None

    def write(self, actions: Sequence[LoggedAction]) -> None:
        if self._read_only:
            raise RuntimeError("a reader of the store never writes")
        self.read()  # a damaged file raises here, and stays as it is
        data = serialise_history(actions)
        _replace_history(self.path, data)
        self._raw, self._actions = data, list(actions)
