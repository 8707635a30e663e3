"""``FileStore``: the ``planner.services.ports.Store`` on TinyDB files (DESIGN section 8).

Opening reads only ``meta.json`` and ``tasks/open.json``; every other file is read the first
time a question needs it (``get_day`` reads one year of days) and then kept, with an index by
id. Every write holds the data folder's lock, first re-reads any loaded file another process
replaced, and writes each affected file exactly once, durably, before returning.

Open work and the archive. Compaction copies closed tasks into the archive year of their
``done_at`` and then removes them from open work; putting a task that is in the archive
writes open work first and then removes the archive's copy. A kill between the two steps
leaves a task in both, and then the archive's copy is the task, everywhere, until the next
write of open work cleans up. To find such a task without reading the whole archive, open
work knows where to look: a closed task can only have been copied to the archive year of its
``done_at``, and a task put back from the archive is noted in open work's
``_leaving_archive`` table (with that year) in the same write that puts it there.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import (
    Callable,
    Collection,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from data.files import sealing
from data.files.access import cannot_write
from data.files.atomic import ensure_private_dir, remove_stale_temps, remove_tree
from data.files.layout import ARCHIVE, DAYS, JOURNAL, META, OPEN_TASKS, SETBACKS, FileKind, Layout
from data.files.lock import locked
from data.history_file import HISTORY_FILE, HistoryFile
from data.summaries import (
    IDS_FILE,
    Summary,
    SummaryCache,
    Version,
    archive_summary,
    journal_summary,
    merge_runs,
    runs_of,
    setbacks_meet,
    span_meets,
)
from data.tinydb.recordfile import RecordFile, clock_update
from data.tinydb.schema import CURRENT_SCHEMA, folder_version
from planner.domain.clock import DEFAULT_DAY_START, Clock, planning_date
from planner.domain.errors import DataError
from planner.domain.models import AnyRecord, Day, JournalEntry, SetbackAnalysis, Task
from planner.services.ports import ActionLog, Change, Store, TaskQuery

if TYPE_CHECKING:
    from tinydb import TinyDB

    from data.crypto.keyfile import Keys
    from data.tinydb.migrate import MigrationReport

SYNC_ON_FILE = "sync-local/enabled.json"
"""Present while sync is on (``data.sync.state``): then ``apply`` logs operations first."""
CLOCK_TABLE = "_clock"
"""A data file's table of its records' merge clocks (``data.sync``), keyed by record id."""
TOMB_TABLE = "_tomb"
"""Open work's table of records deleted while sync was on: ``{"id", "kind", "at"}``."""

LEAVING_ARCHIVE = "_leaving_archive"
"""Open work's table of tasks put back from the archive: ``{"id": ..., "year": ...}``."""

_REMOVE = None
Ops = dict[str, AnyRecord | None]
T = TypeVar("T")


def _unwritable(path: Path, exc: OSError) -> DataError:
    if exc.errno == errno.ENOSPC:
        advice = "free some disk space and try again; nothing was lost"
    else:
        advice = "check that the data folder belongs to you and is writable; nothing was lost"
    return DataError(str(path), f"could not be written ({exc.strerror or exc})", advice)


