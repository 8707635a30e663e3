"""How a sync conflict is worded, the same in ``planner sync conflicts`` and the app's list.

A conflict takes three short lines, so that it reads at 80 columns in both languages::

    36e59274db  2026-12-03 15:19  task 6qm3yr: title
      kept:      "Weekly report (laptop)"  from this machine
      not kept:  "Weekly report (office)"  from w9g7q3gg4hcj

The kind of record, the field and the values of fixed sets (priority, status, yes/no) are
in the user's language; a text is quoted as the language quotes.
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo

from planner.domain.estimates import duration_text
from planner.domain.ids import short
from planner.domain.sync.merge import BODY, Conflict
from planner.domain.textwidth import cell_width, truncate
from planner.domain.visible import visible
from planner.i18n.translate import has, t

LINE_WIDTH = 80
"""The cells a line of a conflict may take (a terminal's width by default)."""
QUOTES = 2
"""The cells of a text's quotes, besides its own."""

KIND_KEYS: dict[str, str] = {
    "task": "sync.kind.task",
    "day": "sync.kind.day",
    "journal": "sync.kind.journal",
    "setback": "sync.kind.setback",
}
"""The words for a record's kind (``planner.domain.sync.ops.RECORD_KINDS``)."""

FIELD_KEYS: dict[str, str] = {
    # a task's fields: the words of its details (``field.*``)
    "title": "field.title",
    "notes": "field.notes",
    "status": "field.status",
    "due": "field.due",
    "scheduled": "field.scheduled",
    "priority": "field.priority",
    "estimate": "field.estimate",
    "estimate_low": "field.estimate_low",
    "central": "field.central",
    "source": "field.source",
    "received": "field.received",
    "report_by": "field.report_by",
    "feedback": "field.feedback",
    "extension_to": "field.extension_to",
    "extension_reason": "field.extension_reason",
    "report_by_original": "field.report_by_original",
    "people": "field.people",
    "tags": "field.tags",
    "confidential": "field.confidential",
    "recur": "field.recur",
    "setback": "field.setback",
    "done_at": "field.done_at",
    "intervals": "field.intervals",
    "created": "field.created",
    "updated": "sync.field.updated",
    "external_ref": "sync.field.external_ref",
    "import_base": "sync.field.import_base",
    # a day's, a journal entry's and a setback analysis's own fields
    "date": "sync.field.date",
    "main": "sync.field.main",
    "carried_from": "sync.field.carried_from",
    "carry_answered": "sync.field.carry_answered",
    "body": "sync.field.body",
    "kind": "sync.field.kind",
    "objective": "dimension.objective",
    "subjective": "dimension.subjective",
    "goal": "dimension.goal",
    "environment": "dimension.environment",
    "conditions": "dimension.conditions",
    "principal_cause": "wizard.cause",
    "lesson": "setbacks.lesson",
    "review_on": "setbacks.review_on",
    "reviewed_at": "sync.field.reviewed_at",
    "draft": "sync.field.draft",
}
"""The words for a field, by its document key; a key not here is shown as it is."""

_TEXT_FIELDS = frozenset(
    {
        "title", "notes", "source", "main", "body", "objective", "subjective", "goal",
        "environment", "conditions", "lesson",
    }
)  # fmt: skip
"""Fields holding the user's own words: quoted, and masked under privacy mode."""


def found_at(conflict: Conflict, tz: tzinfo) -> datetime:
    """When this machine found the conflict."""
    return datetime.fromtimestamp(conflict.at / 1000, tz=tz)


def kind_words(kind: str) -> str:
    key = KIND_KEYS.get(kind)
    return t(key) if key else visible(kind)


def field_words(field: str) -> str:
    key = FIELD_KEYS.get(field)
    return t(key) if key else visible(field)


def value_words(value: object, *, privacy: bool, field: str = "", width: int = 46) -> str:
    """A field's value as a conflict shows it, on one line, cut when long: a text quoted,
    a priority or status in words, yes/no, a list joined; under privacy mode a text (and
    the names of a list) is ``[…]``: its words may be confidential. A text longer than
    ``width`` cells is cut (quotes apart)."""
    if value is None or value == "" or value == []:
        return t("sync.value_empty")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, int) and field in ("estimate", "estimate_low"):
        return duration_text(value, t("estimate.hours_unit"), t("estimate.minutes_unit"))
    if isinstance(value, str):
        if field == "priority" and has(f"priority.{value}"):
            return t(f"priority.{value}")
        if field == "status" and has(f"status.{value}"):
            return t(f"status.{value}")
        if field == "kind" and has(f"setback.kind.{value}"):
            return t(f"setback.kind.{value}")
        if field == "principal_cause" and has(f"dimension.{value}"):
            return t(f"dimension.{value}")
        words = field in _TEXT_FIELDS or field not in FIELD_KEYS
        if words and privacy:
            return t("sync.value_masked")
        if words:
            return t("sync.value_quoted", text=_cut(" ".join(value.split()), width))
        return _cut(value, width)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        if privacy:
            return t("sync.value_masked")
        return _cut(t("sync.value_separator").join(value), width)
    return _cut(json.dumps(value, ensure_ascii=False), width)


