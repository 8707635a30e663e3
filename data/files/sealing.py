"""The one seam between planner's files and the data key (issue 15).

Every file planner writes that holds record text passes through ``seal_bytes`` on its way
to disk and ``open_bytes`` on its way back: the data files (``DurableStorage``), the undo
history, the summaries under ``.cache/`` and sync's conflicts book. Copies of such files
(snapshots under ``backups/``, a restore, a backup elsewhere) move the bytes as they are,
so a copy of a sealed file is sealed: its envelope binds the path it was sealed for (a
snapshot's copy of ``tasks/open.json`` opens as ``tasks/open.json``), which callers
reading a copy name with ``as_relative``.

A folder is sealed while the store that opened it with its keys has ``register``-ed it
here (the registry is per process and keyed by the folder's absolute path; a plain
folder is never registered, so plain start-up pays one empty-dict check and never imports
``cryptography``). Then:

- ``seal_bytes`` seals a file whose path has a role (``role_of``) with the current key;
- ``open_bytes`` opens it, refusing a plain file where a sealed one belongs (someone put it
  there) unless the folder is between formats (``accept_plain``: an ``encrypt`` or
  ``decrypt`` that was interrupted and is being finished).

A sealed file read in a folder that is not registered raises ``Locked``: reading never
falls back to anything, and a process that has no key cannot mistake ciphertext for data.
``meta.json`` stays plain (its ``format`` says the folder is sealed), as do ``keys.json``,
the lock, snapshot manifests and sync's bookkeeping that holds no record text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from data.files.layout import DOCTOR_ADVICE, META, Layout

if TYPE_CHECKING:
    from data.crypto.seal import FileRole, Sealer

SEALED_FORMAT = "sealed-v1"
"""``meta.json``'s ``format`` for a sealed folder (absent: plain)."""
FORMAT_KEY = "format"
KEY_ID_KEY = "key_id"
"""``meta.json``'s id of the data key in force (base64): a process holding another stops."""
CHANGING_KEY = "changing"
"""``meta.json``'s mark of a format change under way: ``encrypt``, ``decrypt`` or ``rekey``."""

_MAGIC = b"PLNR"  # data.crypto.seal.MAGIC, repeated so reading a plain file imports nothing

_HISTORY = "history.json"
_CACHE_FOLDER = ".cache/"
_SEALED_SYNC_FILES = frozenset({"sync-local/conflicts.json"})
"""Sync's local files that hold record values (the conflicts book quotes both values)."""


def role_kind(relative: str) -> str | None:
    """The kind of a file that is sealed in a sealed folder, by its path relative to the
    folder; None for a file kept plain (``meta.json``, keys, lock, bookkeeping)."""
    if relative == _HISTORY:
        return "history"
    if relative.startswith(_CACHE_FOLDER) and relative.endswith(".json"):
        return "cache"
    if relative in _SEALED_SYNC_FILES:
        return "sync-local"
    kind = _LAYOUT.kind_of(relative)
    if kind is None or kind is META:
        return None
    return kind.name


_LAYOUT = Layout(Path("/"))  # kind_of needs no root


def role_of(relative: str) -> FileRole | None:
    kind = role_kind(relative)
    if kind is None:
        return None
    from data.crypto.seal import FileRole

    return FileRole(relative, kind)


def looks_sealed(blob: bytes) -> bool:
    return blob[: len(_MAGIC)] == _MAGIC


@dataclass(slots=True)
class FolderSeal:
    """One sealed folder's keys: ``current`` seals; every sealer in ``sealers`` (by key id)
    opens (a ``rekey`` under way holds the old key and the new one)."""

    current: Sealer
    sealers: dict[bytes, Sealer] = field(default_factory=dict)
    accept_plain: bool = False

    @classmethod
    def of(
        cls, current: Sealer, others: Iterable[Sealer] = (), *, accept_plain: bool = False
    ) -> FolderSeal:
        sealers = {s.key_id: s for s in (*others, current)}
        return cls(current, sealers, accept_plain)

    def seal(self, plain: bytes, role: FileRole) -> bytes:
        return self.current.seal_file(plain, role)

    def open(self, blob: bytes, role: FileRole) -> bytes:
        from data.crypto.seal import parse_envelope

        envelope = parse_envelope(blob, role.path)
        sealer = self.sealers.get(envelope.key_id, self.current)
        return sealer.open_file(blob, role)


