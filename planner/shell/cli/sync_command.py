"""``planner sync``: send and receive through a git remote (issue #14).

``planner sync init REMOTE`` starts (an empty remote, or one holding another machine's
planner, whose records come in and are merged with these), ``planner sync`` sends and
receives, ``planner sync status [--json]`` says where this machine stands without touching the
network, ``planner sync conflicts [--reverse ID]`` lists (and reverses) what was decided for
edits made on two machines at once, ``planner sync leave`` stops.

Exit codes: 0 ok; 1 the remote cannot be reached (everything is kept, one line says so), git
is missing, or a bad argument; 2 usage; 3 any other failure of the sync repository or data.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from planner.domain.ids import short
from planner.domain.visible import visible
from planner.i18n.conflicts import conflict_lines, found_at, reversed_words
from planner.i18n.translate import t
from planner.shell.cli.context import (
    EXIT_BAD_INPUT,
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    CliExit,
    Context,
)
from planner.shell.sync_words import (
    describe_sync_error,
    offline_words,
    record_labels,
    remote_key_words,
    synced_words,
    unknown_words,
)
from planner.shell.wiring import open_store

if TYPE_CHECKING:
    from data.sync.conflicts import Conflict, ConflictBook
    from data.sync.engine import SyncEngine, SyncReport
    from planner.shell.keys import KeyStatus


def cmd_sync(ctx: Context) -> int:
    from data.sync.engine import NotSyncing
    from data.sync.git_errors import SyncError, SyncOffline
    from data.sync.sync_keys import RemoteKeyError

    what = getattr(ctx.args, "what", None)
    _check_usage(ctx, what)
    engine = _engine(ctx)
    try:
        if what == "init":
            return _init(ctx, engine)
        if what == "status":
            return _status(ctx, engine)
        if what == "conflicts":
            return _conflicts(ctx, engine)
        if what == "leave":
            engine.leave()
            ctx.say(t("sync.left"))
            return EXIT_OK
        return _report(ctx, engine.sync())
    except RemoteKeyError as exc:
        raise CliExit(EXIT_DATA, t("error.prefix", message=remote_key_words(exc))) from None
    except NotSyncing:
        raise CliExit(EXIT_BAD_INPUT, t("error.prefix", message=t("sync.not_enabled"))) from None
    except SyncOffline as exc:
        raise CliExit(EXIT_BAD_INPUT, t("sync.offline", reason=describe_sync_error(exc))) from None
    except SyncError as exc:
        if exc.reason == "git-missing":
            message = t("sync.no_git", reason=describe_sync_error(exc))
            raise CliExit(EXIT_BAD_INPUT, t("error.prefix", message=message)) from None
        # a data problem (exit 3): what failed, why and what to do
        raise CliExit(EXIT_DATA, t("error.prefix", message=describe_sync_error(exc))) from None


def _check_usage(ctx: Context, what: str | None) -> None:
    remote = getattr(ctx.args, "remote", None)
    reverse = getattr(ctx.args, "reverse", None)
    if what == "init" and not remote:
        raise CliExit(EXIT_USAGE, t("error.prefix", message=t("sync.usage_remote")))
    if what != "init" and remote:
        shown = f"planner sync {what}" if what else "planner sync"
        message = t("sync.usage_extra", what=shown, arg=visible(remote))
        raise CliExit(EXIT_USAGE, t("error.prefix", message=message))
    if reverse is not None and what != "conflicts":
        raise CliExit(EXIT_USAGE, t("error.prefix", message=t("sync.usage_reverse")))


def _engine(ctx: Context) -> SyncEngine:
    from data.sync.engine import SyncEngine

    return SyncEngine(open_store(ctx), clock=ctx.clock, passphrase=_passphrase)


def _passphrase() -> str:
    """The passphrase of an encrypted remote (or of another machine's rekey), from the
    passphrase sources; ``PassphraseUnavailable`` when there is none."""
    from data.crypto.passphrase import Prompts, read_passphrase

    return read_passphrase(Prompts(enter=t("agent.prompt"), again=t("agent.prompt_again")))


def _init(ctx: Context, engine: SyncEngine) -> int:
    from data.sync.engine import AlreadySyncing

    remote = str(ctx.args.remote)
    try:
        report = engine.init(remote)
    except AlreadySyncing as exc:
        message = t("sync.already", remote=visible(exc.remote))
        raise CliExit(EXIT_BAD_INPUT, t("error.prefix", message=message)) from None
    if not ctx.json:
        ctx.say(t("sync.initialised", remote=visible(remote), machine=engine.machine()))
    return _report(ctx, report)


def _report(ctx: Context, report: SyncReport) -> int:
    """What one sync did; offline is exit 1 with one line (and the JSON says so too)."""
    if ctx.json:
        ctx.print_json(
            {
                "sent": report.sent,
                "received": report.received,
                "conflicts": report.conflicts,
                "unknown": report.unknown,
                "offline": report.offline,
            }
        )
    if report.offline is not None:
        raise CliExit(EXIT_BAD_INPUT, t("sync.offline", reason=offline_words(report)))
    if ctx.json:
        return EXIT_OK
    ctx.say(synced_words(report))
    if report.conflicts:
        ctx.say(t("sync.new_conflicts", count=report.conflicts))
    if report.unknown:
        ctx.warn(unknown_words(report.unknown))
    return EXIT_OK


def _status(ctx: Context, engine: SyncEngine) -> int:
    from planner.shell.keys import key_status

    status = engine.status()
    keys = key_status(engine.root)
    if ctx.json:
        ctx.print_json(
            {
                "machine": status.machine,
                "host": status.host,
                "remote": status.remote,
                "last_sync": status.last_sync,
                "offline_since": status.offline_since,
                "ahead": status.ahead,
                "behind": status.behind,
                "to_send": status.to_send,
                "changed": status.changed,
                "conflicts": status.conflicts,
                "encrypted": keys.encrypted,
                "keyring": keys.keyring,
                "agent": keys.agent,
            }
        )
        return EXIT_OK
    machine = status.machine
    if status.host:
        machine = t("sync.status_machine_host", machine=machine, host=visible(status.host))
    ctx.say(t("sync.status_machine", machine=machine))
    ctx.say(t("sync.status_remote", remote=visible(status.remote or "-")))
    ctx.say(t("sync.status_last", when=_moment(status.last_sync, ctx) or t("sync.status_never")))
    if status.offline_since:
        ctx.say(t("sync.status_offline", when=_moment(status.offline_since, ctx)))
    ctx.say(t("sync.status_ahead", ahead=status.ahead, behind=status.behind))
    ctx.say(t("sync.status_changed", changed=status.changed))
    ctx.say(t("sync.status_to_send", count=status.to_send))
    ctx.say(t("sync.status_conflicts", count=status.conflicts))
    ctx.say(_encryption_line(keys))
    return EXIT_OK


def _encryption_line(keys: KeyStatus) -> str:
    """Whether the data is encrypted, and whether a keyring holds the key: a key in the
    system keyring opens the data without the passphrase, so planner always says so."""
    if not keys.encrypted:
        return t("sync.status_encryption_off")
    if keys.keyring:
        return t("sync.status_encryption_keyring")
    if keys.agent:
        return t("sync.status_encryption_agent")
    return t("sync.status_encryption_on")


def _conflicts(ctx: Context, engine: SyncEngine) -> int:
    from data.sync.conflicts import ConflictBook

    if not engine.enabled:
        from data.sync.engine import NotSyncing

        raise NotSyncing(engine.root)
    book = ConflictBook(engine.root)
    reverse = getattr(ctx.args, "reverse", None)
    if reverse is not None:
        return _reverse(ctx, engine, book, str(reverse))
    conflicts = book.list()
    if ctx.json:
        ctx.print_json([_conflict_json(conflict, ctx) for conflict in conflicts])
        return EXIT_OK
    if not conflicts:
        ctx.say(t("sync.conflicts_none"))
        return EXIT_OK
    here = engine.machine()
    labels = record_labels(engine.store, conflicts)
    for conflict in conflicts:
        label = labels.get(conflict.record)
        for line in conflict_lines(conflict, ctx.tz, privacy=ctx.privacy, here=here, label=label):
            ctx.say(line)
    ctx.say(t("sync.conflicts_hint"))
    return EXIT_OK


def _reverse(ctx: Context, engine: SyncEngine, book: ConflictBook, wanted: str) -> int:
    matches = [c for c in book.list() if c.id.startswith(wanted)] if wanted else []
    if len(matches) != 1:
        raise CliExit(
            EXIT_BAD_INPUT, t("error.prefix", message=t("sync.no_conflict", id=visible(wanted)))
        )
    conflict = matches[0]
    from data.sync.conflicts import BodyConflictError

    label = record_labels(engine.store, [conflict]).get(conflict.record)
    try:
        book.reverse(conflict.id, engine.store)
    except BodyConflictError:
        message = t("sync.body_conflict", record=label or short(conflict.record))
        raise CliExit(EXIT_BAD_INPUT, t("error.prefix", message=message)) from None
    if ctx.json:
        ctx.print_json({"reversed": _conflict_json(conflict, ctx)})
        return EXIT_OK
    ctx.say(reversed_words(conflict, privacy=ctx.privacy, label=label))
    return EXIT_OK


def _moment(iso: str | None, ctx: Context) -> str:
    """A time ``status.json`` holds (ISO 8601), as the terminal shows times."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone(ctx.tz).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return visible(iso)


def _conflict_json(conflict: Conflict, ctx: Context) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "at": found_at(conflict, ctx.tz).isoformat(timespec="seconds"),
        "kind": conflict.kind,
        "record": conflict.record,
        "field": conflict.field,
        "winner": conflict.winner,
        "winner_machine": conflict.winner_machine,
        "loser": conflict.loser,
        "loser_machine": conflict.loser_machine,
    }
