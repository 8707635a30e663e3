"""What the git transport raises: a ``SyncError`` says what failed, why and what to do.

``SyncError`` is a ``DataError``, so a caller that does nothing special reports it like any
other data problem (exit 3). ``SyncOffline`` is the normal case of an unreachable remote:
nothing is lost (local commits stay and the next sync sends them), so the CLI reports it in
one line and exits 1. ``reason`` is a short fixed word a caller can map to its own wording.
"""

from __future__ import annotations

from typing import Literal

from planner.domain.errors import DataError

SyncReason = Literal[
    "git-missing",  # no git command, or one too old
    "not-initialised",  # the sync folder is not a git repository yet
    "no-remote",  # the repository has no remote (never set, or left)
    "offline",  # the remote could not be reached
    "not-a-planner",  # the remote holds something other than planner logs
    "not-a-repository",  # the remote is a folder on this machine but not a git repository
    "conflict",  # git reported a merge conflict (the merge was aborted)
    "rejected",  # the remote refused the push for a reason other than being behind
    "busy",  # the remote kept moving while we pushed, or a lock could not be cleared
    "git-failed",  # any other failure of a git command
]


class SyncError(DataError):
    """A sync step failed; ``what`` names the thing (a folder, a remote, a git command)."""

    def __init__(self, what: str, why: str, advice: str = "", *, reason: SyncReason) -> None:
        super().__init__(what, why, advice)
        self.what = what
        self.why = why
        self.reason: SyncReason = reason


class SyncOffline(SyncError):
    """The remote could not be reached; every local change is kept for the next sync."""

    def __init__(self, what: str, why: str) -> None:
        super().__init__(
            what,
            f"cannot be reached ({why})",
            "nothing is lost: local changes are kept and the next sync sends them",
            reason="offline",
        )
