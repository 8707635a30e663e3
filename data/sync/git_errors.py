"""What the git transport raises: a ``SyncError`` says what failed, why and what to do.

``SyncError`` is a ``DataError``, so a caller that does nothing special reports it like any
other data problem (exit 3). ``SyncOffline`` is the normal case of an unreachable remote:
nothing is lost (local commits stay and the next sync sends them), so the CLI reports it in
one line and exits 1. ``reason`` is a short fixed word a caller can map to its own wording.

The words here are English, for logs and for a caller that does nothing special. A caller
that speaks the user's language (the shell: ``planner.shell.sync_words``) words the error
itself from ``reason``, ``case`` (which of a reason's situations) and ``params`` (the
remote, a folder, git's own message as ``detail``...): the store knows no catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
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

    def __init__(
        self,
        what: str,
        why: str,
        advice: str = "",
        *,
        reason: SyncReason,
        case: str = "",
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(what, why, advice)
        self.what = what
        self.why = why
        self.reason: SyncReason = reason
        self.case = case
        """Which situation of ``reason`` (``""``: its usual one), for the caller's wording."""
        self.params: dict[str, str] = {k: str(v) for k, v in (params or {}).items()}
        """The values the caller's wording names (``remote``, ``folder``, ``detail``...)."""


class SyncOffline(SyncError):
    """The remote could not be reached; every local change is kept for the next sync."""

    def __init__(self, what: str, why: str, *, seconds: float | None = None) -> None:
        """``what`` is the remote; ``why`` git's own words, or ``seconds`` the time it was
        given to answer."""
        params: dict[str, object] = {"remote": what, "detail": why}
        if seconds is not None:
            params["seconds"] = f"{seconds:.0f}"
        super().__init__(
            what,
            f"cannot be reached ({why})",
            "nothing is lost: local changes are kept and the next sync sends them",
            reason="offline",
            case="" if seconds is None else "timeout",
            params=params,
        )
