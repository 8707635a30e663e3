"""todo.txt lines into tasks.

A line is ``[x [done-date [created-date]]] [(P)] [created-date] text``, where the text holds
``+project``, ``@context`` and ``key:value`` words. Mapping (the README has the table):
``x`` → done (on the completion date), ``(A)``/``(B)``/``(C)`` → high/medium/low (later
letters → low, the letter kept in the notes as ``pri:X``), ``+project`` → tag, ``@context`` →
person, ``key:value`` → a line in the notes, with ``due:`` also setting the due date and
``t:`` (threshold) the scheduled date when they are ``YYYY-MM-DD`` dates, and ``rec:`` the
recurrence (``rec:1w``, ``rec:+1m``, ``rec:3d``).

A record's ``external_ref`` is ``todotxt:`` and a hash of the line; a second copy of the same
line in the file gets its own hash, so both come across. A done line also remembers the
hashes its line had while pending, so re-importing after marking it done in todo.txt closes
the task imported before instead of adding another; that includes the forms with a priority,
which ``todo.sh do`` (2.11) drops from the done line along with any ``pri:``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from planner.domain.errors import DomainError
from planner.domain.models import Priority, Task
from planner.importing.common import (
    ImportedTask,
    IssueKey,
    Parsed,
    Skipped,
    content_hash,
    filled_lines,
    has_bad_text,
    imported_id,
    issue,
)
from planner.importing.limits import MAX_LINE_CHARS, MAX_RECORDS, refuse_past_skipped
from planner.importing.recur import todotxt_rule

_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PRIORITY = re.compile(r"\(([A-Z])\)")
_KEY_VALUE = re.compile(r"([^\s:]+):([^\s:]+)")
_PRIORITIES: dict[str, Priority] = {"A": "high", "B": "medium", "C": "low"}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NOON = time(12, 0)
"""Dates without a time become noon, so they stay on their day whatever ``day_starts_at``."""


@dataclass
class _Line:
    """The parts of one line, in the order they were written."""

    number: int
    done: bool = False
    completed: date | None = None
    created: date | None = None
    letter: str | None = None
    words: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
    """The tokens after the done mark and completion date: the line as it was when pending."""


def ref_of(line: str, occurrence: int = 1) -> str:
    """The ``external_ref`` of the ``occurrence``-th copy of ``line`` in a file."""
    key = line if occurrence == 1 else f"{line}\n{occurrence}"
    return f"todotxt:{content_hash(key)}"


def parse(text: str, now: datetime) -> Parsed[ImportedTask]:
    """Every non-blank line of ``text`` as a task; ``now`` (aware) gives the time zone."""
    result: Parsed[ImportedTask] = Parsed()
    seen: Counter[str] = Counter()
    for number, raw in filled_lines(text):
        line = raw.strip()
        if not line:
            continue
        if len(result.records) + len(result.errors) >= MAX_RECORDS:
            return Parsed(errors=[issue(number, "too_many_records", limit=MAX_RECORDS)])
        seen[line] += 1
        try:
            if len(line) > MAX_LINE_CHARS:
                raise Skipped(issue(number, "line_too_long", limit=MAX_LINE_CHARS))
            if has_bad_text(line):
                raise Skipped(issue(number, "not_utf8"))
            parts = _split(line, number)
            task = _task(parts, ref_of(line, seen[line]), now)
        except Skipped as exc:
            result.errors.append(exc.issue)
            continue
        for key, value in parts.pairs:
            if key == "due" and not _DATE_SHAPE.fullmatch(value):
                result.warnings.append(issue(number, "due_not_date", value=value))
            if key == "rec" and todotxt_rule(value) is None:
                result.warnings.append(issue(number, "unknown_recur", value=value))
        shown = parts.letter is not None or any(key == "pri" for key, _ in parts.pairs)
        carried = ("priority",) if parts.done and not shown else ()
        result.records.append(ImportedTask(number, task, _pending_refs(parts), carried=carried))
    return refuse_past_skipped(result)


def _split(line: str, number: int) -> _Line:
    tokens = line.split()
    parts = _Line(number)
    index = 0
    if tokens[0] == "x":
        parts.done = True
        index = 1
        if index < len(tokens) and _PRIORITY.fullmatch(tokens[index]):
            parts.letter = tokens[index][1]
            index += 1
        if index < len(tokens) and _DATE_SHAPE.fullmatch(tokens[index]):
            parts.completed = _date(tokens[index], number, "bad_completion_date")
            index += 1
    parts.rest = tokens[index:]
    if parts.letter is None and index < len(tokens) and _PRIORITY.fullmatch(tokens[index]):
        parts.letter = tokens[index][1]
        index += 1
    if index < len(tokens) and _DATE_SHAPE.fullmatch(tokens[index]):
        parts.created = _date(tokens[index], number, "bad_creation_date")
        index += 1
    for token in tokens[index:]:
        _word(parts, token)
    return parts


def _word(parts: _Line, token: str) -> None:
    pair = _KEY_VALUE.fullmatch(token)
    if len(token) > 1 and token[0] == "+":
        parts.tags.append(token[1:])
    elif len(token) > 1 and token[0] == "@":
        parts.people.append(token[1:])
    elif pair and not pair[1].isdigit() and not pair[2].startswith("//"):
        parts.pairs.append((pair[1], pair[2]))
    else:
        parts.words.append(token)


def _date(value: str, number: int, reason: IssueKey) -> date:
    """``value`` as a date, or the line skipped for ``reason`` (which date it is)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Skipped(issue(number, reason, value=value)) from None


