"""``planner start`` / ``planner stop`` (issue 16): JSON, info's planned against actual, the
day's-end stop said on stderr, in both languages."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, call


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


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    return Folder(tmp_path / "data")


def add(folder: Folder, text: str) -> str:
    task_id: str = json.loads(folder.ok("add", text, "--json"))["id"]
    return task_id


def test_start_and_stop_in_json_and_spent_in_the_task(folder: Folder) -> None:
    task_id = add(folder, "write the report est:1h")
    started = json.loads(folder.ok("start", task_id[:6], "--json"))
    assert started["id"] == task_id and started["spent"] == 0
    assert started["intervals"] == [{"start": "2026-11-23T09:00:00+08:00", "end": None}]
    folder.now = MONDAY + timedelta(minutes=45)
    stopped = json.loads(folder.ok("stop", "--json"))
    assert stopped == {
        "id": task_id,
        "start": "2026-11-23T09:00:00+08:00",
        "end": "2026-11-23T09:45:00+08:00",
        "seconds": 2700,
        "spent": 2700,
    }
    assert json.loads(folder.ok("stop", "--json")) is None
    info = json.loads(folder.ok("info", task_id, "--json"))
    assert info["spent"] == 2700 and info["estimate"] == 60
    text = folder.ok("info", task_id)
    assert "45m of 1h estimated (75%)" in text


def test_starting_another_says_which_it_stopped(folder: Folder) -> None:
    first, second = add(folder, "first"), add(folder, "second")
    folder.ok("start", first)
    folder.now = MONDAY + timedelta(minutes=20)
    out = folder.ok("start", second)
    assert out == "Timer started: second (stopped: first, 20m)\n"
    assert "running since 2026-11-23 09:20" in folder.ok("info", second)
    assert folder.ok("stop") == "Timer stopped: second, under a minute\n"
    assert folder.ok("stop") == "No timer is running.\n"


def test_a_timer_left_running_stops_at_the_days_start_with_a_line_on_stderr(
    folder: Folder,
) -> None:
    task_id = add(folder, "late work")
    folder.now = MONDAY.replace(hour=23)
    folder.ok("start", task_id)
    folder.now = MONDAY.replace(hour=23) + timedelta(hours=4, minutes=30)  # 03:30 Tuesday
    code, _, err = folder("today")
    assert code == 0 and err == ""
    folder.now = datetime(2026, 11, 24, 4, 1, tzinfo=MONDAY.tzinfo)
    code, _, err = folder("today")
    assert code == 0
    assert err == (
        "The timer of late work was still running when its day ended: stopped at "
        "2026-11-24 04:00 (5h).\n"
    )
    assert json.loads(folder.ok("info", task_id, "--json"))["spent"] == 5 * 3600
    assert folder("today")[2] == ""


def test_chinese_words(folder: Folder) -> None:
    task_id = add(folder, "写报告 est:2h")
    folder.ok("start", task_id, "--lang", "zh")
    folder.now = MONDAY + timedelta(minutes=90)
    assert folder.ok("stop", "--lang", "zh") == "停止计时：写报告，1小时30分钟\n"
    assert "1小时30分钟，预计 2小时（75%）" in folder.ok("info", task_id, "--lang", "zh")


def test_start_of_an_unknown_or_closed_task_is_exit_1(folder: Folder) -> None:
    assert folder("start", "zzzzzz")[0] == 1
    task_id = add(folder, "done already")
    folder.ok("done", task_id)
    assert folder("start", task_id)[0] == 1
