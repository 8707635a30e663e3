"""The ``planner`` command (DESIGN section 7). Subcommands never import Textual.

Exit codes: 0 ok; 1 bad input (a bad token, an unknown id, an unwritable output path, text
that is not UTF-8); 2 usage; 3 a data problem (corrupt file, newer schema, unwritable data
folder); 141 standard output closed early (a pipe); 70 a bug (an internal error).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TextIO

from planner.domain.clock import Clock, system_clock
from planner.domain.errors import (
    AmbiguousIdError,
    ConfigError,
    DataError,
    DomainError,
    NotFoundError,
    ParseError,
)
from planner.domain.visible import visible
from planner.i18n.errors import describe_error
from planner.i18n.translate import set_language, t
from planner.shell.cli.context import (
    EXIT_BAD_INPUT,
    EXIT_DATA,
    EXIT_INTERNAL,
    EXIT_PIPE,
    EXIT_USAGE,
    CliExit,
    Context,
)
from planner.shell.cli.text_input import check_arguments
from planner.shell.config_file import load_config
from planner.shell.wiring import open_app


def looks_like_value(arg: str) -> bool:
    """Whether ``arg``, though it begins with ``-``, is a value as typed and not an option:
    a dash followed by anything but a letter or a second dash (``-1d``, ``-2w``, ``-#tag``,
    ``-@person``). No option of ours is spelt so, and argparse would refuse each of them
    as an unknown option (``--date -1d``: "expected one argument")."""
    return len(arg) > 1 and arg[0] == "-" and arg[1] != "-" and not arg[1].isalpha()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise CliExit(EXIT_USAGE, f"{self.prog}: {message}")

    def _parse_optional(self, arg_string: str) -> Any:
        """argparse's classification of one argument, except that a value beginning with
        ``-`` (``looks_like_value``) is a value: ``--date -1d`` and ``edit ID -#tag`` work as
        typed, as ``--date=-1d`` always did. (``None`` is argparse's "not an option".)"""
        if looks_like_value(arg_string):
            return None
        return super()._parse_optional(arg_string)


def _early_language(argv: Sequence[str]) -> None:
    """Pick the language before building the parser, so ``--help`` speaks it too."""
    language = None
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            language = argv[index + 1]
        elif arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
    try:
        config = load_config(language=language if language in ("en", "zh") else None)
        set_language(config.language)
    except ConfigError:  # the error is worded in the language asked for anywhere else
        from planner.shell.config_file import language_from_locale

        asked = language or os.environ.get("PLANNER_LANG")
        fallback = language_from_locale(os.environ) or "en"
        set_language(asked if asked in ("en", "zh") else fallback)


APP_OPTIONS = ("--data-dir", "--config", "--lang")
"""The options that take a value and may come before (or instead of) a subcommand."""
_APP_OPTIONS_INLINE = tuple(f"{option}=" for option in APP_OPTIONS)
APP_FLAGS = ("--demo", "--privacy")
"""The options without a value that may come instead of a subcommand (the app opens)."""

SYNC_WHATS: tuple[str, ...] = ("init", "status", "conflicts", "leave")
"""The words ``planner sync`` takes (none: sync now)."""

EXPORT_PERIODS: tuple[str, ...] = ("day", "week", "month")
"""The ``planner export`` options naming one period (``--day [D]``...); the help of each is
``help.export_<period>``."""


def opens_app(argv: Sequence[str]) -> bool:
    """True when ``argv`` holds nothing but the app's own options (no subcommand, no help)."""
    values = iter(argv)
    for arg in values:
        if arg in APP_OPTIONS:
            next(values, None)
        elif arg not in APP_FLAGS and not arg.startswith(_APP_OPTIONS_INLINE):
            return False
    return True


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``commands``, only what opening the app takes.

    Opening the app, the everyday case, skips building fifteen subcommands' parsers (a few
    milliseconds of every start-up); anything else, ``--help`` included, gets them all.
    """
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=t("help.data_dir"))
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=t("help.config"))
    common.add_argument(
        "--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help=t("help.lang")
    )
    common.add_argument(
        "--privacy", action="store_true", default=argparse.SUPPRESS, help=t("help.privacy")
    )
    parser = _Parser(
        prog="planner",
        description=t("help.description"),
        epilog=t("help.epilog"),
        parents=[common],
    )
    parser.add_argument("--demo", action="store_true", help=t("help.demo"))
    if not commands:
        parser.set_defaults(command=None)
        return parser
    from planner.domain.models import SETBACK_KINDS
    from planner.export.kinds import EXPORT_KINDS
    from planner.importing.kinds import KINDS as IMPORT_KINDS

    subs = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, help_key: str) -> argparse.ArgumentParser:
        sub = subs.add_parser(name, help=t(help_key), description=t(help_key), parents=[common])
        sub.add_argument("--json", action="store_true", help=t("help.json"))
        return sub

    add = command("add", "help.add")
    add.add_argument("text", nargs="+", help=t("help.add_text"))
    command("today", "help.today")
    listing = command("list", "help.list")
    listing.add_argument("filter", nargs="*", help=t("help.filter"))
    listing.add_argument("--all", action="store_true", help=t("help.all"))
    info = command("info", "help.info")
    info.add_argument("id", help=t("help.id"))
    for name, help_key in (("done", "help.done"), ("drop", "help.drop")):
        sub = command(name, help_key)
        sub.add_argument("id", help=t("help.id"))
    edit = command("edit", "help.edit")
    edit.add_argument("id", help=t("help.id"))
    edit.add_argument("tokens", nargs="*", metavar="TOKEN", help=t("help.edit_tokens"))
    edit.add_argument("--title", help=t("help.edit_title"))
    edit.add_argument("--notes", help=t("help.edit_notes"))
    delete = command("delete", "help.delete")
    delete.add_argument("target", metavar="ID", help=t("help.delete_target"))
    which = delete.add_mutually_exclusive_group()
    which.add_argument("--journal", action="store_true", help=t("help.delete_journal"))
    which.add_argument("--setback", action="store_true", help=t("help.delete_setback"))
    delete.add_argument("--yes", action="store_true", help=t("help.delete_yes"))
    main = command("main", "help.main")
    main.add_argument("id", help=t("help.id"))
    main.add_argument("--date", help=t("help.main_date"))
    feedback = command("feedback", "help.feedback")
    feedback.add_argument("id", help=t("help.id"))
    feedback.add_argument("text", nargs="+", help=t("help.feedback_text"))
    journal = command("journal", "help.journal")
    journal.add_argument("--date", help=t("help.journal_date"))
    journal.add_argument("--edit", action="store_true", help=t("help.journal_edit"))
    journal.add_argument("text", nargs="*", help=t("help.journal_text"))
    journal.add_argument("--search", nargs="+", metavar="WORD", help=t("help.journal_search"))
    journal.add_argument("--from", dest="start", metavar="D", help=t("help.journal_from"))
    journal.add_argument("--to", dest="end", metavar="D", help=t("help.journal_to"))
    journal.add_argument("--tag", action="append", metavar="T", help=t("help.journal_tag"))
    setback = command("setback", "help.setback")
    setback.add_argument("title", nargs="+", help=t("help.setback_title"))
    setback.add_argument("--date", help=t("help.setback_date"))
    setback.add_argument(
        "--kind", choices=SETBACK_KINDS, default="other", help=t("help.setback_kind")
    )
    command("setbacks", "help.setbacks")
    undo = command("undo", "history.help_undo")
    undo.add_argument("--list", action="store_true", help=t("history.help_list"))
    command("redo", "history.help_redo")
    doctor = command("doctor", "help.doctor")
    doctor.add_argument("--repair", action="store_true", help=t("help.repair"))
    backup = command("backup", "help.backup")
    backup.add_argument("-o", "--output", type=Path, help=t("help.backup_out"))
    restore = command("restore", "help.restore")
    restore.add_argument("date", help=t("help.restore_date"))
    export = command("export", "help.export")
    export.add_argument("kind", choices=EXPORT_KINDS, help=t("help.export_kind"))
    export.add_argument("--from", dest="start", metavar="D", help=t("help.export_from"))
    export.add_argument("--to", dest="end", metavar="D", help=t("help.export_to"))
    for flag in EXPORT_PERIODS:
        export.add_argument(
            f"--{flag}", nargs="?", const="", metavar="D", help=t(f"help.export_{flag}")
        )
    export.add_argument("-o", "--output", type=Path, metavar="PATH", help=t("help.export_out"))
    export.add_argument("--split", choices=("daily",), help=t("help.export_split"))
    export.add_argument("--front-matter", action="store_true", help=t("help.export_front"))
    export.add_argument(
        "--include-confidential", action="store_true", help=t("help.export_confidential")
    )
    export.add_argument("--force", action="store_true", help=t("help.export_force"))
    importing = command("import", "import.help")
    importing.add_argument("kind", choices=IMPORT_KINDS, help=t("import.help_kind"))
    importing.add_argument("path", type=Path, help=t("import.help_path"))
    sync = command("sync", "sync.help")
    sync.add_argument("what", nargs="?", choices=SYNC_WHATS, help=t("sync.help_what"))
    sync.add_argument("remote", nargs="?", metavar="REMOTE", help=t("sync.help_remote"))
    sync.add_argument("--reverse", metavar="ID", help=t("sync.help_reverse"))
    command("encrypt", "crypto.help_encrypt")
    command("decrypt", "crypto.help_decrypt")
    command("passphrase", "crypto.help_passphrase")
    command("rekey", "crypto.help_rekey")
    unlock = command("unlock", "agent.help_unlock")
    unlock.add_argument(
        "--minutes", "--for", dest="minutes", type=int, metavar="N", help=t("agent.help_minutes")
    )
    unlock.add_argument("--keyring", action="store_true", help=t("agent.help_keyring"))
    lock = command("lock", "agent.help_lock")
    lock.add_argument("--keyring", action="store_true", help=t("agent.help_lock_keyring"))
    extend = command("extend", "extend.help")
    extend.add_argument("id", help=t("help.id"))
    extend.add_argument("date", nargs="?", metavar="DATE", help=t("extend.help_date"))
    extend.add_argument("reason", nargs="*", metavar="REASON", help=t("extend.help_reason"))
    extend.add_argument("--approved", action="store_true", help=t("extend.help_approved"))
    workday = command("workday", "help.workday")
    workday.add_argument("date", nargs="?", metavar="DATE", help=t("help.workday_date"))
    start = command("start", "timer.help_start")
    start.add_argument("id", help=t("help.id"))
    command("stop", "timer.help_stop")
    remind = command("remind", "remind.help")
    remind.add_argument("--within", metavar="MINUTES", help=t("remind.help_within"))
    remind.add_argument("--notify", action="store_true", help=t("remind.help_notify"))
    remind.add_argument("--all", action="store_true", help=t("remind.help_all"))
    return parser


def _edit_tokens_after_options(args: argparse.Namespace, extras: list[str]) -> bool:
    """Whether ``extras`` are more tokens of ``planner edit``, typed after one of its
    options: ``edit ID --title T due:fri``. (argparse gives a ``*`` positional the words
    before the first option only, and calls the rest unrecognized.)"""
    return getattr(args, "command", None) == "edit" and all(
        not arg.startswith("-") or looks_like_value(arg) for arg in extras
    )


def main(argv: Sequence[str] | None = None, *, clock: Clock = system_clock) -> int:
    """Entry point of the console script; returns the exit code.

    A closed pipe (``planner list --json | head -1``) ends the command quietly with
    ``EXIT_PIPE`` (141, as a command the pipe's signal ended: what ``set -o pipefail`` sees
    of ``cat`` or ``git log`` there); standard output then points at ``/dev/null``, so the
    interpreter's last flush finds nowhere to fail (the recipe of Python's ``signal`` docs).
    An exception no rule of ours plans for is a bug: one line asks for a report, exit
    ``EXIT_INTERNAL`` (70), and ``PLANNER_DEBUG=1`` shows its traceback instead.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _main(arguments, clock)
        sys.stdout.flush()
    except BrokenPipeError:
        _point_stdout_at_devnull()
        return EXIT_PIPE
    except Exception as exc:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        sys.stderr.write(
            t("error.prefix", message=t("error.internal", kind=type(exc).__name__)) + "\n"
        )
        return EXIT_INTERNAL
    return code


