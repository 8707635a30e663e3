"""The type each importer expects of every field it reads from a JSON record.

A JSON record may hold any value in any field (``"parent": [1]``, ``"tags": 5``); the
parsers read each field as the type its format gives it, so a record is checked first, and
one whose field has another type is skipped with its line and the field's name. ``null``
counts as absent everywhere. Fields a parser does not read (Taskwarrior's ``urgency``, a
user's own attributes) may hold anything: they go to the notes as JSON, or nowhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from planner.importing.common import Issue, IssueKey, Skipped, issue

Expected = Literal["text", "texts", "text_or_texts", "bool", "annotations"]

_REASONS: dict[Expected, IssueKey] = {
    "text": "not_text",
    "texts": "not_texts",
    "text_or_texts": "not_text_or_texts",
    "bool": "not_bool",
    "annotations": "not_annotations",
}

TASKWARRIOR: dict[str, Expected] = {
    "uuid": "text",
    "description": "text",
    "status": "text",
    "entry": "text",
    "modified": "text",
    "end": "text",
    "due": "text",
    "scheduled": "text",
    "wait": "text",
    "until": "text",
    "recur": "text",
    "project": "text",
    "priority": "text",
    "parent": "text",
    "template": "text",
    "tags": "text_or_texts",
    "depends": "text_or_texts",
    "annotations": "annotations",
}
"""``task export``: dates are ``20261123T090000Z`` text; ``tags`` a list (a comma-separated
text in old versions), ``depends`` a list or a comma-separated text (before 2.6)."""

JRNL: dict[str, Expected] = {
    "date": "text",
    "tags": "texts",
    "starred": "bool",
}
"""``jrnl --format json``; ``title``, ``body`` and ``time`` are checked where they are read
(``bad_entry_field``)."""


def _fits(value: object, expected: Expected) -> bool:
    if expected == "text":
        return isinstance(value, str)
    if expected == "bool":
        return isinstance(value, bool)
    if expected == "texts":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if expected == "text_or_texts":
        return isinstance(value, str) or _fits(value, "texts")
    return isinstance(value, list) and all(
        isinstance(item, Mapping)
        and isinstance(item.get("description", ""), str)
        and isinstance(item.get("entry", ""), str)
        for item in value
    )


def wrong_field(
    record: Mapping[str, object], fields: Mapping[str, Expected], line: int
) -> Issue | None:
    """The issue of the first field of ``record`` whose value is not of its type, or None."""
    for name, expected in fields.items():
        value = record.get(name)
        if value is not None and not _fits(value, expected):
            return issue(line, _REASONS[expected], field=name)
    return None


def check_fields(record: Mapping[str, object], fields: Mapping[str, Expected], line: int) -> None:
    """Raise ``Skipped`` for the first field of ``record`` of another type than its own."""
    found = wrong_field(record, fields, line)
    if found is not None:
        raise Skipped(found)
