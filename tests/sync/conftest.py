"""Fixtures of the git transport tests: real git, bare remotes in ``tmp_path``.

A "machine" is a data folder ``tmp_path/<name>/`` whose ``sync`` folder is its repository;
the remote is a bare repository, as on a USB stick or a share. ``HOME`` is a fresh folder
(the suite's autouse fixture), so no global git identity or config applies unless a test
writes ``$HOME/.gitconfig``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import Machine, git

from data.sync.git_repo import SyncRepo


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """An empty bare repository: the USB stick."""
    path = tmp_path / "usb" / "planner.git"
    path.mkdir(parents=True)
    git(path, "init", "-q", "--bare")
    return path


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    """``machine("alpha")``: the sync repository of data folder ``tmp_path/alpha``."""

    def make(name: str) -> SyncRepo:
        return SyncRepo(tmp_path / name / "sync", stale_after=1.0, network_timeout=30)

    return make
