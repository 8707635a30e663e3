"""``planner remind`` (issue 16): text and JSON in both languages, each reminder said once
(overdue once a day), the window across midnight, confidential titles masked unless the
config allows them, ``--within``'s bad values, and ``--notify`` with ``notify-send`` absent
and present (a fake one on ``PATH``)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call

CONFIG_VARIABLE = "PLANNER_CONFIG"


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.now = MONDAY

    def __call__(self, *args: str) -> tuple[int, str, str]:
        return call(*args, "--data-dir", str(self.root), now=self.now)

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, (args, out, err)
        return out

    def add(self, text: str) -> str:
        task_id: str = json.loads(self.ok("add", text, "--json"))["id"]
        return task_id


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    return Folder(tmp_path / "data")


def test_text_says_each_once_and_all_says_them_again(folder: Folder) -> None:
    call_id = folder.add("call Li due:today@09:10")
    folder.add("write the minutes due:today@11:00")
    late_id = folder.add("old report due:2026-11-20")
    today_id = folder.add("tidy the desk due:today")
    out = folder.ok("remind")
    assert out == (
        f"Overdue since 2026-11-20: old report ({late_id[:6]})\n"
        f"Due today: tidy the desk ({today_id[:6]})\n"
        f"Due at 09:10: call Li ({call_id[:6]})\n"
    )
    folder.now = MONDAY + timedelta(minutes=5)
    assert folder.ok("remind") == ""  # cron five minutes on: nothing new
    assert folder.ok("remind", "--all").count("\n") == 3
    folder.now = MONDAY.replace(hour=10, minute=50)
    minutes_id = _id_of(folder, "write the minutes")
    assert folder.ok("remind") == (
        f"Overdue since 09:10: call Li ({call_id[:6]})\n"
        f"Due at 11:00: write the minutes ({minutes_id[:6]})\n"
    )
    # the next day (after the day's start) the overdue ones are said again, once
    folder.now = MONDAY + timedelta(days=1)
    out = folder.ok("remind")
    assert "old report" in out and "call Li" in out and "tidy the desk" in out
    assert folder.ok("remind") == ""


def _id_of(folder: Folder, title: str) -> str:
    tasks = json.loads(folder.ok("list", "--all", "--json"))
    found: str = next(task["id"] for task in tasks if task["title"] == title)
    return found


def test_json_in_chinese_and_an_instruction_to_report(folder: Folder) -> None:
    call_id = folder.add("给李处回电话 due:today@09:15")
    report_id = folder.add("报送材料 from:办公厅 report:wed")
    out = json.loads(folder.ok("remind", "--json", "--lang", "zh"))
    assert out == [
        {"id": call_id, "title": "给李处回电话", "kind": "due", "at": "2026-11-23T09:15:00+08:00"},
        {"id": report_id, "title": "报送材料", "kind": "report", "at": "2026-11-25"},
    ]
    folder.now = MONDAY + timedelta(minutes=1)
    assert json.loads(folder.ok("remind", "--json")) == []
    text = folder.ok("remind", "--all", "--lang", "zh")
    assert text == (
        f"09:15 到期：给李处回电话（{call_id[:6]}）\n"
        f"须于 2026-11-25 前反馈：报送材料（{report_id[:6]}）\n"
    )
    folder.now = datetime(2026, 11, 26, 9, 0, tzinfo=MONDAY.tzinfo)
    assert folder.ok("remind", "--lang", "zh") == (
        f"已逾期（2026-11-23 09:15）：给李处回电话（{call_id[:6]}）\n"
        f"反馈已逾期（2026-11-25）：报送材料（{report_id[:6]}）\n"
    )


def test_the_window_crosses_midnight_and_the_days_start(folder: Folder) -> None:
    folder.add("early call due:tue@00:10")
    folder.add("monday's chore due:today")
    folder.now = MONDAY.replace(hour=23, minute=58)
    out = folder.ok("remind", "--within", "15")
    assert "Due at 2026-11-24 00:10: early call" in out
    assert "Due today: monday's chore" in out
    folder.now = MONDAY.replace(hour=23, minute=58) + timedelta(hours=3)  # 02:58 Tuesday
    early_id = _id_of(folder, "early call")
    assert folder.ok("remind") == f"Overdue since 00:10: early call ({early_id[:6]})\n"
    folder.now = datetime(2026, 11, 24, 4, 0, tzinfo=MONDAY.tzinfo)  # Tuesday's day starts
    assert "Overdue since 2026-11-23: monday's chore" in folder.ok("remind")


def test_confidential_titles_masked_unless_the_config_allows_them(
    folder: Folder, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret_id = folder.add("meet the inspector due:today@09:05 !secret")
    assert folder.ok("remind", "--all") == f"Due at 09:05: a confidential item ({secret_id[:6]})\n"
    assert folder.ok("remind", "--all", "--lang", "zh") == (
        f"09:05 到期：一项保密事项（{secret_id[:6]}）\n"
    )
    assert json.loads(folder.ok("remind", "--all", "--json"))[0]["title"] == "a confidential item"
    config = Path(os.environ[CONFIG_VARIABLE])
    config.write_text("[remind]\nshow_confidential_titles = true\n", encoding="utf-8")
    assert "meet the inspector" in folder.ok("remind", "--all")
    assert json.loads(folder.ok("remind", "--all", "--json"))[0]["title"] == "meet the inspector"
    # privacy mode still masks it
    assert "a confidential item" in folder.ok("remind", "--all", "--privacy")
    config.write_text("[remind]\nshow_confidential_titles = 1\n", encoding="utf-8")
    code, _, err = folder("remind")
    assert code == 1 and "show_confidential_titles must be true or false" in err
    config.write_text("[remind]\nin_app = \"no\"\n", encoding="utf-8")
    code, _, err = folder("remind")
    assert code == 1 and "in_app must be true or false" in err
    config.write_text("[remind]\nin_app = false\n", encoding="utf-8")
    assert "a confidential item" in folder.ok("remind", "--all")  # the command still says it


@pytest.mark.parametrize("value", ["soon", "1-2h", "10081", "-3"])
def test_a_bad_window_is_bad_input(folder: Folder, value: str) -> None:
    code, out, err = folder("remind", f"--within={value}")
    assert code == 1 and out == ""
    assert "--within" in err and "not a number of minutes" in err


def test_within_takes_durations(folder: Folder) -> None:
    folder.add("afternoon meeting due:today@14:00")
    assert folder.ok("remind", "--within", "4h") == ""
    assert "afternoon meeting" in folder.ok("remind", "--within", "5小时")


def fake_notify_send(folder: Path, *, fails: bool = False) -> Path:
    """A ``notify-send`` that writes its arguments to ``calls.txt``, one line each call."""
    folder.mkdir(parents=True, exist_ok=True)
    calls = folder / "calls.txt"
    script = folder / "notify-send"
    exit_line = "echo 'no bus' >&2; exit 1" if fails else "exit 0"
    script.write_text(
        f'#!/bin/sh\nprintf "%s|" "$@" >> "{calls}"\nprintf "\\n" >> "{calls}"\n{exit_line}\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return calls


def test_notify_sends_each_through_notify_send(
    folder: Folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_notify_send(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    folder.add("call Li due:today@09:10")
    folder.add("see the inspector due:today@09:12 !secret")
    code, out, err = folder("remind", "--notify")
    assert code == 0 and err == ""
    assert out.count("\n") == 2
    assert calls.read_text(encoding="utf-8").splitlines() == [
        "--app-name=planner|Due 09:10|call Li|",
        "--app-name=planner|Due 09:12|a confidential item|",
    ]
    folder.now = MONDAY + timedelta(minutes=1)
    folder.ok("remind", "--notify")
    assert len(calls.read_text(encoding="utf-8").splitlines()) == 2  # nothing new, nothing sent


def test_notify_send_absent_or_failing_is_said_in_one_line_and_exits_0(
    folder: Folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    folder.add("call Li due:today@09:10")
    folder.add("write to Wang due:today@09:11")
    code, out, err = folder("remind", "--notify")
    assert code == 0 and "call Li" in out and "write to Wang" in out
    assert err == "notify-send was not found: the reminders are only printed.\n"
    code, out, err = folder("remind", "--notify", "--lang", "zh")
    assert (code, out, err) == (0, "", "")  # nothing to send: nothing said
    fake_notify_send(tmp_path / "bad", fails=True)
    monkeypatch.setenv("PATH", str(tmp_path / "bad"))
    code, out, err = folder("remind", "--notify", "--all", "--lang", "zh")
    assert code == 0 and out.count("\n") == 2
    assert err == "notify-send 未能发送提醒：no bus\n"