class FileStore:
    """Durable, multi-process-safe storage of planner records in the data folder.

    ``clock`` gives the current local time (the day of the daily backup, the times a
    migration fills in); ``day_starts_at`` decides which planning day a ``done_at`` belongs
    to when compacting (pass the configured one). ``migration`` is the report of a migration
    run while opening, or None. Not thread-safe: use one store from one thread; a worker
    thread reads through its own ``reader()``, which the store can ``adopt`` afterwards.
    Raises ``DataError`` (naming the file) for a corrupt file, a newer schema, or a data
    folder that cannot be written. A folder that exists but cannot be written (read-only
    permissions or file system) is opened for reading, without the lock: every write then
    raises ``DataError`` and ``writable`` is False.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock,
        day_starts_at: time = DEFAULT_DAY_START,
        keys: Keys | None = None,
    ) -> None:
        self._init_state(Layout(Path(os.path.abspath(data_dir))), clock, day_starts_at)
        self._keys: Keys | None = keys
        self._unseal(sealing.meta_document(self.root), running=False)
        self._cannot_write: OSError | None = cannot_write(self.root)
        if self._cannot_write is not None:
            self._open_read_only()
            return
        try:
            ensure_private_dir(self.root)
        except OSError as exc:
            raise _unwritable(self.root, exc) from exc
        with locked(self.root):
            try:
                for folder in self.layout.folders():
                    remove_stale_temps(folder)
                for half_made in self.layout.half_made_snapshots():
                    remove_tree(half_made)
                self.migration: MigrationReport | None = None
                if folder_version(self.layout) != CURRENT_SCHEMA:
                    from data.tinydb.migrate import migrate  # a fresh or an older folder only

                    self.migration = migrate(self.root, clock)
            except OSError as exc:
                raise _unwritable(self.root, exc) from exc
            self._file(META)
            self._file(OPEN_TASKS)
            if os.path.exists(self.root / SYNC_ON_FILE):
                from data.sync.outgoing import replay_own  # only where sync is set up

                replay_own(self)

    def _unseal(self, meta: Mapping[str, Any], *, running: bool = True) -> None:
        """Make this process read and write the folder as ``meta.json`` says it is: sealed
        files need this store's keys (``Locked`` without them, or with a key the folder no
        longer uses), a plain folder is written plain. A format change left half done
        (``encrypt``, ``decrypt`` or ``rekey`` killed) is refused until it is finished.
        ``running``: the store was open already, so a folder sealed without its keys was
        encrypted or rekeyed meanwhile by another process (``KeyChanged``)."""
        if not sealing.is_sealed(dict(meta)):
            sealing.forget(self.root)
            if running:
                self._keys = None  # decrypted meanwhile: a later encrypt's key is another
            return
        from data.crypto.errors import FormatChanging, KeyChanged, Locked

        if self._keys is None:
            if running and not meta.get(sealing.CHANGING_KEY):
                raise KeyChanged(str(self.root), "encrypted")
            raise Locked(str(self.root))
        changing = meta.get(sealing.CHANGING_KEY)
        if changing:
            raise FormatChanging(str(self.root), str(changing), running=running)
        from data.crypto.codec import b64encode

        if meta.get(sealing.KEY_ID_KEY) != b64encode(self._keys.data_key.key_id):
            raise KeyChanged(str(self.root), "rekeyed")
        held = sealing.seal_of(self.root)
        if held is None or held.current.key_id != self._keys.data_key.key_id:
            sealing.register(self.root, sealing.FolderSeal.of(self._keys.sealer()))

    def _open_read_only(self) -> None:
        """Open a folder that cannot be written: no lock, no clean-up, no migration; every
        write raises ``DataError`` (``writable`` is False)."""
        self.migration = None
        version = folder_version(self.layout)
        if version is not None and version < CURRENT_SCHEMA:  # a newer one: meta.json says
            raise DataError(
                str(self.root),
                "must be converted to this planner's format, but it cannot be written",
                "make the data folder writable and run planner again",
            )
        self._file(META)
        self._file(OPEN_TASKS)

    def now(self) -> datetime:
        """The current local time of the store's clock."""
        return self._clock()

    @property
    def day_starts_at(self) -> time:
        return self._day_starts_at

    @property
    def keys(self) -> Keys | None:
        """The keys this store was opened with (None: a plain folder)."""
        return self._keys

    def use_keys(self, keys: Keys) -> None:
        """Go on with ``keys`` after another process's ``planner rekey`` (or ``encrypt``):
        the app asked the passphrase again and derived them from ``keys.json``. ``Locked``
        (and the old keys kept) when they do not open the folder as it is now; the files
        read with the old key are read again by the next ``refresh`` or write, as files
        another process replaced."""
        previous, self._keys = self._keys, keys
        try:
            self._check_format()
        except DataError:
            self._keys = previous
            raise

    @property
    def writable(self) -> bool:
        """Whether this store may write: False for a reader and for a read-only folder
        (reading commands then skip the start-up compaction)."""
        return not self._read_only and self._cannot_write is None

    def _init_state(
        self, layout: Layout, clock: Clock, day_starts_at: time, *, read_only: bool = False
    ) -> None:
        self.layout = layout
        self.root = layout.root
        self._clock = clock
        self._day_starts_at = day_starts_at
        self._read_only = read_only
        self._keys = None
        self._cannot_write = None  # set by __init__ for a read-only folder
        self._files: dict[Path, RecordFile] = {}
        self._depth = 0
        self._listed: dict[FileKind, tuple[int, ...]] = {}
        self._backed_up_on: date | None = None
        self._open_view: list[Task] | None = None
        self._shadowed: frozenset[str] = frozenset()
        self._history: HistoryFile | None = None
        self._summaries = SummaryCache(layout.root)
        self._id_lists = SummaryCache(layout.root, IDS_FILE)
        """The ids of each archive year: a cache of its own, read only when a skipped
        newer year must hide an older copy (most reviews never need it)."""
        self._summary_memo: dict[tuple[Path, str], tuple[bytes | None, Summary]] = {}
        self._summary_paths: dict[tuple[str, int], tuple[Path, str]] = {}
        self._ids_memo: dict[int, tuple[Summary, frozenset[str]]] = {}
        self._clock_memo: dict[tuple[Path, str], tuple[int, dict[str, dict[str, Any]]]] = {}
        self._paths: dict[tuple[str, int | None], Path] = {}
        self._year_memo: dict[str, list[int]] = {}

    @property
    def _open(self) -> RecordFile:
        return self._file(OPEN_TASKS)

    # -- readers for other threads ----------------------------------------------------------

    def reader(self) -> FileStore:
        """A read-only twin for one other thread: it shares no memory with this store.

        Made without reading anything (so it costs the calling thread nothing); it reads each
        file the first time it is asked, like this store, and never writes or locks. The
        files it reads are replaced atomically by writers, so it sees a whole old or a whole
        new version of each, and ``refresh`` brings it up to date.
        """
        twin = FileStore.__new__(FileStore)
        twin._init_state(self.layout, self._clock, self._day_starts_at, read_only=True)
        twin._keys = self._keys
        twin.migration = None
        return twin

    def adopt(self, reader: Store) -> None:
        """Keep the files ``reader`` read that this store has not loaded (call it on this
        store's thread, once the reader's thread is done with it).

        A file this store loaded meanwhile is kept as it is, and one another process
        replaced since the reader read it is re-read by the next ``refresh`` or write, as
        any loaded file is.
        """
        if not isinstance(reader, FileStore) or not reader._read_only:
            raise TypeError("adopt takes a reader of this store")
        if reader.root != self.root:
            raise ValueError("adopt takes a reader of the same data folder")
        for path, file in reader._files.items():
            if path not in self._files:
                self._files[path] = file
                if file.kind is ARCHIVE:
                    self._open_view = None
        reader._files = {}

    def _writable(self) -> None:
        if self._read_only:
            raise RuntimeError("a reader of the store never writes")
        if self._cannot_write is not None:
            raise _unwritable(self.root, self._cannot_write)

    # -- transactions and freshness -------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """Hold the lock; on entry re-read every loaded file another process replaced."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._writable()
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with locked(self.root):
            self._depth = 1
            self._year_memo = {}
            try:
                self._check_format()
                self._reload_changed()
                yield
            finally:
                self._depth = 0

    def refresh(self) -> bool:
        """Re-read files other processes changed; True when anything did (a few ``stat``s)."""
        self._check_format()
        changed = self._reload_changed()
        for kind, years in list(self._listed.items()):
            now = tuple(self.layout.years(kind))
            if now != years:
                self._listed[kind] = now
                changed = True
        return changed

    def _check_format(self) -> None:
        """``meta.json`` first: whether the folder is sealed decides how the other files
        are read (another process may have run ``encrypt``, ``decrypt`` or ``rekey``)."""
        meta = self._file(META)
        if meta.changed_on_disk():
            meta.reload()
        self._unseal(_meta_of(meta))

    def _reload_changed(self) -> bool:
        changed = False
        for file in list(self._files.values()):
            if file.changed_on_disk():
                file.reload()
                changed = True
                if file.kind in (OPEN_TASKS, ARCHIVE):
                    self._open_view = None
        return changed

    # -- writing --------------------------------------------------------------------------------

    def apply(self, changes: Sequence[Change]) -> None:
        """Write ``changes`` durably: each affected file once, open work first.

        For each change the ``before`` record is removed from wherever it is and the ``after``
        record put where it belongs. Files that receive records are written before files that
        only lose them, so a kill in between can leave a record twice but never lose it.
        """
        self._writable()
        if not changes:
            return
        with self.transaction():
            if os.path.exists(self.root / SYNC_ON_FILE):
                from data.sync.outgoing import log_and_apply  # only where sync is set up

                log_and_apply(self, changes)
                return
            self.write_synced(changes)

    def write_synced(
        self,
        changes: Sequence[Change],
        clocks: Mapping[str, dict[str, Any] | None] | None = None,
        tombstones: Mapping[str, dict[str, Any] | None] | None = None,
        *,
        archive_before: date | None = None,
    ) -> None:
        """Write ``changes`` as ``apply`` does, without making sync operations of them, with
        the records' new merge clocks (``data.sync``: id -> clock document, None to drop) and
        tombstones (id -> document, None to drop) in the same files (call inside
        ``transaction()``). Each record's clock moves with it between files.

        ``archive_before``: a task new to this folder that compaction would move to the
        archive at that day goes there at once (a first sync brings years of them)."""
        plan: dict[Path, Ops] = {}
        for change in changes:
            if change.before is not None:
                self._plan_remove(plan, change.before)
            after = change.after
            if (
                archive_before is not None
                and change.before is None
                and isinstance(after, Task)
                and after.done_at is not None
                and not after.awaiting_feedback
                and planning_date(after.done_at, self._day_starts_at) < archive_before
            ):
                plan.setdefault(self._file(ARCHIVE, after.done_at.year).path, {})[after.id] = after
                self._open_view = None
            elif after is not None:
                self._plan_put(plan, after)
        if tombstones:
            plan.setdefault(self._open.path, {})
        self._execute(plan, clocks=clocks, tombstones=tombstones)

    def action_log(self) -> ActionLog:
        """``history.json``, the undo history every process shares (read and written under
        the lock, inside ``transaction()``)."""
        if self._history is None:
            self._history = HistoryFile(self.root / HISTORY_FILE, read_only=not self.writable)
        return self._history

    def compact(self, today: date) -> int:
        """Move closed tasks done before ``today`` (and not awaiting feedback) to the archive.

        Copies into each year's archive first, then removes them (and any task the archive
        already holds) from open work; returns how many moved.
        """
        with self.transaction():
            self._ensure_open_view(today)
            moving: dict[int, list[Task]] = {}
            count = 0
            for task in self._open_tasks_raw():
                if task.id in self._shadowed or task.done_at is None or task.awaiting_feedback:
                    continue
                if planning_date(task.done_at, self._day_starts_at) < today:
                    moving.setdefault(task.done_at.year, []).append(task)
                    count += 1
            plan: dict[Path, Ops] = {}
            for year, tasks in sorted(moving.items()):
                plan[self._file(ARCHIVE, year).path] = {t.id: t for t in tasks}
            leaving: Ops = {t.id: _REMOVE for tasks in moving.values() for t in tasks}
            leaving.update(dict.fromkeys(self._shadowed, _REMOVE))
            if leaving or self._stale_markers():
                plan[self._open.path] = leaving
            self._execute(plan, puts_first=False)
            return count

    def _plan_remove(self, plan: dict[Path, Ops], record: AnyRecord) -> None:
        if isinstance(record, Task):
            plan.setdefault(self._open.path, {})[record.id] = _REMOVE
            for file in self._archives_holding(record):
                plan.setdefault(file.path, {})[record.id] = _REMOVE
            return
        kind, path = self._home(record)
        plan.setdefault(path, {})[record.id] = _REMOVE
        self._file(kind, _year_of(record))

    def _plan_put(self, plan: dict[Path, Ops], record: AnyRecord) -> None:
        if isinstance(record, Task):
            plan.setdefault(self._open.path, {})[record.id] = record
            for file in self._archives_holding(record):
                plan.setdefault(file.path, {})[record.id] = _REMOVE
            return
        kind, path = self._home(record)
        self._file(kind, _year_of(record))
        plan.setdefault(path, {})[record.id] = record
        for file in self._loaded(kind):
            if file.path != path and record.id in file:
                plan.setdefault(file.path, {})[record.id] = _REMOVE

    def _archives_holding(self, task: Task) -> list[RecordFile]:
        """The archive files that hold ``task``: a task is archived in the year of its
        ``done_at``, so those years (of this version and of the open-work copy) suffice."""
        years = {year for rid, year in self._markers() if rid == task.id}
        for version in (task, self._open.get(task.id)):
            if isinstance(version, Task) and version.done_at is not None:
                years.add(version.done_at.year)
        for year in years:
            self._file(ARCHIVE, year)
        return [file for file in self._loaded(ARCHIVE) if task.id in file]

    def _execute(
        self,
        plan: dict[Path, Ops],
        *,
        puts_first: bool = True,
        clocks: Mapping[str, dict[str, Any] | None] | None = None,
        tombstones: Mapping[str, dict[str, Any] | None] | None = None,
    ) -> None:
        if not plan:
            return
        open_path = self._open.path

        def order(path: Path) -> tuple[int, int]:
            receives = any(op is not _REMOVE for op in plan[path].values())
            return (0 if receives or not puts_first else 1, 0 if path == open_path else 1)

        leaving = self._leaving(plan)
        clock_writes = self._clock_writes(plan, clocks)
        self._year_memo = {}
        self._daily_backup()
        try:
            for path in sorted(plan, key=order) if puts_first else list(plan):
                file = self._files[path]
                ops = plan[path]
                puts = [op for op in ops.values() if op is not _REMOVE]
                removes = [rid for rid, op in ops.items() if op is _REMOVE]
                also = self._marker_update(leaving, ops) if path == open_path else None
                clock_write = clock_writes.get(path)
                if clock_write is not None:
                    also = _both(also, clock_update(CLOCK_TABLE, *clock_write))
                if tombstones and path == open_path:
                    also = _both(also, clock_update(TOMB_TABLE, *_split(tombstones)))
                try:
                    file.write(puts, removes, also)
                except OSError as exc:
                    raise _unwritable(path, exc) from exc
        finally:
            self._open_view = None

    def _clock_writes(
        self, plan: dict[Path, Ops], clocks: Mapping[str, dict[str, Any] | None] | None
    ) -> dict[Path, tuple[dict[str, dict[str, Any]], set[str]]]:
        """Per file, the merge clocks to put and the ids whose clock to drop: a record's
        clock goes where the record goes (from ``clocks``, else from the file it leaves).
        Nothing when no file of the plan holds a clock and none is given (sync never set
        up: no cost)."""
        held: dict[str, dict[str, Any]] = {}
        for path, ops in plan.items():
            table = self._files[path].storage.read().get(CLOCK_TABLE)
            if table:
                for document in table.values():
                    if document.get("id") in ops:
                        held[document["id"]] = document
        if not held and not clocks:
            return {}
        given = clocks or {}
        writes: dict[Path, tuple[dict[str, dict[str, Any]], set[str]]] = {}
        for path, ops in plan.items():
            puts: dict[str, dict[str, Any]] = {}
            drops: set[str] = set()
            for rid, op in ops.items():
                document = given[rid] if rid in given else held.get(rid)
                if op is _REMOVE or document is None:
                    drops.add(rid)
                else:
                    puts[rid] = {**document, "id": rid}
            writes[path] = (puts, drops)
        return writes

    def clock_documents(self, path: Path) -> Mapping[str, dict[str, Any]]:
        """The merge clocks a loaded data file holds, by record id (``data.sync``)."""
        file = self._files[path]
        key = (path, CLOCK_TABLE)
        memo = self._clock_memo.get(key)
        if memo is None or memo[0] != file.storage.version:
            table = file.storage.read().get(CLOCK_TABLE, {})
            memo = (file.storage.version, {doc["id"]: doc for doc in table.values() if "id" in doc})
            self._clock_memo[key] = memo
        return memo[1]

    def drop_clocks(self) -> int:
        """Remove the merge clocks of every loaded file that has some (a new ``sync init``
        snapshot: every record's clock restarts at its stamp); returns how many files."""
        count = 0
        for file in list(self._files.values()):
            if file.kind.table is not None and file.storage.read().get(CLOCK_TABLE):
                try:
                    file.write(also=lambda db: db.drop_table(CLOCK_TABLE))
                except OSError as exc:
                    raise _unwritable(file.path, exc) from exc
                count += 1
        return count

    def tombstones(self) -> Mapping[str, dict[str, Any]]:
        """The records deleted while sync was on, by id (open work's ``_tomb`` table)."""
        file = self._open
        key = (file.path, TOMB_TABLE)
        memo = self._clock_memo.get(key)
        if memo is None or memo[0] != file.storage.version:
            table = file.storage.read().get(TOMB_TABLE, {})
            memo = (file.storage.version, {doc["id"]: doc for doc in table.values() if "id" in doc})
            self._clock_memo[key] = memo
        return memo[1]

    def locate(
        self, kind: str, record_id: str, day: date | None = None
    ) -> tuple[AnyRecord, Path] | None:
        """A record of an operation's ``kind`` by id and the file holding it (``data.sync``);
        ``day``, when known, is where a dated record lives (else each year is searched,
        newest first)."""
        if kind == "task":
            self._ensure_open_view()
            if record_id in self._open and record_id not in self._shadowed:
                return _as(Task, self._open.get(record_id)), self._open.path
            try:
                for year in reversed(self._years_in_transaction(ARCHIVE)):
                    # the year's ids from its summary: a task not archived (a new one, the
                    # usual case) reads no archive file
                    if record_id in self._archive_ids(year):
                        file = self._file(ARCHIVE, year)
                        if record_id in file:
                            return _as(Task, file.get(record_id)), file.path
            finally:
                self._id_lists.save()
            return None
        file_kind = {"day": DAYS, "journal": JOURNAL, "setback": SETBACKS}[kind]
        years = self._years_in_transaction(file_kind)
        order = list(reversed(years))
        if day is not None and day.year in years:
            order = [day.year, *(y for y in order if y != day.year)]
        for year in order:
            file = self._file(file_kind, year)
            if record_id in file:
                found = file.get(record_id)
                assert found is not None
                return found, file.path
        return None

    def _years_in_transaction(self, kind: FileKind) -> list[int]:
        """``_years``, listed once per transaction (and again after a write) for ``locate``:
        a merge asks for thousands of records."""
        if not self._depth:
            return self._years(kind)
        years = self._year_memo.get(kind.name)
        if years is None:
            years = self._year_memo[kind.name] = self._years(kind)
        return years

    def _leaving(self, plan: dict[Path, Ops]) -> dict[str, int]:
        """Tasks this plan puts into open work while removing them from an archive year."""
        open_ops = plan.get(self._open.path, {})
        leaving: dict[str, int] = {}
        for path, ops in plan.items():
            file = self._files[path]
            if file.kind is not ARCHIVE:
                continue
            for rid, op in ops.items():
                if op is _REMOVE and open_ops.get(rid) is not _REMOVE and rid in open_ops:
                    leaving[rid] = int(path.stem)
        return leaving

    def _marker_update(self, adding: dict[str, int], open_ops: Ops) -> Callable[[TinyDB], None]:
        """Note the tasks leaving the archive; forget notes whose work is done (the archive no
        longer holds the task) or moot (the task is no longer in open work)."""
        stale = set(self._stale_markers())
        staying = {rid for rid in self._open.records() if open_ops.get(rid, True) is not _REMOVE}
        staying.update(rid for rid, op in open_ops.items() if op is not _REMOVE)

        def update(db: TinyDB) -> None:
            table = db.table(LEAVING_ARCHIVE)
            present = {doc["id"] for doc in table}
            drop = [
                doc.doc_id
                for doc in table
                if doc["id"] not in adding and (doc["id"] in stale or doc["id"] not in staying)
            ]
            if drop:
                table.remove(doc_ids=drop)
            new = [{"id": rid, "year": year} for rid, year in adding.items() if rid not in present]
            if new:
                table.insert_multiple(new)

        return update

    def _markers(self) -> list[tuple[str, int]]:
        markers: list[tuple[str, int]] = []
        for doc in self._open.extra_table(LEAVING_ARCHIVE):
            rid, year = doc.get("id"), doc.get("year")
            if isinstance(rid, str) and isinstance(year, int):
                markers.append((rid, year))
        return markers

    def _stale_markers(self) -> list[str]:
        """Marked tasks whose archive year no longer holds them: the note has done its job."""
        return [rid for rid, year in self._markers() if rid not in self._file(ARCHIVE, year)]

    def _daily_backup(self) -> None:
        today = self._clock().date()
        if self._backed_up_on == today:
            return
        from data import backups  # on the first write of the day, not when the app opens

        try:
            backups.ensure_daily(self.root, today)
        except OSError as exc:
            raise _unwritable(self.layout.backups, exc) from exc
        self._backed_up_on = today

    # -- tasks ----------------------------------------------------------------------------------

    def open_tasks(self) -> list[Task]:
        """Open work: every task not yet moved to the archive (the board's data)."""
        return list(self._ensure_open_view())

    def open_task_ids(self) -> Iterable[str]:
        return [task.id for task in self._ensure_open_view()]

    def archived_tasks(self) -> Iterator[Task]:
        """Every archived task, newest year first (each year by ``done_at``, newest first)."""
        seen: set[str] = set()
        ordered: list[Task] = []
        for year in reversed(self._years(ARCHIVE)):
            tasks = [t for t in self._file(ARCHIVE, year).records().values() if t.id not in seen]
            tasks.sort(key=_done_order, reverse=True)
            seen.update(t.id for t in tasks)
            ordered.extend(t for t in tasks if isinstance(t, Task))
        return iter(ordered)

    def archived_tasks_matching(self, query: TaskQuery) -> list[Task]:
        """The archived tasks ``query`` matches, newest year first; the archive's copy in the
        newest year wins, as in ``archived_tasks``.

        Only the years whose summary (``data.summaries``: the range of ``done_at`` and
        ``report_by`` days, the setbacks measured) says they may hold a match are read, and
        in them a task is built only when its stored document may match. A skipped year
        holds no match, but it may hold the newer copy of a task a kill left in two archive
        years: its ids (kept in its summary) still hide the older copy.
        """
        years = self._years(ARCHIVE)
        if query.done is not None and query.report_by is None and not query.setbacks:
            years = [y for y in years if query.done[0].year <= y <= query.done[1].year]
        may_match = _prefilter(query)
        seen: set[str] = set()
        skipped: list[int] = []  # newer years not read: their ids only if ever needed
        found: list[Task] = []
        for year in reversed(years):
            if not self._archive_may_hold(year, query):
                skipped.append(year)
                continue
            file = self._file(ARCHIVE, year)
            for record in file.matching(may_match):
                if (
                    record.id not in seen
                    and isinstance(record, Task)
                    and query.matches(record)
                    and not any(record.id in self._archive_ids(y) for y in skipped)
                ):
                    found.append(record)
            seen.update(file.ids())
        self._summaries.save()
        self._id_lists.save()
        return found

    def _archive_ids(self, year: int) -> Collection[str]:
        """The ids an archive year holds: its loaded file's, or its summary's (not read)."""
        file = self._files.get(self.layout.year_file(ARCHIVE, year))
        if file is not None:
            return file.ids()  # type: ignore[return-value]
        summary = self._summary(ARCHIVE, year, _archive_id_list, self._id_lists)
        held = self._ids_memo.get(year)
        if held is None or held[0] is not summary:
            held = self._ids_memo[year] = (summary, frozenset(summary["ids"].split()))
        return held[1]

    def archived_task_ids(self) -> Iterable[str]:
        ids: set[str] = set()
        for year in self._years(ARCHIVE):
            ids.update(self._file(ARCHIVE, year).ids())
        return sorted(ids)

    def get_task(self, task_id: str) -> Task | None:
        """A task by full id, open work first, then the archive (the archive's copy wins)."""
        self._ensure_open_view()
        found = self._open.get(task_id)
        if found is not None and task_id not in self._shadowed:
            return _as(Task, found)
        for file in sorted(self._loaded(ARCHIVE), key=lambda f: f.path.name, reverse=True):
            if task_id in file:
                return _as(Task, file.get(task_id))
        for year in reversed(self._years(ARCHIVE)):
            file = self._file(ARCHIVE, year)
            if task_id in file:
                return _as(Task, file.get(task_id))
        return None

    def _open_tasks_raw(self) -> list[Task]:
        return [task for task in self._open.records().values() if isinstance(task, Task)]

    def _ensure_open_view(self, today: date | None = None) -> list[Task]:
        """Open work without the tasks the archive also holds, cached until a file changes.

        Only a task compaction could have copied (closed before today, not awaiting feedback)
        or one noted as leaving the archive can be in both, so only their archive years are
        read, and at start-up usually none.
        """
        if self._open_view is not None and today is None:
            return self._open_view
        if today is None:
            today = planning_date(self._clock(), self._day_starts_at)
        tasks = self._open_tasks_raw()
        years = {year for _rid, year in self._markers()}
        for task in tasks:
            if (
                task.done_at is not None
                and not task.awaiting_feedback
                and planning_date(task.done_at, self._day_starts_at) < today
            ):
                years.add(task.done_at.year)
        for year in years:
            self._file(ARCHIVE, year)
        archives = self._loaded(ARCHIVE)
        self._shadowed = frozenset(
            task.id for task in tasks if any(task.id in file for file in archives)
        )
        view = [task for task in tasks if task.id not in self._shadowed]
        view.sort(key=lambda task: (task.created, task.id))
        self._open_view = view
        return view

    # -- days -----------------------------------------------------------------------------------

    def get_day(self, day: date) -> Day | None:
        return _as_optional(Day, self._file(DAYS, day.year).on_date(day))

    def last_day_with_main(self, before: date) -> Day | None:
        """The latest Day before ``before`` whose ``main`` is set."""
        for year in reversed(self._years(DAYS)):
            if year > before.year:
                continue
            found = [
                record
                for record in self._dated(DAYS, year)
                if isinstance(record, Day) and record.date < before and record.main
            ]
            if found:
                return max(found, key=lambda d: d.date)
        return None

    def days(self, start: date, end: date) -> list[Day]:
        """Days from ``start`` to ``end`` inclusive, in date order."""
        found = [
            record
            for year in self._years(DAYS)
            if start.year <= year <= end.year
            for record in self._dated(DAYS, year)
            if isinstance(record, Day) and start <= record.date <= end
        ]
        return sorted(found, key=lambda d: d.date)

    def _archive_may_hold(self, year: int, query: TaskQuery) -> bool:
        summary = self._summary(ARCHIVE, year, _archive_summary)
        done, report = query.done, query.report_by
        return (
            (done is not None and span_meets(summary["done"], *_iso(done)))
            or (report is not None and span_meets(summary["report_by"], *_iso(report)))
            or setbacks_meet(summary["setbacks"], query.setbacks)
        )

    # -- summaries (derived data, see data.summaries) --------------------------------------------

    def _summary(
        self,
        kind: FileKind,
        year: int,
        make: Callable[[RecordFile], Summary],
        cache: SummaryCache | None = None,
    ) -> Summary:
        """The summary of a year's file as this store sees it: the version it loaded, or
        the one on disk when it has not loaded the file (read only when the cache has no
        summary of that version)."""
        cache = self._summaries if cache is None else cache
        named = self._summary_paths.get((kind.name, year))
        if named is None:
            path = self.layout.year_file(kind, year)
            named = self._summary_paths[kind.name, year] = (path, self.layout.relative(path))
        path, relative = named
        file = self._files.get(path)
        if file is None:
            found = cache.lookup_on_disk(relative, path)
            if found is not None:
                return found
            file = self._file(kind, year)
        raw = file.storage.raw
        memo = self._summary_memo.get((path, cache.name))
        if memo is not None and memo[0] is raw:
            return memo[1]
        version = Version.of(file.storage.signature, raw)
        summary = cache.lookup(relative, version)
        if summary is None:
            summary = make(file)
            cache.put(relative, version, summary)
        self._summary_memo[path, cache.name] = (raw, summary)
        return summary

    # -- journal --------------------------------------------------------------------------------

    def get_entry(self, day: date) -> JournalEntry | None:
        return _as_optional(JournalEntry, self._file(JOURNAL, day.year).on_date(day))

    def journal_version(self) -> Hashable:
        """Equal to an earlier value exactly while ``journal_entries`` would return the same
        entries: the years on disk and the version of each year file this store holds (a
        ``listdir``, no file read)."""
        years = self._years(JOURNAL)
        files = self._files
        return tuple(
            (year, file.storage.version if file is not None else 0)
            for year, file in ((y, files.get(self.layout.year_file(JOURNAL, y))) for y in years)
        )

    def journal_years(self) -> list[int]:
        """The years with a journal file, oldest first (the folder is listed, no file read)."""
        return self._years(JOURNAL)

    def journal_entries(
        self, start: date | None = None, end: date | None = None
    ) -> list[JournalEntry]:
        latest: dict[str, JournalEntry] = {}
        for year in self._years(JOURNAL):
            if (start is not None and year < start.year) or (end is not None and year > end.year):
                continue
            for record in self._dated(JOURNAL, year):
                if not isinstance(record, JournalEntry):
                    continue
                if (start is not None and record.date < start) or (
                    end is not None and record.date > end
                ):
                    continue
                _keep_latest(latest, record)
        return sorted(latest.values(), key=lambda e: (e.date, e.id))

    def journal_written_runs(self, end: date) -> list[tuple[date, date]]:
        """The runs of consecutive written days up to ``end``, oldest first, from each
        year's summary (a year's entries are read only when its file changed)."""
        runs: list[tuple[date, date]] = []
        for year in self._years(JOURNAL):
            if year <= end.year:
                runs.extend(runs_of(self._summary(JOURNAL, year, _journal_summary)))
        self._summaries.save()
        return merge_runs(runs, end)

    # -- setbacks -------------------------------------------------------------------------------

    def get_setback(self, setback_id: str) -> SetbackAnalysis | None:
        for year in reversed(self._years(SETBACKS)):
            found = self._file(SETBACKS, year).get(setback_id)
            if found is not None:
                return _as(SetbackAnalysis, found)
        return None

    def setbacks(self, start: date | None = None, end: date | None = None) -> list[SetbackAnalysis]:
        latest: dict[str, SetbackAnalysis] = {}
        for year in self._years(SETBACKS):
            if (start is not None and year < start.year) or (end is not None and year > end.year):
                continue
            for record in self._file(SETBACKS, year).records().values():
                if isinstance(record, SetbackAnalysis):
                    _keep_latest(latest, record)
        found = [
            s
            for s in latest.values()
            if (start is None or s.date >= start) and (end is None or s.date <= end)
        ]
        return sorted(found, key=lambda s: (s.date, s.created, s.id))

    # -- files ----------------------------------------------------------------------------------

    def _file(self, kind: FileKind, year: int | None = None) -> RecordFile:
        key = (kind.name, year)
        path = self._paths.get(key)
        if path is None:  # a Path made once per file: a merge of ten years asks 70,000 times
            path = self._paths[key] = self.layout.path_of(kind, year)
        file = self._files.get(path)
        if file is None:
            file = RecordFile(path, kind)
            self._files[path] = file
        return file

    def _loaded(self, kind: FileKind) -> list[RecordFile]:
        return [file for file in self._files.values() if file.kind is kind]

    def _years(self, kind: FileKind) -> list[int]:
        """The years with a file of ``kind`` on disk (remembered so ``refresh`` sees new ones)."""
        years = self.layout.years(kind)
        self._listed[kind] = tuple(years)
        return years

    def _dated(self, kind: FileKind, year: int) -> list[AnyRecord]:
        file = self._file(kind, year)
        return [
            record for record in file.records().values() if file.on_date(_date(record)) is record
        ]

    def _home(self, record: AnyRecord) -> tuple[FileKind, Path]:
        kind = {Day: DAYS, JournalEntry: JOURNAL, SetbackAnalysis: SETBACKS}[type(record)]
        return kind, self.layout.year_file(kind, _year_of(record))


