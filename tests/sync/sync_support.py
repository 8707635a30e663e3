"""Helpers of the git transport tests (``tests/sync`` is on pytest's ``pythonpath``)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from data.sync.git_repo import SyncRepo

Machine = Callable[[str], SyncRepo]
"""The ``machine`` fixture: a data folder's sync repository by the machine's name."""


def git(folder: Path, *args: str) -> str:
    """Run git for a test's own look at a repository (not through the code under test)."""
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=30,
    )
    return done.stdout


def write_ops(repo: SyncRepo, machine: str, *lines: str, month: str = "2026-12") -> Path:
    """Append lines to a machine's own log, as the store does."""
    folder = repo.path / "ops" / machine
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{month}.jsonl"
    with path.open("a", encoding="utf-8") as handle:
        handle.writelines(f"{line}\n" for line in lines)
    return path


def work_files(repo: SyncRepo) -> dict[str, str]:
    """Every file of the work tree (``.git`` aside) and its text."""
    return {
        str(path.relative_to(repo.path)): path.read_text(encoding="utf-8")
        for path in sorted(repo.path.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(repo.path).parts
    }
