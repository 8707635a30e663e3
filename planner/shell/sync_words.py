"""What a sync says, in the user's language, the same in ``planner sync`` and the app.

The transport (``data.sync``) raises its errors in English and knows no catalog; it gives
each a ``reason``, a ``case`` and the ``params`` it names, and the error is worded here,
where the shell catches it. git's own message stays as it is, quoted (``detail``).
"""

from __future__ import annotations

from string import Formatter
from typing import TYPE_CHECKING

from planner.domain.visible import visible
from planner.i18n.translate import t

if TYPE_CHECKING:
    from collections.abc import Iterable

    from data.store import FileStore
    from data.sync.engine import SyncReport
    from data.sync.git_errors import SyncError
    from data.sync.sync_keys import RemoteKeyError
    from planner.domain.sync.merge import Conflict

REMOTE_KEY_WORDS = {
    "locked": "sync.remote_key.locked",
    "other-key": "sync.remote_key.other-key",
    "rekeyed": "sync.remote_key.rekeyed",
}
"""``data.sync.sync_keys.RemoteKeyError``'s cases (an encrypted remote) and their words."""


def remote_key_words(exc: RemoteKeyError) -> str:
    return t(REMOTE_KEY_WORDS[exc.case], machine=exc.machine)


ERROR_KEYS: dict[tuple[str, str], str] = {
    ("git-missing", ""): "sync.error.git_missing",
    ("git-missing", "old"): "sync.error.git_old",
    ("not-initialised", ""): "sync.error.not_initialised",
    ("no-remote", ""): "sync.error.no_remote",
    ("no-remote", "empty"): "sync.error.remote_empty",
    ("offline", ""): "sync.error.offline",
    ("offline", "timeout"): "sync.error.offline_timeout",
    ("not-a-planner", "files"): "sync.error.foreign_files",
    ("not-a-planner", "branches"): "sync.error.foreign_branches",
    ("not-a-repository", ""): "sync.error.not_a_repository",
    ("conflict", ""): "sync.error.conflict",
    ("rejected", ""): "sync.error.rejected",
    ("busy", ""): "sync.error.busy",
    ("git-failed", ""): "sync.error.git_failed",
    ("git-failed", "timeout"): "sync.error.git_timeout",
}
"""The words for each situation the transport reports, by ``(reason, case)``."""


def describe_sync_error(exc: SyncError) -> str:
    """``exc`` on one line in the user's language: what failed, why and what to do. A
    situation without words here (a newer transport's) is shown as the transport said it."""
    key = ERROR_KEYS.get((exc.reason, exc.case))
    values = {name: visible(" ".join(value.split())) for name, value in exc.params.items()}
    if key is not None:
        words = t(key)  # the template: filled here, once its every value is known
        named = {name for _, name, _, _ in Formatter().parse(words) if name is not None}
        if named <= values.keys():
            return words.format(**values)
    return visible(" ".join(str(exc).split()))


def synced_words(report: SyncReport) -> str:
    """``Synced: 1 change sent, 0 received.``"""
    if not report.sent and not report.received:
        return t("sync.synced_nothing")
    key = "sync.synced_one" if report.sent == 1 else "sync.synced"
    return t(key, sent=report.sent, received=report.received)


def unknown_words(count: int) -> str:
    """Operations of a newer planner, kept until this one is upgraded."""
    return t("sync.unknown_ops_one" if count == 1 else "sync.unknown_ops", count=count)


def offline_words(report: SyncReport) -> str:
    """Why the remote could not be reached, worded here when the engine gave its error."""
    if report.offline_error is not None:
        return describe_sync_error(report.offline_error)
    return report.offline or ""


DATED_KINDS = ("day", "journal")
"""Records a user knows by their date (their id is derived from it)."""


def record_labels(store: FileStore, conflicts: Iterable[Conflict]) -> dict[str, str]:
    """The date of each day and journal entry ``conflicts`` name, by record id: a user
    knows "the journal of 2026-12-03", not its id. A record not found keeps its id."""
    labels: dict[str, str] = {}
    for conflict in conflicts:
        if conflict.kind not in DATED_KINDS or conflict.record in labels:
            continue
        located = store.locate(conflict.kind, conflict.record)
        found = getattr(located[0], "date", None) if located is not None else None
        if found is not None:
            labels[conflict.record] = found.isoformat()
    return labels
