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

from planner.domain.ids import date_id
from planner.domain.models import JournalEntry, Task
from planner.importing.common import (
    ImportedDay,
    ImportedTask,
    Issue,
    Parsed,
    Section,
    content_hash,
    imported_id,
    issue,
    joined,
)
from planner.importing.merge import Conflict, based, merge
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
    existing = list(existing)
    by_ref = {task.external_ref: task for task in existing if task.external_ref}
    taken = {task.id for task in existing}
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
                new = based(incoming)
                if new.id in taken:  # held by a task imported before under another ref
                    new = replace(new, id=imported_id(ref, taken))
                taken.add(new.id)
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
    added to (or replaced in) an entry that was there, ``unchanged`` when already present."""
    summary = Summary()
    changes: list[Change] = []
    for day in days:
        advance()
        current = entry_on(day.date)
        base = tuple((section.key, section.fingerprint) for section in day.sections)
        if current is None:
            entry = JournalEntry(
                id=date_id("journal", day.date),
                created=now,
                updated=now,
                external_ref=day.ref,
                date=day.date,
                body=day.text,
                tags=day.tags,
                import_base=base,
            )
            changes.append(Change(None, entry))
            summary.imported += len(day.sections)
            continue
        if current.external_ref == day.ref:
            summary.unchanged += len(day.sections)
            continue
        body, counts = _merged_body(current, day, summary.warnings)
        summary.updated += counts[0]
        summary.unchanged += counts[1]
        tags = tuple(dict.fromkeys((*current.tags, *day.tags)))
        kept = dict(current.import_base)
        kept.update(base)
        after = replace(
            current, body=body, tags=tags, external_ref=day.ref, import_base=tuple(kept.items())
        )
        if after.body != current.body or after.tags != current.tags:
            after = replace(after, updated=now)
        if after != current:
            changes.append(Change(current, after))
    return changes, summary


def _merged_body(
    current: JournalEntry, day: ImportedDay, warnings: list[Issue]
) -> tuple[str, tuple[int, int]]:
    """The entry's text with the day's sections in it, and (updated, unchanged) counts.

    A section already imported (its key in the entry's base) and changed in jrnl since
    replaces its text where planner still holds it as imported; where that text was edited
    in planner, the new one is added beneath it too, with a note. Any other section the
    entry does not already contain is appended.
    """
    base = dict(current.import_base)
    body = current.body
    headings = {key_heading(key) for key in base} | {s.heading for s in day.sections}
    missing: list[Section] = []
    updated = unchanged = 0
    for section in day.sections:
        before = base.get(section.key)
        if before == section.fingerprint:
            unchanged += 1
            continue
        if before is not None:
            span = _span(body, section.key, headings)
            if span is not None and content_hash(body[span[0] : span[1]].strip("\n")) == before:
                body = body[: span[0]] + section.text.strip("\n") + body[span[1] :]
                updated += 1
                continue
            warnings.append(issue(section.line, "entry_edited_both", heading=section.heading))
        elif all(marker in body for marker in section.markers):
            unchanged += 1
            continue
        missing.append(section)
        updated += 1
    if missing:
        body = body.rstrip()
        addition = joined(missing)
        body = f"{body}\n\n{addition}" if body else addition
    elif body.strip() and body.rstrip("\n") == body:
        body += "\n"
    return body, (updated, unchanged)


def key_heading(key: str) -> str:
    """The heading line a section key names (without its number among alike ones)."""
    heading, _sep, _number = key.partition("\n")
    return heading


def _span(body: str, key: str, headings: set[str]) -> tuple[int, int] | None:
    """Where the section ``key`` names is in ``body``: from its heading line to the next
    imported heading (or the end), trailing blank lines left out."""
    heading, _sep, number = key.partition("\n")
    wanted = int(number or "1")
    lines = body.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    starts = [index for index, line in enumerate(lines) if line == heading]
    if len(starts) < wanted:
        return None
    first = starts[wanted - 1]
    last = next(
        (index for index in range(first + 1, len(lines)) if lines[index] in headings),
        len(lines),
    )
    start = offsets[first]
    end = min(offsets[last], len(body))
    return start, len(body[:end].rstrip("\n"))


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
