"""planner never widens permissions the user tightened (issue #12): it creates folders 0700
and files 0600, may take the group's and others' permissions away, and never gives back
what the owner took; and a folder it cannot write is read without the lock."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from damage_matrix import MONDAY, build_sample

from data import store as store_module
from data.files.atomic import ensure_private_dir, write_atomic
from data.store import FileStore
from planner.domain.errors import DataError
from planner.domain.models import Task
from planner.services.ports import Change

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("before", "after"),
    [(0o755, 0o700), (0o711, 0o700), (0o700, 0o700), (0o555, 0o500), (0o500, 0o500)],
)
def test_a_folder_loses_only_the_group_and_others_permissions(
    tmp_path: Path, before: int, after: int
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    folder.chmod(before)

    ensure_private_dir(folder)

    assert mode(folder) == after
    folder.chmod(0o700)


@pytest.mark.parametrize(
    ("before", "after"), [(0o644, 0o600), (0o600, 0o600), (0o400, 0o400), (0o640, 0o600)]
)
def test_a_replaced_file_keeps_a_tighter_mode(tmp_path: Path, before: int, after: int) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(b"{}")
    path.chmod(before)

    write_atomic(path, b"{}\n")

    assert mode(path) == after


def test_a_new_file_is_0600(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    write_atomic(path, b"{}\n")
    assert mode(path) == 0o600


def test_the_store_keeps_a_read_only_file_read_only_when_it_writes_it(tmp_path: Path) -> None:
    root = build_sample(tmp_path / "data")
    open_work = root / "tasks" / "open.json"
    open_work.chmod(0o400)
    root.chmod(0o750)
    store = FileStore(root, clock=lambda: MONDAY)

    store.apply([Change(None, Task.create("after the chmod", MONDAY))])

    assert mode(open_work) == 0o400
    assert mode(root) == 0o700
    assert "after the chmod" in open_work.read_text(encoding="utf-8")


def test_a_data_folder_made_0500_stays_0500(tmp_path: Path) -> None:
    root = build_sample(tmp_path / "data")
    root.chmod(0o500)
    try:
        store = FileStore(root, clock=lambda: MONDAY)
        assert store.open_tasks()
        assert mode(root) == 0o500
    finally:
        root.chmod(0o700)


def test_a_folder_that_cannot_be_written_is_read_without_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process, the kernel's answer stood in for (the real refusal is tested with a
    process in ``tests/cli/test_read_only_cli.py``)."""
    root = build_sample(tmp_path / "data")
    (root / ".lock").unlink()
    refused = OSError(errno.EROFS, os.strerror(errno.EROFS), str(root))
    monkeypatch.setattr(store_module, "cannot_write", lambda folder: refused)

    store = FileStore(root, clock=lambda: MONDAY)

    assert not store.writable
    assert store.open_tasks() and store.setbacks() and list(store.archived_tasks())
    with pytest.raises(DataError) as caught:
        store.apply([Change(None, Task.create("refused", MONDAY))])
    assert "Read-only file system" in caught.value.problem
    with pytest.raises(DataError):
        store.compact(MONDAY.date())
    assert not (root / ".lock").exists()
