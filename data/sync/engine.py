"""One sync, start to end: what ``planner sync`` and the app's sync key run (issue #14).

The order of a sync, and why (the git steps are ``data.sync.git_repo.SyncRepo``'s):

1. Hold planner's lock on the sync repository for the whole sync, so two syncs (the app's
   timer and a ``planner sync`` in a terminal) never interleave. Locks are always taken in
   one order, the repository's first and the data folder's inside it, never the reverse.
2. Commit this machine's own log (the data lock is held around ``git add`` only, so no
   half-appended line is committed).
3. Fetch, **without** the data lock: the network may take minutes, and every other process
   keeps writing meanwhile. Unreachable: everything stays as it is (``SyncReport.offline``);
   the next sync sends it all.
4. Integrate what was fetched into the sync work tree (never a file merge: each machine
   writes only its own log folder), then receive the other machines' new operations into the
   data files (``data.sync.receive.receive``) under the data lock.
5. Push, without the data lock (a push the remote refused as behind fetches and integrates
   again inside ``SyncRepo.push``); then receive once more what such a retry brought.

What this module keeps of its own is ``sync-local/status.json`` (never pushed): when the
last sync ended and how, and how far this machine's own log had been sent then.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data.files.atomic import remove_tree, write_atomic
from data.files.lock import locked
from data.store import FileStore
from data.sync import format_change, sync_keys
from data.sync.conflicts import ConflictBook
from data.sync.git_command import require_git
from data.sync.git_errors import SyncError, SyncOffline
from data.sync.git_repo import PUSH_ATTEMPTS, SyncRepo
from data.sync.oplog import LogReader, OwnLog, read_ops
from data.sync.outgoing import tick_stamp
from data.sync.paths import LOCAL, STATUS_FILE, sync_dir
from data.sync.receive import receive
from data.sync.snapshot import write_snapshot
from data.sync.state import current_machine, disable, enable, is_enabled
from planner.domain.clock import Clock
from planner.domain.errors import DataError
from planner.domain.sync.merge import BODY

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys


def local_key_id(local: dict[str, Any] | None) -> str | None:
    return None if local is None else str(local.get("key_id"))


class NotSyncing(SyncError):
    """``planner sync`` (or ``status``, ``leave``...) in a data folder that does not sync."""

    def __init__(self, root: Path) -> None:
        super().__init__(
            str(root), "does not sync", "run planner sync init REMOTE", reason="not-initialised"
        )


class AlreadySyncing(SyncError):
    """``planner sync init`` in a data folder that already syncs (``remote`` says where)."""

    def __init__(self, root: Path, remote: str) -> None:
        super().__init__(
            str(root),
            f"already syncs with {remote}",
            "run planner sync leave first to change the remote",
            reason="git-failed",
        )
        self.remote = remote


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did. ``offline`` says why the remote could not be reached: then what
    could not be sent stays here, and the next sync sends it."""

    sent: int
    """This machine's operations sent to the remote by this sync."""
    received: int
    """Other machines' operations applied to the data files."""
    conflicts: int
    """Edits made on two machines at once, decided by this sync (``ConflictBook``)."""
    unknown: int = 0
    """Operations of a newer planner, kept until this one is upgraded."""
    offline: str | None = None
    offline_error: SyncOffline | None = field(default=None, compare=False)
    """The error behind ``offline`` (its ``params``), for a caller that words it itself."""


@dataclass(frozen=True, slots=True)
class MachineStatus:
    """``planner sync status``: what a user asks before or after a sync. No network."""

    machine: str
    host: str
    """The name of the computer this machine id was made on."""
    remote: str | None
    last_sync: str | None
    """When the last sync that reached the remote ended (ISO 8601), or None."""
    offline_since: str | None
    """When a sync first failed to reach the remote, if no sync has reached it since."""
    ahead: int
    """Commits to send (as of the last fetch)."""
    behind: int
    """Commits fetched and not merged yet."""
    to_send: int
    """This machine's operations written since it last sent to the remote."""
    changed: int
    """Records changed here since the last sync (``to_send`` counted by record)."""
    conflicts: int


