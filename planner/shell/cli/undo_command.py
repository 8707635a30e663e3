"""``planner undo`` (``--list``) and ``planner redo``: the shared history from the terminal.

The history is kept with the data (``history.json``, the last 100 actions of the CLI and the
app alike). ``undo`` reverses the newest action whose records are still as it left them,
field by field (what another process changed since is kept, and named); ``redo`` makes the
most recently undone one again, by the same rule. Nothing to undo, or nothing that can be
undone, is exit 1 with the reason; a damaged history is exit 3 with ``doctor``'s advice.
"""

from __future__ import annotations

from typing import Any, Literal

from planner.domain.ids import short
from planner.i18n.history import (
    action_words,
    conflict_words,
    nothing_text,
    refused_text,
    step_text,
    subject_record,
)
from planner.i18n.translate import t
from planner.services.history import Blocked, Step, StepRefused
from planner.services.ports import Action, LoggedAction
from planner.services.reversal import Conflict
from planner.shell.cli.context import EXIT_BAD_INPUT, EXIT_OK, CliExit, Context
from planner.shell.wiring import open_planner


def cmd_undo(ctx: Context) -> int:
    if getattr(ctx.args, "list", False):
        return _list(ctx)
    return _step(ctx, "undo")


def cmd_redo(ctx: Context) -> int:
    return _step(ctx, "redo")


def _step(ctx: Context, word: Literal["undo", "redo"]) -> int:
    planner = open_planner(ctx)
    try:
        made = planner.undo() if word == "undo" else planner.redo()
    except StepRefused as refused:
        if ctx.json:
            ctx.print_json({word: None, "refused": [_blocked_json(b) for b in refused.blocked]})
        raise CliExit(EXIT_BAD_INPUT, refused_text(refused, ctx.privacy)) from None
    if made is None:
        raise CliExit(EXIT_BAD_INPUT, nothing_text(word))
    if ctx.json:
        ctx.print_json({word: _step_json(made)})
    else:
        ctx.say(step_text(made, word, ctx.privacy))
    return EXIT_OK


def _list(ctx: Context) -> int:
    planner = open_planner(ctx, compact=False)
    actions = list(reversed(planner.history.actions()))
    if ctx.json:
        ctx.print_json([_logged_json(a) for a in actions])
        return EXIT_OK
    if not actions:
        ctx.say(t("history.empty"))
        return EXIT_OK
    for logged in actions:
        ctx.say(_logged_line(ctx, logged))
    return EXIT_OK


def _logged_line(ctx: Context, logged: LoggedAction) -> str:
    what, record = action_words(logged.action, ctx.privacy)
    when = logged.at.astimezone(ctx.tz).strftime("%Y-%m-%d %H:%M")
    who = t("history.by_cli" if logged.origin == "cli" else "history.by_app")
    parts = [when, what, f"{record} ({short(subject_record(logged.action).id)})", who]
    if logged.undone is not None:
        parts.append(t("history.state_undone"))
    return "  ".join(parts)


def _logged_json(logged: LoggedAction) -> dict[str, Any]:
    record = subject_record(logged.action)
    return {
        "seq": logged.seq,
        "at": logged.at.isoformat(timespec="seconds"),
        "origin": logged.origin,
        "action": _label(logged.action),
        "subject": logged.action.subject,
        "record": {"kind": _kind(record), "id": record.id, "title": _title(record)},
        "records": [
            {"kind": _kind(c.record), "id": c.record.id, "title": _title(c.record)}
            for c in logged.action.changes
        ],
        "undone": logged.undone is not None,
    }


def _step_json(step: Step) -> dict[str, Any]:
    return {
        "action": _label(step.action),
        "subject": step.action.subject,
        "kept": [_conflict_json(c) for c in step.kept],
        "skipped": [_blocked_json(b) for b in step.skipped],
    }


def _blocked_json(blocked: Blocked) -> dict[str, Any]:
    return {
        "action": _label(blocked.action),
        "subject": blocked.action.subject,
        "kept": [_conflict_json(c) for c in blocked.kept],
        "why": [conflict_words(c, privacy=False) for c in blocked.kept],
    }


def _conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "kind": _kind(conflict.record),
        "id": conflict.record.id,
        "field": conflict.field,
        "reason": conflict.reason,
    }


def _label(action: Action) -> str:
    """The action's name for programs: ``done``, ``edit``... (its catalog key's last part)."""
    return action.label.removeprefix("action.")


def _kind(record: object) -> str:
    return str(getattr(record, "record_kind", "record"))


def _title(record: object) -> str | None:
    title = getattr(record, "title", None)
    return title if isinstance(title, str) else None
