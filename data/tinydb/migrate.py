"""Schema versions and the steps between them (DESIGN section 8, "Schema").

The data folder's version is ``meta.json``'s ``schema``; version 0 is a single stock TinyDB
file ``db.json`` (tables ``tasks`` and ``journal``) as a first prototype or a hand-made file
would be. ``STEPS[n]`` takes a folder from version ``n`` to ``n + 1``; a later version adds
one function there. Every step backs up what it reads first, and is safe to run again when a
kill interrupted it: ``meta.json`` (the version) is written last.

Call ``migrate`` with the data folder's lock held (``FileStore`` does, when it opens).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

from data.backups import labelled_snapshot
from data.files.atomic import free_name, fsync_dir
from data.files.layout import ARCHIVE, JOURNAL, META, OPEN_TASKS, Layout
from data.history_file import HISTORY_FILE, rewrite_actions
from data.tinydb.date_ids import dated_kind, give_history_date_ids, needs_date_ids
from data.tinydb.recordfile import RecordFile
from data.tinydb.schema import CURRENT_SCHEMA, folder_version, initial_data, newer
from planner.domain.clock import Clock, planning_date
from planner.domain.errors import DataError, DomainError
from planner.domain.ids import ALPHABET, ID_LENGTH, date_id
from planner.domain.models import JournalEntry, Record, Task

MIGRATED_SUFFIX = ".migrated-v0"
R = TypeVar("R", bound=Record)


@dataclass(slots=True)
class MigrationReport:
    """What a migration did: counts by record kind, and every record it could not carry."""

    from_version: int
    to_version: int
    backup: Path | None = None
    kept_in: Path | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Step = Callable[[Layout, Clock], MigrationReport | None]
"""One version's step; None when it has nothing to report (a step that only restamps)."""


def migrate(data_dir: Path, clock: Clock) -> MigrationReport | None:
    """Bring the data folder to ``CURRENT_SCHEMA``; return the report of the steps run.

    A fresh folder gets its ``meta.json`` and an empty ``tasks/open.json``, so that every
    snapshot holds both. A folder from a newer planner raises ``DataError`` and is not
    touched.
    """
    layout = Layout(data_dir)
    version = folder_version(layout)
    if version is None:
        if not layout.data_files():
            open_work = RecordFile(layout.open_tasks, OPEN_TASKS)
            open_work.storage.write(open_work.storage.read())
        write_meta(layout, clock())
        return None
    if version > CURRENT_SCHEMA:
        raise newer(layout.meta, version)
    report: MigrationReport | None = None
    while version < CURRENT_SCHEMA:
        report = _combined(report, STEPS[version](layout, clock))
        version += 1
    return report


def _combined(
    first: MigrationReport | None, then: MigrationReport | None
) -> MigrationReport | None:
    """One report of two steps run in a row: the first's counts, backup and kept file (a
    prototype's conversion is what the user must hear of), both steps' problems and notes."""
    if first is None or then is None:
        return first or then
    first.to_version = then.to_version
    first.problems.extend(then.problems)
    first.notes.extend(then.notes)
    return first


def write_meta(layout: Layout, now: datetime, **extra: Any) -> None:
    meta = RecordFile(layout.meta, META)
    if meta.exists:
        return
    data = initial_data(META, created=now.isoformat(timespec="seconds"), **extra)
    meta.storage.write(data)


# --- version 0: one stock TinyDB file ----------------------------------------------------------

_DONE = {"done", "completed", "complete", "finished", "closed", "x"}
_DROPPED = {"dropped", "deleted", "cancelled", "canceled", "abandoned", "wontdo"}
_WAITING = {"waiting", "blocked", "on hold", "on-hold"}
_INBOX = {"inbox", "new"}
_OPEN = {"open", "todo", "to do", "pending", "active", "doing", "in progress", "in_progress"}
_PRIORITY = {
    "high": "high", "h": "high", "medium": "medium", "m": "medium", "low": "low", "l": "low",
}  # fmt: skip

_TASK_FIELDS = {
    "title", "text", "description", "status", "done", "due", "tags", "notes", "note",
    "created", "updated", "done_at", "completed", "completed_at", "priority", "people",
}  # fmt: skip
_ENTRY_FIELDS = {"date", "body", "text", "tags", "created", "updated"}


