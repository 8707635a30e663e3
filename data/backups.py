"""Snapshots of the data files (DESIGN section 8, "Backups").

A snapshot is a folder under ``backups/`` holding every data file at one moment, as copies:
never a link to a live file, so damage written into a live file in place reaches no snapshot.
Each distinct content is stored once, in ``backups/.blobs/<sha256>`` (``data.blobs``), and
every snapshot file holding it is a hard link to that blob: snapshots share storage with
each other only. Only the files written since the previous snapshot are read, copied and
verified (parsed; ``data.snapshot_copy``); the others share the previous snapshot's blob.
``.manifest.json`` in each snapshot says what it holds (``data.snapshot_manifest``). A
snapshot is built in ``backups/.tmp-<name>-<pid>`` and renamed into place, so a half-made
one never looks complete.

Snapshots of the old format (hard links of the live files, no manifest) are still read as
plain folders; a live file still linked to one is given storage of its own (a copy of
itself) the first time a snapshot is taken or checked for.

Folder names: ``YYYY-MM-DD`` is the day's automatic snapshot (taken before that day's first
write), ``YYYY-MM-DD-N`` a later one of that day (``planner backup``), and
``YYYY-MM-DD-<label>`` a labelled one (``before-restore-HHMMSS``, ``before-migration-v0``).
The newest 14 days of the first two kinds are kept, and the newest 14 labelled ones; a blob
no kept snapshot links to is removed with them.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from data.blobs import Blobs
from data.files.access import cannot_write
from data.files.atomic import (
    DIR_MODE,
    FILE_MODE,
    copy_atomic,
    ensure_private_dir,
    fsync_dir,
    remove_tree,
    write_atomic,
)
from data.files.layout import SNAPSHOT_TMP_PREFIX, Layout
from data.files.lock import locked
from data.snapshot_copy import keep_file, unshare_live_files
from data.snapshot_manifest import MANIFEST, Entry, Manifest, read_manifest
from data.tinydb.recordfile import RecordFile
from planner.domain.clock import Clock, system_clock
from planner.domain.errors import DataError, NotFoundError

KEEP = 14
_DAILY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$")
_LABELLED = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z][a-z0-9-]*)$")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One snapshot folder: its day, its number within the day (1 for the first), its label."""

    path: Path
    day: date
    number: int
    label: str | None

    def sort_key(self) -> tuple[date, int, str]:
        try:
            made = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            made = 0
        return (self.day, made, self.path.name)


def _parse_name(path: Path) -> Snapshot | None:
    daily = _DAILY.match(path.name)
    try:
        if daily:
            number = int(daily.group(2)) if daily.group(2) else 1
            return Snapshot(path, date.fromisoformat(daily.group(1)), number, None)
        labelled = _LABELLED.match(path.name)
        if labelled:
            return Snapshot(path, date.fromisoformat(labelled.group(1)), 0, labelled.group(2))
    except ValueError:
        return None
    return None


