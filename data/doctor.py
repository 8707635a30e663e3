"""``planner doctor``: check every data file, and repair damaged ones from backups.

A damaged file is never deleted and never written over: ``repair`` moves it aside as
``<name>.corrupt-YYYYMMDD-HHMMSS`` and puts back the newest snapshot copy of that file that
loads, saying how old that copy is and how many records it holds, and how many the file is
known to have held (the newest snapshot's manifest, or the ids still legible in the damaged
bytes): a copy holding fewer is never reported as a plain success. A file from a newer
planner is not damaged, and is left alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from data.backups import Snapshot, all_snapshots, check_snapshot_file, snapshot_file
from data.blobs import Blobs
from data.files.atomic import copy_atomic, ensure_private_dir, free_name, fsync_dir
from data.files.layout import FileKind, Layout
from data.files.lock import locked
from data.files.sealing import require_open
from data.snapshot_manifest import read_manifest
from data.tinydb.recordfile import RecordFile
from data.tinydb.schema import NEWER_ADVICE
from planner.domain.clock import Clock, system_clock
from planner.domain.errors import DataError


@dataclass(frozen=True, slots=True)
class FileReport:
    """One data file: ``problem`` is None when it loads."""

    path: Path
    problem: str | None = None
    advice: str = ""
    newer: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True, slots=True)
class RepairReport:
    """What ``repair`` did with one bad file.

    ``moved_to`` is where the bad file now is (None when it was left alone); ``restored_from``
    the day of the snapshot whose copy replaced it, or None when no snapshot had a good copy
    and the file is now absent (its records are then only in ``moved_to``). ``age_days``:
    how many days before the repair that snapshot was taken; ``records``: how many records
    the restored copy holds (None for a file without records, ``meta.json``); ``held``: how
    many the damaged file is known to have held at least (None when nothing tells).
    """

    path: Path
    problem: str
    moved_to: Path | None
    restored_from: date | None = None
    snapshot: Path | None = None
    skipped: bool = False
    age_days: int | None = None
    records: int | None = None
    held: int | None = None

    @property
    def lost_records(self) -> int:
        """How many records the file is known to have held beyond what was restored."""
        if self.held is None:
            return 0
        return max(0, self.held - (self.records or 0))


def check(data_dir: Path) -> list[FileReport]:
    """Load every data file as the store would; report each, good or bad. ``Locked`` for
    an encrypted folder this process holds no key for (ciphertext is not damage)."""
    require_open(data_dir)
    layout = Layout(data_dir)
    reports: list[FileReport] = []
    for kind, path in layout.data_entries():
        try:
            RecordFile(path, kind).validate()
        except DataError as exc:
            reports.append(
                FileReport(path, exc.problem, exc.advice, newer=exc.advice == NEWER_ADVICE)
            )
        else:
            reports.append(FileReport(path))
    history = _history_report(data_dir)
    if history is not None:
        reports.append(history)
    return reports


def _history_report(data_dir: Path) -> FileReport | None:
    """``history.json`` (undo's), when there is one. Repair moves a damaged one aside as any
    other file; without a good snapshot copy, undo starts afresh with an empty history."""
    from data.history_file import HISTORY_FILE, HistoryFile

    path = data_dir / HISTORY_FILE
    if not os.path.lexists(path):
        return None
    try:
        HistoryFile(path, read_only=True).read()
    except DataError as exc:
        return FileReport(path, exc.problem, exc.advice, newer=exc.advice == NEWER_ADVICE)
    return FileReport(path)


def repair(data_dir: Path, *, clock: Clock = system_clock) -> list[RepairReport]:
    """Move each damaged file aside and restore its newest good snapshot copy."""
    layout = Layout(data_dir)
    reports: list[RepairReport] = []
    if not data_dir.is_dir():
        return reports
    with locked(data_dir):
        for found in check(data_dir):
            if found.ok:
                continue
            assert found.problem is not None
            if found.newer:
                reports.append(RepairReport(found.path, found.problem, None, skipped=True))
                continue
            now = clock()
            today = now.date()
            stamp = now.strftime("%Y%m%d-%H%M%S")
            aside = free_name(found.path.with_name(f"{found.path.name}.corrupt-{stamp}"))
            os.replace(found.path, aside)
            fsync_dir(found.path.parent)
            relative = layout.relative(found.path)
            kind = layout.kind_of(relative)
            held = _known_records(data_dir, relative, aside, kind)
            restored, records = _restore_newest_good(data_dir, relative, found.path, kind)
            reports.append(
                RepairReport(
                    found.path,
                    found.problem,
                    aside,
                    restored_from=None if restored is None else restored.day,
                    snapshot=None if restored is None else restored.path,
                    age_days=None if restored is None else (today - restored.day).days,
                    records=records,
                    held=held,
                )
            )
        if any(not report.skipped for report in reports) and (data_dir / "sync-local").is_dir():
            from data.sync.state import reset_positions  # the logs are applied again

            reset_positions(data_dir)
    return reports


def _restore_newest_good(
    data_dir: Path, relative: str, target: Path, kind: FileKind | None
) -> tuple[Snapshot | None, int | None]:
    """Copy the newest snapshot copy of ``relative`` that loads over ``target``; return its
    snapshot and how many records it holds (None for a file without records)."""
    blobs = Blobs(Layout(data_dir).backups)
    for snap in all_snapshots(data_dir):
        candidate = snapshot_file(snap.path, relative, read_manifest(snap.path), blobs)
        if candidate is None or check_snapshot_file(candidate, relative, data_dir):
            continue
        ensure_private_dir(target.parent)
        copy_atomic(candidate, target)
        if kind is None or kind.table is None:
            return snap, None
        return snap, len(RecordFile(target, kind))  # the copy now stands at ``relative``
    return None, None


def _known_records(
    data_dir: Path, relative: str, damaged: Path, kind: FileKind | None
) -> int | None:
    """How many records the damaged file held at least: what the newest snapshot that
    recorded it counted, or the record ids still legible in its bytes, whichever is more.

    Record ids are written ``"id": "..."``; a quote inside a text is escaped, so the pattern
    only ever counts documents (a table of bookkeeping documents may add a few)."""
    if kind is None or kind.table is None:
        return None
    counted: int | None = None
    for snap in all_snapshots(data_dir):
        manifest = read_manifest(snap.path)
        entry = None if manifest is None else manifest.files.get(relative)
        if entry is not None and entry.records is not None:
            counted = entry.records
            break
    try:
        legible = damaged.read_bytes().count(b'"id":')
    except OSError:
        legible = 0
    if counted is None and not legible:
        return None
    return max(counted or 0, legible)