def _cut(text: str, width: int) -> str:
    return truncate(visible(text), max(width, 8), "…")


def source_words(machine: str, here: str | None) -> str:
    """Where a value was written: ``from w9g7q3gg4hcj``, or ``from this machine``."""
    return t("sync.from_here") if machine == here else t("sync.from_machine", machine=machine)


def conflict_lines(
    conflict: Conflict,
    tz: tzinfo,
    *,
    privacy: bool,
    here: str | None = None,
    width: int = LINE_WIDTH,
    label: str | None = None,
) -> list[str]:
    """Three lines: the id, when, the record and the field; what was kept and where it was
    written; what was not kept and where. ``here`` is this machine's id; a value is cut so
    that its line fits ``width`` cells; ``label`` names the record instead of its short id
    (a journal entry's or a day's date). A journal text keeps both versions, marked: said
    so instead of what was kept."""
    heading = t(
        "sync.conflict_heading",
        id=conflict.id,
        when=found_at(conflict, tz).strftime("%Y-%m-%d %H:%M"),
        kind=kind_words(conflict.kind),
        record=label or short(conflict.record),
        field=field_words(conflict.field),
    )
    if conflict.field == BODY:
        return [heading, t("sync.conflict_both_kept")]
    return [
        heading,
        value_line(
            "sync.conflict_kept",
            conflict.winner,
            source_words(conflict.winner_machine, here),
            field=conflict.field,
            privacy=privacy,
            width=width,
        ),
        value_line(
            "sync.conflict_not_kept",
            conflict.loser,
            source_words(conflict.loser_machine, here),
            field=conflict.field,
            privacy=privacy,
            width=width,
        ),
    ]


def value_line(
    key: str, value: object, source: str, *, field: str, privacy: bool, width: int
) -> str:
    """A value's line (``key``: kept or not kept), the value cut so the line fits ``width``."""
    around = cell_width(t(key, value="", source=source))
    shown = value_words(value, privacy=privacy, field=field, width=width - around - QUOTES)
    return t(key, value=shown, source=source)


def conflict_line(
    conflict: Conflict,
    tz: tzinfo,
    *,
    privacy: bool,
    here: str | None = None,
    width: int = LINE_WIDTH,
    label: str | None = None,
) -> str:
    """``conflict_lines`` as one text (lines joined by newlines)."""
    lines = conflict_lines(conflict, tz, privacy=privacy, here=here, width=width, label=label)
    return "\n".join(lines)


def reversed_words(conflict: Conflict, *, privacy: bool, label: str | None = None) -> str:
    """What reversing ``conflict`` did (``label`` as in ``conflict_lines``)."""
    return t(
        "sync.reversed",
        id=conflict.id,
        field=field_words(conflict.field),
        kind=kind_words(conflict.kind),
        record=label or short(conflict.record),
        value=value_words(conflict.loser, privacy=privacy, field=conflict.field),
    )
