"""Instructions on the command line (督办, issue 16): ``planner extend`` asks for and approves
an extension, ``info`` and task JSON show the state, the warning window counts China's
working days, the day turns at ``day_starts_at``, and the reports carry the state."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import MONDAY, TZ, call


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.now = MONDAY
        self.extra: list[str] = []

    def __call__(self, *args: str) -> tuple[int, str, str]:
        return call(*args, "--data-dir", str(self.root), *self.extra, now=self.now)

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, (args, out, err)
        return out

    def task(self, task_id: str) -> dict[str, object]:
        data: dict[str, object] = json.loads(self.ok("info", task_id, "--json"))
        return data


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    return Folder(tmp_path / "data")


def add(folder: Folder, text: str) -> str:
    task_id: str = json.loads(folder.ok("add", text, "--json"))["id"]
    return task_id


def test_the_state_in_json_and_null_for_other_tasks(folder: Folder) -> None:
    soon = add(folder, "flood report from:Li report:2026-11-25")
    later = add(folder, "survey outline from:Wang report:2026-12-04")
    plain = add(folder, "plain work report:2026-11-25")
    assert folder.task(soon)["instruction_state"] == "due_soon"
    assert folder.task(later)["instruction_state"] == "in_progress"
    assert folder.task(plain)["instruction_state"] is None
    listed = {
        item["id"]: item["instruction_state"] for item in json.loads(folder.ok("list", "--json"))
    }
    assert listed == {soon: "due_soon", later: "in_progress", plain: None}
    board = json.loads(folder.ok("today", "--json"))
    lanes = [*board["today"], *board["inbox"], *board["later"], *board["awaiting"]]
    assert {item["id"]: item["instruction_state"] for item in lanes}[soon] == "due_soon"
    folder.ok("feedback", soon[:6], "sent to Li")
    assert folder.task(soon)["instruction_state"] == "reported"
    folder.ok("done", soon[:6])
    assert folder.task(soon)["instruction_state"] == "closed"


def test_extend_asks_then_approves_and_info_keeps_the_original(folder: Folder) -> None:
    task_id = add(folder, "flood report from:Li report:2026-11-25")
    out = folder.ok("extend", task_id[:6], "2026-12-02", "county", "figures", "late")
    assert "Extension asked for" in out and "2026-12-02" in out
    asked = folder.task(task_id)
    assert asked["instruction_state"] == "extension_requested"
    assert (asked["report_by"], asked["extension_to"]) == ("2026-11-25", "2026-12-02")
    assert asked["extension_reason"] == "county figures late"
    info = folder.ok("info", task_id[:6])
    assert "extension requested" in info
    assert "2026-12-02 (county figures late); 2026-11-25 still in force" in info
    approved = json.loads(folder.ok("extend", task_id[:6], "--approved", "--json"))
    assert (approved["report_by"], approved["report_by_original"]) == ("2026-12-02", "2026-11-25")
    assert approved["extension_to"] is None and approved["instruction_state"] == "in_progress"
    info = folder.ok("info", task_id[:6])
    assert "2026-12-02, extended from 2026-11-25 (county figures late)" in info
    folder.extra = ["--lang", "zh"]
    info = folder.ok("info", task_id[:6])
    assert "2026-12-02，由 2026-11-25 延期（county figures late）" in info
    assert "督办状态" in info and "办理中" in info
    folder.ok("undo")
    assert folder.task(task_id)["instruction_state"] == "extension_requested"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("2026-11-24", "why"), 1, "must be after 2026-11-25"),
        (("--approved",), 1, "no extension was requested"),
        (("2026-12-02",), 2, "give the new date and a reason"),
        (("2026-12-02", "why", "--approved"), 2, "--approved takes no date or reason"),
        (("someday", "why"), 1, "extend"),
    ],
)
def test_extend_refuses(folder: Folder, args: tuple[str, ...], code: int, words: str) -> None:
    task_id = add(folder, "flood report from:Li report:2026-11-25")
    result, out, err = folder("extend", task_id[:6], *args)
    assert result == code, (out, err)
    assert words in err
    assert folder.task(task_id)["extension_to"] is None


def test_extend_refuses_a_task_that_is_not_an_instruction(folder: Folder) -> None:
    task_id = add(folder, "plain work report:2026-11-25")
    code, _out, err = folder("extend", task_id[:6], "2026-12-02", "why")
    assert code == 1 and "only an instruction" in err


def test_the_day_turns_at_its_start_not_at_midnight(folder: Folder) -> None:
    task_id = add(folder, "flood report from:Li report:2026-11-25")
    folder.now = datetime(2026, 11, 26, 3, 59, tzinfo=TZ)
    assert folder.task(task_id)["instruction_state"] == "due_soon"
    folder.now = datetime(2026, 11, 26, 4, 0, tzinfo=TZ)
    assert folder.task(task_id)["instruction_state"] == "overdue"


def test_the_warning_window_counts_chinas_working_days(folder: Folder) -> None:
    """30 September 2026: 1 to 7 October are off, so the third working day after it is
    Saturday 10 October (a make-up day); Friday 9 October is due soon."""
    folder.now = datetime(2026, 9, 30, 9, 0, tzinfo=TZ)
    task_id = add(folder, "holiday duty roster from:Li report:2026-10-09")
    assert folder.task(task_id)["instruction_state"] == "due_soon"
    after = add(folder, "post-holiday summary from:Li report:2026-10-12")
    assert folder.task(after)["instruction_state"] == "in_progress"


def test_warning_days_from_the_config(folder: Folder, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[instructions]\nwarning_days = 0\n", encoding="utf-8")
    folder.extra = ["--config", str(config)]
    task_id = add(folder, "flood report from:Li report:2026-11-24")
    assert folder.task(task_id)["instruction_state"] == "in_progress"
    folder.now = MONDAY + timedelta(days=1)
    assert folder.task(task_id)["instruction_state"] == "due_soon"
    config.write_text("[instructions]\nwarning_days = -1\n", encoding="utf-8")
    code, _out, err = folder("today")
    assert code != 0 and "config.toml:2" in err and "warning_days" in err


def test_the_reports_carry_the_state_and_the_original_date(folder: Folder) -> None:
    task_id = add(folder, "flood report from:Li report:2026-11-25")
    folder.ok("extend", task_id[:6], "2026-11-26", "figures late")
    folder.ok("extend", task_id[:6], "--approved")
    add(folder, "survey outline from:Wang report:2026-12-04")
    daily = folder.ok("export", "report", "--day")
    assert "flood report" in daily
    line = next(line for line in daily.splitlines() if "flood report" in line)
    assert "extended from 2026-11-25" in line and "督办: due soon" in line
    outline = next(line for line in daily.splitlines() if "survey outline" in line)
    assert "督办: in progress" in outline
    folder.extra = ["--lang", "zh"]
    tasks = folder.ok("export", "tasks")
    line = next(line for line in tasks.splitlines() if "flood report" in line)
    assert "原定 2026-11-25" in line and "督办：临期" in line
