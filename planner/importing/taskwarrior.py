"""Taskwarrior's ``task export`` into tasks: a JSON array, or one object per line.

Mapping (the README has the table): ``description`` → title, ``status`` pending → open,
completed → done, deleted → dropped, waiting → open and scheduled on its ``wait`` date,
recurring (a template) → a recurring task with an RRULE; ``entry`` → created, ``modified``
→ updated, ``end`` → the closing time, ``due`` → due (a date when it falls on local
midnight), ``scheduled`` and ``wait`` (hide until) → scheduled, the later of the two;
``project`` and ``tags`` → tags, ``priority`` H/M/L → high/medium/low, the ``next`` tag →
high; ``annotations`` → dated lines in the notes. ``until``, ``depends`` and every field
without a home go into the notes, never silently away. Fields Taskwarrior derives itself
(``id``, ``urgency``, ``mask``, ``imask``, ``parent``, ``rtype``, ``last``) are left out.

Pending occurrences of a recurring template in the same file are folded into the one
recurring task (due on the earliest of them); done and deleted occurrences are history and
come across as closed tasks, each merging into the occurrence planner closed on the same due
date when there is one (``planner.domain.series``). A template whose ``recur`` has no rule
(``2h``: shorter than a day) folds nothing: its occurrences come across as tasks of their
own, the template itself only when the file holds none of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from planner.domain.errors import DomainError
from planner.domain.models import DueValue, Priority, Task, TaskStatus
from planner.domain.series import occurrence_ref
from planner.importing import fields
from planner.importing.common import (
    ImportedTask,
    Issue,
    Parsed,
    Skipped,
    has_bad_text,
    imported_id,
    issue,
)
from planner.importing.fields import check_fields, wrong_field
from planner.importing.jsonscan import Element, Scanner, TooManyRecords, depth_issue
from planner.importing.limits import MAX_RECORDS, refuse_past_skipped
from planner.importing.recur import rrule_of

_DERIVED = frozenset({"id", "urgency", "mask", "imask", "parent", "template", "rtype", "last"})
_HANDLED = frozenset(
    {
        "uuid",
        "description",
        "status",
        "entry",
        "modified",
        "end",
        "due",
        "scheduled",
        "wait",
        "until",
        "recur",
        "project",
        "tags",
        "priority",
        "annotations",
        "depends",
    }
)
_STATUSES = frozenset({"pending", "completed", "deleted", "waiting", "recurring"})
_PRIORITIES: dict[str, Priority] = {"H": "high", "M": "medium", "L": "low"}
_TW_DATE = re.compile(r"\d{8}T\d{6}Z")
_MIDNIGHTS = (time(0, 0), time(23, 59, 59))


@dataclass
class _File:
    """What one object needs to know about the others."""

    descriptions: dict[str, str] = field(default_factory=dict)
    templates: set[str] = field(default_factory=set)
    """Templates in the file whose ``recur`` has a rule: their pending occurrences fold."""
    unruled: dict[str, int] = field(default_factory=dict)
    """Templates whose ``recur`` has no rule, with how many of their occurrences are here."""
    occurrence_dues: dict[str, list[DueValue]] = field(default_factory=dict)
    folded: dict[str, int] = field(default_factory=dict)


def parse(text: str, now: datetime) -> Parsed[ImportedTask]:
    """Every object of ``text`` as a task; ``now`` (aware) gives the local time zone."""
    result: Parsed[ImportedTask] = Parsed()
    objects = _objects(text, result)
    known = _survey(objects, now.tzinfo)
    first_line: dict[str, int] = {}
    for line, obj in objects:
        uuid = obj.get("uuid")
        if not isinstance(uuid, str) or not uuid.strip():
            result.errors.append(issue(line, "no_uuid"))
            continue
        if uuid in first_line:
            result.errors.append(issue(line, "duplicate_uuid", first=first_line[uuid]))
            continue
        first_line[uuid] = line
        if _folded_into(obj, known) is not None:
            continue
        if known.unruled.get(uuid):
            found = issue(line, "unruled_series", value=obj.get("recur"), count=known.unruled[uuid])
            result.warnings.append(found)
            continue
        try:
            task = _task(obj, line, now, known, result.warnings)
        except Skipped as exc:
            result.errors.append(exc.issue)
            continue
        result.records.append(_record(obj, line, task))
    for record in result.records:
        count = known.folded.get(_uuid_of(record.task))
        if count:
            result.warnings.append(issue(record.line, "folded", count=count))
    result.errors.sort(key=lambda found: found.line)
    result.warnings.sort(key=lambda found: found.line)
    return refuse_past_skipped(result)


def _record(obj: dict[str, Any], line: int, task: Task) -> ImportedTask:
    """A closed occurrence of a series may be one planner closed itself: its former ref."""
    parent = obj.get("parent")
    if task.status in ("done", "dropped") and isinstance(parent, str) and parent:
        former = (occurrence_ref(f"taskwarrior:{parent}", task.due),)
        return ImportedTask(line, task, former, source_dated=True, carried=("notes", "recur"))
    return ImportedTask(line, task, source_dated=True)


def _uuid_of(task: Task) -> str:
    return (task.external_ref or "").removeprefix("taskwarrior:")


def _objects(text: str, result: Parsed[ImportedTask]) -> list[tuple[int, dict[str, Any]]]:
    scanner = Scanner(text)
    deep = depth_issue(scanner)
    if deep is not None:
        result.errors.append(deep)
        return []
    start = scanner.skip_space(0)
    elements: list[Element]
    try:
        if start < len(text) and text[start] == "[":
            elements, end = scanner.values(start + 1, "]")
            trailing = scanner.skip_space(end)
            if trailing < len(text):
                elements.append(Element(scanner.line_of(trailing), detail="text after the array"))
        else:
            elements, _end = scanner.values(start, None)
    except TooManyRecords as exc:
        result.errors.append(issue(exc.line, "too_many_records", limit=MAX_RECORDS))
        return []
    objects: list[tuple[int, dict[str, Any]]] = []
    for element in elements:
        if element.detail is not None:
            result.errors.append(issue(element.line, "json", detail=element.detail))
        elif not isinstance(element.value, dict):
            result.errors.append(issue(element.line, "not_object"))
        elif has_bad_text(element.value):
            result.errors.append(issue(element.line, "not_utf8"))
        else:
            objects.append((element.line, element.value))
    return objects


def _survey(objects: list[tuple[int, dict[str, Any]]], zone: tzinfo | None) -> _File:
    known = _File()
    for _line, obj in objects:
        uuid, description = obj.get("uuid"), obj.get("description")
        if isinstance(uuid, str) and isinstance(description, str):
            known.descriptions.setdefault(uuid, description)
        if isinstance(uuid, str) and obj.get("status") == "recurring":
            if rrule_of(str(obj.get("recur"))) is None:
                known.unruled[uuid] = 0
            else:
                known.templates.add(uuid)
    for _line, obj in objects:
        parent = obj.get("parent", obj.get("template"))
        pending = obj.get("status") in ("pending", "waiting")
        if pending and isinstance(parent, str) and parent in known.unruled:
            known.unruled[parent] += 1
        template = _folded_into(obj, known)
        if template is None:
            continue
        known.folded[template] = known.folded.get(template, 0) + 1
        try:
            due = _due(_moment(obj, "due", 0, zone))
        except Skipped:
            due = None
        if due is not None:
            known.occurrence_dues.setdefault(template, []).append(due)
    return known


def _folded_into(obj: dict[str, Any], known: _File) -> str | None:
    """The template a pending occurrence belongs to, when that template is in the file."""
    parent = obj.get("parent", obj.get("template"))
    if not isinstance(parent, str) or wrong_field(obj, fields.TASKWARRIOR, 0) is not None:
        return None
    if obj.get("status") in ("pending", "waiting") and parent in known.templates:
        return parent
    return None


def _moment(obj: dict[str, Any], name: str, line: int, zone: tzinfo | None) -> datetime | None:
    value = obj.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Skipped(issue(line, "bad_date", field=name, value=json.dumps(value)))
    try:
        moment = datetime.fromisoformat(value.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(zone).replace(microsecond=0)
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 in another zone
        raise Skipped(issue(line, "bad_date", field=name, value=value)) from None


def _due(moment: datetime | None) -> DueValue | None:
    """Taskwarrior's date-only dues are local midnight (or ``eod``): those become dates."""
    if moment is None:
        return None
    if moment.time() in _MIDNIGHTS:
        return moment.date()
    return moment


