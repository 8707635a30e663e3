"""``planner unlock [--keyring] [--minutes N]`` and ``planner lock [--keyring]``: keep an
encrypted folder's key for a while in planner's agent (or, opted in, in the system
keyring), or forget it now; and the sealed ``planner add`` while locked."""

from __future__ import annotations

import sys

from planner.domain.config import ENCRYPTION_MINUTES_LIMIT
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_BAD_INPUT, EXIT_DATA, EXIT_OK, CliExit, Context
from planner.shell.keys import is_encrypted, obtain_keys


def _no_keyring(reason: str) -> CliExit:
    if reason == "missing-package":
        words = t("agent.no_keyring_package")
    elif reason == "no-backend":
        words = t("agent.no_keyring_backend")
    else:
        words = t("agent.keyring_refused", reason=reason.removeprefix("refused: "))
    return CliExit(EXIT_DATA, t("error.prefix", message=words))


def cmd_unlock(ctx: Context) -> int:
    root = ctx.data_dir
    if not is_encrypted(root):
        raise CliExit(EXIT_BAD_INPUT, t("error.prefix", message=t("agent.not_encrypted")))
    minutes = ctx.args.minutes if ctx.args.minutes is not None else ctx.config.agent_minutes
    if not 1 <= minutes <= ENCRYPTION_MINUTES_LIMIT:
        message = t("agent.minutes_range", limit=ENCRYPTION_MINUTES_LIMIT, value=minutes)
        raise CliExit(EXIT_BAD_INPUT, t("error.prefix", message=message))
    keys = obtain_keys(root, interactive=sys.stdin is not None and sys.stdin.isatty())
    assert keys is not None
    if ctx.args.keyring:
        from planner.shell import keyring_keys

        try:
            keyring_keys.store(root, keys)
        except keyring_keys.NoKeyring as exc:
            raise _no_keyring(exc.reason) from None
        ctx.say(t("agent.keyring_kept"))
        return EXIT_OK
    from planner.shell import agent_client

    try:
        pid = agent_client.hand_keys(keys, minutes * 60.0)
    except agent_client.AgentUnavailable as exc:
        raise CliExit(
            EXIT_DATA, t("error.prefix", message=t("agent.cannot_start", reason=str(exc)))
        ) from None
    ctx.say(t("agent.unlocked", minutes=minutes, pid=pid))
    _say_keyring_still(ctx)
    return EXIT_OK


def cmd_lock(ctx: Context) -> int:
    from planner.shell import agent_client

    ctx.say(t("agent.lock_done" if agent_client.lock() else "agent.lock_none"))
    if ctx.args.keyring:
        from planner.shell import keyring_keys

        if keyring_keys.marked_key_id(ctx.data_dir) is None:
            ctx.say(t("agent.keyring_none"))
            return EXIT_OK
        try:
            keyring_keys.forget(ctx.data_dir)
        except keyring_keys.NoKeyring as exc:
            raise _no_keyring(exc.reason) from None
        ctx.say(t("agent.keyring_forgotten"))
        return EXIT_OK
    _say_keyring_still(ctx)
    return EXIT_OK


def _say_keyring_still(ctx: Context) -> None:
    from planner.shell import keyring_keys

    if keyring_keys.marked_key_id(ctx.data_dir) is not None:
        ctx.warn(t("agent.keyring_still"))


def sealed_add(ctx: Context, text: str) -> int:
    """``planner add`` on a locked folder: the line is checked as quick add reads it (a bad
    token is refused now, exit 1), sealed to the inbox, and only the new id is printed."""
    from planner.domain.clock import planning_date
    from planner.domain.quickadd import parse_quick_add
    from planner.shell.sealed_add import post_sealed_add

    now = ctx.now
    today = planning_date(now, ctx.config.day_starts_at)
    parse_quick_add(text, today, ctx.tz, workdays=ctx.work_calendar())
    task_id = post_sealed_add(ctx.data_dir, text, now)
    if ctx.json:
        ctx.print_json({"id": task_id, "sealed": True})
    else:
        ctx.say(task_id)
    return EXIT_OK
