"""Reading commands work on a data folder planner may not write (issue #12): no lock file,
no start-up compaction, nothing written; commands that must write end with exit 3 and one
line, never an ``OSError`` traceback.

The folder is made read-only by its permissions (``chmod -R a-w``) and planner runs as a
process that the kernel holds to them: as the user itself, or, when the tests run as root
(who may write anywhere), as root without the capabilities that override permissions.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_calls import ROOT
from damage_matrix import build_sample, contents

READING = [
    ("today",),
    ("list",),
    ("list", "--all"),
    ("export", "tasks"),
    ("export", "journal"),
    ("setbacks",),
    ("doctor",),
]
WRITING = [
    ("doctor", "--repair"),
    ("restore", "2026-11-23"),
    ("add", "call the printer man"),
    ("backup",),
]


def _held_to_permissions() -> list[str]:
    """The command prefix that makes this process's child obey file permissions."""
    if os.name != "posix":
        pytest.skip("needs POSIX file permissions")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot refuse a write")
    dropped = "-dac_override,-dac_read_search"
    return [setpriv, "--bounding-set", dropped, "--inh-caps", dropped]


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    root = build_sample(tmp_path / "data")
    (root / ".lock").unlink()
    modes = {}
    for current, folders, names in os.walk(root, topdown=False):
        for name in [*names, *folders]:
            path = Path(current) / name
            modes[path] = path.stat().st_mode
            path.chmod(path.stat().st_mode & ~0o222)
    root.chmod(0o500)
    yield root
    root.chmod(0o700)
    for path, mode in modes.items():
        path.chmod(mode)


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_held_to_permissions(), sys.executable, "-m", "planner", "--data-dir", str(root), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=60,
    )


def test_the_folder_is_really_read_only_for_planner(read_only: Path) -> None:
    probe = run(read_only, "add", "anything")
    assert probe.returncode == 3, probe.stderr
    assert not (read_only / ".lock").exists()


def test_reading_commands_work_and_write_nothing(read_only: Path) -> None:
    before = contents(read_only)
    listing = run(read_only, "list", "--json")
    assert listing.returncode == 0, listing.stderr
    some_id = json.loads(listing.stdout)[0]["id"]

    for command in [*READING, ("info", some_id)]:
        done = run(read_only, *command)
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout.strip(), command
        assert "Traceback" not in done.stderr

    assert not (read_only / ".lock").exists()
    assert contents(read_only) == before


@pytest.mark.parametrize("command", WRITING, ids=[" ".join(c) for c in WRITING])
def test_a_command_that_must_write_ends_with_exit_3_and_one_line(
    read_only: Path, command: tuple[str, ...]
) -> None:
    before = contents(read_only)

    done = run(read_only, *command)

    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "OSError" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: ")
    assert str(read_only) in lines[0]
    assert contents(read_only) == before


def test_backup_elsewhere_copies_a_read_only_folder(read_only: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy"

    done = run(read_only, "backup", "-o", str(target))

    assert done.returncode == 0, done.stderr
    assert (target / "tasks" / "open.json").read_bytes() == (
        read_only / "tasks" / "open.json"
    ).read_bytes()
