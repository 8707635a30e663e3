"""The history's actions as plain JSON-ready dicts, and back (the shape of ``history.json``).

Each change keeps both versions of its record whole, as the data files hold them, so an
undo can compare the record as it is now with what the action left, field by field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from planner.domain.errors import DomainError
from planner.domain.models import AnyRecord, Day, JournalEntry, SetbackAnalysis, Task
from planner.services.ports import Action, Change, LoggedAction

_MODELS: dict[str, type[Task] | type[Day] | type[JournalEntry] | type[SetbackAnalysis]] = {
    "task": Task,
    "day": Day,
    "journal": JournalEntry,
    "setback": SetbackAnalysis,
}
_KIND_OF = {model: kind for kind, model in _MODELS.items()}


def action_to_dict(logged: LoggedAction) -> dict[str, Any]:
    action = logged.action
    return {
        "seq": logged.seq,
        "at": logged.at.isoformat(timespec="seconds"),
        "origin": logged.origin,
        "label": action.label,
        "subject": action.subject,
        "undone": logged.undone,
        "changes": [_change_to_dict(change) for change in action.changes],
    }


def _change_to_dict(change: Change) -> dict[str, Any]:
    return {
        "kind": _KIND_OF[type(change.record)],
        "before": None if change.before is None else change.before.to_dict(),
        "after": None if change.after is None else change.after.to_dict(),
    }


def action_from_dict(raw: object) -> LoggedAction:
    """One kept action; raises ``DomainError`` naming what is wrong with it."""
    if not isinstance(raw, Mapping):
        raise DomainError("action", f"expected an object, got {type(raw).__name__}")
    seq, undone = raw.get("seq"), raw.get("undone")
    if type(seq) is not int or seq < 0:
        raise DomainError("seq", f"not a sequence number: {seq!r}")
    if undone is not None and (type(undone) is not int or undone <= seq):
        raise DomainError("undone", f"not a later sequence number: {undone!r}")
    at = raw.get("at")
    try:
        moment = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise DomainError("at", f"not a date and time with its offset: {at!r}")
    origin, label, subject = raw.get("origin"), raw.get("label"), raw.get("subject")
    if not isinstance(origin, str) or not isinstance(label, str):
        raise DomainError("label", "origin and label must be text")
    if subject is not None and not isinstance(subject, str):
        raise DomainError("subject", f"expected text, got {subject!r}")
    changes = raw.get("changes")
    if not isinstance(changes, list) or not changes:
        raise DomainError("changes", "expected a non-empty list")
    action = Action(label, tuple(_change_from_dict(item) for item in changes), subject)
    return LoggedAction(seq, moment, origin, action, undone)


def _change_from_dict(raw: object) -> Change:
    if not isinstance(raw, Mapping):
        raise DomainError("change", f"expected an object, got {type(raw).__name__}")
    model = _MODELS.get(raw.get("kind"))  # type: ignore[arg-type]
    if model is None:
        raise DomainError("kind", f"not a kind of record: {raw.get('kind')!r}")
    versions: list[AnyRecord | None] = []
    for name in ("before", "after"):
        value = raw.get(name)
        if value is not None and not isinstance(value, Mapping):
            raise DomainError(name, f"expected an object, got {type(value).__name__}")
        versions.append(None if value is None else model.from_dict(value))
    try:
        return Change(versions[0], versions[1])
    except ValueError as exc:
        raise DomainError("change", str(exc)) from None