def _task(parts: _Line, ref: str, now: datetime) -> Task:
    title = " ".join(parts.words)
    if not title:
        raise Skipped(issue(parts.number, "no_text"))
    due: date | None = None
    scheduled: date | None = None
    recur: str | None = None
    letter = parts.letter
    for key, value in parts.pairs:
        if key == "due" and _DATE_SHAPE.fullmatch(value):
            due = _date(value, parts.number, "bad_due_date")
        elif key == "t" and _DATE_SHAPE.fullmatch(value):
            scheduled = _date(value, parts.number, "bad_threshold_date")
        elif key == "pri" and letter is None and re.fullmatch("[A-Z]", value):
            letter = value
        elif key == "rec" and recur is None:
            recur = todotxt_rule(value)
    notes = [f"{key}:{value}" for key, value in parts.pairs]
    if letter is not None and letter not in _PRIORITIES and ("pri", letter) not in parts.pairs:
        notes.insert(0, f"pri:{letter}")
    zone = now.tzinfo
    created = datetime.combine(parts.created, NOON, zone) if parts.created else now
    done_at = None
    if parts.done:
        closed = parts.completed or parts.created
        done_at = datetime.combine(closed, NOON, zone) if closed else now
    try:
        return Task(
            id=imported_id(ref),
            created=created,
            updated=now,
            external_ref=ref,
            title=title,
            notes="\n".join(notes),
            status="done" if parts.done else "open",
            due=due,
            scheduled=scheduled,
            priority=None if letter is None else _PRIORITIES.get(letter, "low"),
            people=tuple(parts.people),
            tags=tuple(parts.tags),
            recur=recur,
            done_at=done_at,
        )
    except DomainError as exc:
        found = issue(parts.number, "invalid", field=exc.field, reason=exc.message)
        raise Skipped(found) from None


def _pending_refs(parts: _Line) -> tuple[str, ...]:
    """For a done line, the lines it may have been while still pending: as it reads, with
    its priority back in front, and (when it shows none) with any priority, as ``todo.sh
    do`` drops it."""
    if not parts.done or not parts.rest:
        return ()
    rest = parts.rest
    forms = [" ".join(rest)]
    if parts.letter is not None and not _PRIORITY.fullmatch(rest[0]):
        forms.append(f"({parts.letter}) " + " ".join(rest))
    if parts.letter is None:
        forms.extend(f"({letter}) " + " ".join(rest) for letter in _LETTERS)
    for token in rest:
        found = re.fullmatch(r"pri:([A-Z])", token)
        if found:
            kept = [word for word in rest if word != token]
            forms.append(f"({found[1]}) " + " ".join(kept))
    return tuple(dict.fromkeys(ref_of(form) for form in forms))
