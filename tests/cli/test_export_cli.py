"""``planner export`` end to end: where the Markdown goes, and what is never left behind."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from cli_calls import TZ, planner
from cli_calls import call as call_cli

WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)
SECRET = "SECRETMARKER42"


def call(*args: str, now: datetime = WEDNESDAY) -> tuple[int, str, str]:
    return call_cli(*args, now=now)


@pytest.fixture
def filled() -> None:
    """Three days of journal, a done task, and confidential records with a marker."""
    for day, text in (
        ("2026-11-23", "# Plan\n\nMonday notes"),
        ("2026-11-24", "Tuesday notes | with a pipe"),
    ):
        assert call("journal", "--date", day, text)[0] == 0
    assert call("journal", "--date", "2026-11-25", f"{SECRET} diary")[0] == 0
    assert call("add", "Brief the director !main")[0] == 0
    assert call("add", f"{SECRET} plan !secret")[0] == 0
    code, out, _ = call("add", "Collect the figures", "--json")
    assert code == 0
    assert call("done", json.loads(out)["id"])[0] == 0


def make_confidential(day: str) -> None:
    """Mark the journal entry of ``day`` confidential, as the app's toggle does."""
    from data.store import FileStore
    from planner.services.planner import Planner
    from planner.services.ports import Change
    from planner.shell.config_file import load_config

    config = load_config()
    assert config.data_dir is not None
    store = FileStore(config.data_dir, clock=lambda: WEDNESDAY)
    planner = Planner(store, config, lambda: WEDNESDAY)
    entry = store.get_entry(datetime.fromisoformat(day).date())
    assert entry is not None
    with store.transaction():
        store.apply([Change(entry, entry.touched(planner.now(), confidential=True))])


def test_journal_goes_to_stdout_by_default(filled: None) -> None:
    code, out, err = call("export", "journal")
    assert code == 0, err
    assert out.startswith("# Journal · everything\n")
    assert "## 2026-11-23 Monday" in out and "### Plan" in out
    assert "Tuesday notes | with a pipe" in out


def test_confidential_entries_stay_out_unless_asked(filled: None) -> None:
    make_confidential("2026-11-25")
    for kind in ("journal", "tasks", "report"):
        code, out, _ = call("export", kind)
        assert code == 0
        assert SECRET not in out, kind
    code, out, _ = call("export", "journal", "--include-confidential")
    assert SECRET in out
    code, out, _ = call("export", "tasks", "--include-confidential")
    assert SECRET in out


def test_output_file_is_never_overwritten_without_force(filled: None, tmp_path: Path) -> None:
    target = tmp_path / "out" / "journal.md"
    code, out, _ = call("export", "journal", "-o", str(target))
    assert code == 0 and f"Wrote {target}" in out
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# Journal")
    target.write_text("my edits", encoding="utf-8")
    code, _, err = call("export", "journal", "-o", str(target))
    assert code == 1
    assert str(target) in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my edits"
    code, _, _ = call("export", "journal", "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.md"]


def test_split_daily_writes_one_file_per_day(filled: None, tmp_path: Path) -> None:
    make_confidential("2026-11-25")
    folder = tmp_path / "daily"
    code, out, _ = call(
        "export", "journal", "--split", "daily", "-o", str(folder), "--front-matter"
    )
    assert code == 0 and "Wrote 2 files" in out
    assert sorted(p.name for p in folder.iterdir()) == ["2026-11-23.md", "2026-11-24.md"]
    monday = (folder / "2026-11-23.md").read_text(encoding="utf-8")
    assert monday.startswith('---\ntitle: "2026-11-23 Monday"\ndate: 2026-11-23\n')
    assert "\n# 2026-11-23 Monday\n" in monday and "\n## Plan\n" in monday


def test_split_daily_writes_all_or_none(filled: None, tmp_path: Path) -> None:
    folder = tmp_path / "daily"
    folder.mkdir()
    (folder / "2026-11-24.md").write_text("kept", encoding="utf-8")
    code, _, err = call("export", "journal", "--split", "daily", "-o", str(folder))
    assert code == 1 and "2026-11-24.md" in err
    assert sorted(p.name for p in folder.iterdir()) == ["2026-11-24.md"]
    assert (folder / "2026-11-24.md").read_text(encoding="utf-8") == "kept"