def _prefilter(query: TaskQuery) -> Callable[[Mapping[str, Any]], bool]:
    """Whether a stored task document may match ``query``, read from its text without
    building the task: dates kept in their canonical ISO form compare as strings. Anything
    else (an unusual but valid form, a wrong type) says yes, and the task built from it
    decides (or is refused as corrupt, as it would be anyway)."""
    done = None if query.done is None else (query.done[0].isoformat(), query.done[1].isoformat())
    report = (
        None
        if query.report_by is None
        else (query.report_by[0].isoformat(), query.report_by[1].isoformat())
    )
    setbacks = query.setbacks

    def may_match(document: Mapping[str, Any]) -> bool:
        if done is not None and _day_between(document.get("done_at"), *done):
            return True
        if report is not None and _day_between(document.get("report_by"), *report):
            return True
        if setbacks:
            setback = document.get("setback")
            return setback in setbacks if isinstance(setback, str) else setback is not None
        return False

    return may_match


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T|\Z)")
"""A date, or a date and time, as the models write them: ``YYYY-MM-DD[THH:MM...]``."""


def _day_between(value: object, low: str, high: str) -> bool:
    """Whether a stored date (or date and time) falls on a day from ``low`` to ``high``; yes
    for a value not in the canonical form (the model decides), no for no value."""
    if value is None:
        return False
    if type(value) is str and _ISO_DAY.match(value):
        return low <= value[:10] <= high
    return True


