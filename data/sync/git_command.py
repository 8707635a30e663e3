"""Running the ``git`` command for the sync repository, always the same careful way.

Every call runs ``git -C <sync folder>`` as a subprocess (never a library), with:

- no prompt and no pager: ``GIT_TERMINAL_PROMPT=0``, stdin from ``/dev/null``, ``cat`` as
  pager and ``true`` as editor; ssh in batch mode unless the user configured ssh for git
  themselves (``GIT_SSH_COMMAND``, ``GIT_SSH`` or ``core.sshCommand`` are left alone);
- ``LC_ALL=C``, so the messages parsed here are git's English ones;
- none of the user's hooks (``core.hooksPath=/dev/null``), no signing or signature check,
  no rerere, no autostash, no CRLF conversion, no fsmonitor daemon and no detached auto-gc,
  whatever the user's global config says; their credentials, ``insteadOf`` rules and
  proxies still apply;
- no repository found above the sync folder (``GIT_CEILING_DIRECTORIES``) and none of the
  variables a calling git (a hook) would pass down (``GIT_DIR``, ``GIT_INDEX_FILE`` …);
- a timeout, after which the whole process group (git and its ssh or helper children) is
  killed; an interrupt of planner kills it the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from data.sync.git_errors import SyncError, SyncOffline

MIN_VERSION = (2, 9)
"""``merge --allow-unrelated-histories`` (two machines that each started alone) is 2.9."""

LOCAL_TIMEOUT = 60.0
"""Seconds a local git step may take (a commit or merge here takes milliseconds)."""

NETWORK_TIMEOUT = 600.0
"""Seconds a fetch or push may take in all before the remote is called unreachable: long
enough for a first push of years of logs over a slow link. A remote that stops answering is
dropped sooner: after a minute without data over https (``http.lowSpeedTime``) or without a
reply to ssh's keep-alive (``ServerAliveInterval`` x ``ServerAliveCountMax``)."""

SAFE_CONFIG: tuple[str, ...] = (
    "core.hooksPath=/dev/null",
    "commit.gpgSign=false",
    "tag.gpgSign=false",
    "push.gpgSign=false",
    "merge.verifySignatures=false",
    "push.recurseSubmodules=no",
    "rerere.enabled=false",
    "merge.autoStash=false",
    "merge.renames=false",
    "diff.renames=false",
    "core.autocrlf=false",
    "core.safecrlf=false",
    "core.fsmonitor=false",
    "core.pager=cat",
    "color.ui=false",
    "gc.autoDetach=false",
    "maintenance.autoDetach=false",
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
    "advice.detachedHead=false",
    "http.lowSpeedLimit=1000",
    "http.lowSpeedTime=60",
)

_DROPPED_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "GIT_CONFIG_PARAMETERS",
    "GIT_EDITOR",
    "GIT_SEQUENCE_EDITOR",
    "LANGUAGE",
)

_UNREACHABLE = re.compile(
    r"could not read from remote|does not appear to be a git repository|unable to access"
    r"|could not resolve|connection refused|connection timed out|timed out|network is unreachable"
    r"|no route to host|unable to connect|host key verification failed|permission denied"
    r"|authentication failed|repository not found|not found|connection reset|broken pipe"
    r"|the remote end hung up|early eof|could not connect|no such file or directory",
    re.IGNORECASE,
)
"""What git says when the remote is out of reach (no network, an unplugged stick, no access)."""

_LOCK_FILE = re.compile(r"\.lock\b")
"""A lock file in git's message: a repository problem, not an unreachable remote."""


@dataclass(frozen=True, slots=True)
class GitResult:
    """A finished git command."""

    args: tuple[str, ...]
    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    def first_error(self) -> str:
        """git's most telling line: the first ``fatal:``/``error:`` line, else the last line."""
        lines = [line.strip() for line in self.err.splitlines() if line.strip()]
        for line in lines:
            if line.startswith(("fatal:", "error:")):
                return line.split(":", 1)[1].strip()
        return lines[-1] if lines else f"exit status {self.code}"


def git_available(git: str = "git") -> str | None:
    """The installed git's version (``"2.39.5"``), or None when there is no ``git`` command
    (``git`` may name another executable or a path to one)."""
    exe = shutil.which(git)
    if exe is None:
        return None
    try:
        done = subprocess.run(
            [exe, "--version"],
            capture_output=True,
            text=True,
            timeout=LOCAL_TIMEOUT,
            env=_environment(None),
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"(\d+(?:\.\d+)+)", done.stdout)
    return found.group(1) if done.returncode == 0 and found else None


_checked: dict[str, str] = {}
"""Versions ``require_git`` found, by executable: asked once per process."""