def _shown(moment: datetime) -> str:
    if moment.time() == time(0, 0):
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M")


def _shown_date(value: str, zone: tzinfo | None) -> str:
    try:
        return _shown(datetime.fromisoformat(value).astimezone(zone))
    except (ValueError, OverflowError):
        return value


def _due_order(value: DueValue) -> tuple[date, time]:
    if isinstance(value, datetime):
        return (value.date(), value.time())
    return (value, time(23, 59, 59))


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return []
    names = ("_".join(str(item).split()) for item in value if item is not None)
    return [name for name in names if name]


def _task(
    obj: dict[str, Any], line: int, now: datetime, known: _File, warnings: list[Issue]
) -> Task:
    check_fields(obj, fields.TASKWARRIOR, line)
    description = obj.get("description")
    if not isinstance(description, str) or not description.strip():
        raise Skipped(issue(line, "no_description"))
    raw_status = obj.get("status", "pending")
    if raw_status not in _STATUSES:
        raise Skipped(issue(line, "bad_status", value=raw_status))
    zone = now.tzinfo
    moments = {
        name: _moment(obj, name, line, zone)
        for name in ("entry", "modified", "end", "due", "scheduled", "wait", "until")
    }
    notes = _annotations(obj.get("annotations"), zone)
    uuid = str(obj["uuid"])
    tags = _names(obj.get("project")) + _names(obj.get("tags"))
    priority = _priority(obj.get("priority"), notes)
    if "next" in tags:
        priority = "high"
    scheduled = _scheduled(moments["scheduled"], moments["wait"], notes)
    due = _due(moments["due"])
    if uuid in known.occurrence_dues:
        due = min(known.occurrence_dues[uuid], key=_due_order)
    recur = None
    raw_recur = obj.get("recur")
    if raw_status == "recurring" and raw_recur is not None:
        recur = rrule_of(str(raw_recur))
        if recur is None:
            warnings.append(issue(line, "unknown_recur", value=raw_recur))
        elif moments["until"] is not None:
            recur += f";UNTIL={moments['until'].strftime('%Y%m%d')}"
    if recur is None and raw_recur is not None:
        notes.append(f"recur: {raw_recur}")
    if moments["until"] is not None:
        notes.append(f"until: {_shown(moments['until'])}")
    notes.extend(_depends(obj.get("depends"), known))
    notes.extend(_other_fields(obj, zone))
    status: TaskStatus = {
        "pending": "open",
        "recurring": "open",
        "completed": "done",
        "deleted": "dropped",
        "waiting": "open" if scheduled else "waiting",
    }[raw_status]
    stamp = moments["modified"] or moments["entry"] or now
    done_at = None
    if status in ("done", "dropped"):
        done_at = moments["end"] or stamp
    ref = f"taskwarrior:{uuid}"
    try:
        return Task(
            id=imported_id(ref),
            created=moments["entry"] or now,
            updated=stamp,
            external_ref=ref,
            title=description,
            notes="\n".join(notes),
            status=status,
            due=due,
            scheduled=scheduled,
            priority=priority,
            tags=tuple(tags),
            recur=recur,
            done_at=done_at,
        )
    except DomainError as exc:
        raise Skipped(issue(line, "invalid", field=exc.field, reason=exc.message)) from None