def _point_stdout_at_devnull() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _main(arguments: list[str], clock: Clock) -> int:
    if opens_app(arguments):
        # Start-up allocates much and frees little: collecting meanwhile only walks the
        # same young objects again and again (about 15 ms of every start). The app turns
        # the collector back on at its first frame (``PlannerApp.collect_from_now_on``).
        gc.disable()
    _early_language(arguments)
    try:
        return run(arguments, clock=clock, out=sys.stdout, err=sys.stderr)
    except CliExit as exc:
        if exc.message:
            sys.stderr.write(error_line(exc.message))
        return exc.code
    except KeyboardInterrupt:
        return 130


def error_line(message: str) -> str:
    """The one line a failed command ends with: text it quotes (an argument, a title) may
    hold line breaks and controls, which are written out (``\\n``) as in a one-line field."""
    return visible(message.strip("\n")) + "\n"


def run(argv: Sequence[str], *, clock: Clock, out: TextIO, err: TextIO) -> int:
    """One command, its planned failures raised as ``CliExit``: an argument that is not
    UTF-8 is refused before the parser sees it (exit 1, naming its position)."""
    check_arguments(argv)
    parser = build_parser(commands=not opens_app(argv))
    args, extras = parser.parse_known_args(argv)
    if extras:
        if not _edit_tokens_after_options(args, extras):
            parser.error(f"unrecognized arguments: {' '.join(extras)}")
        args.tokens = [*args.tokens, *extras]
    try:
        config = load_config(
            config_path=getattr(args, "config", None),
            data_dir=getattr(args, "data_dir", None),
            language=getattr(args, "lang", None),
        )
    except ConfigError as exc:
        raise CliExit(
            EXIT_BAD_INPUT, t("error.prefix", message=t("error.config", message=exc))
        ) from None
    set_language(config.language)
    if getattr(args, "privacy", False):
        # For this command only: its text (and the app it opens) masks confidential words.
        config = replace(config, privacy_at_start=True)
    ctx = Context(args, config, clock, out, err)
    try:
        if args.command is None:
            return open_app(ctx)
        from planner.shell.cli.handlers import HANDLERS

        code = HANDLERS[args.command](ctx)
        _say_unrecorded(ctx)
        return code
    except (ParseError, DomainError, NotFoundError, AmbiguousIdError) as exc:
        raise CliExit(EXIT_BAD_INPUT, t("error.prefix", message=describe_error(exc))) from None
    except DataError as exc:
        raise CliExit(EXIT_DATA, t("error.prefix", message=str(exc))) from None


def _say_unrecorded(ctx: Context) -> None:
    """A change made while the undo history could not be recorded (a damaged
    ``history.json``) is kept, and said on stderr: it cannot be undone."""
    problem = ctx.planner.history.unrecorded if ctx.planner is not None else None
    if problem is not None:
        ctx.warn(t("history.unrecorded", problem=str(problem)))