class SyncEngine:
    """Sync of the data folder of ``store`` (which this engine writes through, under its lock).

    ``clock`` gives the time a sync is recorded at. Not thread-safe: the app runs a sync in a
    worker thread on a store of its own (``FileStore`` is one-thread), and sees the result as
    it sees any other process's writes.
    """

    def __init__(
        self,
        store: FileStore,
        *,
        clock: Clock,
        repo: SyncRepo | None = None,
        passphrase: Callable[[], str] | None = None,
    ) -> None:
        self.store = store
        self.root = store.root
        self.clock = clock
        self.repo = repo or SyncRepo.for_data(self.root)
        self.passphrase = passphrase
        """Asked for the passphrase of an encrypted remote this plain folder joins (raises
        ``PassphraseUnavailable`` when there is none); None: never asked."""

    # -- the commands ----------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return is_enabled(self.root) and self.repo.initialised

    def machine(self) -> str:
        return machine_id_of(self.root)

    def init(self, remote: str) -> SyncReport:
        """Start syncing with ``remote``: empty, or holding other machines' planner.

        The remote's planner comes in and this folder's records are merged with it, never
        dropped: every existing record goes into this machine's log as a snapshot, so the
        merge sees it as this machine's edit. An unreachable remote leaves this machine set
        up, its records in its log (``offline`` says so); the first sync that reaches the
        remote does the rest.
        """
        require_git()
        if self.enabled:
            raise AlreadySyncing(self.root, self.repo.remote_url() or "?")
        had_local = (self.root / LOCAL).exists()
        machine = self.machine()
        had_sync = sync_dir(self.root).exists()
        offline: SyncOffline | None = None
        refused: SyncError | None = None
        with self._sync_lock():
            try:
                self.repo.init(remote, machine_id=machine)
            except SyncOffline as exc:
                offline = exc
            except SyncError as exc:
                # this folder's own (plain) history meets the same logs re-sealed on an
                # encrypted remote: git cannot merge them; joining starts the history afresh
                if not had_sync or exc.reason != "conflict" or sync_keys.local_keys(self.root):
                    raise
                refused = exc
        in_force = max(
            (p for p in (sync_keys.newest(self.root), sync_keys.newest_in_remote(self.repo)) if p),
            key=lambda p: p.stamp,
            default=None,
        )
        if refused is not None and in_force is None:
            raise refused
        try:
            if self._join_keys(machine, had_sync, in_force):
                with self._sync_lock():
                    self.repo.init(remote, machine_id=machine)  # afresh: no plain history
        except (DataError, SyncOffline):
            self._undo_init(had_sync, had_local)
            raise
        with self._sync_lock():
            with self.store.transaction():
                enable(self.root, machine)
                write_snapshot(self.store)
            if offline is not None:
                self._record(offline=True)
                return SyncReport(0, 0, 0, offline=_one_line(offline), offline_error=offline)
            return self.sync()

    def sync(self) -> SyncReport:
        """Send and receive: commit, fetch, integrate and receive, push (module docstring)."""
        require_git()
        if not self.enabled or format_change.pending(self.root):
            raise NotSyncing(self.root)
        machine = self.machine()
        sent_before = int(_status(self.root).get("sent_seq", 0))
        received = conflicts = unknown = 0
        with self._sync_lock():
            self.repo.recover()
            with locked(self.root):
                if self.store.keys is not None:
                    with self.store.transaction():
                        sync_keys.publish(self.root, machine, tick_stamp(self.store))
                committed_seq = OwnLog(self.root, machine).last_seq
                self.repo.commit_own(machine)
            try:
                self.repo.fetch()
                self.repo.integrate()
                self._check_keys(machine)
                received, conflicts, unknown = self._receive()
                self.repo.push(PUSH_ATTEMPTS)
            except SyncOffline as exc:
                self._record(offline=True)
                return SyncReport(
                    0, received, conflicts, unknown, offline=_one_line(exc), offline_error=exc
                )
            more = self._receive()
            self._record(offline=False, sent_seq=committed_seq)
        return SyncReport(
            max(committed_seq - sent_before, 0),
            received + more[0],
            conflicts + more[1],
            max(unknown, more[2]),
        )

    def status(self) -> MachineStatus:
        """Where this machine stands, from local files and refs only (no network)."""
        require_git()
        if not self.enabled:
            raise NotSyncing(self.root)
        identity = current_machine(self.root)
        machine = identity.id
        local = local_state(self.root, machine)
        repo = self.repo.status()
        return MachineStatus(
            machine=machine,
            host=identity.host,
            remote=repo.remote,
            last_sync=local.last_sync,
            offline_since=local.offline_since,
            ahead=repo.ahead,
            behind=repo.behind,
            to_send=local.to_send,
            changed=local.changed,
            conflicts=local.conflicts,
        )

    def leave(self) -> None:
        """Stop syncing this machine: the logs stay, the remote is untouched."""
        require_git()
        if not self.enabled:
            raise NotSyncing(self.root)
        with self._sync_lock():
            self.repo.leave()
            with self.store.transaction():
                disable(self.root)

    # -- encryption (issue 15) ---------------------------------------------------------------

    def _join_keys(
        self, machine: str, had_sync: bool, in_force: sync_keys.Published | None
    ) -> bool:
        """At ``init``: the remote's key file (``sync_keys``) and this folder's agree, or are
        made to. A plain folder joining an encrypted remote asks the passphrase, is
        encrypted with the remote's data key, its logs sealed and, when it synced before,
        its repository's history dropped (True: the repository must be set up again). An
        encrypted folder joining a plain remote publishes its key file at the first sync."""
        local = sync_keys.local_keys(self.root)
        keys = self.store.keys
        if keys is not None and format_change.pending(self.root) == "encrypt":
            # a join (or an encrypt) killed after the folder was sealed: its logs and the
            # repository's history are dealt with now, and the repository set up again
            format_change.finish(self.root, keys.sealer())
            return True
        if in_force is None or local is not None:
            if in_force is not None and keys is not None:
                if in_force.key_id != local_key_id(local):
                    raise sync_keys.RemoteKeyError(self.root, "other-key")
                sync_keys.take_newer(self.root, machine, keys.data_key.secret)
            if keys is not None:
                format_change.reformat_logs(self.root, keys.sealer())
            return False
        from data.crypto.errors import PassphraseUnavailable
        from data.crypto.folder import encrypt_folder
        from data.crypto.keyfile import KeyFile, unlock

        if self.passphrase is None:
            raise sync_keys.RemoteKeyError(self.root, "locked")
        try:
            passphrase = self.passphrase()
        except PassphraseUnavailable:
            raise sync_keys.RemoteKeyError(self.root, "locked") from None
        keyfile = KeyFile.from_json(
            in_force.keys_bytes(), str(sync_keys.path_of(self.root, in_force.machine))
        )
        joined = unlock(keyfile, passphrase)  # WrongPassphrase: nothing written yet
        format_change.begin(self.root, "encrypt")
        encrypt_folder(self.root, passphrase, created=self.clock(), adopt=(keyfile, joined))
        self.store = FileStore(
            self.root, clock=self.store.now, day_starts_at=self.store.day_starts_at, keys=joined
        )
        format_change.finish(self.root, joined.sealer(), drop_history=had_sync)
        return had_sync

    def _undo_init(self, had_sync: bool, had_local: bool) -> None:
        """A refused ``init`` leaves no repository behind (nor the remote's objects), nor
        the machine's id when it had none."""
        if not had_local:
            remove_tree(self.root / LOCAL)
        if not had_sync:
            remove_tree(sync_dir(self.root))
            return
        with contextlib.suppress(SyncError):
            self.repo.leave()

    def _check_keys(self, machine: str) -> None:
        """Before receiving and sending: a plain folder takes no part in an encrypted
        remote, an encrypted one takes the key file in force (another machine's
        ``planner passphrase``), and follows another machine's ``planner rekey`` with
        the passphrase (its folder re-sealed under the new data key)."""
        in_force = sync_keys.newest(self.root)
        keys = self.store.keys
        if in_force is None:
            return
        if keys is None:
            raise sync_keys.RemoteKeyError(self.root, "locked")
        try:
            sync_keys.take_newer(self.root, machine, keys.data_key.secret)
        except sync_keys.RemoteKeyError as exc:
            if exc.case != "rekeyed" or self.passphrase is None:
                raise
            self._follow_rekey(in_force, keys)

    def _follow_rekey(self, in_force: sync_keys.Published, keys: Keys) -> None:
        from data.crypto.errors import PassphraseUnavailable
        from data.crypto.folder import rekey_folder
        from data.crypto.keyfile import KeyFile, unlock

        assert self.passphrase is not None
        try:
            passphrase = self.passphrase()
        except PassphraseUnavailable:
            raise sync_keys.RemoteKeyError(self.root, "rekeyed", in_force.machine) from None
        keyfile = KeyFile.from_json(in_force.keys_bytes())
        new = unlock(keyfile, passphrase)
        rekey_folder(self.root, keys, passphrase, created=self.clock(), adopt=(keyfile, new))
        self.store = FileStore(
            self.root, clock=self.store.now, day_starts_at=self.store.day_starts_at, keys=new
        )

    # -- inside ----------------------------------------------------------------------------

    def _sync_lock(self) -> AbstractContextManager[None]:
        """planner's lock on the sync repository (``SyncRepo.session``: the one each git step
        takes, re-entrant within a thread), held for a whole sync, so the repository's config
        is read and a killed run's leftovers cleared once."""
        self.repo.git_dir.mkdir(parents=True, exist_ok=True)
        return self.repo.session()

    def _receive(self) -> tuple[int, int, int]:
        """Apply the other machines' new operations: (applied, conflicts still open among
        those found, unknown)."""
        with self.store.transaction():
            report = receive(self.store)
            still_open = self._settle_conflicts()
        found = sum(1 for conflict in report.conflicts if conflict.id in still_open)
        return report.applied, found, report.unknown

    def _settle_conflicts(self) -> set[str]:
        """Close each conflict whose losing value holds again (reversed on another machine,
        or set again there by hand): what it decided no longer stands, and listing it would
        offer to bring back what is already there. The ids still open."""
        book = ConflictBook(self.root)
        still_open: set[str] = set()
        for conflict in book.list():
            located = (
                None
                if conflict.field == BODY
                else self.store.locate(conflict.kind, conflict.record)
            )
            if located is not None and located[0].to_dict().get(conflict.field) == conflict.loser:
                book.forget(conflict.id)
            else:
                still_open.add(conflict.id)
        return still_open

    # -- status.json -----------------------------------------------------------------------

    def _record(self, *, offline: bool, sent_seq: int | None = None) -> None:
        saved = _status(self.root)
        now = self.clock().isoformat(timespec="seconds")
        if offline:
            saved["offline_since"] = saved.get("offline_since") or now
        else:
            saved.pop("offline_since", None)
            saved["last_sync"] = now
        if sent_seq is not None:
            saved["sent_seq"] = sent_seq
        folder = self.root / LOCAL
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / STATUS_FILE, json.dumps(saved, indent=2, sort_keys=True) + "\n")


