"""``planner remind [--within MINUTES] [--notify] [--json] [--all]`` (issue 16): what is
due within the window, what is to be reported, and what became overdue, each said once
(``planner.domain.reminders``; the said ones are kept in ``.cache/remind.json``, see
``data.reminder_state``). Made for cron or a systemd timer: with nothing to say it prints
nothing (``--json``: ``[]``) and exits 0.

On an encrypted folder it uses the key if one is at hand (the agent, the keyring,
``PLANNER_PASSPHRASE_FILE``/``_FD``; the terminal only when there is one), and otherwise
says only how many reminders there are, from the plain times an earlier run with the key
left (``2 items due; unlock to see them``); ``--json`` then gives each with ``id`` and
``title`` null.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from planner.domain.errors import ParseError
from planner.domain.instructions import warning_end
from planner.domain.reminders import (
    DEFAULT_WITHIN_MINUTES,
    Reminder,
    ReminderKind,
    counts,
    moments_of,
    parse_within,
    reminders_of,
    unsaid,
)
from planner.i18n.errors import describe_reason
from planner.i18n.remind_words import counts_line, notification, reminder_line, shown_title
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_OK, Context, bad_input

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys

TIMES_AHEAD_DAYS = 8
"""How far ahead the plain times file looks (the widest ``--within`` is a week)."""
NOTIFY_SECONDS = 10.0
"""How long one ``notify-send`` may take before it is given up."""


def cmd_remind(ctx: Context) -> int:
    within = timedelta(minutes=_within(ctx))
    keys, locked = _keys(ctx)
    if locked:
        return _locked(ctx, within)
    from data.reminder_state import read_said, save_said, save_times
    from planner.shell.wiring import open_planner

    planner = open_planner(ctx, keys=keys)
    tasks = planner.all_tasks()
    now, today = ctx.now, planner.today()
    found = reminders_of(
        tasks, now=now, today=today, within=within, warn_until=planner.warn_until()
    )
    if not getattr(ctx.args, "all", False):
        said = read_said(ctx.data_dir)
        found = unsaid(found, said)
        said.update({reminder.key: today.isoformat() for reminder in found})
        save_said(ctx.data_dir, said, today)
    if keys is not None:
        save_times(ctx.data_dir, moments_of(tasks, today + timedelta(days=TIMES_AHEAD_DAYS)))
    show_titles = ctx.config.remind_titles
    if ctx.json:
        ctx.print_json([_json(r, show_titles=show_titles) for r in found])
    else:
        for reminder in found:
            ctx.say(reminder_line(reminder, now, show_titles=show_titles, privacy=ctx.privacy))
    if getattr(ctx.args, "notify", False) and found:
        notes = [
            notification(reminder, now, show_titles=show_titles, privacy=ctx.privacy)
            for reminder in found
        ]
        send_notifications(ctx, notes)
    return EXIT_OK


def _within(ctx: Context) -> int:
    text = getattr(ctx.args, "within", None)
    if text is None:
        return DEFAULT_WITHIN_MINUTES
    try:
        return parse_within(text)
    except ParseError as exc:
        reason = describe_reason(exc)
        raise bad_input(
            t("error.bad_date_value", name="--within", value=exc.part, reason=reason)
        ) from None


def _keys(ctx: Context) -> tuple[Keys | None, bool]:
    """The folder's keys (``None`` for a plain folder) and whether it is locked: no key at
    hand, and no terminal to ask on (or nothing typed there)."""
    from planner.shell.keys import is_encrypted

    if not is_encrypted(ctx.data_dir):
        return None, False
    from data.crypto.errors import Locked
    from planner.shell.keys import obtain_keys

    interactive = sys.stdin is not None and sys.stdin.isatty()
    try:
        keys = obtain_keys(ctx.data_dir, interactive=interactive)
    except Locked:
        return None, True
    return keys, False


def _locked(ctx: Context, within: timedelta) -> int:
    """Counts only, from the plain times an earlier run with the key left."""
    from data.reminder_state import read_times

    moments = read_times(ctx.data_dir)
    if moments is None:
        if ctx.json:
            ctx.print_json([])
        ctx.warn(t("remind.locked_unknown"))
        return EXIT_OK
    now, today = ctx.now, ctx.today
    warn_until = warning_end(ctx.work_calendar(), today, ctx.config.warning_days)
    if ctx.json:
        ctx.print_json(
            [
                {"id": None, "title": None, "kind": kind, "at": at.isoformat()}
                for kind, at in _counted(moments, now, today, within, warn_until)
            ]
        )
        return EXIT_OK
    line = counts_line(counts(moments, now=now, today=today, within=within, warn_until=warn_until))
    if line is not None:
        ctx.say(line)
        if getattr(ctx.args, "notify", False):
            send_notifications(ctx, [(t("remind.app_title"), line)])
    return EXIT_OK


def _counted(
    moments: list[tuple[str, datetime | date]],
    now: datetime,
    today: date,
    within: timedelta,
    warn_until: date,
) -> list[tuple[ReminderKind, datetime | date]]:
    """Each moment that counts, with the kind ``counts`` gives it."""
    found: list[tuple[ReminderKind, datetime | date]] = []
    for moment in moments:
        one = counts([moment], now=now, today=today, within=within, warn_until=warn_until)
        found.extend((kind, moment[1]) for kind, count in one.items() if count)
    return found


def _json(reminder: Reminder, *, show_titles: bool) -> dict[str, Any]:
    """``{"id", "title", "kind", "at"}``: the title masked for a confidential task as the
    text is (whatever reads this JSON may show it on a desktop)."""
    return {
        "id": reminder.task_id,
        "title": shown_title(reminder, show_titles=show_titles, privacy=False),
        "kind": reminder.kind,
        "at": reminder.at.isoformat(),
    }


def send_notifications(ctx: Context, notes: list[tuple[str, str]]) -> None:
    """Each ``(summary, body)`` through ``notify-send`` (found on ``PATH``; run without a
    shell). Without it, one line on stderr says so; a failure is said once."""
    program = shutil.which("notify-send")
    if program is None:
        ctx.warn(t("remind.notify_missing"))
        return
    for summary, body in notes:
        try:
            done = subprocess.run(
                [program, "--app-name=planner", summary, body],
                capture_output=True,
                text=True,
                timeout=NOTIFY_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            ctx.warn(t("remind.notify_failed", problem=str(exc)))
            return
        if done.returncode != 0:
            problem = done.stderr.strip() or f"exit {done.returncode}"
            ctx.warn(t("remind.notify_failed", problem=problem))
            return
