"""What a killed git step leaves behind in the sync repository, and how it is cleared.

A kill (power cut, ``kill -9``, a closed laptop lid at the wrong moment) can stop git
between any two of its writes. git's own design keeps the object store and refs consistent;
what is left is one of:

- a lock file (``.git/index.lock``, ``.git/HEAD.lock``, ``.git/refs/…/main.lock``,
  ``.git/packed-refs.lock``, ``.git/config.lock``): git refuses to run while it exists;
- a half-done merge (``.git/MERGE_HEAD``): aborted, and the next sync merges again;
- files of a fast-forward or merge checkout written to the work tree without the index
  saying so (git holds ``index.lock`` while it writes them, so that lock is left too): files
  in other machines' folders that differ from ``HEAD`` are restored and untracked ones the
  remote brings removed (this machine never writes there; the merge brings them back). A
  merge refused for such files later clears just the files git names. This machine's own
  folder is never touched (``SyncRepo`` records its machine id before recovering);
- changes staged by ``git add`` and not committed: unstaged (the files stay; the next commit
  takes them again).

The rule for a lock file. The caller holds planner's own lock on the repository, so no
other planner process runs git here. A lock file is then stale when no git process has its
working directory inside the repository (checked through ``/proc`` on Linux), or, where that
cannot be known or some git process (a person's own command) is there, when it is older than
``stale_after`` seconds: younger ones are waited for until they go or reach that age.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

STALE_AFTER = 10.0
"""Seconds after which a lock file is stale whatever runs: a git step holding one of these
locks in this small repository takes milliseconds."""

_TOP_LOCKS = (
    "index.lock",
    "HEAD.lock",
    "ORIG_HEAD.lock",
    "MERGE_HEAD.lock",
    "config.lock",
    "packed-refs.lock",
    "shallow.lock",
    "FETCH_HEAD.lock",
    "AUTO_MERGE.lock",
)


def lock_files(git_dir: Path) -> Iterator[Path]:
    """Every git lock file of the repository that would stop a sync step."""
    for name in _TOP_LOCKS:
        path = git_dir / name
        if path.exists():
            yield path
    refs = git_dir / "refs"
    if refs.is_dir():
        yield from refs.rglob("*.lock")


def git_running_in(folder: Path) -> bool | None:
    """Whether some git process other than ours has its working directory in ``folder``
    (``git -C`` changes into it); None where that cannot be known (no ``/proc``)."""
    proc = Path("/proc")
    if not (proc / "self" / "cwd").exists():
        return None
    root = os.path.realpath(folder)
    me = str(os.getpid())
    for entry in proc.iterdir():
        if not entry.name.isdigit() or entry.name == me:
            continue
        try:
            if not (entry / "comm").read_text().startswith("git"):
                continue
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if cwd == root or cwd.startswith(root + os.sep):
            return True
    return False


def clear_stale_locks(
    git_dir: Path, stale_after: float = STALE_AFTER, poll: float = 0.05
) -> list[Path]:
    """Remove the stale lock files (the rule is in the module's docstring); return them."""
    removed: list[Path] = []
    deadline = time.monotonic() + stale_after
    while True:
        locks = list(lock_files(git_dir))
        if not locks:
            return removed
        busy = git_running_in(git_dir.parent)
        waiting = False
        for path in locks:
            if busy is False or _age(path) >= stale_after:
                _unlink(path)
                removed.append(path)
            else:
                waiting = True
        if not waiting:
            return removed
        if time.monotonic() >= deadline:
            # Every remaining lock has now been seen for stale_after seconds.
            for path in locks:
                if path.exists():
                    _unlink(path)
                    removed.append(path)
            return removed
        time.sleep(poll)


def clear_remote_lock(path: Path, stale_after: float = STALE_AFTER, poll: float = 0.05) -> bool:
    """Clear a ref lock that a push killed mid-way left in a remote on this machine's disk (a
    USB stick, a share); True when it is gone, so the push may be tried again.

    Another machine's live push holds such a lock for milliseconds, so the file is waited
    for until it goes or is ``stale_after`` seconds old, and then removed. Only a ``*.lock``
    file inside a ``refs`` folder, or ``packed-refs.lock``, is ever touched."""
    if path.suffix != ".lock" or not ("refs" in path.parts or path.name == "packed-refs.lock"):
        return False
    deadline = time.monotonic() + stale_after
    while path.is_file() and _age(path) < stale_after and time.monotonic() < deadline:
        time.sleep(poll)
    _unlink(path)
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return float("inf")


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
