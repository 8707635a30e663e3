"""``planner delete ID`` (``--journal DATE``, ``--setback ID``): remove a record for good.

For junk, such as a wrong import or a task typed twice; closing work is ``done`` or
``drop``. On a terminal it asks first (``y`` deletes, anything else keeps); a script says
``--yes``, and without a terminal to ask on and without ``--yes`` nothing is deleted (exit 1).
The id or date is checked before the question, so a typo is an error, not a question.
"""

from __future__ import annotations

import sys
from typing import Any

from planner.domain.ids import short
from planner.domain.weekdays import fold
from planner.i18n.privacy import title_words
from planner.i18n.translate import t
from planner.services.planner import Planner, Removed
from planner.shell.cli.context import EXIT_OK, Context, bad_input, parse_day_option
from planner.shell.cli.render import task_json
from planner.shell.cli.text_input import stdin_line
from planner.shell.wiring import open_planner

YES = frozenset({"y", "yes", "是", "是的", "好"})
"""Answers that delete (case and width ignored); anything else, an empty line or end of
input keeps the record, as the ``[y/N]`` of the question says."""


def cmd_delete(ctx: Context) -> int:
    planner = open_planner(ctx)
    if ctx.args.journal:
        return _delete_entry(ctx, planner)
    if ctx.args.setback:
        return _delete_setback(ctx, planner)
    return _delete_task(ctx, planner)


def _delete_task(ctx: Context, planner: Planner) -> int:
    task = planner.task(ctx.args.target)
    title = title_words(task, ctx.privacy)
    if not _confirmed(ctx, t("cli.delete_task_question", id=short(task.id), title=title)):
        return _kept(ctx)
    removed = planner.delete_task(task.id)
    days = [day.isoformat() for day in removed.days_cleared]
    if ctx.json:
        data = _removed_json("task", removed)
        data["days_cleared"] = days
        ctx.print_json(data)
        return EXIT_OK
    ctx.say(t("cli.deleted_task", id=short(task.id), title=title))
    if days:
        ctx.say(t("cli.deleted_main_days", dates=", ".join(days)))
    return EXIT_OK


def _delete_entry(ctx: Context, planner: Planner) -> int:
    day = parse_day_option(ctx.args.target, ctx, option="--journal", direction="backward")
    assert day is not None  # a positional argument is always given
    if planner.store.get_entry(day) is None:
        raise bad_input(t("error.not_found_entry", key=day.isoformat()))
    if not _confirmed(ctx, t("cli.delete_entry_question", date=day.isoformat())):
        return _kept(ctx)
    removed = planner.delete_entry(day)
    if ctx.json:
        ctx.print_json(_removed_json("journal", removed))
    else:
        ctx.say(t("cli.deleted_entry", date=day.isoformat()))
        ctx.say_far_dates()
    return EXIT_OK


def _delete_setback(ctx: Context, planner: Planner) -> int:
    analysis = planner.setback(ctx.args.target)
    title = title_words(analysis, ctx.privacy)
    measures = next((found for a, found in planner.setbacks() if a.id == analysis.id), [])
    question = t("cli.delete_setback_question", id=short(analysis.id), title=title)
    if measures:
        question = t("cli.delete_setback_measures", question=question, count=len(measures))
    if not _confirmed(ctx, question):
        return _kept(ctx)
    removed = planner.delete_setback(analysis.id)
    if ctx.json:
        data = _removed_json("setback", removed)
        data["measures_unlinked"] = [
            task_json(task, None, planner.instruction_state(task))
            for task in removed.measures_unlinked
        ]
        ctx.print_json(data)
        return EXIT_OK
    ctx.say(t("cli.deleted_setback", id=short(analysis.id), title=title))
    if removed.measures_unlinked:
        ctx.say(t("cli.deleted_measures_kept", count=len(removed.measures_unlinked)))
    return EXIT_OK


def _removed_json(kind: str, removed: Removed[Any]) -> dict[str, Any]:
    return {"deleted": kind, "record": removed.record.to_dict()}


def _kept(ctx: Context) -> int:
    ctx.say(t("cli.delete_kept"))
    return EXIT_OK


def _confirmed(ctx: Context, question: str) -> bool:
    """``--yes``, or ``y`` typed on the terminal; refused (exit 1) when there is neither a
    terminal to ask on nor ``--yes``: a script must say so, never be asked."""
    if ctx.args.yes:
        return True
    source = sys.stdin
    if not source.isatty():
        raise bad_input(t("cli.delete_needs_yes"))
    ctx.err.write(question + " " + t("cli.delete_prompt"))
    ctx.err.flush()
    answer = stdin_line(source)
    return fold(answer.strip()) in YES
