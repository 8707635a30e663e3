"""Where each record lives under the data folder (DESIGN section 8, "Files").

    meta.json                  schema version and creation time
    tasks/open.json            open work: every task not yet archived
    tasks/archive/YYYY.json    archived tasks, by year of ``done_at``
    journal/YYYY.json          journal entries, by year of their date
    days/YYYY.json             Day records, by year of their date
    setbacks/YYYY.json         setback analyses, by year of their date
    backups/YYYY-MM-DD/        daily snapshots (links to backups/.blobs/, never to live files)
    .lock                      the lock every writer holds

One write rewrites one small file, whatever the size of the history.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from planner.domain.models import Day, JournalEntry, Record, SetbackAnalysis, Task

_YEAR_FILE = re.compile(r"^(\d{4})\.json$")


@dataclass(frozen=True, slots=True)
class FileKind:
    """One family of data files: the ``kind`` its ``_meta`` records and the table it holds."""

    name: str
    table: str | None
    folder: str
    model: type[Record] | None
    one_per_date: bool = False
    yearly: bool = True
    lazy: bool = False
    """Build models only when asked: the archive is read whole to find one id."""


META = FileKind("meta", None, "", None, yearly=False)
OPEN_TASKS = FileKind("open_tasks", "tasks", "tasks", Task, yearly=False)
ARCHIVE = FileKind("archived_tasks", "tasks", "tasks/archive", Task, lazy=True)
JOURNAL = FileKind("journal", "journal", "journal", JournalEntry, one_per_date=True)
DAYS = FileKind("days", "days", "days", Day, one_per_date=True)
SETBACKS = FileKind("setbacks", "setbacks", "setbacks", SetbackAnalysis, lazy=True)

YEARLY_KINDS: tuple[FileKind, ...] = (ARCHIVE, JOURNAL, DAYS, SETBACKS)
ALL_KINDS: tuple[FileKind, ...] = (META, OPEN_TASKS, *YEARLY_KINDS)

DOCTOR_ADVICE = (
    'run "planner doctor" to check every file and "planner doctor --repair" to restore it '
    "from the newest good backup"
)
"""What to do about a damaged data file, whichever layer finds it (TinyDB's or sealing's)."""

META_FILE = "meta.json"
OPEN_TASKS_FILE = "tasks/open.json"
LEGACY_DB = "db.json"
BACKUPS = "backups"
LOCK_FILE = ".lock"
SNAPSHOT_TMP_PREFIX = ".tmp-"
"""A snapshot folder is built under this prefix and renamed once complete."""


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


class Layout:
    """Paths of one data folder; knows nothing of file contents."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def meta(self) -> Path:
        return self.root / META_FILE

    @property
    def open_tasks(self) -> Path:
        return self.root / OPEN_TASKS_FILE

    @property
    def legacy_db(self) -> Path:
        return self.root / LEGACY_DB

    @property
    def backups(self) -> Path:
        return self.root / BACKUPS

    @property
    def lock(self) -> Path:
        return self.root / LOCK_FILE

    def half_made_snapshots(self) -> list[Path]:
        """Snapshot folders a killed process left half built."""
        try:
            entries = list(os.scandir(self.backups))
        except FileNotFoundError:
            return []
        return [Path(e.path) for e in entries if e.name.startswith(SNAPSHOT_TMP_PREFIX)]

    def folder(self, kind: FileKind) -> Path:
        return self.root / kind.folder if kind.folder else self.root

    def folders(self) -> list[Path]:
        """Every folder that holds data files (the root first)."""
        seen: list[Path] = []
        for kind in ALL_KINDS:
            folder = self.folder(kind)
            if folder not in seen:
                seen.append(folder)
        return seen

    def year_file(self, kind: FileKind, year: int) -> Path:
        if not kind.yearly:
            raise ValueError(f"{kind.name} files are not split by year")
        return self.folder(kind) / f"{year:04d}.json"

    def years(self, kind: FileKind) -> list[int]:
        """The years that have a file of ``kind``, oldest first."""
        try:
            names = os.listdir(self.folder(kind))
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for m in map(_YEAR_FILE.match, names) if m)

    def path_of(self, kind: FileKind, year: int | None = None) -> Path:
        if kind is META:
            return self.meta
        if kind is OPEN_TASKS:
            return self.open_tasks
        if year is None:
            raise ValueError(f"{kind.name} files need a year")
        return self.year_file(kind, year)

    def data_files(self) -> list[tuple[FileKind, Path]]:
        """Every data file that exists, meta and open work first, then each kind by year.

        Regular files only: a folder or a symbolic link in a data file's place is not a
        data file (the store refuses it; ``data_entries`` lists it for ``doctor``).
        """
        return [(kind, path) for kind, path in self.data_entries() if _is_regular(path)]

    def data_entries(self) -> list[tuple[FileKind, Path]]:
        """Whatever is in a data file's place (a file, a folder, a link), in the order of
        ``data_files``."""
        found: list[tuple[FileKind, Path]] = []
        for kind, path in ((META, self.meta), (OPEN_TASKS, self.open_tasks)):
            if os.path.lexists(path):
                found.append((kind, path))
        for kind in YEARLY_KINDS:
            found.extend((kind, self.year_file(kind, year)) for year in self.years(kind))
        return found

    def relative(self, path: Path) -> str:
        """``path`` relative to the data folder, with ``/`` (how snapshots name files)."""
        return path.relative_to(self.root).as_posix()

    def kind_of(self, relative: str) -> FileKind | None:
        """The kind of a data file from its path relative to the data folder, or None."""
        if relative == META_FILE:
            return META
        if relative == OPEN_TASKS_FILE:
            return OPEN_TASKS
        folder, _, name = relative.rpartition("/")
        for kind in YEARLY_KINDS:
            if folder == kind.folder and _YEAR_FILE.match(name):
                return kind
        return None
