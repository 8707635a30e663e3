"""The app's side of sync (issue #14): what its header shows and what its sync key runs.

A sync runs in a worker thread (the app never waits on the network), on a store of its own:
``FileStore`` is one-thread, and the app's store then sees what the sync received as it sees
any other process's writes. ``FolderSync`` is the real thing; tests give the app a fake with
the same methods (``AppSync``).

An encrypted folder whose key another machine changed (``planner rekey`` there) can only
follow with the passphrase: the sync then ends asking for it (``SyncDone.asks``), the app
shows a password dialog, and the sync is run again with the passphrase, which the worker
derives the new key from (never the UI thread); the keys it ends with go back to the app
(``SyncDone.keys``). Until then the header says ``needs passphrase``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from planner.domain.clock import Clock
from planner.domain.errors import DataError, NotFoundError
from planner.domain.ids import short
from planner.i18n.errors import describe_error
from planner.i18n.translate import t
from planner.shell.sync_words import (
    describe_sync_error,
    record_labels,
    remote_key_words,
    synced_words,
    unknown_words,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from data.crypto.keyfile import Keys
    from data.store import FileStore

Severity = Literal["information", "warning", "error"]


def _no_keys() -> Keys | None:
    return None


@dataclass(frozen=True, slots=True)
class SyncState:
    """The header's sync part. Not ``enabled``: the header says nothing of sync."""

    enabled: bool = False
    syncing: bool = False
    offline: bool = False
    to_send: int = 0
    conflicts: int = 0
    needs_passphrase: bool = False
    """Another machine changed the data key: the next sync needs the passphrase."""

    def label(self) -> str:
        """``synced``, ``3 to send``, ``offline · 3 to send``, ``conflicts: 1``, ``syncing…``,
        ``needs passphrase``."""
        if not self.enabled:
            return ""
        parts: list[str] = []
        if self.syncing:
            parts.append(t("sync.header_syncing"))
        elif self.needs_passphrase:
            parts.append(t("sync.header_needs_passphrase"))
        elif self.offline:
            parts.append(t("sync.header_offline"))
        if self.to_send and not self.syncing:
            parts.append(t("sync.header_to_send", count=self.to_send))
        if self.conflicts:
            parts.append(t("sync.header_conflicts", count=self.conflicts))
        return " · ".join(parts) or t("sync.header_synced")

    @property
    def alert(self) -> bool:
        """Shown in the header's alert colour."""
        return self.offline or self.needs_passphrase or bool(self.conflicts)

    def busy(self) -> SyncState:
        return replace(self, syncing=True)


@dataclass(frozen=True, slots=True)
class SyncDone:
    """What a sync in the app ended with: the new state, and a notice (empty: none)."""

    state: SyncState
    notice: str = ""
    severity: Severity = "information"
    received: int = 0
    asks: str = ""
    """The machine whose ``planner rekey`` this sync can follow only with the passphrase
    (empty: nothing asked); the app asks it and syncs again."""
    wrong: bool = False
    """The passphrase given was not the one (asked again)."""
    keys: Keys | None = None
    """The folder's keys when this sync changed them (it followed a rekey)."""


class AppSync(Protocol):
    """What the app asks of sync; both methods run in a worker thread."""

    def state(self) -> SyncState:
        """The header's state, from local files (no network)."""
        ...

    def sync(self, passphrase: str | None = None) -> SyncDone:
        """Send and receive now; never raises (a failure is the notice). ``passphrase``:
        to follow another machine's rekey (asked after a sync ended with ``asks``)."""
        ...

    def conflicts(self, *, privacy: bool, width: int = 80) -> list[tuple[str, str]]:
        """The open conflicts as (id, their words: lines of at most ``width`` cells), oldest
        first (local files)."""
        ...

    def reverse(self, conflict_id: str, *, privacy: bool) -> tuple[str, Severity]:
        """Bring back the value that was not kept (a local write); what was done, worded."""
        ...