def _v0_to_v1(layout: Layout, clock: Clock) -> MigrationReport:
    """Convert ``db.json`` into the version-1 layout, then rename it ``db.json.migrated-v0``.

    Ids are derived from each document's table and ``doc_id``, so running it again after a
    kill rewrites the same records instead of adding copies.
    """
    now = clock()
    legacy = layout.legacy_db
    report = MigrationReport(from_version=0, to_version=1)
    tables = _read_legacy(legacy)
    report.backup = labelled_snapshot(
        layout.root, now.date(), "before-migration-v0", files=[legacy]
    )
    for name in sorted(set(tables) - {"tasks", "journal"}):
        report.notes.append(f"table {name!r} is not planner data; it was not carried over")

    tasks: list[Task] = []
    for doc_id, doc in _documents(tables.get("tasks")):
        task = _convert(report, "tasks", doc_id, doc, lambda d, i: _task(d, i, now, report))
        if task is not None:
            tasks.append(task)
    entries: dict[date, JournalEntry] = {}
    for doc_id, doc in _documents(tables.get("journal")):
        entry = _convert(report, "journal", doc_id, doc, lambda d, i: _entry(d, i, now, report))
        if entry is None:
            continue
        previous = entries.get(entry.date)
        if previous is not None:
            report.notes.append(f"journal #{doc_id}: joined to the entry of {entry.date}")
            entry = previous.appended(entry.body, previous.updated)
        entries[entry.date] = entry

    today = planning_date(now)
    open_work = [t for t in tasks if t.done_at is None or planning_date(t.done_at) >= today]
    archived: dict[int, list[Task]] = {}
    for task in tasks:
        if task.done_at is not None and planning_date(task.done_at) < today:
            archived.setdefault(task.done_at.year, []).append(task)
    by_year: dict[int, list[JournalEntry]] = {}
    for entry in entries.values():
        by_year.setdefault(entry.date.year, []).append(entry)

    RecordFile(layout.open_tasks, OPEN_TASKS).write(open_work)
    for year, done in sorted(archived.items()):
        RecordFile(layout.year_file(ARCHIVE, year), ARCHIVE).write(done)
    for year, written in sorted(by_year.items()):
        RecordFile(layout.year_file(JOURNAL, year), JOURNAL).write(written)
    report.counts = {
        "tasks": len(tasks),
        "open": len(open_work),
        "archived": len(tasks) - len(open_work),
        "journal": len(entries),
        "skipped": len(report.problems),
    }

    kept = free_name(legacy.with_name(legacy.name + MIGRATED_SUFFIX))
    os.replace(legacy, kept)
    fsync_dir(legacy.parent)
    report.kept_in = kept
    write_meta(layout, now, migrated_from=f"{legacy.name} (schema 0)")
    return report


def _read_legacy(path: Path) -> dict[str, Any]:
    advice = "fix it by hand or move it out of the data folder; nothing was changed"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(str(path), f"cannot be read ({exc.strerror or exc})", advice) from exc
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise DataError(str(path), f"is not a readable TinyDB file ({exc})", advice) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DataError(str(path), "is not a TinyDB file (expected tables of documents)", advice)
    return data


def _documents(table: Mapping[str, Any] | None) -> list[tuple[str, Any]]:
    if not table:
        return []

    def order(key: str) -> tuple[int, str]:
        return (int(key), "") if key.isdigit() else (1 << 62, key)

    return [(key, table[key]) for key in sorted(table, key=order)]


def _convert(
    report: MigrationReport,
    table: str,
    doc_id: str,
    doc: Any,
    build: Callable[[Mapping[str, Any], str], R],
) -> R | None:
    """Build one record, or report why it cannot be built (it stays in the renamed file)."""
    if not isinstance(doc, Mapping):
        report.problems.append(f"{table} #{doc_id}: not an object")
        return None
    try:
        return build(doc, doc_id)
    except (DomainError, _Unconvertible) as exc:
        report.problems.append(f"{table} #{doc_id}: {exc}")
        return None


class _Unconvertible(Exception):
    """A version-0 document that cannot become a record."""


