"""``planner doctor``: check every data file, and repair damaged ones from backups.

A damaged file is never deleted and never written over: ``repair`` moves it aside as
``<name>.corrupt-YYYYMMDD-HHMMSS`` and puts back the newest snapshot copy of that file that
loads. A file from a newer planner is not damaged, and is left alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from data.backups import all_snapshots, check_snapshot_file
from data.files.atomic import copy_atomic, ensure_private_dir, free_name, fsync_dir
from data.files.layout import Layout
from data.files.lock import locked
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
    and the file is now absent (its records are then only in ``moved_to``).
    """

    path: Path
    problem: str
    moved_to: Path | None
    restored_from: date | None = None
    snapshot: Path | None = None
    skipped: bool = False


def check(data_dir: Path) -> list[FileReport]:
    """Load every data file as the store would; report each, good or bad."""
    layout = Layout(data_dir)
    reports: list[FileReport] = []
    for kind, path in layout.data_files():
        try:
            RecordFile(path, kind).validate()
        except DataError as exc:
            reports.append(
                FileReport(path, exc.problem, exc.advice, newer=exc.advice == NEWER_ADVICE)
            )
        else:
            reports.append(FileReport(path))
    return reports


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
            stamp = clock().strftime("%Y%m%d-%H%M%S")
            aside = free_name(found.path.with_name(f"{found.path.name}.corrupt-{stamp}"))
            os.replace(found.path, aside)
            fsync_dir(found.path.parent)
            relative = layout.relative(found.path)
            restored = None
            for snap in all_snapshots(data_dir):
                candidate = snap.path / relative
                if (
                    candidate.is_file()
                    and check_snapshot_file(candidate, relative, data_dir) is None
                ):
                    ensure_private_dir(found.path.parent)
                    copy_atomic(candidate, found.path)
                    restored = snap
                    break
            reports.append(
                RepairReport(
                    found.path,
                    found.problem,
                    aside,
                    restored_from=None if restored is None else restored.day,
                    snapshot=None if restored is None else restored.path,
                )
            )
    return reports
