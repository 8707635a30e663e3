"""jrnl's JSON (``jrnl --format json``) into journal entries, one per date.

An entry ``{"title", "body", "date", "time", "tags", "starred"}`` becomes a section of its
day's entry: a ``## HH:MM title`` heading, then the body as written, its own headings moved
beneath that heading (an outline, without level jumps). Several entries on one
day are joined in time order. Tags lose jrnl's tag mark (``@work`` → ``work``) and are kept
on the day's entry; a starred entry adds the tag ``starred``.

The day's ``external_ref`` is ``jrnl:`` and a hash of the imported text of that day, so the
same file imported again is recognised day by day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from planner.export.markdown import body as nested_body
from planner.importing import fields
from planner.importing.common import (
    ImportedDay,
    Issue,
    Parsed,
    Section,
    Skipped,
    content_hash,
    has_bad_text,
    issue,
    joined,
)
from planner.importing.fields import check_fields
from planner.importing.jsonscan import Element, ScanError, Scanner, TooManyRecords, depth_issue
from planner.importing.limits import MAX_RECORDS, refuse_past_skipped

STARRED_TAG = "starred"
_TAG_MARKS = "@#+"


def parse(text: str) -> Parsed[ImportedDay]:
    result: Parsed[ImportedDay] = Parsed()
    by_day: dict[date, list[tuple[str, int, Section]]] = defaultdict(list)
    tags: dict[date, list[str]] = defaultdict(list)
    for element in _entries(text, result.errors):
        if element.detail is not None:
            result.errors.append(issue(element.line, "json", detail=element.detail))
            continue
        try:
            day, clock, section, entry_tags = _entry(element)
        except Skipped as exc:
            result.errors.append(exc.issue)
            continue
        by_day[day].append((clock, element.line, section))
        tags[day].extend(entry_tags)
    for day in sorted(by_day):
        in_order = sorted(by_day[day], key=lambda item: item[:2])  # stable: file order last
        sections = _keyed(section for _clock, _line, section in in_order)
        ref = f"jrnl:{content_hash(joined(sections))}"
        result.records.append(ImportedDay(day, sections, tuple(dict.fromkeys(tags[day])), ref))
    result.errors.sort(key=lambda found: found.line)
    return refuse_past_skipped(result)


def _keyed(sections: Iterable[Section]) -> tuple[Section, ...]:
    seen: Counter[str] = Counter()
    keyed = []
    for section in sections:
        seen[section.heading] += 1
        number = seen[section.heading]
        key = section.heading if number == 1 else f"{section.heading}\n{number}"
        keyed.append(replace(section, key=key))
    return tuple(keyed)


def _entries(text: str, errors: list[Issue]) -> list[Element]:
    scanner = Scanner(text)
    deep = depth_issue(scanner)
    if deep is not None:
        errors.append(deep)
        return []
    start = scanner.skip_space(0)
    try:
        if start < len(text) and text[start] == "{":
            found = scanner.member(start, "entries")
            if found is None:
                errors.append(issue(scanner.line_of(start), "no_entries"))
                return []
            start = found
    except ScanError as exc:
        errors.append(issue(exc.line, "json", detail=exc.detail))
        return []
    if start >= len(text) or text[start] != "[":
        errors.append(issue(scanner.line_of(start), "no_entries"))
        return []
    try:
        elements, _end = scanner.values(start + 1, "]")
    except TooManyRecords as exc:
        errors.append(issue(exc.line, "too_many_records", limit=MAX_RECORDS))
        return []
    return elements


def _entry(element: Element) -> tuple[date, str, Section, list[str]]:
    line, raw = element.line, element.value
    if not isinstance(raw, dict):
        raise Skipped(issue(line, "not_object"))
    if has_bad_text(raw):
        raise Skipped(issue(line, "not_utf8"))
    entry: dict[str, Any] = raw
    check_fields(entry, fields.JRNL, line)
    raw_date = entry.get("date")
    try:
        day = date.fromisoformat(str(raw_date))
    except ValueError:
        raise Skipped(issue(line, "bad_entry_date", value=raw_date)) from None
    title, body, clock = (_text(entry, name, line) for name in ("title", "body", "time"))
    title = " ".join(title.split())
    body = body.strip("\n").rstrip()
    if "\r" not in body:  # fitting the headings would also turn a carriage return into \n
        body = nested_body(body, 2, close=False)
    if not title and not body.strip():
        raise Skipped(issue(line, "empty_entry"))
    heading = " ".join(part for part in ("##", clock.strip(), title) if part)
    text = f"{heading}\n\n{body}" if body.strip() else heading
    markers = tuple(part for part in (title, body.strip()) if part)
    tags = [_tag(value) for value in entry.get("tags") or () if isinstance(value, str)]
    if entry.get("starred") is True:
        tags.append(STARRED_TAG)
    return day, clock, Section(line, text, markers), [tag for tag in tags if tag]


def _text(entry: dict[str, Any], name: str, line: int) -> str:
    value = entry.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Skipped(issue(line, "bad_entry_field", field=name))
    return value


def _tag(value: str) -> str:
    return "_".join(value.lstrip(_TAG_MARKS).split())