def require_git(git: str = "git") -> str:
    """The git version, or ``SyncError`` (reason ``git-missing``) saying how to get one."""
    if git in _checked:
        return _checked[git]
    version = git_available(git)
    if version is None:
        raise SyncError(
            "git",
            "is not installed or not on PATH (sync runs the git command)",
            "install git (https://git-scm.com) and try again",
            reason="git-missing",
            params={"git": git},
        )
    numbers = tuple(int(part) for part in version.split(".")[:2])
    if numbers < MIN_VERSION:
        wanted = ".".join(map(str, MIN_VERSION))
        raise SyncError(
            "git",
            f"is version {version}; sync needs {wanted} or newer",
            "update git and try again",
            reason="git-missing",
            case="old",
            params={"git": git, "version": version, "wanted": wanted},
        )
    _checked[git] = version
    return version


def _environment(folder: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_EDITOR="true",
        GIT_MERGE_AUTOEDIT="no",
        GIT_OPTIONAL_LOCKS="0",
        LC_ALL="C",
        LANG="C",
    )
    if folder is not None:
        env["GIT_CEILING_DIRECTORIES"] = str(folder.parent)
    return env


def _ssh_configured(git: str, env: dict[str, str], folder: Path, known: bool | None) -> bool:
    if "GIT_SSH_COMMAND" in env or "GIT_SSH" in env:
        return True
    if known is not None:
        return known
    probe = _spawn([git, "-C", str(folder), "config", "core.sshCommand"], env, LOCAL_TIMEOUT)
    return probe[0] == 0


def run_git(
    folder: Path,
    args: Sequence[str],
    *,
    git: str = "git",
    network: bool = False,
    ssh_configured: bool | None = None,
    timeout: float | None = None,
    stdin: bytes | None = None,
    check: bool = True,
) -> GitResult:
    """Run ``git -C folder <SAFE_CONFIG> args``.

    With ``check``, a failure raises ``SyncError`` naming the command and git's reason; for a
    ``network`` command (fetch, push, ls-remote) an unreachable remote or a timeout raises
    ``SyncOffline`` instead. ``ssh_configured`` says whether ``core.sshCommand`` is set, when
    the caller knows (else git is asked).
    """
    env = _environment(folder)
    if network and not _ssh_configured(git, env, folder, ssh_configured):
        env["GIT_SSH_COMMAND"] = (
            "ssh -o BatchMode=yes -o ConnectTimeout=15"
            " -o ServerAliveInterval=15 -o ServerAliveCountMax=4"
        )
    command = [git, "-C", str(folder)]
    for setting in SAFE_CONFIG:
        command += ["-c", setting]
    command += list(args)
    limit = timeout if timeout is not None else NETWORK_TIMEOUT if network else LOCAL_TIMEOUT
    try:
        code, out, err = _spawn(command, env, limit, stdin)
    except subprocess.TimeoutExpired:
        if network:
            raise SyncOffline(
                _remote_of(git, folder), f"no answer within {limit:.0f} s", seconds=limit
            ) from None
        raise SyncError(
            f"git {args[0]}",
            f"took longer than {limit:.0f} s",
            reason="git-failed",
            case="timeout",
            params={"command": f"git {args[0]}", "seconds": f"{limit:.0f}"},
        ) from None
    except FileNotFoundError:
        require_git(git)
        raise
    result = GitResult(tuple(args), code, out, err)
    if check and not result.ok:
        raise failure(folder, result, network=network, git=git)
    return result


def failure(folder: Path, result: GitResult, *, network: bool, git: str = "git") -> SyncError:
    """The error for a failed command: ``SyncOffline`` when a network step could not reach the
    remote, else ``SyncError`` with git's own reason."""
    reason = result.first_error()
    if network and _UNREACHABLE.search(result.err) and not _LOCK_FILE.search(result.err):
        return SyncOffline(_remote_of(git, folder), reason)
    return SyncError(
        f"git {result.args[0]} in {folder}",
        reason,
        reason="git-failed",
        params={"command": f"git {result.args[0]}", "folder": folder, "detail": reason},
    )


def _remote_of(git: str, folder: Path) -> str:
    code, out, _ = _spawn(
        [git, "-C", str(folder), "config", "remote.origin.url"],
        _environment(folder),
        LOCAL_TIMEOUT,
    )
    return out.strip() if code == 0 and out.strip() else "the remote"


def _spawn(
    command: list[str], env: dict[str, str], timeout: float, stdin: bytes | None = None
) -> tuple[int, str, str]:
    """Run one process in its own process group; on timeout or interrupt, kill the group."""
    posix = os.name == "posix"
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=posix,
    )
    try:
        out, err = process.communicate(stdin, timeout=timeout)
    except BaseException:
        _kill(process, posix)
        raise
    return (
        process.returncode,
        out.decode("utf-8", "surrogateescape"),
        err.decode("utf-8", "replace"),
    )


def _kill(process: subprocess.Popen[bytes], posix: bool) -> None:
    try:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