def all_snapshots(data_dir: Path) -> list[Snapshot]:
    """Every complete snapshot, newest first (by day, then by when it was made)."""
    folder = Layout(data_dir).backups
    try:
        entries = [entry for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except FileNotFoundError:
        return []
    found = [snap for entry in entries if (snap := _parse_name(Path(entry.path))) is not None]
    return sorted(found, key=Snapshot.sort_key, reverse=True)


def list_snapshots(data_dir: Path) -> list[date]:
    """The days that have a restorable (daily) snapshot, oldest first."""
    return sorted({snap.day for snap in all_snapshots(data_dir) if snap.label is None})


def snapshot(data_dir: Path, label_date: date, dest: Path | None = None) -> Path:
    """Snapshot the data files now; return the folder made.

    Without ``dest``: a snapshot in ``backups/YYYY-MM-DD`` (``-2``, ``-3``... when that day
    already has one), then old snapshots are pruned. With ``dest``: copies into ``dest``
    (created if missing; it must be empty), for a backup kept elsewhere.
    """
    layout = Layout(data_dir)
    if dest is not None and cannot_write(data_dir) is not None:
        return _copy_into(layout, dest)  # no one writes there: copied as it is, unlocked
    ensure_private_dir(data_dir)
    with locked(data_dir):
        if dest is not None:
            return _copy_into(layout, dest)
        name = label_date.isoformat()
        number = 1
        while (layout.backups / name).exists():
            number += 1
            name = f"{label_date.isoformat()}-{number}"
        made = _build(layout, name)
        prune(data_dir)
        return made


def ensure_daily(data_dir: Path, day: date) -> Path | None:
    """The day's automatic snapshot, unless that day already has one; call with the lock held.

    Either way, a live file still linked to an old-format snapshot is first given storage of
    its own (a few ``stat``s when none is).
    """
    layout = Layout(data_dir)
    if (layout.backups / day.isoformat()).exists():
        unshare_live_files(layout)
        return None
    if not layout.data_files():
        return None
    made = _build(layout, day.isoformat())
    prune(data_dir)
    return made


def labelled_snapshot(data_dir: Path, day: date, label: str, files: Iterable[Path] = ()) -> Path:
    """A labelled snapshot (``YYYY-MM-DD-label``) of the data files, plus ``files`` copied in.

    Call with the lock held. Used before a restore and before a migration.
    """
    layout = Layout(data_dir)
    name = f"{day.isoformat()}-{label}"
    suffix = 1
    while (layout.backups / name).exists():
        suffix += 1
        name = f"{day.isoformat()}-{label}-{suffix}"
    return _build(layout, name, extra=files)


def restore(data_dir: Path, day: date, *, clock: Clock = system_clock) -> Path:
    """Bring back the newest snapshot of ``day``; return the snapshot made of the present first.

    Every file of the snapshot is checked before anything changes; each current file is then
    replaced by the snapshot's copy atomically, and data files the snapshot lacks are removed
    (they are in the snapshot of the present). Raises ``NotFoundError`` when ``day`` has no
    snapshot, ``DataError`` when one of its files is damaged.
    """
    layout = Layout(data_dir)
    if not data_dir.is_dir():
        raise NotFoundError("snapshot", day.isoformat())
    with locked(data_dir):
        candidates = [s for s in all_snapshots(data_dir) if s.day == day and s.label is None]
        if not candidates:
            raise NotFoundError("snapshot", day.isoformat())
        source = candidates[0]
        files = _snapshot_files(layout, source.path)
        for relative, path in files.items():
            kind = layout.kind_of(relative)
            assert kind is not None
            RecordFile(path, kind, copy_of=relative).validate()
        now = clock()
        before = labelled_snapshot(data_dir, now.date(), f"before-restore-{now.strftime('%H%M%S')}")
        for relative, path in files.items():
            target = layout.root / relative
            ensure_private_dir(target.parent)
            copy_atomic(path, target)
        for _kind, path in layout.data_files():
            if layout.relative(path) not in files:
                path.unlink()
                fsync_dir(path.parent)
        _replay_sync_logs(data_dir)
        prune(data_dir)
        return before


def _replay_sync_logs(data_dir: Path) -> None:
    """After the data files were rolled back: every sync log is applied again from its start
    (by the next store that opens or writes), so the machines do not drift apart for good."""
    if (data_dir / "sync-local").is_dir():
        from data.sync.state import reset_positions

        reset_positions(data_dir)


def prune(data_dir: Path) -> list[Path]:
    """Remove snapshots beyond the newest ``KEEP`` days (and ``KEEP`` labelled ones)."""
    snaps = all_snapshots(data_dir)
    keep_days = sorted({s.day for s in snaps if s.label is None}, reverse=True)[:KEEP]
    labelled = [s for s in snaps if s.label is not None]
    doomed = [s.path for s in snaps if s.label is None and s.day not in keep_days]
    doomed += [s.path for s in labelled[KEEP:]]
    for path in doomed:
        remove_tree(path)
    if doomed:
        fsync_dir(Layout(data_dir).backups)
        Blobs(Layout(data_dir).backups).sweep()
    return doomed


def _snapshot_files(layout: Layout, folder: Path) -> dict[str, Path]:
    """The data files in a snapshot folder, by path relative to the data folder.

    A snapshot with a manifest holds the files its manifest lists: each is its link in the
    folder or, if a crash lost that link, its blob. Raises ``DataError`` for a listed file
    that is in neither place (such a snapshot is not whole: restoring it would remove a
    file). An old-format snapshot holds the data files in its folder.
    """
    manifest = read_manifest(folder)
    if manifest is not None:
        blobs = Blobs(layout.backups)
        listed: dict[str, Path] = {}
        for relative in manifest.files:
            path = snapshot_file(folder, relative, manifest, blobs)
            if path is None:
                raise DataError(str(folder / relative), "is missing from its snapshot")
            listed[relative] = path
        return listed
    found: dict[str, Path] = {}
    for current, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(current) / name
            relative = path.relative_to(folder).as_posix()
            if layout.kind_of(relative) is not None:
                found[relative] = path
    return found


def latest_manifest(layout: Layout) -> Manifest | None:
    """The manifest of the newest snapshot that has one (what the next snapshot builds on)."""
    for snap in all_snapshots(layout.root):
        found = read_manifest(snap.path)
        if found is not None:
            return found
    return None


def snapshot_file(
    folder: Path, relative: str, manifest: Manifest | None, blobs: Blobs
) -> Path | None:
    """Where a snapshot's copy of ``relative`` is: its file in the snapshot folder, else (a
    crash lost the link) the blob its manifest names; None when it holds no such file."""
    path = folder / relative
    if path.is_file():
        return path
    entry = None if manifest is None else manifest.files.get(relative)
    if entry is not None and blobs.holds(entry.digest, entry.size):
        return blobs.path(entry.digest)
    return None


def _build(layout: Layout, name: str, extra: Iterable[Path] = ()) -> Path:
    backups = ensure_private_dir(layout.backups)
    blobs = Blobs(backups)
    previous = latest_manifest(layout)
    taken_ns = time.time_ns()
    tmp = backups / f"{SNAPSHOT_TMP_PREFIX}{name}-{os.getpid()}"
    remove_tree(tmp)
    ensure_private_dir(tmp)
    files: dict[str, Entry] = {}
    for kind, path in layout.data_files():
        relative = layout.relative(path)
        entry = keep_file(blobs, kind, path, relative, previous)
        if entry is not None:
            files[relative] = entry
    blobs.settle()
    folders = {tmp}
    for relative, entry in files.items():
        target = tmp / relative
        if target.parent not in folders:
            ensure_private_dir(target.parent)
            folders.add(target.parent)
        blobs.link(entry.digest, target)
    for path in extra:
        _copy_file(path, tmp / path.name)
    write_atomic(tmp / MANIFEST, Manifest(taken_ns, files).to_bytes(), sync_dir=False)
    # What must survive a crash is durable now: the blobs (data and names) and, once this
    # folder is, the manifest. The links in the subfolders are not fsynced (five fsyncs
    # fewer on the first write of a day): a link a crash loses is found through the
    # manifest (``snapshot_file``), and the live files are the same content anyway.
    fsync_dir(tmp)
    final = backups / name
    os.rename(tmp, final)
    fsync_dir(backups)
    return final


def _copy_into(layout: Layout, dest: Path) -> Path:
    """Copy the data files into ``dest`` (absent, or an empty folder) as a whole or not at
    all: they are copied into a hidden folder beside it, renamed to ``dest`` once complete;
    on any error (a full disk) that folder is removed and ``dest`` is as it was."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise FileExistsError(f"{dest} exists and is not an empty folder")
    dest = Path(os.path.abspath(dest))
    dest.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    building = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    remove_tree(building)
    try:
        ensure_private_dir(building)
        for _kind, path in layout.data_files():
            target = building / layout.relative(path)
            ensure_private_dir(target.parent)
            copy_atomic(path, target)
        os.replace(building, dest)  # onto an empty folder, or none
    except BaseException:
        remove_tree(building)
        raise
    fsync_dir(dest.parent)
    return dest


def _copy_file(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    os.chmod(target, FILE_MODE)
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def check_snapshot_file(path: Path, relative: str, data_dir: Path) -> DataError | None:
    """Whether one file of a snapshot loads as the store would load it; the error if not."""
    kind = Layout(data_dir).kind_of(relative)
    if kind is None:
        return DataError(str(path), "is not a planner data file")
    try:
        RecordFile(path, kind, copy_of=relative).validate()
    except DataError as exc:
        return exc
    return None