def machine_id_of(root: Path) -> str:
    """This machine's id (a data folder copied from another machine gets its own)."""
    return current_machine(root).id


@dataclass(frozen=True, slots=True)
class LocalState:
    """What the app's header shows, read from this machine's files alone: no git, no store."""

    last_sync: str | None
    offline_since: str | None
    to_send: int
    changed: int
    conflicts: int


def local_state(root: Path, machine: str) -> LocalState:
    """This machine's sync state from its own files (``status.json``, its log, conflicts)."""
    saved = _status(root)
    sent = int(saved.get("sent_seq", 0))
    pending = [
        (line.op.kind, line.op.record)
        for line in read_ops(root, machine, sent, LogReader(open_values=False))
        if line.op is not None and line.op.seq > sent
    ]
    return LocalState(
        last_sync=saved.get("last_sync"),
        offline_since=saved.get("offline_since"),
        to_send=len(pending),
        changed=len(set(pending)),
        conflicts=ConflictBook(root).count(),
    )


def _one_line(exc: SyncError) -> str:
    """The transport's words for an unreachable remote, on one line."""
    return " ".join(f"{exc.what} {exc.why}".split())


def _status(root: Path) -> dict[str, Any]:
    """``status.json`` as saved; a missing or unreadable one is an empty record (it holds
    nothing a sync cannot find again: at worst the counts to send are too large once)."""
    try:
        value = json.loads((root / LOCAL / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
