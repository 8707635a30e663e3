"""The snapshots' content store: ``backups/.blobs/<sha256>``, one file per distinct content.

A snapshot's files are hard links to these blobs, so snapshots holding the same version of a
file share its storage, and a live data file never does: a blob is always a new file written
from bytes read (never a link to a live file), and a live file is always replaced by a new
file (``write_atomic``, ``copy_atomic``), never linked to a blob. Damage written into a live
file in place (a ``truncate``, an editor, a disk error) therefore reaches no snapshot.

Call every method with the data folder's lock held: blobs are added and swept under it.
``put`` writes and fsyncs a new blob; ``settle`` checks that each blob put reads back as
the bytes it was given, and makes the new names durable with one fsync of the folder.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from pathlib import Path

from data.files.atomic import FILE_MODE, ensure_private_dir, fsync_dir, write_atomic

BLOBS = ".blobs"
"""The content store's folder under ``backups/`` (a name no snapshot folder can have)."""

_NO_LINK = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP}
"""Errors that mean "this file system cannot link here": copy instead."""


def digest_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class Blobs:
    """The content store under one ``backups/`` folder."""

    def __init__(self, backups: Path) -> None:
        self.folder = backups / BLOBS
        self._unsynced = False
        self._given: dict[str, bytes] = {}

    def path(self, digest: str) -> Path:
        return self.folder / digest

    def holds(self, digest: str, size: int) -> bool:
        """Whether the blob of ``digest`` is there with the size that content has."""
        try:
            return self.path(digest).stat().st_size == size
        except FileNotFoundError:
            return False

    def put(self, raw: bytes, digest: str | None = None) -> str:
        """Keep ``raw`` (0600, once per content); return its digest. Link to it once
        ``settle`` has checked it."""
        digest = digest or digest_of(raw)
        if digest in self._given:
            return digest
        self._given[digest] = raw
        if not self.holds(digest, len(raw)):
            ensure_private_dir(self.folder)
            self._write(digest, raw)
        return digest

    def settle(self) -> None:
        """Check that every blob ``put`` since reads back as the bytes it was given (one
        that does not is written anew); make the new names durable (one fsync of the
        folder)."""
        for digest, raw in self._given.items():
            if self.path(digest).read_bytes() != raw:
                self._write(digest, raw)
                if self.path(digest).read_bytes() != raw:
                    raise OSError(f"{self.path(digest)} does not read back as written")
        self._given.clear()
        if self._unsynced:
            fsync_dir(self.folder)
            self._unsynced = False

    def _write(self, digest: str, raw: bytes) -> None:
        """(Re)write the blob of ``digest``: a new file, whatever was there before."""
        write_atomic(self.path(digest), raw, sync_dir=False)
        self._unsynced = True

    def link(self, digest: str, target: Path) -> None:
        """Make ``target`` (absent) hold the blob's content: a hard link, or a copy where the
        file system has no hard links."""
        source = self.path(digest)
        try:
            os.link(source, target)
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            shutil.copyfile(source, target)
            os.chmod(target, FILE_MODE)
            with open(target, "rb") as handle:
                os.fsync(handle.fileno())

    def sweep(self) -> list[Path]:
        """Remove the blobs no snapshot links to any more (a link count of one)."""
        removed: list[Path] = []
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return removed
        for entry in entries:
            with contextlib.suppress(FileNotFoundError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_nlink <= 1:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
        if removed:
            fsync_dir(self.folder)
        return removed
