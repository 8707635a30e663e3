"""``planner extend ID DATE REASON`` asks to report back on an instruction later (申请延期);
``planner extend ID --approved`` moves the report-back date to the one asked for, keeping
the original (shown by ``info`` and the reports). ``--json``: the task."""

from __future__ import annotations

from planner.domain.ids import short
from planner.domain.ranking import score
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_OK, EXIT_USAGE, CliExit, Context, parse_day_option
from planner.shell.cli.render import task_json, task_title
from planner.shell.wiring import open_planner


def cmd_extend(ctx: Context) -> int:
    args = ctx.args
    reason = " ".join(args.reason or []).strip()
    if args.approved and (args.date is not None or reason):
        raise CliExit(EXIT_USAGE, t("error.prefix", message=t("extend.usage_approved")))
    if not args.approved and (args.date is None or not reason):
        raise CliExit(EXIT_USAGE, t("error.prefix", message=t("extend.usage_request")))
    planner = open_planner(ctx)
    if args.approved:
        task = planner.approve_extension(args.id)
    else:
        day = parse_day_option(args.date, ctx, option="extend", direction="forward")
        assert day is not None
        task = planner.request_extension(args.id, day, reason)
    if ctx.json:
        state = planner.instruction_state(task)
        ctx.print_json(task_json(task, score(task, planner.rank_context()), state))
        return EXIT_OK
    title = task_title(task, privacy=ctx.privacy)
    if args.approved:
        assert task.report_by is not None and task.report_by_original is not None
        ctx.say(
            t(
                "extend.approved",
                id=short(task.id),
                title=title,
                date=task.report_by.isoformat(),
                original=task.report_by_original.isoformat(),
            )
        )
    else:
        assert task.extension_to is not None
        ctx.say(
            t(
                "extend.requested",
                id=short(task.id),
                title=title,
                date=task.extension_to.isoformat(),
            )
        )
        ctx.say_far_dates()
    return EXIT_OK
