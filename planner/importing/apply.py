"""Imported records against what the store holds: the changes to write, and the summary.

Matching goes by ``external_ref``. A task already imported is left alone, unless the file
carries a newer version of it (Taskwarrior's ``modified`` no earlier than the planner copy's
last change, so an edit made in planner since wins) or it is a todo.txt line since marked
done. A journal day already imported is left
alone; a day that has an entry (written by the user, or imported from another file) keeps
every word of it and gets the imported sections it does not already contain appended once.
Everything is written in one transaction, then finished work is archived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from planner.domain.models import JournalEntry, Task
from planner.importing.common import ImportedDay, ImportedTask, Issue, Parsed, fresh_id, joined
from planner.services.ports import Change, Store

Advance = Callable[[], None]
IMPORTED_FIELDS = (
    "title",
    "notes",
    "status",
    "due",
    "scheduled",
    "priority",
    "tags",
    "recur",
    "done_at",
)
"""What an import owns on a task; the rest (people, flags, feedback...) stays the user's."""


@dataclass
class Summary:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.errors)


def _nothing() -> None:
    return None


def plan_tasks(
    records: Iterable[ImportedTask], existing: Iterable[Task], advance: Advance = _nothing
) -> tuple[list[Change], Summary]:
    summary = Summary()
    by_ref = {task.external_ref: task for task in existing if task.external_ref}
    changes: list[Change] = []
    for record in records:
        advance()
        incoming = record.task
        ref = incoming.external_ref
        assert ref is not None
        current = by_ref.get(ref)
        if current is None:
            former = next((by_ref[r] for r in record.former_refs if r in by_ref), None)
            if former is not None:
                merged = _merged(former, incoming)
                changes.append(Change(former, merged))
                by_ref.pop(former.external_ref or "", None)
                by_ref[ref] = merged
                summary.updated += 1
                continue
            changes.append(Change(None, incoming))
            by_ref[ref] = incoming
            summary.imported += 1
            continue
        if (
            not record.source_dated
            or incoming.updated < current.updated
            or _content(incoming) == _content(current)
        ):
            summary.unchanged += 1
        else:
            merged = _merged(current, incoming)
            changes.append(Change(current, merged))
            by_ref[ref] = merged
            summary.updated += 1
    return changes, summary


def _merged(current: Task, incoming: Task) -> Task:
    values = {name: getattr(incoming, name) for name in IMPORTED_FIELDS}
    return replace(current, external_ref=incoming.external_ref, updated=incoming.updated, **values)


def _content(task: Task) -> tuple[object, ...]:
    return tuple(getattr(task, name) for name in IMPORTED_FIELDS)


def plan_days(
    days: Iterable[ImportedDay],
    entry_on: Callable[[date], JournalEntry | None],
    now: datetime,
    advance: Advance = _nothing,
) -> tuple[list[Change], Summary]:
    """Counts are of jrnl entries: ``imported`` on days that had no entry, ``updated`` when
    appended to an entry that was there, ``unchanged`` when already present."""
    summary = Summary()
    changes: list[Change] = []
    for day in days:
        advance()
        current = entry_on(day.date)
        if current is None:
            entry = JournalEntry(
                id=fresh_id(),
                created=now,
                updated=now,
                external_ref=day.ref,
                date=day.date,
                body=day.text,
                tags=day.tags,
            )
            changes.append(Change(None, entry))
            summary.imported += len(day.sections)
            continue
        if current.external_ref == day.ref:
            summary.unchanged += len(day.sections)
            continue
        missing = [s for s in day.sections if not all(m in current.body for m in s.markers)]
        tags = tuple(dict.fromkeys((*current.tags, *day.tags)))
        summary.unchanged += len(day.sections) - len(missing)
        if not missing and tags == current.tags:
            continue
        body = current.body.rstrip()
        addition = joined(missing) if missing else ""
        if addition:
            body = f"{body}\n\n{addition}" if body else addition
        elif body:
            body += "\n"
        changes.append(
            Change(current, current.touched(now, body=body, tags=tags, external_ref=day.ref))
        )
        summary.updated += len(missing)
    return changes, summary


def import_tasks(
    store: Store, parsed: Parsed[ImportedTask], today: date, advance: Advance = _nothing
) -> Summary:
    with store.transaction():
        existing = [*store.archived_tasks(), *store.open_tasks()]
        changes, summary = plan_tasks(parsed.records, existing, advance)
        if changes:
            store.apply(changes)
    summary.archived = store.compact(today)
    return _with_issues(summary, parsed)


def import_days(
    store: Store, parsed: Parsed[ImportedDay], now: datetime, advance: Advance = _nothing
) -> Summary:
    with store.transaction():
        changes, summary = plan_days(parsed.records, store.get_entry, now, advance)
        if changes:
            store.apply(changes)
    return _with_issues(summary, parsed)


def _with_issues(summary: Summary, parsed: Parsed[ImportedTask] | Parsed[ImportedDay]) -> Summary:
    summary.errors = sorted(parsed.errors, key=lambda found: found.line)
    summary.warnings = sorted([*parsed.warnings, *summary.warnings], key=lambda found: found.line)
    return summary