def _is_canonical_day(value: object) -> bool:
    return type(value) is str and _ISO_DAY.match(value) is not None


def _iso(span: tuple[date, date]) -> tuple[str, str]:
    return span[0].isoformat(), span[1].isoformat()


def _journal_summary(file: RecordFile) -> Summary:
    records = file.records().values()
    return journal_summary(
        record.date
        for record in records
        if isinstance(record, JournalEntry)
        and file.on_date(record.date) is record
        and record.body.strip()
    )


def _archive_id_list(file: RecordFile) -> Summary:
    return {"ids": " ".join(sorted(file.ids()))}


def _archive_summary(file: RecordFile) -> Summary:
    assert file.kind.table is not None
    documents = file.storage.read().get(file.kind.table, {}).values()
    return archive_summary(documents, _is_canonical_day)


def _meta_of(file: RecordFile) -> Mapping[str, Any]:
    """``meta.json``'s one document as loaded (re-read by the transaction when changed)."""
    return next(iter(file.storage.read().get("_meta", {}).values()), {})


def _both(
    first: Callable[[TinyDB], None] | None, second: Callable[[TinyDB], None]
) -> Callable[[TinyDB], None]:
    if first is None:
        return second

    def both(db: TinyDB) -> None:
        first(db)
        second(db)

    return both