_FOLDERS: dict[str, FolderSeal] = {}


def register(root: Path, seal: FolderSeal) -> None:
    """Seal and open the files of ``root`` with ``seal`` in this process from now on."""
    _FOLDERS[os.path.abspath(root)] = seal


def forget(root: Path) -> None:
    """``root`` is plain (again) for this process: its files are written plain."""
    _FOLDERS.pop(os.path.abspath(root), None)


def seal_of(root: Path) -> FolderSeal | None:
    return _FOLDERS.get(os.path.abspath(root))


def _locate(path: Path) -> tuple[FolderSeal, str] | None:
    text = os.path.abspath(path)
    for root, seal in _FOLDERS.items():
        if text.startswith(root + os.sep):
            return seal, Path(text[len(root) + 1 :]).as_posix()
    return None


def seal_bytes(path: Path, plain: bytes, *, as_relative: str | None = None) -> bytes:
    """What to write to ``path``: ``plain`` sealed when its folder is sealed and the file
    has a role, else ``plain`` itself."""
    if not _FOLDERS:
        return plain
    found = _locate(path)
    if found is None:
        return plain
    seal, relative = found
    role = role_of(as_relative or relative)
    return plain if role is None else seal.seal(plain, role)


def open_bytes(path: Path, blob: bytes, *, as_relative: str | None = None) -> bytes:
    """The plain bytes of what was read from ``path`` (a copy of a file: ``as_relative``
    names the file it is a copy of). ``Locked`` for a sealed file without the key,
    ``SealBroken`` for one altered or moved, ``DataError`` for plain text where a sealed
    file belongs."""
    found = _locate(path) if _FOLDERS else None
    if found is None:
        if looks_sealed(blob):
            from data.crypto.errors import Locked

            raise Locked(str(path))
        return blob
    seal, relative = found
    role = role_of(as_relative or relative)
    if role is None:
        return blob
    if looks_sealed(blob):
        return _opened(seal, blob, role, path)
    if seal.accept_plain or not blob:
        return blob
    from planner.domain.errors import DataError

    raise DataError(
        str(path),
        "is plain text in an encrypted data folder (not written by planner)",
        'move it aside, or run "planner doctor --repair" to restore the newest good backup',
    )


def _opened(seal: FolderSeal, blob: bytes, role: FileRole, path: Path) -> bytes:
    """``seal.open``, with an envelope that does not open reported as every damaged data
    file is: by its full path, with what to do (the crypto layer knows only the role)."""
    from data.crypto.errors import EnvelopeFormatError, SealBroken, SealedWithOtherKey

    try:
        return seal.open(blob, role)
    except SealedWithOtherKey:
        raise
    except (SealBroken, EnvelopeFormatError) as exc:
        raise SealBroken(str(path), exc.problem, DOCTOR_ADVICE) from None


def meta_document(root: Path) -> dict[str, object]:
    """``meta.json``'s document as it is on disk (``{}`` when missing or unreadable: the
    store then reports it properly)."""
    import json

    try:
        meta = json.loads((root / "meta.json").read_bytes())
        document = next(iter(meta["_meta"].values()))
    except (ValueError, KeyError, TypeError, AttributeError, StopIteration, OSError):
        return {}
    return document if isinstance(document, dict) else {}


def is_sealed(document: dict[str, object]) -> bool:
    return document.get(FORMAT_KEY) == SEALED_FORMAT


def require_open(root: Path) -> None:
    """``Locked`` when ``root`` is sealed and this process holds no key for it: for what
    reads files outside a store (``doctor``), which would else take ciphertext for
    damage."""
    if is_sealed(meta_document(root)) and seal_of(root) is None:
        from data.crypto.errors import Locked

        raise Locked(str(root))
