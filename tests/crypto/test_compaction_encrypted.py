"""Compaction of a sealed log (issue 14 on an encrypted planner, real git): superseded edits
go from the office's log, its sealed creations stay as written, every line left still opens,
and a machine joining afterwards gets the same tasks."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call

from data.sync import compaction

if shutil.which("git") is None:  # CI has git; a machine without it cannot run these
    pytest.skip("the git command is not installed", allow_module_level=True)


PASS = "同步口令 sync words"
WORDS = ("Zqvelkrond 骁骐翊鹄", "Xuprandtel 翦黛蘅芷", "Wobbemfrist 鸾凤砚池")


class Machine:
    """``planner`` on one data folder, each command a minute later than the last."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.minutes = 0

    def ok(self, *args: str) -> str:
        self.minutes += 1
        moment = MONDAY + timedelta(minutes=self.minutes)
        code, out, err = call(*args, "--data-dir", str(self.root), now=moment)
        assert code == 0, (args, out, err)
        return out

    def add(self, text: str) -> str:
        return str(json.loads(self.ok("add", text, "--json"))["id"])

    def tasks(self) -> dict[str, dict[str, object]]:
        return {str(t["id"]): t for t in json.loads(self.ok("list", "--all", "--json"))}


def log_lines(root: Path) -> list[bytes]:
    return [
        line
        for path in sorted((root / "sync" / "ops").glob("*/*.jsonl"))
        for line in path.read_bytes().splitlines()
    ]


def test_a_sealed_log_compacts_and_a_late_machine_gets_the_same_tasks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compaction, "COMPACT_EVERY", 5)
    usb = tmp_path / "usb" / "planner.git"
    subprocess.run(["git", "init", "-q", "--bare", str(usb)], check=True, timeout=30)
    office, laptop = Machine(tmp_path / "office"), Machine(tmp_path / "laptop")
    task = office.add(f"{WORDS[0]} budget")
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASS + "\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(passphrase))
    office.ok("encrypt")
    office.ok("sync", "init", str(usb))
    laptop.ok("sync", "init", str(usb))
    for index in range(8):
        office.ok("edit", task, "--title", f"{WORDS[index % 3]} draft {index}")
    before = len(log_lines(office.root))
    office.ok("sync")
    laptop.ok("sync")  # applies them all and says so (in its folder: sent at its next sync)
    laptop.ok("sync")
    office.ok("sync")  # reads what the laptop applied: compacts
    after = log_lines(office.root)
    assert len(after) < before
    assert all(b'"sealed":"' in line for line in after)  # nothing written in plain
    assert not any(word.encode() in line for line in after for word in WORDS)
    office.ok("sync")  # sends the compacted log
    late = Machine(tmp_path / "late")
    late.ok("sync", "init", str(usb))
    assert late.tasks()[task]["title"] == office.tasks()[task]["title"] == f"{WORDS[1]} draft 7"
    assert late.tasks() == laptop.tasks() == office.tasks()
