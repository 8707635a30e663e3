"""Opening the data folder and the app: what both the app and the subcommands start with.

Kept apart from ``planner.shell.cli.handlers`` so that opening the app does not import every
subcommand's handler and renderer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.domain.errors import DataError
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_DATA, EXIT_OK, CliExit, Context

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys
    from data.store import FileStore
    from planner.services.planner import Planner
    from planner.shell.app import PlannerApp


def open_store(ctx: Context, *, keys: Keys | None = None) -> FileStore:
    """Open the data folder; an unwritable one is a data problem (exit 3). ``keys``: an
    encrypted folder's, already unlocked (the app's lock screen)."""
    from data.store import FileStore

    if keys is None:
        keys = cli_keys(ctx)
    try:
        store = FileStore(
            ctx.data_dir, clock=ctx.clock, day_starts_at=ctx.config.day_starts_at, keys=keys
        )
    except PermissionError as exc:
        raise CliExit(
            EXIT_DATA,
            t(
                "error.prefix",
                message=t("error.unwritable", path=ctx.data_dir, reason=exc.strerror),
            ),
        ) from None
    except OSError as exc:
        if isinstance(exc, DataError):
            raise
        raise CliExit(
            EXIT_DATA,
            t("error.prefix", message=t("error.unwritable", path=ctx.data_dir, reason=exc)),
        ) from None
    if keys is not None and store.writable:
        take_in_sealed_adds(ctx, store, keys)
    return store


def cli_keys(ctx: Context) -> Keys | None:
    """An encrypted folder's keys for a command (``obtain_keys``: the agent, the keyring,
    the passphrase variables, then the terminal if there is one); ``None`` for a plain one."""
    import sys

    from planner.shell.keys import obtain_keys

    return obtain_keys(ctx.data_dir, interactive=sys.stdin is not None and sys.stdin.isatty())


def take_in_sealed_adds(ctx: Context, store: FileStore, keys: Keys) -> None:
    """Store the tasks ``planner add`` sealed while the folder was locked (said on stderr,
    so a command's document on stdout stays whole); the app and the CLI both pass here."""
    from planner.shell.sealed_add import take_in

    done = take_in(ctx.data_dir, store, ctx.config, keys, ctx.work_calendar())
    if done.ids:
        ids = ", ".join(done.ids)
        key = "agent.taken_in_one" if len(done.ids) == 1 else "agent.taken_in"
        ctx.warn(t(key, count=len(done.ids), ids=ids))
    for _name, problem in done.left:
        ctx.warn(t("agent.left_in_inbox", problem=problem))


def open_planner(
    ctx: Context, *, compact: bool = True, keys: Keys | None = None, timers: bool = True
) -> Planner:
    """The planner of the data folder. ``timers``: stop a timer left running past its
    day's end and say so on stderr (the app says it itself, in a notice)."""
    from planner.services.planner import Planner

    store = open_store(ctx, keys=keys)
    planner = Planner(store, ctx.config, ctx.clock, ctx.work_calendar())
    ctx.planner = planner
    if compact and store.writable:  # a read-only folder is read as it is
        try:
            store.compact(planner.today())
        except OSError as exc:
            raise CliExit(
                EXIT_DATA,
                t("error.prefix", message=t("error.unwritable", path=ctx.data_dir, reason=exc)),
            ) from None
    if timers and store.writable:
        from planner.shell.cli.timer_command import close_overdue

        close_overdue(ctx, planner)  # a timer left running past its day's end stops at it
    return planner


def open_app(ctx: Context) -> int:
    """Without a subcommand: the full-screen app (``--demo``: on a fresh sample)."""
    if getattr(ctx.args, "demo", False):
        return _run_demo(ctx)
    from planner.shell.app_lock import FolderKeys, keys_at_start

    folder = FolderKeys(ctx.data_dir)

    def lock_screen() -> Keys | None:
        from planner.shell.unlock_app import UnlockApp

        keys: Keys | None = UnlockApp(folder, ctx.config).run()
        return keys

    # an encrypted folder with no key at hand: the lock screen first, before anything of
    # the data is read; esc quits
    go_on, keys = keys_at_start(folder, lock_screen)
    if not go_on:
        return EXIT_OK
    planner = open_planner(ctx, keys=keys, timers=False)  # the app stops and says it
    from planner.shell.app import PlannerApp

    app = PlannerApp(planner)
    from planner.shell.holiday_calendar import tell_in_app

    tell_in_app(app, planner.calendar)
    app.run()
    say_unsaved(ctx, app)
    code = app_ended(app)
    if app.syncs_on_quit:
        sync_on_quit(ctx, getattr(planner.store, "keys", None))
    return code


def sync_on_quit(ctx: Context, keys: Keys | None = None) -> None:
    """The sync the config's timer asks for when the app ends, once the terminal is back:
    one line says what it did (an unreachable remote too); the app's exit code stands.
    ``keys``: an encrypted folder's, as the app held them; a sync that needs the passphrase
    (another machine's rekey) says to run ``planner sync``."""
    from planner.shell.app_sync import FolderSync

    done = FolderSync(
        ctx.data_dir,
        clock=ctx.clock,
        day_starts_at=ctx.config.day_starts_at,
        keys=lambda: keys,
    ).sync()
    if done.asks:
        ctx.warn(t("sync.remote_key.rekeyed", machine=done.asks))
    if done.notice:
        (ctx.say if done.severity == "information" else ctx.warn)(done.notice)


def say_unsaved(ctx: Context, app: PlannerApp) -> None:
    """Changes the app still held for retry when it ended (the disk refused them, or the
    data key changed and the user quit at the lock screen): one line says they were not
    saved, never silently dropped."""
    if app.pending:
        actions = ", ".join(t(label) for label, _call in app.pending)
        ctx.warn(t("lock.not_saved", count=len(app.pending), actions=actions))
    for _label, call in app.pending:  # typed, never written: shown so that it is not lost
        if call in app.pending_text:
            ctx.warn(t("lock.not_saved_text", text=app.pending_text[call]))


def app_ended(app: PlannerApp) -> int:
    """The exit code of the app once it has left the terminal's alternate screen: a data
    problem that ended it is then printed as the CLI prints it (exit 3)."""
    if app.data_error is not None:
        raise CliExit(EXIT_DATA, t("error.prefix", message=str(app.data_error)))
    return app.return_code or EXIT_OK


def _run_demo(ctx: Context) -> int:
    """A fresh, realistic sample in a temporary folder; the user's data is never touched."""
    import shutil
    import tempfile
    from dataclasses import replace
    from pathlib import Path

    from data.store import FileStore
    from planner.demo.records import populate
    from planner.services.planner import Planner

    folder = Path(tempfile.mkdtemp(prefix="planner-demo-"))
    try:
        store = FileStore(folder, clock=ctx.clock, day_starts_at=ctx.config.day_starts_at)
        populate(store, ctx.config.language, ctx.clock())
        config = replace(ctx.config, data_dir=folder)
        from planner.shell.app import PlannerApp
        from planner.shell.holiday_calendar import tell_in_app

        planner = Planner(store, config, ctx.clock, ctx.work_calendar())
        app = PlannerApp(planner, demo=True)
        tell_in_app(app, planner.calendar)
        app.run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return app_ended(app)
