"""The CLI meets every damage of the matrix (``damage_matrix``): exit 3 with the message
naming the file and advice, never a traceback or the file's bytes, never a write; doctor
reports each; ``backup -o`` on a full disk leaves nothing half made."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_calls import call, planner
from damage_matrix import (
    DAMAGES,
    FILES,
    MARKER,
    MATRIX,
    MATRIX_IDS,
    build_sample,
    contents,
    damaged_sample,
    expected_problem,
)

from data import backups

NEEDS: dict[str, tuple[str, ...]] = {
    "meta": ("today",),
    "open": ("today",),
    "archive": ("list", "--all"),
    "days": ("today",),
    "journal": ("export", "journal"),
    "setbacks": ("setbacks",),
}
"""A command that must read each file."""

READING = [("today",), ("list",), ("list", "--all"), ("export", "tasks"), ("setbacks",)]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The folder ``call`` uses (``PLANNER_DATA_DIR`` of the tests' environment)."""
    return Path(os.environ["PLANNER_DATA_DIR"])


def assert_calm(code: int, out: str, err: str) -> None:
    assert code in (0, 3), err
    assert "Traceback" not in out + err
    assert MARKER.decode() not in out + err
    assert "\x1b" not in out + err and "\x00" not in out + err


@pytest.mark.parametrize(("file", "damage"), MATRIX, ids=MATRIX_IDS)
def test_a_command_that_needs_the_damaged_file_exits_3_naming_it(
    data_dir: Path, file: str, damage: str
) -> None:
    path = damaged_sample(data_dir, file, damage)
    before = contents(data_dir)

    code, out, err = call(*NEEDS[file])

    assert code == 3
    assert_calm(code, out, err)
    assert err.startswith(f"planner: {path}: ")
    assert expected_problem(damage) in err
    advice = "update planner" if damage == "newer" else "planner doctor"
    assert advice in err
    assert contents(data_dir) == before


@pytest.mark.parametrize(("file", "damage"), MATRIX, ids=MATRIX_IDS)
def test_every_reading_command_exits_0_or_3_and_writes_nothing(
    data_dir: Path, file: str, damage: str
) -> None:
    damaged_sample(data_dir, file, damage)
    before = contents(data_dir)

    for command in READING:
        code, out, err = call(*command)
        assert_calm(code, out, err)
        if code == 3:
            assert str(data_dir / FILES[file]) in err

    assert contents(data_dir) == before


@pytest.mark.parametrize(("file", "damage"), MATRIX, ids=MATRIX_IDS)
def test_doctor_names_the_damaged_file(data_dir: Path, file: str, damage: str) -> None:
    path = damaged_sample(data_dir, file, damage)
    before = contents(data_dir)

    code, out, err = call("doctor")

    assert code == 3
    assert_calm(code, out, err)
    mark = "NEWER" if damage == "newer" else "BAD"
    bad = [line for line in out.splitlines() if line.lstrip().startswith(("BAD", "NEWER"))]
    assert len(bad) == 1 and str(path) in bad[0] and expected_problem(damage) in bad[0]
    assert bad[0].startswith(f"{mark:>4}  ")
    summary = out.splitlines()[-1]
    if damage == "newer":
        assert "update planner" in summary and "leaves them as they are" in summary
    else:
        assert "planner doctor --repair" in summary and "newer" not in out.replace(str(path), "")
    assert contents(data_dir) == before


@pytest.mark.parametrize("file", list(FILES))
def test_repair_leaves_a_newer_file_alone_and_says_so(data_dir: Path, file: str) -> None:
    path = damaged_sample(data_dir, file, "newer")
    held = path.read_bytes()

    code, out, err = call("doctor", "--repair")

    assert code == 3
    assert f"{path}: left as it is: a newer planner wrote it" in out
    assert "None" not in out + err
    assert path.read_bytes() == held


def test_today_as_a_process_on_a_damaged_days_file_is_a_calm_exit_3(data_dir: Path) -> None:
    """As a process (the real clock), stderr as printed (the app meeting damage is in
    ``tests/ui/test_damage_app.py``)."""
    path = damaged_sample(data_dir, "days", "garbage")
    held = path.read_bytes()

    done = planner("today")

    assert done.returncode == 3
    assert done.stderr.startswith(f"planner: {path}: is not valid planner data")
    assert "Traceback" not in done.stderr and MARKER.decode() not in done.stderr
    assert path.read_bytes() == held


def _failing_on_call(number: int, real: Callable[..., object]) -> Callable[..., object]:
    calls = 0

    def copy(*args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == number:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args)

    return copy


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder", "empty-folder"])
def test_backup_to_a_full_disk_leaves_no_half_made_folder(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    build_sample(data_dir)
    out_parent = tmp_path / "usb"
    out_parent.mkdir()
    target = out_parent / "backup"
    if existing:
        target.mkdir()
    monkeypatch.setattr(backups, "copy_atomic", _failing_on_call(3, backups.copy_atomic))

    code, _, err = call("backup", "-o", str(target))

    assert code == 1
    assert f"{target}: {os.strerror(errno.ENOSPC)}" in err
    assert [p.name for p in out_parent.iterdir()] == (["backup"] if existing else [])
    assert not existing or list(target.iterdir()) == []


def test_backup_to_a_folder_makes_it_whole(data_dir: Path, tmp_path: Path) -> None:
    build_sample(data_dir)
    target = tmp_path / "usb" / "backup"

    code, _, err = call("backup", "-o", str(target))

    assert code == 0, err
    copied = sorted(p.relative_to(target).as_posix() for p in target.rglob("*.json"))
    assert set(FILES.values()) <= set(copied)
    assert [p.name for p in target.parent.iterdir()] == ["backup"]


@pytest.mark.parametrize(("file", "damage"), MATRIX, ids=MATRIX_IDS)
def test_repair_brings_back_the_snapshot_content_of_every_damage(
    data_dir: Path, file: str, damage: str
) -> None:
    build_sample(data_dir)
    path = data_dir / FILES[file]
    good = path.read_bytes()
    assert call("backup")[0] == 0
    DAMAGES[damage](path)
    damaged = contents(data_dir)[FILES[file]]

    code, out, err = call("doctor", "--repair")

    assert_calm(code, out, err)
    if damage == "newer":
        assert code == 3 and contents(data_dir)[FILES[file]] == damaged
        return
    assert code == 0, out + err
    assert path.is_file() and not path.is_symlink() and path.read_bytes() == good
    assert f"{path}: moved aside to {path}.corrupt-" in out
    assert call("today")[0] == 0
