"""The words for undo and redo: what a step did, what it kept, why it was refused.

Shared by the app's notices and ``planner undo``/``planner redo``; a confidential record's
title is masked in privacy mode, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from planner.domain.models import AnyRecord, Day, JournalEntry
from planner.i18n.privacy import title_words
from planner.i18n.translate import t

if TYPE_CHECKING:
    from planner.services.history import Step, StepRefused
    from planner.services.ports import Action
    from planner.services.reversal import Conflict

Word = Literal["undo", "redo"]

FIELD_KEYS: dict[str, str] = {
    **{
        name: f"field.{name}"
        for name in (
            "id",
            "title",
            "status",
            "due",
            "scheduled",
            "priority",
            "estimate",
            "estimate_low",
            "central",
            "source",
            "received",
            "report_by",
            "feedback",
            "extension_to",
            "extension_reason",
            "report_by_original",
            "people",
            "tags",
            "confidential",
            "recur",
            "setback",
            "done_at",
            "intervals",
            "notes",
            "created",
        )
    },
    **{
        name: f"history.field.{name}"
        for name in (
            "external_ref",
            "date",
            "main",
            "carried_from",
            "carry_answered",
            "body",
            "kind",
            "principal_cause",
            "lesson",
            "review_on",
            "reviewed_at",
            "draft",
        )
    },
    **{
        name: f"dimension.{name}"
        for name in ("objective", "subjective", "goal", "environment", "conditions")
    },
}
"""The catalog key naming each field of each record (a test checks every field has one)."""

_REASON_KEYS = {
    "changed": "history.conflict_changed",
    "deleted": "history.conflict_deleted",
    "exists": "history.conflict_exists",
    "invalid": "history.conflict_invalid",
}


def field_words(name: str) -> str:
    return t(FIELD_KEYS[name]) if name in FIELD_KEYS else name


def record_words(record: AnyRecord, privacy: bool) -> str:
    """A record as a step names it: a title (masked in privacy mode when confidential), or
    what a day's plan or a journal entry is, by its date."""
    if isinstance(record, Day):
        return t("history.record_day", date=record.date.isoformat())
    if isinstance(record, JournalEntry):
        return t("history.record_journal", date=record.date.isoformat())
    return title_words(record, privacy)


def subject_record(action: Action) -> AnyRecord:
    """The record an action is about: its subject's, else the first it changed."""
    for change in action.changes:
        if action.subject is not None and change.record.id == action.subject:
            return change.after if change.after is not None else change.record
    return action.changes[0].record


def action_words(action: Action, privacy: bool) -> tuple[str, str]:
    """(what was done, to which record)."""
    return t(action.label), record_words(subject_record(action), privacy)


def conflict_words(conflict: Conflict, privacy: bool) -> str:
    record = record_words(conflict.record, privacy)
    if conflict.field is not None:
        return t("history.conflict_field", field=field_words(conflict.field), record=record)
    return t(_REASON_KEYS[conflict.reason], record=record)


def _items(words: Sequence[str]) -> str:
    return t("history.list_separator").join(words)


def step_text(step: Step, word: Word, privacy: bool) -> str:
    """What an undo (redo) did, what it kept as another process made it, what it skipped."""
    action, record = action_words(step.action, privacy)
    lines = [
        t("history.undone" if word == "undo" else "history.redone", action=action, record=record)
    ]
    if step.kept:
        lines.append(
            t("history.kept", items=_items([conflict_words(c, privacy) for c in step.kept]))
        )
    if step.skipped:
        skipped = [" — ".join(action_words(b.action, privacy)) for b in step.skipped]
        lines.append(t("history.skipped", items=_items(skipped)))
    return "\n".join(lines)


def refused_text(refused: StepRefused, privacy: bool) -> str:
    """Why nothing was undone (redone): the newest candidate and what stands in its way."""
    first = refused.blocked[0]
    action, record = action_words(first.action, privacy)
    why = t("history.why", items=_items([conflict_words(c, privacy) for c in first.kept]))
    key = "history.refused_undo" if refused.word == "undo" else "history.refused_redo"
    lines = [t(key, action=action, record=record, why=why)]
    if len(refused.blocked) > 1:
        lines.append(t("history.also_blocked", count=len(refused.blocked) - 1))
    return "\n".join(lines)


def nothing_text(word: Word) -> str:
    return t("history.nothing_to_undo" if word == "undo" else "history.nothing_to_redo")
