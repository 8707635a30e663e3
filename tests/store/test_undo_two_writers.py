"""Two writers on one data folder: the app's services here, and ``planner`` as a real process.

Undo and redo reverse a change only where the record is still as the change left it: what
the other process wrote since is never written over (issue #12). The other process is the
real command line (``planner.shell.cli.main.run`` in a fresh interpreter, on the test's
folder, with a fixed clock rather than the real date).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from data.history_file import HISTORY_FILE
from data.store import FileStore
from planner.domain.config import Config
from planner.domain.models import Task
from planner.i18n import translate as i18n
from planner.i18n.history import refused_text, step_text
from planner.services.history import KEEP, StepRefused
from planner.services.planner import Planner

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
CLI = """
import sys
from datetime import datetime
from planner.shell.cli.main import main
moment = datetime.fromisoformat(sys.argv[1])
sys.exit(main(sys.argv[2:], clock=lambda: moment))
"""


def planner_process(
    data_dir: Path, *args: str, minutes: int = 5
) -> subprocess.CompletedProcess[str]:
    """``planner ARGS`` as another process, ``minutes`` after the test's start."""
    moment = (NOW + timedelta(minutes=minutes)).isoformat()
    return subprocess.run(
        [sys.executable, "-c", CLI, moment, "--data-dir", str(data_dir), "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def app(data_dir: Path) -> Planner:
    """The app's services: a planner on its own store, keeping to its own session's actions."""
    i18n.set_language("en")
    planner = Planner(
        FileStore(data_dir, clock=lambda: NOW), Config(data_dir=data_dir), lambda: NOW
    )
    planner.history.own_session()
    return planner


def latest(data_dir: Path, task_id: str) -> Task:
    task = FileStore(data_dir, clock=lambda: NOW).get_task(task_id)
    assert task is not None
    return task


def test_undo_of_accept_never_reverts_the_done_another_process_made(
    app: Planner, data_dir: Path
) -> None:
    """The issue's case: t in the app, planner done in a terminal, u in the app."""
    task = app.quick_add("Call the supplier")
    app.accept(task.id)
    ok(planner_process(data_dir, "done", task.id))

    with pytest.raises(StepRefused) as refused:
        app.undo()

    after = latest(data_dir, task.id)
    assert after.status == "done" and after.done_at is not None
    [blocked] = refused.value.blocked[:1]
    assert blocked.action.label == "action.accept"
    assert [(c.field, c.reason) for c in blocked.kept] == [("status", "changed")]
    assert refused_text(refused.value, privacy=False).startswith(
        "Not undone: accept into today — Call the supplier: another process changed status of"
    )
    i18n.set_language("zh")
    assert refused_text(refused.value, privacy=False).startswith(
        "未撤销：接收到今天——Call the supplier"
    )
    i18n.set_language("en")


def test_planner_undo_takes_back_the_newest_action_of_any_process(
    app: Planner, data_dir: Path
) -> None:
    """The history is shared: the command's undo reverses the newest action, the command's
    own done; after it, the app's undo of its accept can be made."""
    task = app.quick_add("Call the supplier")
    app.accept(task.id)
    ok(planner_process(data_dir, "done", task.id))

    out = ok(planner_process(data_dir, "undo"))
    assert out.strip() == "Undone: done — Call the supplier"
    assert latest(data_dir, task.id).status == "open"

    step = app.undo()
    assert step is not None and step.label == "action.accept" and not step.kept
    assert latest(data_dir, task.id).status == "inbox"


def test_undo_of_an_edit_keeps_a_different_field_the_other_process_changed(
    app: Planner, data_dir: Path
) -> None:
    task = app.quick_add("Draft the budget")
    app.edit(task.id, {"title": "Draft the 2027 budget", "notes": "ask finance"})
    ok(planner_process(data_dir, "edit", task.id, "pri:h", "--notes", "finance answered"))

    step = app.undo()

    assert step is not None and step.label == "action.edit"
    after = latest(data_dir, task.id)
    assert after.title == "Draft the budget"  # reversed: still as the edit left it
    assert after.notes == "finance answered"  # kept: the other process changed it since
    assert after.priority == "high"  # not the edit's field: never touched
    assert [(c.field, c.reason) for c in step.kept] == [("notes", "changed")]
    # the record is named as the user last saw it: as the edit left it
    assert step_text(step, "undo", privacy=False).splitlines() == [
        "Undone: edit — Draft the 2027 budget",
        "Kept as another process changed it since: notes of “Draft the 2027 budget”.",
    ]


def test_undo_of_an_edit_whose_field_the_other_process_changed_is_refused(
    app: Planner, data_dir: Path
) -> None:
    task = app.quick_add("Draft the budget")
    app.edit(task.id, {"title": "Draft the 2027 budget"})
    ok(planner_process(data_dir, "edit", task.id, "--title", "Budget: final"))
    before = (data_dir / "tasks" / "open.json").read_bytes()

    with pytest.raises(StepRefused):
        app.undo()

    assert latest(data_dir, task.id).title == "Budget: final"
    assert (data_dir / "tasks" / "open.json").read_bytes() == before  # nothing written


def test_redo_likewise_keeps_or_refuses_what_the_other_process_changed(
    app: Planner, data_dir: Path
) -> None:
    first = app.quick_add("First")
    second = app.quick_add("Second")
    app.edit(first.id, {"title": "First, renamed", "notes": "mine"})
    app.edit(second.id, {"title": "Second, renamed"})
    app.undo()  # the edit of Second
    app.undo()  # the edit of First
    ok(planner_process(data_dir, "edit", first.id, "--notes", "theirs"))
    ok(planner_process(data_dir, "edit", second.id, "--title", "Second, theirs"))

    # the most recently undone first: First's edit, in part (its notes are theirs now)
    step = app.redo()
    assert step is not None and step.action.subject == first.id
    assert latest(data_dir, first.id).title == "First, renamed"
    assert latest(data_dir, first.id).notes == "theirs"
    assert [(c.field, c.reason) for c in step.kept] == [("notes", "changed")]

    # Second's edit: its only field was changed since, so redo is refused
    with pytest.raises(StepRefused) as refused:
        app.redo()
    assert refused.value.blocked[0].action.subject == second.id
    assert latest(data_dir, second.id).title == "Second, theirs"


def test_the_app_undoes_its_own_actions_and_the_command_line_lists_them_all(
    app: Planner, data_dir: Path
) -> None:
    mine = app.quick_add("From the app")
    ok(planner_process(data_dir, "add", "From the terminal"))

    listed = json.loads(ok(planner_process(data_dir, "undo", "--list", "--json")))
    assert [(a["action"], a["record"]["title"]) for a in listed] == [
        ("add", "From the terminal"),
        ("add", "From the app"),
    ]
    assert listed[0]["origin"] == "cli" and listed[1]["origin"].startswith("app:")

    step = app.undo()  # the app's own add, not the newer one from the terminal
    assert step is not None and step.action.subject == mine.id
    titles = {t.title for t in FileStore(data_dir, clock=lambda: NOW).open_tasks()}
    assert titles == {"From the terminal"}
    lines = ok(planner_process(data_dir, "undo", "--list")).splitlines()
    assert lines[0].endswith("From the terminal (" + listed[0]["subject"][:6] + ")  command")
    assert lines[1].endswith("app  undone")


def test_planner_undo_skips_a_blocked_action_and_says_so(app: Planner, data_dir: Path) -> None:
    older = app.quick_add("Older")
    newer = app.quick_add("Newer")
    app.edit(newer.id, {"title": "Newer, renamed"})
    # a writer that keeps no history (here: the store itself) renames it again
    store = FileStore(data_dir, clock=lambda: NOW)
    from planner.services.ports import Change

    current = store.get_task(newer.id)
    assert current is not None
    store.apply([Change(current, current.touched(NOW, title="Renamed elsewhere"))])

    result = planner_process(data_dir, "undo")
    # the edit is blocked, and so is Newer's add (the task changed since it was added):
    # the newest action that can be undone is Older's add
    assert ok(result).splitlines() == [
        "Undone: add — Older",
        "Skipped, changed since by another process: edit — Newer, renamed; add — Newer.",
    ]
    assert FileStore(data_dir, clock=lambda: NOW).get_task(older.id) is None


def test_nothing_to_undo_and_nothing_undoable_end_with_exit_1(app: Planner, data_dir: Path) -> None:
    result = planner_process(data_dir, "undo")
    assert (result.returncode, result.stderr.strip()) == (1, "Nothing to undo.")
    result = planner_process(data_dir, "redo")
    assert (result.returncode, result.stderr.strip()) == (1, "Nothing to redo.")

    task = app.quick_add("Only one")
    ok(planner_process(data_dir, "edit", task.id, "--title", "Theirs now"))
    app.edit(task.id, {"title": "Mine again"})
    result = planner_process(data_dir, "undo")
    assert result.returncode == 0 and "Undone: edit — Mine again" in result.stdout
    ok(planner_process(data_dir, "edit", task.id, "--title", "Theirs again"))
    ok(planner_process(data_dir, "undo"))  # the command's own edit: back to Mine again
    app.edit(task.id, {"title": "Mine at last"})  # the app's action leaves that redo be
    result = planner_process(data_dir, "--lang", "zh", "redo")
    assert result.returncode == 1
    assert result.stderr.startswith("未重做：编辑——Theirs again：其他进程此后修改了")
    assert latest(data_dir, task.id).title == "Mine at last"


def test_confidential_titles_are_masked_in_privacy_mode_but_not_in_json(
    app: Planner, data_dir: Path
) -> None:
    app.quick_add("Salary talk !secret")
    masked = ok(planner_process(data_dir, "--privacy", "undo", "--list"))
    assert "Salary" not in masked and "[confidential]" in masked
    listed = json.loads(ok(planner_process(data_dir, "--privacy", "undo", "--list", "--json")))
    assert listed[0]["record"]["title"] == "Salary talk"
    assert "Salary" not in ok(planner_process(data_dir, "--privacy", "undo"))


def test_the_history_keeps_the_last_100_actions(app: Planner, data_dir: Path) -> None:
    for number in range(KEEP + 5):
        app.quick_add(f"task {number}")
    actions = app.history.actions()
    assert len(actions) == KEEP
    assert actions[0].action.changes[0].record.title == "task 5"  # type: ignore[union-attr]
    assert [a.seq for a in actions] == sorted(a.seq for a in actions)


def test_a_damaged_history_is_exit_3_for_undo_and_leaves_other_commands_working(
    app: Planner, data_dir: Path
) -> None:
    app.quick_add("Before the damage")
    history = data_dir / HISTORY_FILE
    history.write_bytes(b'{"_meta": {"kind": "history", "schema": 1}, "actions": [{"seq": "x"}')
    damaged = history.read_bytes()

    for args in (("undo",), ("redo",), ("undo", "--list")):
        result = planner_process(data_dir, *args)
        assert result.returncode == 3, result
        assert "history.json" in result.stderr and "doctor --repair" in result.stderr
        assert "Traceback" not in result.stderr
    added = planner_process(data_dir, "add", "After the damage")  # written, not recorded
    assert ok(added).startswith("Added ")
    assert added.stderr.startswith("The change is saved, but it cannot be undone: ")
    assert history.read_bytes() == damaged

    doctor = planner_process(data_dir, "doctor")
    assert doctor.returncode == 3 and "history.json" in doctor.stdout + doctor.stderr
    ok(planner_process(data_dir, "doctor", "--repair"))
    assert not history.exists() or json.loads(history.read_text())["actions"] == []
    assert ok(planner_process(data_dir, "undo", "--list")).strip() == "No actions kept yet."


def test_the_journal_editor_keeps_what_planner_journal_appended_meanwhile(
    app: Planner, data_dir: Path
) -> None:
    """The app's editor saves its text while ``planner journal`` appended to the same day:
    the appended line is kept after the editor's text, and undo takes back only the save."""
    day = NOW.date()
    base = app.journal_append("morning: the budget").body
    typed = base + "lesson: ask finance earlier\n"
    ok(planner_process(data_dir, "journal", "14:00 call with finance", minutes=0))
    appended = FileStore(data_dir, clock=lambda: NOW).get_entry(day)
    assert appended is not None and "14:00 call with finance" in appended.body

    app.save_journal_text(day, typed, base)

    saved = FileStore(data_dir, clock=lambda: NOW).get_entry(day)
    assert saved is not None
    assert saved.body.startswith(typed) and saved.body.endswith("14:00 call with finance\n")
    step = app.undo()
    assert step is not None and step.label == "action.journal"
    back = FileStore(data_dir, clock=lambda: NOW).get_entry(day)
    assert back is not None and back.body == appended.body