def _split(
    documents: Mapping[str, dict[str, Any] | None],
) -> tuple[dict[str, dict[str, Any]], set[str]]:
    puts = {rid: {**doc, "id": rid} for rid, doc in documents.items() if doc is not None}
    return puts, {rid for rid, doc in documents.items() if doc is None}


def _date(record: AnyRecord) -> date:
    day = getattr(record, "date", None)
    assert isinstance(day, date)
    return day


def _year_of(record: AnyRecord) -> int:
    return _date(record).year


def _done_order(task: AnyRecord) -> tuple[Any, str]:
    done_at = getattr(task, "done_at", None)
    return (done_at.isoformat() if done_at is not None else "", task.id)


def _keep_latest(latest: dict[str, Any], record: AnyRecord) -> None:
    """The same record in two year files (a kill while it moved): the later update wins."""
    held = latest.get(record.id)
    if held is None or held.updated < record.updated:
        latest[record.id] = record


def _as(cls: type[T], record: AnyRecord | None) -> T:
    if not isinstance(record, cls):
        raise AssertionError(f"expected a {cls.__name__}, found {type(record).__name__}")
    return record


def _as_optional(cls: type[T], record: AnyRecord | None) -> T | None:
    return None if record is None else _as(cls, record)


if TYPE_CHECKING:

    def _implements_the_protocol(store: FileStore) -> Store:
        return store
