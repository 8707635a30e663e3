"""``planner remind`` on an encrypted folder (issue 16): with the key (the passphrase
file, as every command gets it) it names the tasks and keeps what it said sealed; without
it, it never asks off a terminal and says only how many there are, from the plain times a
run with the key left, which hold no id and no title."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call

from data.reminder_state import STATE_FILE, TIMES_FILE


def test_remind_with_the_key_and_locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data"
    now = [MONDAY]

    def run(*args: str) -> tuple[int, str, str]:
        return call(*args, "--data-dir", str(root), now=now[0])

    def ok(*args: str) -> str:
        code, out, err = run(*args)
        assert code == 0, (args, out, err)
        return out

    secret = tmp_path / "pass.txt"
    secret.write_text("口令 remind words\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    ok("add", "call Zhang Wei due:today@09:10")
    ok("add", "file the Qingdao minutes due:today@09:40")
    ok("add", "报送督查材料 from:办公厅 report:tue")
    ok("encrypt")

    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    code, out, err = run("remind")  # locked, and no run with the key yet
    assert code == 0 and out == ""
    assert "encrypted and locked" in err

    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    out = ok("remind")
    assert "Due at 09:10: call Zhang Wei" in out
    assert "Report back by 2026-11-24: 报送督查材料" in out
    assert "Qingdao" not in out  # 09:40 is beyond the window
    for path in root.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            for word in ("Zhang", "Qingdao", "报送督查材料"):
                assert word.encode() not in blob, path
    assert (root / STATE_FILE).read_bytes().startswith(b"PLNR")  # sealed
    times = (root / TIMES_FILE).read_text(encoding="utf-8").splitlines()
    assert times == [
        "due 2026-11-23T09:10:00+08:00",
        "due 2026-11-23T09:40:00+08:00",
        "report 2026-11-24",
    ]

    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    now[0] = MONDAY + timedelta(minutes=30)  # 09:30: 09:10 passed, 09:40 within 15 minutes
    code, out, err = run("remind")
    assert (code, err) == (0, "")
    assert out == "1 item due, 1 to report back, 1 overdue; unlock to see them (planner unlock)\n"
    code, out, _ = run("remind", "--lang", "zh", "--within", "5")
    assert out == "1 项待反馈，1 项逾期；解锁后可查看（planner unlock）\n"
    listed = json.loads(run("remind", "--json")[1])
    assert listed == [
        {"id": None, "title": None, "kind": "overdue", "at": "2026-11-23T09:10:00+08:00"},
        {"id": None, "title": None, "kind": "due", "at": "2026-11-23T09:40:00+08:00"},
        {"id": None, "title": None, "kind": "report", "at": "2026-11-24"},
    ]
    code, out, err = run("list")
    assert code == 3  # other commands still stop locked: remind read nothing sealed

    # with the key again, what was said before is not said again; the new overdue one is
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    out = ok("remind")
    assert out.splitlines()[0].startswith("Overdue since 09:10: call Zhang Wei")
    assert "Report back" not in out


def test_locked_notify_sends_the_counts_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    secret = tmp_path / "pass.txt"
    secret.write_text("another passphrase\n", encoding="utf-8")
    monkeypatch.setenv("PLANNER_PASSPHRASE_FILE", str(secret))
    for args in (("add", "call Zhang Wei due:today@09:10"), ("encrypt",), ("remind", "--all")):
        code, out, err = call(*args, "--data-dir", str(root), now=MONDAY)
        assert code == 0, (args, out, err)
    monkeypatch.delenv("PLANNER_PASSPHRASE_FILE")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.txt"
    script = bin_dir / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{calls}"\n', encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    code, out, err = call("remind", "--notify", "--data-dir", str(root), now=MONDAY)
    assert (code, err) == (0, "")
    assert out == "1 item due; unlock to see them (planner unlock)\n"
    sent = calls.read_text(encoding="utf-8")
    assert sent == "--app-name=planner|Reminder|1 item due; unlock to see them (planner unlock)|"
    assert "Zhang" not in sent
