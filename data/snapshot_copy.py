"""Copying one live data file into a snapshot: only when it changed, verified when copied.

A file whose ``stat`` is the one the previous snapshot recorded has not been written since
(every write, in place or by replacement, changes ``ctime``): its blob is shared as it is,
without reading the file. Any other file is read and parsed (the manifest records how many
records it holds, or why it does not parse), and its content kept as a blob (shared when
another snapshot already holds the same content) that ``Blobs.settle`` reads back: the
copy holds exactly the bytes that parsed.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from data.blobs import Blobs, digest_of
from data.files.atomic import write_atomic
from data.files.layout import FileKind, Layout
from data.files.sealing import open_bytes
from data.snapshot_manifest import Entry, LiveStat, Manifest, live_stat
from data.tinydb.schema import Tables, check_shape
from data.tinydb.storage import RECENT_NS, parse
from planner.domain.errors import DataError


def unshare_live_files(layout: Layout) -> list[Path]:
    """Give each live data file that shares its storage (a hard link: snapshots of the old
    format linked the live files) a storage of its own, by replacing it with a copy of
    itself. Damage written into it in place then no longer reaches the old snapshots.

    Call with the lock held; a few ``stat``s when there is nothing to do.
    """
    unshared: list[Path] = []
    for _kind, path in layout.data_files():
        try:
            if os.lstat(path).st_nlink > 1 and _unshare(path):
                unshared.append(path)
        except FileNotFoundError:
            continue
    return unshared


def _unshare(path: Path) -> bool:
    """Replace a regular file by a copy of itself (the same bytes in a new inode)."""
    if os.path.islink(path) or not os.path.isfile(path):
        return False
    write_atomic(path, path.read_bytes())
    return True


def keep_file(
    blobs: Blobs, kind: FileKind, path: Path, relative: str, previous: Manifest | None
) -> Entry | None:
    """The snapshot entry of one live file, its content kept as a blob; None when the file
    vanished (or is not a regular file: that is not data to keep). A live file that shares
    its storage (linked to an old-format snapshot) is first given storage of its own."""
    try:
        st = os.stat(path)
        if st.st_nlink > 1 and _unshare(path):
            st = os.stat(path)
    except FileNotFoundError:
        return None
    old = previous.files.get(relative) if previous is not None else None
    if (
        old is not None
        and previous is not None
        and old.live == live_stat(st)
        and previous.taken_ns - st.st_mtime_ns > RECENT_NS
        and blobs.holds(old.digest, old.size)
    ):
        return old
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            raw = handle.read()
    except (FileNotFoundError, IsADirectoryError):
        return None
    digest = digest_of(raw)
    if old is not None and old.digest == digest and blobs.holds(digest, len(raw)):
        blobs.put(raw, digest)  # the same content: not parsed again, but the blob checked
        return replace(old, live=live_stat(st))
    return _verified(blobs, kind, path, raw, digest, live_stat(st))


def _verified(
    blobs: Blobs, kind: FileKind, path: Path, raw: bytes, digest: str, live: LiveStat
) -> Entry:
    """Keep ``raw`` as a blob (read back by ``settle``) and parse it: the entry says what
    it holds."""
    blobs.put(raw, digest)
    try:
        data = _parsed(path, raw, kind)
    except DataError as exc:
        return Entry(digest, len(raw), None, exc.problem, live)
    records = None if kind.table is None else len(data.get(kind.table, {}))
    return Entry(digest, len(raw), records, None, live)


def _parsed(path: Path, raw: bytes, kind: FileKind) -> Tables:
    """``parse`` as the store reads a file, through orjson first (four times faster on the
    day's journal and archive); text orjson refuses is left to ``parse`` to judge and name."""
    import orjson

    raw = open_bytes(path, raw)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return parse(path, raw, kind)
    return check_shape(path, data, kind)
