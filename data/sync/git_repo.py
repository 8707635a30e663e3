"""The sync repository ``<data>/sync``: a git work tree that carries the machines' logs.

Its work tree only ever holds ``ops/<machine-id>/*.jsonl`` (each machine writes only its own
folder) and ``manifest.json``; no ``.gitignore``: planner adds its own paths by name and
nothing else. So a merge never has two sides changing one file (``manifest.json`` aside,
which must be the same bytes on every machine), and is always clean.

A sync (``SyncRepo.sync``) is, holding planner's lock on the repository (``.git/.lock``;
never the data folder's lock while the network is used):

1. ``recover``: clear what a killed step left (``data.sync.git_leftovers``);
2. ``commit_own``: commit this machine's folder and the manifest if they changed;
3. ``fetch``: bring ``origin/main`` (an unreachable remote raises ``SyncOffline``; the
   commit of step 2 stays and the next sync sends it);
4. ``integrate``: merge ``origin/main`` into ``main`` (or, on a machine with no commit
   yet, take it as ``main``); a conflict git reports anyway is aborted and raised;
5. ``push``: send ``main``; when the remote moved meanwhile, fetch, integrate, push again.

Applying the received logs to the data files is the caller's next step (``data.sync``'s
receiving side), done under the data lock once the network is no longer in use.

Every git command runs through ``data.sync.git_command.run_git`` (no hooks, no prompt,
``LC_ALL=C``, timeouts). A kill at any moment leaves the repository usable: every step is
either one git command that git itself makes atomic, or is re-done from the start by the
next run, and ``recover`` clears the rest.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from data.files.lock import locked
from data.sync.git_command import (
    LOCAL_TIMEOUT,
    NETWORK_TIMEOUT,
    GitResult,
    failure,
    require_git,
    run_git,
)
from data.sync.git_errors import SyncError as SyncError
from data.sync.git_errors import SyncOffline as SyncOffline
from data.sync.git_leftovers import STALE_AFTER, clear_remote_lock, clear_stale_locks

BRANCH = "main"
LOCAL_REF = "refs/heads/main"
REMOTE = "origin"
REMOTE_REF = "refs/remotes/origin/main"
OPS = "ops"
MANIFEST = "manifest.json"
PUSH_ATTEMPTS = 4
"""Pushes tried when other machines keep pushing in between (each retry fetches first)."""

MACHINE_KEY = "planner.machine"
"""The repository's own config key naming the machine whose folder this clone writes."""

_MACHINE = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_REMOTE_LOCK = re.compile(r"Unable to create '([^']+\.lock)': File exists")
_BEHIND = ("fetch first", "non-fast-forward", "stale info")