def _priority(value: object, notes: list[str]) -> Priority | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.upper() in _PRIORITIES:
        return _PRIORITIES[value.upper()]
    notes.append(f"priority: {value}")
    return None


def _scheduled(scheduled: datetime | None, wait: datetime | None, notes: list[str]) -> date | None:
    """The later of ``scheduled`` and ``wait`` (hide until); the earlier goes to the notes."""
    if scheduled is None or wait is None:
        chosen = scheduled or wait
        return None if chosen is None else chosen.date()
    if wait >= scheduled:
        notes.append(f"scheduled: {_shown(scheduled)}")
        return wait.date()
    notes.append(f"wait: {_shown(wait)}")
    return scheduled.date()


def _annotations(value: object, zone: tzinfo | None) -> list[str]:
    if not isinstance(value, list):
        return [] if value is None else [f"annotations: {json.dumps(value, ensure_ascii=False)}"]
    lines = []
    for item in value:
        if not isinstance(item, dict):
            lines.append(json.dumps(item, ensure_ascii=False))
            continue
        text = str(item.get("description", ""))
        try:
            moment = _moment(item, "entry", 0, zone)
        except Skipped:
            moment = None
        lines.append(f"{moment:%Y-%m-%d %H:%M}  {text}" if moment else text)
    return lines


def _depends(value: object, known: _File) -> list[str]:
    lines = []
    for uuid in _names(value):
        description = known.descriptions.get(uuid)
        lines.append(f"depends: {description} ({uuid})" if description else f"depends: {uuid}")
    return lines


def _other_fields(obj: dict[str, Any], zone: tzinfo | None) -> list[str]:
    lines = []
    for name in sorted(set(obj) - _HANDLED - _DERIVED):
        value = obj[name]
        if isinstance(value, str):
            shown = _shown_date(value, zone) if _TW_DATE.fullmatch(value) else value
        else:
            shown = json.dumps(value, ensure_ascii=False)
        lines.append(f"{name}: {shown}")
    return lines
