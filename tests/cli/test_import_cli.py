"""``planner import`` end to end: exit codes, the summary, ``--json``, stderr lines, no Textual."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_calls import MONDAY, ROOT, call, planner

from data.store import FileStore
from planner.services.ports import Change

TODO = """(A) 2026-11-01 Call Mom +Family @phone due:2026-11-25
x 2024-05-02 2024-05-01 Old done thing +Home
Plan trip due:2026-13-01
起草年度总结 +工作 @李局 due:friday
"""

TASKWARRIOR = (
    "[\n"
    + ",\n".join(
        json.dumps(item, ensure_ascii=False)
        for item in [
            {
                "uuid": "a1",
                "description": "Write the quarterly report",
                "status": "pending",
                "entry": "20261101T000000Z",
                "modified": "20261110T000000Z",
                "due": "20261126T160000Z",
                "priority": "H",
                "project": "Office",
                "tags": ["next"],
                "annotations": [{"entry": "20261105T020000Z", "description": "问王处长要数据"}],
            },
            {
                "uuid": "b2",
                "description": "Old task",
                "status": "completed",
                "entry": "20230101T000000Z",
                "end": "20230201T000000Z",
            },
            {"uuid": "c3", "description": "Bad", "status": "pending", "due": "2026-13-01"},
        ]
    )
    + "\n]\n"
)

JRNL = json.dumps(
    {
        "tags": {"@work": 1},
        "entries": [
            {
                "title": "晚上反思。",
                "body": "今天和王处长沟通不畅。",
                "date": "2026-11-20",
                "time": "21:30",
                "tags": ["@work"],
                "starred": True,
            },
            {
                "title": "Morning.",
                "body": "Three things.",
                "date": "2026-11-20",
                "time": "08:15",
                "tags": [],
                "starred": False,
            },
        ],
    },
    indent=2,
)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "imports"
    folder.mkdir()
    (folder / "todo.txt").write_text(TODO, encoding="utf-8")
    (folder / "export.json").write_text(TASKWARRIOR, encoding="utf-8")
    (folder / "journal.json").write_text(JRNL, encoding="utf-8")
    (folder / "clean.txt").write_text("Call back @王处长\nBuy milk +home\n", encoding="utf-8")
    return folder


def data_files() -> dict[str, bytes]:
    root = Path(os.environ["PLANNER_DATA_DIR"])
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "backups" not in p.parts and p.name != ".lock"
    }


def test_a_clean_file_is_exit_0_and_the_second_run_changes_nothing(files: Path) -> None:
    code, out, err = call("import", "todotxt", str(files / "clean.txt"))
    assert (code, err) == (0, "")
    assert out == "todo.txt: 2 imported, 0 updated, 0 unchanged, 0 skipped.\n"
    before = data_files()
    code, out, err = call("import", "todotxt", str(files / "clean.txt"))
    assert code == 0 and "0 imported, 0 updated, 2 unchanged, 0 skipped" in out
    assert data_files() == before


def test_a_skipped_line_is_exit_1_named_on_stderr_and_the_rest_imported(files: Path) -> None:
    path = str(files / "todo.txt")
    code, out, err = call("import", "todotxt", path)
    assert code == 1
    assert "3 imported, 0 updated, 0 unchanged, 1 skipped" in out
    assert "Finished tasks moved to the archive: 1." in out
    assert err.splitlines() == [
        f'{path}:3: unreadable due date "2026-13-01"',
        f"{path}:4: note: due:friday is not a YYYY-MM-DD date, so it is kept in the notes only",
    ]
    code, out, _ = call("list", "--all", "--json")
    titles = {task["title"] for task in json.loads(out)}
    assert titles == {"Call Mom", "Old done thing", "起草年度总结"}


def test_json_summary_has_every_key(files: Path) -> None:
    code, out, _ = call("import", "taskwarrior", str(files / "export.json"), "--json")
    assert code == 1
    summary = json.loads(out)
    assert summary == {
        "imported": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped": 1,
        "archived": 1,
        "errors": [{"line": 4, "reason": 'unreadable date in due: "2026-13-01"'}],
        "warnings": [],
        "conflicts": [],
    }
    code, out, _ = call("import", "todotxt", str(files / "clean.txt"), "--json")
    assert code == 0
    assert json.loads(out) == {
        "imported": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped": 0,
        "archived": 0,
        "errors": [],
        "warnings": [],
        "conflicts": [],
    }


def test_taskwarrior_fields_arrive(files: Path) -> None:
    call("import", "taskwarrior", str(files / "export.json"))
    _code, out, _ = call("list", "--json")
    (task,) = json.loads(out)
    assert task["title"] == "Write the quarterly report"
    assert task["due"] == "2026-11-27" and task["priority"] == "high"
    assert task["tags"] == ["Office", "next"]
    assert task["notes"] == "2026-11-05 10:00  问王处长要数据"
    assert task["external_ref"] == "taskwarrior:a1"


def test_jrnl_in_chinese_and_the_entry_reads_back(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = call("--lang", "zh", "import", "jrnl", str(files / "journal.json"))
    assert (code, err) == (0, "")
    assert out == "jrnl：导入 2 篇，并入已有日志 0 篇，未变 0 篇，跳过 0 篇。\n"
    code, out, _ = call("journal", "--date", "2026-11-20")
    assert out == (
        "## 08:15 Morning.\n\nThree things.\n\n## 21:30 晚上反思。\n\n今天和王处长沟通不畅。\n"
    )
    code, out, _ = call("journal", "--date", "2026-11-20", "--json")
    assert json.loads(out)["tags"] == ["work", "starred"]


def test_a_day_the_user_wrote_keeps_their_words(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    call("journal", "--date", "2026-11-20", "我自己写的。")
    call("import", "jrnl", str(files / "journal.json"))
    _code, out, _ = call("import", "jrnl", str(files / "journal.json"))
    assert "0 entries imported, 0 added to days you already had, 2 unchanged" in out
    _code, out, _ = call("journal", "--date", "2026-11-20")
    assert out.startswith("我自己写的。\n\n## 08:15 Morning.")
    assert out.count("晚上反思") == 1


def test_a_missing_file_is_exit_1_with_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = call("import", "todotxt", str(missing))
    assert code == 1 and out == ""
    assert err.strip() == f"planner: cannot read {missing}: No such file or directory"
    assert err.count("\n") <= 1


def test_a_folder_is_exit_1(tmp_path: Path) -> None:
    code, _, err = call("import", "jrnl", str(tmp_path))
    assert code == 1 and str(tmp_path) in err


def test_an_unknown_kind_is_a_usage_error(files: Path) -> None:
    assert call("import", "omnifocus", str(files / "todo.txt"))[0] == 2


def test_the_real_process_exit_codes_and_no_textual(files: Path) -> None:
    result = planner("import", "todotxt", str(files / "clean.txt"))
    assert result.returncode == 0, result.stderr
    result = planner("import", "taskwarrior", str(files / "export.json"), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["skipped"] == 1
    assert result.stderr.strip().endswith('unreadable date in due: "2026-13-01"')
    code = (
        "import sys, planner.shell.cli.main\n"
        f"planner.shell.cli.main.main(['import', 'todotxt', {str(files / 'clean.txt')!r}])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    check = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert check.returncode == 0, check.stderr


def _taskwarrior(path: Path, **changes: object) -> None:
    task = {
        "uuid": "s1",
        "description": "Send the minutes",
        "status": "pending",
        "entry": "20261101T000000Z",
        "modified": "20261110T000000Z",
        "priority": "M",
        "due": "20261126T160000Z",
    }
    path.write_text(json.dumps([{**task, **changes}]), encoding="utf-8")


def test_edits_on_both_sides_merge_per_field_and_conflicts_are_listed(tmp_path: Path) -> None:
    export = tmp_path / "tw.json"
    _taskwarrior(export)
    call("import", "taskwarrior", str(export))
    (task,) = json.loads(call("list", "--json")[1])
    ident = task["id"]
    # planner: new title and priority; Taskwarrior, later: new due and another title
    assert call("edit", ident[:6], "--title", "Send the minutes to 王处长", "pri:h")[0] == 0
    _taskwarrior(
        export,
        description="Send minutes",
        due="20261129T160000Z",
        modified="20261124T000000Z",
    )
    code, out, err = call("import", "taskwarrior", str(export), "--json")
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["updated"] == 1
    assert summary["conflicts"] == [
        {
            "id": ident,
            "field": "title",
            "planner": "Send the minutes to 王处长",
            "source": "Send minutes",
        }
    ]
    (task,) = json.loads(call("list", "--json")[1])
    assert task["title"] == "Send the minutes to 王处长"  # both changed: planner's kept
    assert task["priority"] == "high"  # changed in planner only
    assert task["due"] == "2026-11-30"  # changed in Taskwarrior only
    # the same file again: nothing to merge, nothing written, no conflict repeated
    before = data_files()
    code, out, _ = call("import", "taskwarrior", str(export))
    assert "0 updated, 1 unchanged" in out and "Changed both" not in out
    assert data_files() == before


def test_a_change_in_the_source_older_than_planners_edit_still_arrives(tmp_path: Path) -> None:
    export = tmp_path / "tw.json"
    _taskwarrior(export)
    call("import", "taskwarrior", str(export))
    (task,) = json.loads(call("list", "--json")[1])
    assert call("edit", task["id"][:6], "pri:l")[0] == 0
    # Taskwarrior's change carries a modified time before planner's edit
    _taskwarrior(export, description="Send the minutes today", modified="20261111T000000Z")
    code, out, _ = call("import", "taskwarrior", str(export))
    assert code == 0 and "1 updated" in out
    (task,) = json.loads(call("list", "--json")[1])
    assert (task["title"], task["priority"]) == ("Send the minutes today", "low")


def test_conflicts_are_listed_in_the_summary_text(tmp_path: Path) -> None:
    export = tmp_path / "tw.json"
    _taskwarrior(export)
    call("import", "taskwarrior", str(export))
    (task,) = json.loads(call("list", "--json")[1])
    assert call("edit", task["id"][:6], "pri:l")[0] == 0
    _taskwarrior(export, priority="H")
    code, out, _ = call("import", "taskwarrior", str(export))
    assert code == 0
    assert out.splitlines()[1:] == [
        "Changed both here and in Taskwarrior since the last import, kept as in planner: 1.",
        f'  {task["id"]} Send the minutes: priority: planner "low", Taskwarrior "high"',
    ]


def _series(path: Path, *occurrences: dict[str, object]) -> None:
    template = {
        "uuid": "tpl",
        "description": "Weekly report",
        "status": "recurring",
        "recur": "weekly",
        "entry": "20261101T000000Z",
        "modified": "20261116T000000Z",
        "due": "20261116T160000Z",
    }
    items = [
        {"description": "Weekly report", "parent": "tpl", "recur": "weekly", **item}
        for item in occurrences
    ]
    path.write_text(json.dumps([template, *items]), encoding="utf-8")


def _open_and_closed() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    tasks = json.loads(call("list", "--all", "--json")[1])
    return (
        [t for t in tasks if t["status"] == "open"],
        [t for t in tasks if t["status"] in ("done", "dropped")],
    )


@pytest.mark.parametrize("planner_first", [True, False])
def test_a_series_done_in_planner_and_in_taskwarrior_stays_one_series(
    tmp_path: Path, planner_first: bool
) -> None:
    export = tmp_path / "tw.json"
    first = {"uuid": "o1", "status": "pending", "due": "20261123T160000Z"}
    _series(export, first)
    call("import", "taskwarrior", str(export))
    (series,) = _open_and_closed()[0]
    # Taskwarrior: the occurrence done on the 24th, the next one pending
    done_there = {**first, "status": "completed", "end": "20261124T010000Z"}
    second = {"uuid": "o2", "status": "pending", "due": "20261130T160000Z"}
    _series(export, done_there, second)
    if planner_first:
        assert call("done", str(series["id"])[:6])[0] == 0
        code, _out, err = call("import", "taskwarrior", str(export))
    else:
        code, _out, err = call("import", "taskwarrior", str(export))
        assert call("done", str(series["id"])[:6])[0] == 0
    assert code == 0 and err.endswith(
        "note: pending occurrences folded into this recurring task: 1\n"
    )
    opened, closed = _open_and_closed()
    assert [(t["title"], t["recur"], t["external_ref"]) for t in opened] == [
        ("Weekly report", "FREQ=WEEKLY", "taskwarrior:tpl")
    ]
    if planner_first:  # the occurrence closed on both sides is one record
        assert [t["external_ref"] for t in closed] == ["taskwarrior:o1"]
        assert opened[0]["due"] == "2026-12-01"
    else:  # o1 closed in Taskwarrior, the next one (due 1 December) in planner
        assert sorted(str(t["external_ref"]) for t in closed) == [
            "taskwarrior:o1",
            "taskwarrior:tpl@2026-12-01",
        ]
        assert opened[0]["due"] == "2026-12-08"
    before = data_files()
    assert call("import", "taskwarrior", str(export))[0] == 0
    assert data_files() == before


@pytest.mark.parametrize(
    ("kind", "name"),
    [("todotxt", "todo.txt"), ("taskwarrior", "export.json"), ("jrnl", "journal.json")],
)
def test_every_format_imported_twice_changes_not_a_byte(files: Path, kind: str, name: str) -> None:
    call("import", kind, str(files / name))
    before = data_files()
    call("import", kind, str(files / name))
    assert data_files() == before


def test_a_jrnl_entry_edited_there_replaces_its_text_or_is_kept_beside_yours(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = files / "journal.json"
    call("import", "jrnl", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][1]["body"] = "Three things, then a fourth."
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = call("import", "jrnl", str(path), "--json")
    assert (code, err) == (0, "")
    assert (json.loads(out)["updated"], json.loads(out)["warnings"]) == (1, [])
    _code, text, _ = call("journal", "--date", "2026-11-20")
    assert text.count("08:15 Morning.") == 1 and "Three things, then a fourth." in text
    assert "Three things.\n" not in text
    # now edited on both sides: both versions stay, and a note says so
    data["entries"][1]["body"] = "Four things."
    path.write_text(json.dumps(data), encoding="utf-8")
    store = FileStore(Path(os.environ["PLANNER_DATA_DIR"]), clock=lambda: MONDAY)
    entry = store.get_entry(date(2026, 11, 20))
    assert entry is not None
    edited = entry.body.replace("then a fourth.", "then a fourth, says planner.")
    with store.transaction():
        store.apply([Change(entry, entry.touched(MONDAY, body=edited))])
    code, out, err = call("import", "jrnl", str(path))
    assert code == 0
    assert err.endswith(
        'note: the entry "## 08:15 Morning." changed in jrnl and its text was edited in planner'
        " since the last import: both versions are kept, the new one last\n"
    )
    _code, text, _ = call("journal", "--date", "2026-11-20")
    assert "then a fourth, says planner." in text and text.endswith("Four things.\n")
