"""``planner start ID`` and ``planner stop`` (issue 16): the one timer of the data folder.

The running timer is read from the data, so ``planner start`` in a terminal stops the app's
timer (the app shows it at its next look), and ``planner stop`` stops whichever process's.
A timer left running past its planning day's end is stopped at that end by every command
that opens the data (``close_overdue``: a line on stderr says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.domain.errors import DataError
from planner.i18n.formats import format_due
from planner.i18n.privacy import title_words
from planner.i18n.timer_words import spent_words
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_OK, Context
from planner.shell.cli.render import task_json

if TYPE_CHECKING:
    from planner.services.planner import Planner, Stopped


def cmd_start(ctx: Context) -> int:
    """Start the task's timer; prints what it stopped. ``--json``: the task."""
    from planner.shell.wiring import open_planner

    planner = open_planner(ctx)
    started = planner.start_timer(ctx.args.id)
    if ctx.json:
        ctx.print_json(task_json(started.task, None, planner.instruction_state(started.task)))
        return EXIT_OK
    title = title_words(started.task, ctx.privacy)
    if started.stopped:
        other = started.stopped[0]
        ctx.say(
            t(
                "timer.switched",
                title=title,
                other=title_words(other.task, ctx.privacy),
                duration=spent_words(other.interval.seconds()),
            )
        )
    else:
        ctx.say(t("timer.started", title=title))
    return EXIT_OK


def cmd_stop(ctx: Context) -> int:
    """Stop the running timer. ``--json``: the stopped interval (with the task's id and
    what it has spent), or null when none ran."""
    from planner.shell.wiring import open_planner

    planner = open_planner(ctx)
    stopped = planner.stop_timer()
    if ctx.json:
        ctx.print_json(None if stopped is None else stopped_json(stopped))
        return EXIT_OK
    if stopped is None:
        ctx.say(t("timer.none_running"))
        return EXIT_OK
    duration = spent_words(stopped.interval.seconds())
    ctx.say(t("timer.stopped", title=title_words(stopped.task, ctx.privacy), duration=duration))
    return EXIT_OK


def stopped_json(stopped: Stopped) -> dict[str, Any]:
    """``{"id", "start", "end", "seconds", "spent"}``: the interval that ended, and the
    task's whole time spent since."""
    interval = stopped.interval.to_dict()
    return {
        "id": stopped.task.id,
        "start": interval["start"],
        "end": interval["end"],
        "seconds": stopped.interval.seconds(),
        "spent": stopped.task.spent,
    }


def close_overdue(ctx: Context, planner: Planner) -> None:
    """Stop a timer left running past its day's end, at that end, and say so on stderr. A
    folder that cannot be written now is left alone: the next look tries again."""
    try:
        closed = planner.close_overdue_timers()
    except (DataError, OSError):
        return
    for stopped in closed:
        end = stopped.interval.end
        ctx.warn(
            t(
                "timer.closed",
                title=title_words(stopped.task, ctx.privacy),
                at=format_due(end),
                duration=spent_words(stopped.interval.seconds()),
            )
        )
