"""Imported records against what the store holds: the changes to write, and the summary.

Matching goes by ``external_ref`` (or a ref the record had before: a todo.txt line since
marked done, a Taskwarrior occurrence of a series closed in planner). A task already imported
is merged field by field with what the file now says, the last import as the base
(``merge``). A journal day already imported is left
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
from planner.importing.merge import Conflict, field_values, merge
from planner.services.ports import Change, Store

Advance = Callable[[], None]


@dataclass
class Summary:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

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
        former = current is None
        if current is None:
            current = next((by_ref[r] for r in record.former_refs if r in by_ref), None)
            if current is None:
                new = replace(incoming, import_base=field_values(incoming))
                changes.append(Change(None, new))
                by_ref[ref] = new
                summary.imported += 1
                continue
            by_ref.pop(current.external_ref or "", None)
        merged = merge(
            current,
            incoming,
            source_wins_without_base=former
            or (record.source_dated and incoming.updated >= current.updated),
            unchanged_in_source=record.carried if former else (),
        )
        summary.conflicts.extend(merged.conflicts)
        by_ref[ref] = merged.task
        if merged.task != current:
            changes.append(Change(current, merged.task))
        if merged.taken:
            summary.updated += 1
        else:
            summary.unchanged += 1
    return changes, summary


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
