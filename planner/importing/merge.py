"""A task read again from its source, merged field by field with planner's copy.

The base is what the last import brought (``Task.import_base``, kept with the record). For
each field: changed only in the source, the source's value is taken; changed only in
planner, planner's stays; changed on both sides to different values, planner's stays and a
``Conflict`` reports both. ``status`` and ``done_at`` are one field here (a closed task needs
its closing time): two sides that closed the task the same way agree, whenever they did it.

A record imported before bases were kept has none; it is merged as before: the source wins
when it is no older than planner's copy (Taskwarrior's ``modified``) or closes a todo.txt
line, and planner's copy wins otherwise. Either way the record gets its base.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields, replace
from typing import Any

from planner.domain.models import ImportBase, Task, date_to_json, datetime_to_json, due_to_json

UNITS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("notes",),
    ("status", "done_at"),
    ("due",),
    ("scheduled",),
    ("priority",),
    ("tags",),
    ("recur",),
)
"""What an import owns on a task, merged unit by unit; the rest (people, flags, feedback...)
stays the user's."""


_TASK_FIELDS = tuple(item.name for item in fields(Task))


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field both sides changed since the last import: planner's value was kept."""

    id: str
    title: str
    field: str
    planner: Any
    source: Any


@dataclass(frozen=True, slots=True)
class Merged:
    task: Task
    taken: tuple[str, ...]
    """The fields that took the source's value."""
    conflicts: tuple[Conflict, ...]


def field_values(task: Task) -> ImportBase:
    """The imported fields of ``task`` as JSON values: what a base records (in the order of
    ``Task.import_base``, by name)."""
    return (
        ("done_at", datetime_to_json(task.done_at)),
        ("due", due_to_json(task.due)),
        ("notes", task.notes),
        ("priority", task.priority),
        ("recur", task.recur),
        ("scheduled", date_to_json(task.scheduled)),
        ("status", task.status),
        ("tags", task.tags),
        ("title", task.title),
    )


def based(task: Task) -> Task:
    """``task`` as a first import writes it: its own values as its base.

    The base comes from the values of a task already validated, so the copy skips the
    validation ``replace`` would run again (on 10,000 tasks that doubled an import's time).
    """
    result = object.__new__(Task)
    for name in _TASK_FIELDS:
        object.__setattr__(result, name, getattr(task, name))
    object.__setattr__(result, "import_base", field_values(task))
    return result


def merge(
    current: Task,
    incoming: Task,
    *,
    source_wins_without_base: bool,
    unchanged_in_source: Collection[str] = (),
) -> Merged:
    """``current`` (planner's copy) with what changed in ``incoming`` since the last import.

    ``unchanged_in_source`` names fields the source dropped only as a side effect of how it
    records a change (todo.sh removes the priority of a line it marks done): they count as
    not changed there. The result carries ``incoming``'s ref and, as its base, its values.
    """
    brought = field_values(incoming)
    same_ref = current.external_ref == incoming.external_ref
    if same_ref and brought == current.import_base:
        return Merged(current, (), ())  # nothing changed in the source: the quick way
    mine = dict(field_values(current))
    theirs = dict(brought)
    if current.import_base:
        base = dict(current.import_base)
    else:
        base = mine if source_wins_without_base else theirs
    taken: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for unit in UNITS:
        was = tuple(base.get(name) for name in unit)
        now_mine = tuple(mine[name] for name in unit)
        now_theirs = was if unit[0] in unchanged_in_source else tuple(theirs[n] for n in unit)
        if now_theirs in (was, now_mine):
            continue
        if now_mine == was:
            taken.update((name, getattr(incoming, name)) for name in unit)
        elif unit[0] != "status" or now_mine[0] != now_theirs[0]:
            conflicts.append(
                Conflict(current.id, current.title, unit[0], now_mine[0], now_theirs[0])
            )
    updated = max(current.updated, incoming.updated) if taken else current.updated
    task = replace(
        current,
        external_ref=incoming.external_ref,
        import_base=brought,
        updated=updated,
        **taken,
    )
    return Merged(task, tuple(taken), tuple(conflicts))
