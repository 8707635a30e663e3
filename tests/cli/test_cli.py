"""The command line end to end: real processes for exit codes, in-process runs for dates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from cli_calls import ROOT, TZ, call, planner


def test_add_json_prints_every_key_and_the_score() -> None:
    result = planner("add", "Draft the budget #finance @王处长 pri:h", "--json")
    assert result.returncode == 0, result.stderr
    task = json.loads(result.stdout)
    assert len(task["id"]) == 12
    assert task["title"] == "Draft the budget"
    assert task["tags"] == ["finance"] and task["people"] == ["王处长"]
    assert task["priority"] == "high" and task["status"] == "inbox"
    assert task["due"] is None and task["done_at"] is None
    assert isinstance(task["score"], float)


def test_bad_token_is_exit_1_naming_the_part() -> None:
    result = planner("add", "Call back due:someday")
    assert result.returncode == 1
    assert "due:someday" in result.stderr and "column 11" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_id_is_exit_1() -> None:
    result = planner("done", "zzzzzz")
    assert result.returncode == 1
    assert "zzzzzz" in result.stderr


def test_usage_error_is_exit_2() -> None:
    assert planner("frobnicate").returncode == 2
    assert planner("add").returncode == 2


def test_corrupt_data_is_exit_3_and_the_file_is_untouched(tmp_path: Path) -> None:
    assert planner("add", "first").returncode == 0
    data_dir = Path(os.environ["PLANNER_DATA_DIR"])
    target = data_dir / "tasks" / "open.json"
    target.write_bytes(b'{"tasks": {"1": ')
    before = target.read_bytes()
    result = planner("add", "second")
    assert result.returncode == 3
    assert "open.json" in result.stderr and "doctor" in result.stderr
    assert target.read_bytes() == before
    assert planner("doctor").returncode != 0


def test_doctor_repair_restores_from_backup() -> None:
    assert planner("add", "keep me").returncode == 0
    assert planner("backup").returncode == 0
    data_dir = Path(os.environ["PLANNER_DATA_DIR"])
    target = data_dir / "tasks" / "open.json"
    # Written into in place, as an editor or `truncate` would: snapshots are copies, so
    # the snapshot keeps the good version.
    with open(target, "r+b") as handle:
        handle.truncate(0)
        handle.write(b"garbage")
    repaired = planner("doctor", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "holds 1 record(s)" in repaired.stdout
    listed = planner("list", "--json")
    assert [t["title"] for t in json.loads(listed.stdout)] == ["keep me"]
    assert any(p.name.startswith("open.json.corrupt") for p in target.parent.iterdir())


def test_unwritable_data_folder_is_exit_3(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocked = Path("/proc/planner-cannot-exist")
    else:
        blocked = tmp_path / "ro"
        blocked.mkdir(mode=0o500)
        blocked = blocked / "inner"
    result = planner("--data-dir", str(blocked), "add", "x")
    assert result.returncode == 3
    assert str(blocked) in result.stderr


def test_today_lists_lanes_in_order_with_scores() -> None:
    code, out, _ = call("add", "Budget report !main @王处长 due:today")
    assert code == 0
    call("add", "Inbox thing")
    call("add", "Scheduled later sched:fri")
    call("add", "Open now sched:today")
    code, out, _ = call("today")
    assert code == 0
    lanes = ("Main contradiction", "Awaiting", "Inbox", "Later", "Today")
    order = [out.index(name) for name in lanes]
    assert order == sorted(order)
    assert "Budget report" in out.split("Awaiting")[0]
    assert "Scheduled later" in out.split("== Later")[1].split("== Today")[0]
    code, out, _ = call("today", "--json")
    board = json.loads(out)
    assert set(board) == {"date", "main", "today", "awaiting", "inbox", "later", "load"}
    assert board["main"]["title"] == "Budget report"
    assert board["date"] == "2026-11-23"
    assert [t["title"] for t in board["inbox"]] == ["Inbox thing"]
    assert all("score" in t for t in board["today"])


def test_done_of_an_instruction_awaits_feedback_then_feedback_clears_it() -> None:
    _, out, _ = call("add", "Send the minutes from:张主任 report:tomorrow sched:today", "--json")
    task_id = json.loads(out)["id"]
    code, out, _ = call("done", task_id[:5])
    assert code == 0 and "Awaiting feedback" in out
    board = json.loads(call("today", "--json")[1])
    assert [t["id"] for t in board["awaiting"]] == [task_id]
    assert call("feedback", task_id[:6], "sent", "on", "time")[0] == 0
    board = json.loads(call("today", "--json")[1])
    assert board["awaiting"] == []
    info = json.loads(call("info", task_id, "--json")[1])
    assert info["feedback"][0]["text"] == "sent on time"


def test_main_for_another_day_and_info_breakdown() -> None:
    _, out, _ = call("add", "Plan next week #plan", "--json")
    task_id = json.loads(out)["id"]
    assert call("main", task_id, "--date", "2026-11-30")[0] == 0
    assert json.loads(call("today", "--json")[1])["main"] is None
    future = call("today", "--json", now=datetime(2026, 11, 30, 9, 0, tzinfo=TZ))[1]
    assert json.loads(future)["main"]["id"] == task_id
    info = json.loads(call("info", task_id, "--json")[1])
    assert info["explanation"][0]["term"] == "due"
    code, text, _ = call("info", task_id)
    assert code == 0 and "age" in text and "total" in text


def test_list_filter_and_all() -> None:
    call("add", "Alpha #x")
    _, out, _ = call("add", "Beta #y", "--json")
    beta = json.loads(out)["id"]
    call("done", beta)
    titles = [t["title"] for t in json.loads(call("list", "#y", "--json")[1])]
    assert titles == []
    titles = [t["title"] for t in json.loads(call("list", "#y", "--all", "--json")[1])]
    assert titles == ["Beta"]
    titles = [t["title"] for t in json.loads(call("list", "ALPHA", "--json")[1])]
    assert titles == ["Alpha"]


def test_recurring_done_prints_the_next_occurrence() -> None:
    _, out, _ = call("add", "Weekly summary every:fri", "--json")
    task = json.loads(out)
    assert task["status"] == "open" and task["due"] == "2026-11-27"
    code, out, _ = call("done", task["id"], "--json")
    assert code == 0
    assert json.loads(out)["next"]["due"] == "2026-12-04"


def test_journal_append_from_args_and_stdin() -> None:
    assert planner("journal", "--date", "2026-11-20", "今天把材料梳理了一遍").returncode == 0
    assert planner("journal", "--date", "2026-11-20", stdin="second thought\n").returncode == 0
    shown = planner("journal", "--date", "2026-11-20")
    assert shown.stdout == "今天把材料梳理了一遍\n\nsecond thought\n"


def test_chinese_interface() -> None:
    code, out, _ = call("--lang", "zh", "today")
    assert code == 0 and "工作台" in out
    result = planner("--lang", "zh", "add", "x due:whenever")
    assert result.returncode == 1 and "无法识别" in result.stderr


def test_backup_and_restore() -> None:
    assert planner("add", "before").returncode == 0
    data_dir = Path(os.environ["PLANNER_DATA_DIR"])
    snapshots = sorted(p.name for p in (data_dir / "backups").iterdir() if p.name[0] != ".")
    assert snapshots, "the first write of the day snapshots"
    day = snapshots[0][:10]
    planner("add", "after")
    restored = planner("restore", day)
    assert restored.returncode == 0, restored.stderr
    titles = [t["title"] for t in json.loads(planner("list", "--json").stdout)]
    assert "after" not in titles
    out_dir = data_dir.parent / "copy"
    assert planner("backup", "-o", str(out_dir)).returncode == 0
    assert any(out_dir.rglob("open.json"))
    assert planner("restore", "1999-01-01").returncode == 1


def test_add_process_never_imports_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "planner", "add", "timed"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()}
    assert "tinydb" in imported
    assert "textual" not in imported


@pytest.mark.parametrize("command", ["today", "list", "add x"])
def test_config_errors_are_reported(tmp_path: Path, command: str) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("language = \n", encoding="utf-8")
    result = planner("--config", str(broken), *command.split())
    assert result.returncode == 1
    assert "broken.toml" in result.stderr and "line 1" in result.stderr


@pytest.mark.parametrize(
    ("argv", "app"),
    [
        ([], True),
        (["--data-dir", "/x", "--lang", "zh"], True),
        (["--demo", "--config=/c.toml", "--lang=en"], True),
        (["--data-dir", "add"], True),  # "add" is the folder here, as argparse reads it
        (["add", "x"], False),
        (["--help"], False),
        (["-h"], False),
        (["--data-dir", "/x", "today"], False),
        (["--bogus"], False),
    ],
)
def test_only_the_apps_own_options_skip_the_subcommand_parsers(argv: list[str], app: bool) -> None:
    from planner.shell.cli.main import opens_app

    assert opens_app(argv) is app


def test_opening_the_app_with_a_bad_option_value_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import planner.shell.cli.main

    opened: list[object] = []

    def open_app(ctx: object) -> int:
        opened.append(ctx)
        return 0

    monkeypatch.setattr(planner.shell.cli.main, "open_app", open_app)
    code, _out, err = call("--lang", "fr")
    assert code == 2 and "--lang" in err and not opened
    code, _out, _err = call("--lang", "zh", "--data-dir", "/nonexistent-planner-test")
    assert code == 0 and len(opened) == 1


def test_the_collector_is_paused_only_while_the_app_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import planner.shell.cli.main

    seen: list[bool] = []

    def open_app(ctx: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(planner.shell.cli.main, "open_app", open_app)
    try:
        assert planner.shell.cli.main.main(["--data-dir", "/nonexistent-planner-test"]) == 0
    finally:
        gc.enable()
    assert seen == [False]
    code = planner.shell.cli.main.main(["--data-dir", "/nonexistent-planner-test", "--bogus"])
    assert code == 2 and gc.isenabled()
