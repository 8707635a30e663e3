"""Today's load on the command line (issue 16): ``today --json``'s ``load`` and the text
line, on China's calendar (a holiday, a make-up day), and the ``[capacity]`` settings,
whose errors name the file, line and key."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, TZ, call

from planner.domain.capacity import Capacity
from planner.domain.errors import ConfigError
from planner.shell.config_file import load_config


def at(moment: datetime, *args: str) -> str:
    code, out, err = call(*args, now=moment)
    assert code == 0, (args, out, err)
    return out


def load_of(moment: datetime = MONDAY) -> dict[str, object]:
    board = json.loads(at(moment, "today", "--json"))
    load: dict[str, object] = board["load"]
    return load


def test_today_json_carries_the_load() -> None:
    at(MONDAY, "add", "Briefing est:2h !main")
    at(MONDAY, "add", "Meeting due:today@14:00 sched:today est:1h")
    at(MONDAY, "add", "Timed, still in the inbox due:today@16:00 est:1h")
    at(MONDAY, "add", "Minutes sched:today est:1-2h")
    at(MONDAY, "add", "Call Li sched:today")
    at(MONDAY, "add", "Not yet accepted est:5h")
    at(MONDAY, "add", "Next week sched:+1w est:5h")
    assert load_of() == {
        "planned": 300,
        "capacity": 360,
        "unestimated": 1,
        "workday": True,
        "holiday": None,
        "timed": 60,
        "over": 0,
        "reason": "weekday",
    }
    at(MONDAY, "add", "Memo sched:today est:150m")
    assert load_of()["over"] == 90


def test_the_text_line_in_both_languages() -> None:
    at(MONDAY, "add", "Report sched:today est:7.5h")
    at(MONDAY, "add", "Call Li sched:today")
    lines = at(MONDAY, "today").splitlines()
    assert lines[1] == "Load: 7.5 h / 6 h +25% (1 without estimate)"
    lines = at(MONDAY, "--lang", "zh", "today").splitlines()
    assert lines[1] == "今日负荷：7.5 小时 / 6 小时 +25%（1 项未估时）"


def test_a_holiday_holds_nothing_and_is_named() -> None:
    national_day = datetime(2026, 10, 1, 10, 0, tzinfo=TZ)
    at(national_day, "add", "On duty sched:today est:2h")
    load = load_of(national_day)
    assert (load["capacity"], load["workday"], load["holiday"], load["reason"]) == (
        0,
        False,
        "National Day",
        "holiday",
    )
    assert at(national_day, "today").splitlines()[1] == "Load: 2 h / 0 h +2 h · National Day"
    zh = at(national_day, "--lang", "zh", "today").splitlines()[1]
    assert zh == "今日负荷：2 小时 / 0 小时 +2 小时 · 国庆节"


def test_a_makeup_saturday_and_past_midnight() -> None:
    makeup = datetime(2026, 10, 10, 9, 0, tzinfo=TZ)
    load = load_of(makeup)
    assert (load["capacity"], load["workday"], load["reason"]) == (360, True, "makeup")
    assert at(makeup, "today").splitlines()[1] == "Load: 0 h / 6 h · make-up workday"
    # 01:00 on Sunday the 11th, before the day starts at 04:00: still the make-up Saturday
    assert load_of(makeup + timedelta(hours=16))["reason"] == "makeup"
    assert load_of(makeup + timedelta(hours=20))["reason"] == "weekend"


def test_capacity_from_the_config(tmp_path: Path) -> None:
    config = Path(os.environ["PLANNER_CONFIG"])
    config.write_text('[capacity]\nweekdays = "7h"\nmonday = "4小时"\n', encoding="utf-8")
    assert load_of()["capacity"] == 240
    assert load_of(MONDAY + timedelta(days=1))["capacity"] == 420
    path = tmp_path / "c.toml"
    path.write_text('[capacity]\nsaturday = "2h"\nmakeup = "5h30m"\n', encoding="utf-8")
    capacity = load_config(config_path=path, env={}).capacity
    assert capacity == Capacity(week=(360,) * 5 + (120, 0), makeup=330)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[capacity]\nmonday = "6"\n', "c.toml:2: [capacity] monday: '6' is not a day's capacity"),
        ("[capacity]\nfriday = 6\n", "c.toml:2: [capacity] friday must be text with a unit"),
        ('[capacity]\n\nfriday = "1-2h"\n', "c.toml:3: [capacity] friday: '1-2h'"),
        ('[capacity]\nsunday = "25h"\n', "at most 24 hours a day"),
        ('[capacity]\nfunday = "2h"\n', "c.toml:2: unknown setting 'funday' in [capacity]"),
        ('capacity = "6h"\n', "c.toml:1: [capacity] must be a table"),
        ("[capacity]\nmonday = true\n", "[capacity] monday must be text with a unit"),
    ],
)
def test_a_bad_capacity_names_file_line_and_key(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config_path=path, env={})
    assert needle in str(caught.value)


def test_a_bad_capacity_is_exit_2_from_the_cli(tmp_path: Path) -> None:
    config = Path(os.environ["PLANNER_CONFIG"])
    config.write_text('[capacity]\nmonday = "lots"\n', encoding="utf-8")
    code, out, err = call("today")
    assert code != 0 and out == ""
    assert f"{config}:2: [capacity] monday" in err