def _task(doc: Mapping[str, Any], doc_id: str, now: datetime, report: MigrationReport) -> Task:
    where = f"tasks #{doc_id}"
    title = next(
        (doc[k] for k in ("title", "text", "description") if isinstance(doc.get(k), str)
         and doc[k].strip()),
        None,
    )  # fmt: skip
    if title is None:
        raise _Unconvertible("it has no title")
    created = _moment(doc.get("created"), now, report, f"{where} created") or now
    updated = _moment(doc.get("updated"), now, report, f"{where} updated") or created
    status = _status(doc, report, where)
    done_at = None
    if status in ("done", "dropped"):
        closed = doc.get("done_at") or doc.get("completed_at") or doc.get("completed")
        if isinstance(closed, bool):
            closed = None
        done_at = _moment(closed, now, report, f"{where} done_at") or updated
    priority = None
    if doc.get("priority") not in (None, ""):
        priority = _PRIORITY.get(str(doc["priority"]).strip().lower())
        if priority is None:
            report.notes.append(f"{where}: priority {doc['priority']!r} was not carried over")
    notes = doc.get("notes", doc.get("note")) or ""
    extra = sorted(set(doc) - _TASK_FIELDS)
    if extra:
        report.notes.append(f"{where}: fields {', '.join(extra)} were not carried over")
    return Task(
        id=_derived_id("tasks", doc_id),
        created=created,
        updated=updated,
        external_ref=None,
        title=title,
        notes=notes if isinstance(notes, str) else json.dumps(notes, ensure_ascii=False),
        status=status,
        due=_due(doc.get("due"), now, report, where),
        priority=priority,  # type: ignore[arg-type]
        people=_names(doc.get("people")),
        tags=_names(doc.get("tags")),
        done_at=done_at,
    )


def _entry(
    doc: Mapping[str, Any], doc_id: str, now: datetime, report: MigrationReport
) -> JournalEntry:
    where = f"journal #{doc_id}"
    day = _day(doc.get("date"))
    if day is None:
        raise _Unconvertible(f"no readable date ({doc.get('date')!r})")
    body = doc.get("body", doc.get("text")) or ""
    if not isinstance(body, str):
        raise _Unconvertible("its text is not text")
    start = datetime.combine(day, time(0), tzinfo=now.tzinfo)
    created = _moment(doc.get("created"), now, report, f"{where} created") or start
    updated = _moment(doc.get("updated"), now, report, f"{where} updated") or created
    extra = sorted(set(doc) - _ENTRY_FIELDS)
    if extra:
        report.notes.append(f"{where}: fields {', '.join(extra)} were not carried over")
    return JournalEntry(
        id=date_id("journal", day),
        created=created,
        updated=updated,
        external_ref=None,
        date=day,
        body=body,
        tags=_names(doc.get("tags")),
    )


def _status(doc: Mapping[str, Any], report: MigrationReport, where: str) -> Any:
    if doc.get("done") is True:
        return "done"
    raw = doc.get("status")
    if raw is None or raw == "":
        return "done" if doc.get("done") else "open"
    value = str(raw).strip().lower()
    for names, status in (
        (_DONE, "done"),
        (_DROPPED, "dropped"),
        (_WAITING, "waiting"),
        (_INBOX, "inbox"),
        (_OPEN, "open"),
    ):
        if value in names:
            return status
    report.notes.append(f"{where}: status {raw!r} read as open")
    return "open"