def test_a_failure_midway_through_a_split_takes_back_what_was_placed(
    filled: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "daily"
    folder.mkdir()
    (folder / "2026-11-24.md").write_text("old", encoding="utf-8")
    from planner.export import output

    real_place = output._place

    def failing_place(temp: Path, target: Path, *, force: bool) -> None:
        if target.name == "2026-11-25.md":
            raise output.ExportWriteError("export.error.write", target, "No space left on device")
        real_place(temp, target, force=force)

    monkeypatch.setattr(output, "_place", failing_place)
    code, _, err = call("export", "journal", "--split", "daily", "-o", str(folder), "--force")
    assert code == 1 and "No space left on device" in err
    assert sorted(p.name for p in folder.iterdir()) == ["2026-11-24.md"]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    assert (folder / "2026-11-24.md").read_text(encoding="utf-8") == "old"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_an_unwritable_folder_is_a_clear_error_and_leaves_nothing(
    filled: None, tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = call("export", "journal", "-o", str(folder / "journal.md"))
        assert code == 1
        assert "cannot write" in err and str(folder / "journal.md") in err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_path_through_a_file_is_a_clear_error(filled: None, tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    code, _, err = call("export", "journal", "-o", str(blocker / "journal.md"))
    assert code == 1 and "cannot write" in err and "nothing was written" in err
    code, _, err = call("export", "journal", "--split", "daily", "-o", str(blocker))
    assert code == 1 and "is not a folder" in err
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


def test_split_needs_a_folder_and_is_not_for_tasks(filled: None, tmp_path: Path) -> None:
    code, _, err = call("export", "journal", "--split", "daily")
    assert code == 1 and "-o DIR" in err
    code, _, err = call("export", "tasks", "--split", "daily", "-o", str(tmp_path))
    assert code == 1 and "tasks" in err


def test_clashing_ranges_and_bad_dates_are_exit_1(filled: None) -> None:
    code, _, err = call("export", "journal", "--day", "--week")
    assert code == 1 and "--day" in err
    code, _, err = call("export", "journal", "--from", "someday")
    assert code == 1 and "someday" in err
    code, _, err = call("export", "journal", "--from", "2026-11-24", "--to", "2026-11-23")
    assert code == 1 and "ends before it starts" in err


def test_ranges_pick_days(filled: None) -> None:
    code, out, _ = call("export", "journal", "--from", "2026-11-24", "--to", "2026-11-24")
    assert code == 0 and "## 2026-11-24 Tuesday" in out and "2026-11-23" not in out
    code, out, _ = call("export", "journal", "--day", "2026-11-23")
    assert "Monday notes" in out and "Tuesday" not in out
    code, out, _ = call("export", "journal", "--week", "2026-11-16")
    assert "Monday notes" not in out
    code, _, err = call("export", "journal", "--week", "2026-11-16")
    assert "Nothing to export" in err


def test_report_day_in_chinese(filled: None) -> None:
    code, out, _ = call("--lang", "zh", "export", "report", "--day")
    assert code == 0
    assert out.startswith("# 工作日报（2026-11-25 星期三）")
    assert "## 今日完成工作" in out and "Collect the figures" in out
    assert "## 明日工作计划" in out and "## 心得体会" not in out


def test_json_summary(filled: None, tmp_path: Path) -> None:
    target = tmp_path / "week.md"
    code, out, _ = call("export", "report", "-o", str(target), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary == {
        "kind": "report",
        "from": "2026-11-23",
        "to": "2026-11-29",
        "records": summary["records"],
        "path": str(target),
        "files": ["report.md"],
        "text": None,
    }


def test_a_real_process_keeps_stdout_clean(tmp_path: Path) -> None:
    written = planner("journal", "a line")
    assert written.returncode == 0, written.stderr
    result = planner("export", "journal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Journal") and result.stderr == ""
