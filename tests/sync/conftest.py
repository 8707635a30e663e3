"""Fixtures of the sync tests. The engine's: ``clock`` and ``pair``, two replicas of one
planner that sync (``engine_support``). The git transport's: real git, bare remotes in
``tmp_path``.

A "machine" is a data folder ``tmp_path/<name>/`` whose ``sync`` folder is its repository;
the remote is a bare repository, as on a USB stick or a share. ``HOME`` is a fresh folder
(the suite's autouse fixture), so no global git identity or config applies unless a test
writes ``$HOME/.gitconfig``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_support import Clock, Replica, make_replica
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


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def pair(tmp_path: Path, clock: Clock) -> tuple[Replica, Replica]:
    """Two replicas, ``a`` and ``b``, both syncing (a test module may have its own)."""
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    a.start_sync()
    b.start_sync()
    return a, b
