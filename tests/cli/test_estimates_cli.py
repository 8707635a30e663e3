"""Estimates on the command line (issue 16): quick add, edit, info, list/today JSON, the
Markdown exports and the daily report; a bad value is exit 1 naming the token."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.minutes = 0

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.minutes += 1
        now = MONDAY + timedelta(minutes=self.minutes)
        return call(*args, "--data-dir", str(self.root), now=now)

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, (args, out, err)
        return out


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    return Folder(tmp_path / "data")


def test_quick_add_takes_every_form_and_json_carries_the_minutes(folder: Folder) -> None:
    expected = {
        "a est:30m": (30, None),
        "b est:1.5h": (90, None),
        "c est:90分钟": (90, None),
        "d est:2小时": (120, None),
        "e est:1-2h": (120, 60),
        "f est:45min": (45, None),
        "g est:1h30m": (90, None),
        "h est:１．５ｈ": (90, None),
        "i": (None, None),
    }
    for text, (minutes, low) in expected.items():
        added = json.loads(folder.ok("add", text, "--json"))
        assert (added["estimate"], added["estimate_low"]) == (minutes, low), text
    listed = json.loads(folder.ok("list", "--json"))
    assert {t["title"]: (t["estimate"], t["estimate_low"]) for t in listed} == {
        text.split()[0]: value for text, value in expected.items()
    }


def test_a_bad_estimate_is_exit_1_naming_the_token_and_adds_nothing(folder: Folder) -> None:
    for text, word in [
        ("call Li est:soon", "not an estimate"),
        ("call Li est:30", "give a unit"),
        ("call Li est:2-1h", "smaller to the larger"),
        ("call Li est:0m", "more than 0"),
    ]:
        code, out, err = folder("add", text)
        assert code == 1 and out == ""
        token = text.split()[-1]
        assert token in err and word in err, err
    assert json.loads(folder.ok("list", "--all", "--json")) == []
    code, _out, err = folder("add", "写讲话稿 est:半天", "--lang", "zh")
    assert code == 1 and "est:半天" in err and "不是预计用时" in err


def test_edit_info_and_today_show_the_estimate(folder: Folder) -> None:
    task = json.loads(folder.ok("add", "draft the speech est:1-2h sched:today", "--json"))
    assert "1-2h" in folder.ok("info", task["id"])
    assert "~1-2h" in folder.ok("today")
    board = json.loads(folder.ok("today", "--json"))
    (today,) = board["today"]
    assert (today["estimate"], today["estimate_low"]) == (120, 60)
    assert "estimate" in folder.ok("edit", task["id"], "est:45m")
    shown = json.loads(folder.ok("info", task["id"], "--json"))
    assert (shown["estimate"], shown["estimate_low"]) == (45, None)
    assert "预计用时" in folder.ok("info", task["id"], "--lang", "zh")
    assert "45分钟" in folder.ok("info", task["id"], "--lang", "zh")
    code, _out, err = folder("edit", task["id"], "est:1.01h")
    assert code == 1 and "est:1.01h" in err
    folder.ok("edit", task["id"], "est:none")
    cleared = json.loads(folder.ok("info", task["id"], "--json"))
    assert (cleared["estimate"], cleared["estimate_low"]) == (None, None)


def test_exports_and_the_daily_report_show_the_estimate(folder: Folder) -> None:
    folder.ok("add", "draft the speech est:1-2h sched:today")
    done = json.loads(folder.ok("add", "call Li est:30m sched:today", "--json"))
    folder.ok("done", done["id"])
    tasks = folder.ok("export", "tasks")
    assert "draft the speech · estimate 1-2h" in tasks
    assert "call Li · estimate 30m" in tasks
    report = folder.ok("export", "report", "--day", "--lang", "zh")
    assert "预计 1-2小时" in report and "预计 30分钟" in report