class FolderSync:
    """Sync of the data folder ``root``, each call on a store opened for it (``sync`` in a
    worker thread, the others on the app's thread: they read and write little)."""

    def __init__(
        self,
        root: Path,
        *,
        clock: Clock,
        day_starts_at: time,
        keys: Callable[[], Keys | None] | None = None,
    ) -> None:
        self.root = root
        self.clock = clock
        self.day_starts_at = day_starts_at
        self.keys = keys or _no_keys
        """An encrypted folder's keys as the app holds them now (None: plain, or locked)."""

    def _store(self) -> FileStore:
        from data.store import FileStore

        return FileStore(
            self.root, clock=self.clock, day_starts_at=self.day_starts_at, keys=self.keys()
        )

    def state(self) -> SyncState:
        from data.sync.engine import local_state, machine_id_of
        from data.sync.state import is_enabled

        try:
            if not is_enabled(self.root):
                return SyncState()
            machine = machine_id_of(self.root)
            local = local_state(self.root, machine)
            asks = _rekeyed_elsewhere(self.root, machine)
        except (DataError, OSError):
            return SyncState(enabled=True)
        return SyncState(
            enabled=True,
            offline=local.offline_since is not None,
            to_send=local.to_send,
            conflicts=local.conflicts,
            needs_passphrase=asks is not None,
        )

    def sync(self, passphrase: str | None = None) -> SyncDone:
        from data.crypto.errors import WrongPassphrase
        from data.sync.engine import NotSyncing, SyncEngine
        from data.sync.git_errors import SyncError
        from data.sync.sync_keys import RemoteKeyError

        given = None if passphrase is None else (lambda: passphrase)
        try:
            store = self._store()
            held = store.keys
            engine = SyncEngine(store, clock=self.clock, passphrase=given)
            report = engine.sync()
        except NotSyncing:
            return SyncDone(SyncState(), t("sync.app_not_enabled"), "warning")
        except RemoteKeyError as exc:
            if exc.case == "rekeyed" and passphrase is None:
                return SyncDone(self.state(), asks=exc.machine or "?")
            return SyncDone(self.state(), t("sync.failed", reason=remote_key_words(exc)), "error")
        except WrongPassphrase:
            return SyncDone(self.state(), asks=_rekeyed_elsewhere(self.root) or "?", wrong=True)
        except SyncError as exc:
            reason = describe_sync_error(exc)
            if exc.reason == "git-missing":
                return SyncDone(self.state(), t("sync.no_git", reason=reason), "error")
            return SyncDone(self.state(), t("sync.failed", reason=reason), "error")
        except (DataError, OSError) as exc:
            return SyncDone(self.state(), t("sync.failed", reason=str(exc)), "error")
        state = self.state()
        if report.offline is not None:
            return SyncDone(state, t("sync.app_offline"), "warning")
        notice = synced_words(report)
        if report.conflicts:
            notice += "\n" + t("sync.app_new_conflicts", count=report.conflicts)
        if report.unknown:
            notice += "\n" + unknown_words(report.unknown)
        new_keys = engine.store.keys
        if new_keys is not None and (
            held is None or new_keys.data_key.key_id != held.data_key.key_id
        ):
            notice = t("sync.app_new_key") + "\n" + notice
        else:
            new_keys = None
        severity: Severity = "warning" if report.conflicts or report.unknown else "information"
        return SyncDone(state, notice, severity, report.received, keys=new_keys)

    def conflicts(self, *, privacy: bool, width: int = 80) -> list[tuple[str, str]]:
        # Sync's merge rules and words load when asked, not at every start-up.
        from data.sync.conflicts import ConflictBook
        from data.sync.engine import machine_id_of
        from planner.i18n.conflicts import conflict_line

        tz = self.clock().tzinfo
        assert tz is not None
        here = machine_id_of(self.root)
        conflicts = ConflictBook(self.root).list()
        labels = record_labels(self._store(), conflicts)
        return [
            (
                conflict.id,
                conflict_line(
                    conflict,
                    tz,
                    privacy=privacy,
                    here=here,
                    width=width,
                    label=labels.get(conflict.record),
                ),
            )
            for conflict in conflicts
        ]

    def reverse(self, conflict_id: str, *, privacy: bool) -> tuple[str, Severity]:
        from data.sync.conflicts import BodyConflictError, ConflictBook
        from planner.domain.sync.merge import BODY
        from planner.i18n.conflicts import reversed_words

        book = ConflictBook(self.root)
        label: str | None = None
        try:
            conflict = book.get(conflict_id)
            store = self._store()
            label = record_labels(store, [conflict]).get(conflict.record)
            if conflict.field == BODY:
                raise BodyConflictError(conflict.id)
            book.reverse(conflict.id, store)
        except BodyConflictError:
            record = label or short(conflict.record)
            return t("sync.body_conflict", record=record), "warning"
        except NotFoundError as exc:
            return describe_error(exc), "warning"
        except (DataError, OSError) as exc:
            return t("sync.failed", reason=str(exc)), "error"
        return reversed_words(conflict, privacy=privacy, label=label), "information"


def _rekeyed_elsewhere(root: Path, machine: str | None = None) -> str | None:
    """``data.sync.sync_keys.rekeyed_elsewhere`` for this machine (None: plain, or none)."""
    from data.sync.engine import machine_id_of
    from data.sync.sync_keys import rekeyed_elsewhere

    return rekeyed_elsewhere(root, machine or machine_id_of(root))
