"""Open work grouped by key person (the People view); names match case- and width-blind.

In privacy mode a confidential task's people are as telling as its title: such tasks are
grouped under the mask (``MASKED``), one group, and their people are named nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from planner.domain.models import Task
from planner.domain.privacy import MASKED, Masked, is_hidden
from planner.domain.weekdays import fold


@dataclass(frozen=True, slots=True)
class PersonGroup:
    name: str | Masked
    """The person, or ``MASKED`` for the confidential work privacy mode hides."""
    tasks: tuple[Task, ...]
    nearest: date | None
    """The nearest due or report-back date among the person's open work."""


def _dates(task: Task) -> list[date]:
    found = [d for d in (task.due_date, task.report_by if not task.reported else None) if d]
    return found


def group_by_person(tasks: Iterable[Task], privacy: bool = False) -> list[PersonGroup]:
    """Every person named on open work (the giver of an instruction counts too).

    Groups are ordered by their nearest date (none last), then by name; a task appears under
    each of its people, ordered by its own nearest date. In privacy mode (``privacy``) a
    confidential task with people appears once, under the mask, after every named group.
    """
    names: dict[str, str] = {}
    members: dict[str, list[Task]] = {}
    hidden: list[Task] = []
    for task in tasks:
        if not (task.is_active or task.awaiting_feedback):
            continue
        people = list(task.people)
        if task.source:
            people.append(task.source)
        if people and is_hidden(task, privacy):
            hidden.append(task)
            continue
        seen: set[str] = set()
        for person in people:
            key = fold(person)
            if key in seen:
                continue
            seen.add(key)
            names.setdefault(key, person)
            members.setdefault(key, []).append(task)
    groups: list[PersonGroup] = []
    for key, items in members.items():

        def nearest_of(task: Task) -> date:
            return min(_dates(task), default=date.max)

        ordered = sorted(items, key=lambda task: (nearest_of(task), task.created))
        nearest = min((nearest_of(task) for task in ordered), default=date.max)
        groups.append(
            PersonGroup(names[key], tuple(ordered), None if nearest == date.max else nearest)
        )
    groups.sort(key=lambda g: (g.nearest or date.max, fold(str(g.name))))
    if hidden:
        # No nearest date: a date among its people's would place, and so hint at, the group.
        hidden.sort(key=lambda task: task.created)
        groups.append(PersonGroup(MASKED, tuple(hidden), None))
    return groups