Integrated = Literal["no-remote-main", "up-to-date", "fast-forward", "merged", "adopted"]
"""What ``integrate`` did: the remote has no ``main`` yet (an empty remote), ours already
holds it, ``main`` moved forward to it, a merge commit joined both, or a machine with no
commit of its own took the remote's ``main`` as its own."""


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit ``commit_own`` made."""

    sha: str
    lines_added: int
    """Lines added to this machine's logs: the operations this commit carries."""
    files: int


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The repository's state, read locally (no network): as of the last fetch."""

    machine: str | None
    remote: str | None
    """The remote's address; None once ``leave`` removed it."""
    branch: str
    ahead: int
    """Commits of ours the remote does not have yet (to send)."""
    behind: int
    """Commits fetched from the remote and not merged yet."""
    last_commit: datetime | None
    """When ``main``'s newest commit was made (UTC); None before the first."""
    last_fetch: datetime | None
    """When the remote was last reached (UTC); None if it never was."""
    uncommitted: int
    """Files of this machine's folder (and the manifest) changed since its last commit."""


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one ``sync`` did."""

    committed: Commit | None
    received: Integrated
    sent: bool
    recovered: tuple[str, ...]
    """Leftovers of a killed run that were cleared first (for a log line)."""


def normalise_remote(remote: str) -> str:
    """A local path made absolute (git runs inside the sync folder, not where the user typed
    it); a URL (``ssh://``, ``https://``, ``file://``) or scp-like ``host:path`` as given."""
    text = remote.strip()
    if not text:
        raise SyncError(
            "the remote", "is empty", "give a path or a git URL", reason="no-remote", case="empty"
        )
    if "://" in text or (re.match(r"^[^/\\]{2,}:", text) and not os.path.isabs(text)):
        return text
    return str(Path(text).expanduser().resolve())


class SyncRepo:
    """The git repository of one data folder's ``sync`` folder.

    ``path`` is the work tree (``<data>/sync``). ``data_lock`` is held around ``git add``
    so it never reads a log line the store is appending (``for_data`` passes the data
    folder's lock); it is never held while the network is used.
    """

    def __init__(
        self,
        path: Path,
        *,
        git: str = "git",
        data_lock: Callable[[], AbstractContextManager[object]] | None = None,
        local_timeout: float = LOCAL_TIMEOUT,
        network_timeout: float = NETWORK_TIMEOUT,
        stale_after: float = STALE_AFTER,
    ) -> None:
        self.path = Path(os.path.abspath(path))
        self.git_dir = self.path / ".git"
        self.git = git
        self._data_lock = data_lock
        self.local_timeout = local_timeout
        self.network_timeout = network_timeout
        self.stale_after = stale_after
        self._depth = 0
        """Nesting of ``session`` in this thread (a ``SyncRepo`` is used by one thread)."""
        self._settings_cache: dict[str, str] | None = None
        self._recovered: list[str] | None = None

    @classmethod
    def for_data(cls, data_dir: Path, *, git: str = "git", **options: float) -> SyncRepo:
        """The sync repository of a data folder, holding its lock around ``git add``."""
        root = Path(os.path.abspath(data_dir))
        return cls(root / "sync", git=git, data_lock=lambda: locked(root), **options)

    # -- reading ---------------------------------------------------------------------------

    @property
    def initialised(self) -> bool:
        """Whether ``init`` made this folder a git repository."""
        return (self.git_dir / "HEAD").is_file()

    def machine_id(self) -> str | None:
        """The machine this clone writes for (recorded by ``init``)."""
        return self._config(MACHINE_KEY) if self.initialised else None

    def remote_url(self) -> str | None:
        """The remote's address, or None (never set, or ``leave`` removed it)."""
        return self._config(f"remote.{REMOTE}.url") if self.initialised else None

    def status(self) -> SyncStatus:
        """Where this machine stands, without touching the network or any lock."""
        self._require_repo()
        refs = self._refs()
        local, remote = refs.get(LOCAL_REF), refs.get(REMOTE_REF)
        ahead = behind = 0
        if local and remote:
            counts = self._git("rev-list", "--left-right", "--count", f"{local}...{remote}")
            ahead, behind = (int(n) for n in counts.out.split())
        elif local:
            ahead = int(self._git("rev-list", "--count", local).out)
        elif remote:
            behind = int(self._git("rev-list", "--count", remote).out)
        last_commit = None
        if local:
            stamp = self._git("log", "-1", "--format=%ct", local).out.strip()
            last_commit = datetime.fromtimestamp(int(stamp), UTC)
        fetch_head = self.git_dir / "FETCH_HEAD"
        last_fetch = (
            datetime.fromtimestamp(fetch_head.stat().st_mtime, UTC) if fetch_head.exists() else None
        )
        machine = self.machine_id()
        uncommitted = 0
        if machine:
            changed = self._git(
                "status",
                "--porcelain",
                "-z",
                "-uall",
                "--no-renames",
                "--",
                f"{OPS}/{machine}",
                MANIFEST,
            )
            uncommitted = len([e for e in changed.out.split("\0") if e])
        branch = self._git("symbolic-ref", "--short", "-q", "HEAD", check=False).out.strip()
        return SyncStatus(
            machine=machine,
            remote=self.remote_url(),
            branch=branch or BRANCH,
            ahead=ahead,
            behind=behind,
            last_commit=last_commit,
            last_fetch=last_fetch,
            uncommitted=uncommitted,
        )

    # -- setting up and leaving -------------------------------------------------------------

    def init(self, remote: str, *, machine_id: str) -> Integrated:
        """Make the sync folder a repository on ``main`` with ``remote`` as ``origin``.

        An empty remote: nothing more (the first ``sync`` pushes). A remote already holding a
        planner: its ``main`` is fetched and checked out, this machine's own files (if any)
        staying as they are for the next commit. Running it again changes the remote.
        An unreachable remote raises ``SyncOffline`` once the repository is set up: the first
        sync that reaches it does the rest.
        """
        require_git(self.git)
        _check_machine(machine_id)
        url = normalise_remote(remote)
        self.git_dir.mkdir(parents=True, exist_ok=True)  # for the lock; git init fills it
        with self.session():
            clear_stale_locks(self.git_dir, self.stale_after)
            self._git("init", "-q")  # again too: it completes a repository a kill cut short
            self._note_machine(machine_id)
            self._ready()
            if LOCAL_REF not in self._refs():
                self._git("symbolic-ref", "HEAD", LOCAL_REF)
            self._set_identity(machine_id)
            if self.remote_url() is None:
                self._set_config("remote", "add", REMOTE, url)
            elif self.remote_url() != url:
                self._set_config("remote", "set-url", REMOTE, url)
            self.fetch()
            return self.integrate()

    def leave(self) -> bool:
        """Stop syncing: remove the remote from this repository's config (and its
        remote-tracking refs). The logs, the commits and the remote itself are untouched.
        False when there was no remote."""
        self._require_repo()
        with self.session():
            self._ready()
            if self.remote_url() is None:
                return False
            self._set_config("remote", "remove", REMOTE)
            return True

    # -- the steps of a sync ------------------------------------------------------------------

    def sync(self, machine_id: str) -> SyncOutcome:
        """Commit, fetch, integrate, push (the module's docstring); ``SyncOffline`` when the
        remote cannot be reached, after this machine's changes are committed."""
        require_git(self.git)
        self._require_repo()
        _check_machine(machine_id)
        with self.session():
            self._note_machine(machine_id)
            recovered = tuple(self._ready())
            committed = self.commit_own(machine_id)
            self.fetch()
            received = self.integrate()
            sent = self.push()
            return SyncOutcome(committed, received, sent, recovered)

    def recover(self) -> list[str]:
        """Clear what a killed git step left (``data.sync.git_leftovers``); say what. Every
        step does this first, once per call; this is for a caller that wants it alone."""
        self._require_repo()
        with self.session():
            return list(self._ready())

    def commit_own(self, machine_id: str) -> Commit | None:
        """Commit ``ops/<machine_id>/`` and ``manifest.json`` if anything there changed;
        None when nothing did. The message names the machine and the lines added."""
        _check_machine(machine_id)
        self._require_repo()
        with self.session():
            self._note_machine(machine_id)
            self._ready()
            own = f"{OPS}/{machine_id}"
            paths = [p for p in (own, MANIFEST) if (self.path / p).exists() or self._tracked(p)]
            if not paths:
                return None
            with self._data_lock() if self._data_lock else nullcontext():
                self._git("add", "-A", "-f", "--", *paths)
            added = files = 0
            numstat = self._git("diff", "--cached", "--numstat", "-z", "--no-renames").out
            for entry in numstat.split("\0"):
                if entry:
                    files += 1
                    count = entry.split("\t", 1)[0]
                    added += int(count) if count.isdigit() else 0
            if files == 0:
                return None
            noun = "line" if added == 1 else "lines"
            message = f"{machine_id}: {added} {noun} of operations in {files} file(s)"
            self._git("commit", "-q", "--no-verify", "--no-gpg-sign", "-m", message)
            return Commit(self._refs()[LOCAL_REF], added, files)

    def fetch(self) -> bool:
        """Bring the remote's branches into ``refs/remotes/origin/``; whether it has a
        ``main``. ``SyncOffline`` when it cannot be reached; ``SyncError`` (reason
        ``not-a-repository``) when it is a folder here that is not a git repository."""
        self._require_remote()
        with self.session():
            self._ready()
            try:
                self._git(
                    "fetch",
                    "--no-tags",
                    "--prune",
                    "--quiet",
                    REMOTE,
                    f"+refs/heads/*:refs/remotes/{REMOTE}/*",
                    network=True,
                )
            except SyncOffline:
                self._refuse_plain_folder()
                raise
            return REMOTE_REF in self._refs()

    def _refuse_plain_folder(self) -> None:
        """A remote that is a folder on this machine, there, but no repository: not offline
        (it would stay so forever) but a remote to make."""
        url = (self.remote_url() or "").removeprefix("file://")
        folder = Path(url)
        if not folder.is_absolute() or not folder.is_dir():
            return
        if (folder / "HEAD").is_file() or (folder / ".git").exists():
            return
        raise SyncError(
            url,
            "is a folder but not a git repository",
            f"make it one with: git init --bare {url}",
            reason="not-a-repository",
            params={"remote": url},
        )

    def integrate(self) -> Integrated:
        """Merge the fetched ``origin/main`` into ``main`` (see ``Integrated``). git never
        has to merge a file here; if it reports a conflict anyway, the merge is aborted (no
        conflict markers are left) and ``SyncError`` (reason ``conflict``) names the files."""
        self._require_repo()
        with self.session():
            self._ready()
            refs = self._refs()
            remote = refs.get(REMOTE_REF)
            if remote is None:
                self._refuse_foreign_branches()
                return "no-remote-main"
            self._refuse_foreign_tree(remote)
            local = refs.get(LOCAL_REF)
            if local is None:
                self._adopt(remote)
                return "adopted"
            if local == remote or self._is_ancestor(remote, local):
                return "up-to-date"
            forward = self._is_ancestor(local, remote)
            merged = self._merge()
            for _ in range(3):  # git names one kind of blocking file at a time
                if merged.ok or not self._clear_blocking(merged):
                    break
                merged = self._merge()
            if not merged.ok:
                self._merge_failed(merged)
            return "fast-forward" if forward else "merged"

    def push(self, attempts: int = PUSH_ATTEMPTS) -> bool:
        """Send ``main`` to the remote; False when it already had everything. When another
        machine pushed meanwhile, fetch, integrate and try again (``attempts`` in all)."""
        self._require_remote()
        with self.session():
            self._ready()
            for _ in range(attempts):
                refs = self._refs()
                local, remote = refs.get(LOCAL_REF), refs.get(REMOTE_REF)
                if local is None:
                    return False
                if remote is not None and (remote == local or self._is_ancestor(local, remote)):
                    return False
                pushed = self._git(
                    "push",
                    "--porcelain",
                    "--no-verify",
                    REMOTE,
                    f"{LOCAL_REF}:{LOCAL_REF}",
                    network=True,
                    check=False,
                )
                if pushed.ok:
                    return True
                if self._pushed_behind(pushed):
                    self.fetch()
                    self.integrate()
                    continue
                if self._cleared_remote_lock(pushed):
                    continue
                raise self._push_error(pushed)
            raise SyncError(
                self.remote_url() or "the remote",
                f"kept changing while this machine sent its changes ({attempts} attempts)",
                "sync again in a moment",
                reason="busy",
                params={"remote": self.remote_url() or "", "attempts": attempts},
            )

    # -- inside -------------------------------------------------------------------------------

    def _git(
        self, *args: str, network: bool = False, check: bool = True, stdin: bytes | None = None
    ) -> GitResult:
        timeout = self.network_timeout if network else self.local_timeout
        return run_git(
            self.path,
            args,
            git=self.git,
            network=network,
            ssh_configured=self._config("core.sshCommand") is not None if network else None,
            timeout=timeout,
            check=check,
            stdin=stdin,
        )

    @contextmanager
    def session(self) -> Iterator[None]:
        """Hold planner's own lock on the repository (``.git/.lock``, re-entrant within a
        thread), so two planner processes (the app's timer and a ``planner sync``) never run
        git here at once. Every step opens one; a caller running several steps in a row
        opens one around them all, so the config is read and ``recover`` runs only once."""
        with locked(self.git_dir, timeout=self.network_timeout * PUSH_ATTEMPTS + 30):
            outermost = self._depth == 0
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if outermost:
                    self._settings_cache = None
                    self._recovered = None

    def _ready(self) -> list[str]:
        """Recover from a killed run, once per outermost session; what was cleared."""
        if self._recovered is None:
            self._recovered = self._recover()
        return self._recovered

    def _recover(self) -> list[str]:
        done: list[str] = []
        cut_short = False
        for path in clear_stale_locks(self.git_dir, self.stale_after):
            done.append(f"removed the stale lock {path.relative_to(self.git_dir)}")
            cut_short |= path.name == "index.lock"
        if (self.git_dir / "MERGE_HEAD").exists():
            self._abort_merge()
            done.append("aborted a half-done merge")
        if LOCAL_REF not in self._refs():
            return done  # nothing committed yet: the next adopt or commit starts afresh
        changes = self._changes()
        if any(code[0] not in " ?" for code, _ in changes):
            self._git("reset", "-q", "--mixed", "HEAD")
            done.append("unstaged changes a killed commit had staged")
            changes = self._changes()
        machine = self.machine_id()
        if machine:
            done += self._restore_other_folders(machine, changes, cut_short)
        return done

    def _changes(self) -> list[tuple[str, str]]:
        """(status code, path) of every file that differs from ``HEAD`` or is untracked."""
        listed = self._git("status", "--porcelain", "-z", "-uall", "--no-renames").out
        return [(entry[:2], entry[3:]) for entry in listed.split("\0") if len(entry) > 3]

    def _refs(self) -> dict[str, str]:
        """``main`` and ``origin/main`` (those that exist) and their commits, in one call."""
        listed = self._git(
            "for-each-ref", "--format=%(refname) %(objectname)", LOCAL_REF, REMOTE_REF
        )
        return dict(line.split(" ", 1) for line in listed.out.splitlines() if " " in line)

    def _require_repo(self) -> None:
        if not self.initialised:
            raise SyncError(
                str(self.path),
                "is not a sync repository",
                "run planner sync init REMOTE first",
                reason="not-initialised",
                params={"folder": self.path},
            )

    def _require_remote(self) -> None:
        self._require_repo()
        if self.remote_url() is None:
            raise SyncError(
                str(self.path),
                "has no remote (sync was left or never set up)",
                "run planner sync init REMOTE",
                reason="no-remote",
                params={"folder": self.path},
            )

    def _config(self, key: str) -> str | None:
        """A config value (every scope); read once per session."""
        if self._depth == 0:
            found = self._git("config", "--get", key, check=False)
            return found.out.strip() or None if found.ok else None
        if self._settings_cache is None:
            listed = self._git("config", "--list", "-z", check=False).out
            pairs = (entry.partition("\n") for entry in listed.split("\0") if entry)
            self._settings_cache = {name.lower(): value for name, _, value in pairs}
        return self._settings_cache.get(key.lower()) or None

    def _set_config(self, *args: str) -> None:
        """``git config ...`` or ``git remote ...``: a change, so the session reads anew."""
        if args[0] == "remote":
            self._git(*args)
        else:
            self._git("config", "--local", *args)
        self._settings_cache = None

    def _is_ancestor(self, older: str, newer: str) -> bool:
        return self._git("merge-base", "--is-ancestor", older, newer, check=False).ok

    def _tracked(self, path: str) -> bool:
        return bool(self._git("ls-files", "-z", "--", path).out)

    def _note_machine(self, machine_id: str) -> None:
        """Record which machine this clone writes for, before anything looks at whose folder
        is whose: a data folder copied to another machine gets a new id (the caller's), and
        recovery must then keep the new id's folder as its own."""
        if self.machine_id() != machine_id:
            self._set_config(MACHINE_KEY, machine_id)

    def _set_identity(self, machine_id: str) -> None:
        """A commit identity inside this repository for whatever the user has not set."""
        wanted = (("user.name", "planner"), ("user.email", f"planner@{machine_id}.invalid"))
        for key, value in wanted:
            if self._config(key) is None:
                self._set_config(key, value)

    def _abort_merge(self) -> None:
        if self._git("merge", "--abort", check=False).ok:
            return
        self._git("reset", "-q", "--merge")
        for name in ("MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE"):
            (self.git_dir / name).unlink(missing_ok=True)

    def _restore_other_folders(
        self, machine: str, changes: list[tuple[str, str]], cut_short: bool
    ) -> list[str]:
        """Put back the committed log files of other machines that are missing here (the
        receiving side reads them from the work tree). When a git step was killed holding
        the index (``cut_short``: a merge's checkout, maybe, that wrote some files and not
        the rest), also put back those that differ from ``HEAD`` and remove the untracked
        ones the remote's ``main`` brings: a merge refuses to overwrite either. This
        machine's own folder is never touched, nor a file the remote does not have."""
        own = f"{OPS}/{machine}/"
        others = [(code, name) for code, name in changes if name.startswith(f"{OPS}/")]
        others = [(code, name) for code, name in others if not name.startswith(own)]
        if not cut_short:
            others = [(code, name) for code, name in others if code == " D"]
        incoming: set[str] = set()
        if any(code == "??" for code, _ in others) and REMOTE_REF in self._refs():
            listed = self._git("ls-tree", "-r", "--name-only", "-z", REMOTE_REF, "--", OPS)
            incoming = {name for name in listed.out.split("\0") if name}
        restore: list[str] = []
        removed = 0
        for code, name in others:
            if code != "??":
                restore.append(name)
            elif name in incoming:
                (self.path / name).unlink(missing_ok=True)
                removed += 1
        if restore:
            self._git("checkout", "-q", "HEAD", "--", *restore)
        done = []
        if restore:
            done.append(f"restored {len(restore)} file(s) of other machines")
        if removed:
            done.append(f"removed {removed} file(s) a killed checkout left")
        return done

    def _adopt(self, remote: str) -> None:
        """Take the remote's ``main`` as ours (a machine with no commit yet): index first,
        then the files (this machine's own kept where it has them), the branch last, so a kill
        in between leaves ``main`` unborn and the next run adopts again."""
        machine = self.machine_id()
        own = f"{OPS}/{machine}/" if machine else None
        self._git("read-tree", remote)
        names = [n for n in self._git("ls-files", "-z").out.split("\0") if n]
        theirs = [
            n for n in names if own is None or not n.startswith(own) or not (self.path / n).exists()
        ]
        if theirs:
            listing = "".join(f"{n}\0" for n in theirs).encode("utf-8", "surrogateescape")
            self._git("checkout-index", "-f", "-z", "--stdin", stdin=listing)
        self._git("update-ref", LOCAL_REF, remote)

    def _merge(self) -> GitResult:
        machine = self.machine_id() or "?"
        return self._git(
            "merge",
            "--ff",
            "--no-edit",
            "--no-gpg-sign",
            "--allow-unrelated-histories",
            "-q",
            "-m",
            f"{machine}: receive the other machines' logs",
            REMOTE_REF,
            check=False,
        )

    def _clear_blocking(self, merged: GitResult) -> bool:
        """When git refused to merge because files here would be overwritten (what a kill
        in a checkout leaves, if an earlier run did not clear it), put back those of other
        machines' folders (committed ones from ``HEAD``, others removed: the merge brings
        them); True if any was. This machine's files and the manifest are never touched."""
        machine = self.machine_id()
        if machine is None:
            return False
        own = f"{OPS}/{machine}/"
        named: list[str] = []
        listing = False
        for line in (merged.err + "\n" + merged.out).splitlines():
            if "would be overwritten by merge" in line:
                listing = True
            elif listing and line.startswith("\t"):
                named.append(line.strip())
            else:
                listing = False
        blocking = [n for n in named if n.startswith(f"{OPS}/") and not n.startswith(own)]
        if not blocking:
            return False
        tracked = {n for n in self._git("ls-files", "-z", "--", *blocking).out.split("\0") if n}
        for name in blocking:
            if name not in tracked:
                (self.path / name).unlink(missing_ok=True)
        if tracked:
            self._git("checkout", "-q", "HEAD", "--", *sorted(tracked))
        return True

    def _merge_failed(self, merged: GitResult) -> None:
        conflicted = [
            n
            for n in self._git(
                "diff", "--name-only", "--diff-filter=U", "-z", check=False
            ).out.split("\0")
            if n
        ]
        if (self.git_dir / "MERGE_HEAD").exists() or conflicted:
            self._abort_merge()
        if conflicted or "CONFLICT" in merged.out:
            shown = ", ".join(conflicted[:5]) or "some files"
            raise SyncError(
                str(self.path),
                f"git reported a merge conflict in {shown}; the merge was undone",
                "a file was changed on two machines: each machine must write only its own "
                "ops/<machine> folder; report this",
                reason="conflict",
                params={"folder": self.path, "files": shown},
            )
        raise failure(self.path, merged, network=False, git=self.git)

    def _refuse_foreign_tree(self, remote: str) -> None:
        names = {n for n in self._git("ls-tree", "--name-only", "-z", remote).out.split("\0") if n}
        strange = sorted(names - {OPS, MANIFEST})
        if strange:
            raise SyncError(
                self.remote_url() or "the remote",
                "holds files that are not planner's sync logs: " + ", ".join(strange[:5]),
                "give an empty repository, or one that planner sync init made",
                reason="not-a-planner",
                case="files",
                params={"remote": self.remote_url() or "", "names": ", ".join(strange[:5])},
            )

    def _refuse_foreign_branches(self) -> None:
        listed = self._git("for-each-ref", "--format=%(refname:short)", f"refs/remotes/{REMOTE}/")
        branches = [b for b in listed.out.split() if b]
        if branches:
            raise SyncError(
                self.remote_url() or "the remote",
                "holds branches but no main: " + ", ".join(branches[:5]),
                "give an empty repository, or one that planner sync init made",
                reason="not-a-planner",
                case="branches",
                params={"remote": self.remote_url() or "", "names": ", ".join(branches[:5])},
            )

    @staticmethod
    def _pushed_behind(pushed: GitResult) -> bool:
        rejected = [line for line in pushed.out.splitlines() if line.startswith("!")]
        return any(any(word in line for word in _BEHIND) for line in rejected)

    def _cleared_remote_lock(self, pushed: GitResult) -> bool:
        """A ref lock a killed push left in a remote on this machine's disk is cleared once
        stale (``git_leftovers.clear_remote_lock``); over a network it cannot be."""
        found = _REMOTE_LOCK.search(pushed.err)
        remote = (self.remote_url() or "").removeprefix("file://")
        if found is None or not os.path.isabs(remote):
            return False
        lock = Path(os.path.normpath(found.group(1)))
        if not lock.is_relative_to(Path(os.path.normpath(remote))):
            return False
        return clear_remote_lock(lock, self.stale_after)

    def _push_error(self, pushed: GitResult) -> SyncError:
        for line in pushed.out.splitlines():
            if line.startswith("!") and "[remote rejected]" in line:
                why = line.split("[remote rejected]", 1)[1].strip(" ()")
                return SyncError(
                    self.remote_url() or "the remote",
                    f"refused the changes ({why})",
                    "check the remote (its hooks, rights, space, or a stale lock file)",
                    reason="rejected",
                    params={"remote": self.remote_url() or "", "detail": why},
                )
        return failure(self.path, pushed, network=True, git=self.git)


def _check_machine(machine_id: str) -> None:
    if not _MACHINE.match(machine_id):
        raise ValueError(f"not a machine id: {machine_id!r}")