def _moment(value: Any, now: datetime, report: MigrationReport, where: str) -> datetime | None:
    """A prototype's timestamp as an aware datetime (naive ones in the clock's zone)."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, (int, float)):
            return datetime.fromtimestamp(value, tz=now.tzinfo)
        if isinstance(value, str):
            text = value.strip().replace("Z", "+00:00")
            if len(text) == 10:
                return datetime.combine(date.fromisoformat(text), time(0), tzinfo=now.tzinfo)
            moment = datetime.fromisoformat(text)
            return moment if moment.tzinfo else moment.replace(tzinfo=now.tzinfo)
    except (ValueError, OverflowError, OSError):
        pass
    report.notes.append(f"{where}: {value!r} is not a readable time; it was not carried over")
    return None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _due(value: Any, now: datetime, report: MigrationReport, where: str) -> date | datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and len(value.strip()) == 10:
        day = _day(value)
        if day is not None:
            return day
    return _moment(value, now, report, f"{where} due")


def _names(value: Any) -> tuple[str, ...]:
    """Tags or people, from a list or a comma- or space-separated string."""
    if isinstance(value, str):
        items: list[Any] = value.replace(",", " ").split()
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return ()
    cleaned: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        name = "-".join(item.strip().lstrip("#@").split())
        if name and name not in cleaned:
            cleaned.append(name)
    return tuple(cleaned)


def _derived_id(table: str, doc_id: str) -> str:
    import hashlib  # only a version-0 folder needs it, not every start-up

    digest = hashlib.sha256(f"planner-v0:{table}:{doc_id}".encode()).digest()
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:ID_LENGTH])


def _v1_to_v2(layout: Layout, clock: Clock) -> None:
    """Schema 2 only added a field (``import_base``): stamp ``meta.json`` 2, so that an older
    planner refuses the folder as newer rather than reading a record it cannot parse as
    damage. The other files are read as they are and stamped as they are next written."""
    meta = RecordFile(layout.meta, META)
    if meta.exists:
        meta.storage.write(meta.storage.read())


def _v2_to_v3(layout: Layout, clock: Clock) -> MigrationReport:
    """Give every Day and journal entry the id of its date (``data.tinydb.date_ids``), in
    the data files and in the undo history, after a snapshot of both.

    Each day and journal file written before schema 3 is read (its ids rewritten as it is
    read) and written back; the history's copies get the same ids, so undoing an action made
    before still works; ``meta.json`` is stamped last. A kill in between leaves files some
    rewritten, some not: running again rewrites the rest (a date's id is the same every
    time). A file that cannot be read is left for ``planner doctor`` (the store gives it its
    date ids whenever it reads it); a damaged history stays as it is (undo then refuses
    its actions, with doctor's advice, as before).
    """
    now = clock()
    report = MigrationReport(from_version=2, to_version=3)
    history = layout.root / HISTORY_FILE
    extra = [history] if history.is_file() else []
    report.backup = labelled_snapshot(layout.root, now.date(), "before-migration-v2", files=extra)
    renamed = 0
    for kind, path in layout.data_files():
        if dated_kind(kind) is None:
            continue
        try:
            old = RecordFile(path, kind)  # schema 3 already, or given its date ids as read
        except DataError as exc:
            report.problems.append(f"{layout.relative(path)}: {exc.problem}")
            continue
        if not _written_before_date_ids(old):
            continue
        ids_before = _ids_on_disk(old)
        old.storage.write(old.storage.read())
        renamed += len(set(old.ids()) - ids_before)
    try:
        history_rewritten = rewrite_actions(history, give_history_date_ids)
    except DataError as exc:
        history_rewritten = False
        report.notes.append(f"{HISTORY_FILE}: {exc.problem}; its actions were left as they are")
    report.counts = {"renamed": renamed, "history": int(history_rewritten)}
    meta = RecordFile(layout.meta, META)
    meta.storage.write(meta.storage.read())
    return report


def _written_before_date_ids(file: RecordFile) -> bool:
    """Whether the file on disk is of a schema before 3 (the ``_meta`` held is as read: a
    write stamps it)."""
    return file.exists and needs_date_ids(file.storage.read(), file.kind)


def _ids_on_disk(file: RecordFile) -> set[str]:
    """The record ids the file holds on disk (before the ids given as it was read)."""
    plain = file.storage.plain
    assert plain is not None and file.kind.table is not None
    table = json.loads(plain).get(file.kind.table, {})
    return {document.get("id") for document in table.values()}


def _v3_to_v4(layout: Layout, clock: Clock) -> None:
    """Schema 4 only added fields (a task's ``estimate`` and ``estimate_low``, an
    instruction's ``extension_to``, ``extension_reason`` and ``report_by_original``, a
    task's timer ``intervals``): stamp
    ``meta.json`` 4, as ``_v1_to_v2`` does, so that a planner of schema 3 refuses the folder
    as newer instead of reading a task with an estimate as damage."""
    meta = RecordFile(layout.meta, META)
    if meta.exists:
        meta.storage.write(meta.storage.read())


STEPS: dict[int, Step] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}
