"""``planner edit ID [TOKENS...] [--title TEXT] [--notes TEXT]``: change a task's fields from
a script, with the tokens of quick add (Taskwarrior's ``modify``).

Every word must be a token (``planner.domain.edits``): free words are refused with a pointer
to ``--title``, so a typo never renames a task. The change is one action; an edit that
changes nothing says so and writes nothing.
"""

from __future__ import annotations

from planner.domain.edits import parse_edit
from planner.domain.ids import short
from planner.domain.models import Task
from planner.domain.ranking import score
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_OK, Context, bad_input
from planner.shell.cli.render import task_json, task_title
from planner.shell.wiring import open_planner

FIELD_LABELS = {
    "title": "field.title",
    "status": "field.status",
    "due": "field.due",
    "scheduled": "field.scheduled",
    "priority": "field.priority",
    "estimate": "field.estimate",
    "central": "field.central",
    "source": "field.source",
    "received": "field.received",
    "report_by": "field.report_by",
    "people": "field.people",
    "tags": "field.tags",
    "confidential": "field.confidential",
    "recur": "field.recur",
    "notes": "field.notes",
}
"""The fields an edit may change, in the order the confirmation names them."""


def _differs(before: Task, after: Task, name: str) -> bool:
    if name == "estimate":  # a range's lower end is part of the estimate
        return (before.estimate, before.estimate_low) != (after.estimate, after.estimate_low)
    return bool(getattr(before, name) != getattr(after, name))


def cmd_edit(ctx: Context) -> int:
    planner = open_planner(ctx)
    edit = parse_edit(
        " ".join(ctx.args.tokens),
        planner.today(),
        planner.tz(),
        title=ctx.args.title,
        notes=ctx.args.notes,
        workdays=planner.calendar,
    )
    if edit.is_empty:
        raise bad_input(t("cli.edit_nothing_given"))
    before = planner.task(ctx.args.id)
    task = planner.apply_edit(before.id, edit)
    if ctx.json:
        ctx.print_json(
            task_json(task, score(task, planner.rank_context()), planner.instruction_state(task))
        )
        return EXIT_OK
    title = task_title(task, privacy=ctx.privacy)
    changed = [t(label) for name, label in FIELD_LABELS.items() if _differs(before, task, name)]
    if changed:
        fields = t("cli.edit_separator").join(changed)
        ctx.say(t("cli.edited", id=short(task.id), title=title, fields=fields))
    else:
        ctx.say(t("cli.edit_unchanged", id=short(task.id), title=title))
    ctx.note_far_dates(edit.far_dates)
    ctx.say_far_dates()
    return EXIT_OK
