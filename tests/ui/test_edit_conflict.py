"""The edit form beside another writer: ``planner edit`` run as a real process while the form
is open. The form saves only the fields the user changed, and asks before writing over a
field the other process changed meanwhile (issue #12)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import Input, TextArea
from ui_support import MONDAY, AppFactory, screen_lines, until

from planner.shell.app import PlannerApp
from widgets.dialogs.confirm import ConfirmScreen
from widgets.dialogs.edit_form import EditScreen
from widgets.screens.board import BoardScreen

SIZE = (130, 45)
ROOT = Path(__file__).resolve().parents[2]
TITLE = "Check the visitor schedule"
CLI = """
import sys
from datetime import datetime
from planner.shell.cli.main import main
moment = datetime.fromisoformat(sys.argv[1])
sys.exit(main(sys.argv[2:], clock=lambda: moment))
"""


def other_process(data_dir: Path, *args: str) -> None:
    """``planner ARGS`` as a separate process on the app's folder, at the app's time."""
    result = subprocess.run(
        [sys.executable, "-c", CLI, MONDAY.isoformat(), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


async def open_form(app: PlannerApp, pilot: object) -> str:
    """Select the task and open its edit form; returns the task's id."""
    screen = app.board_screen()
    assert screen is not None
    task = next(t for t in app.planner.store.open_tasks() if t.title == TITLE)
    screen.select(task.id)
    await pilot.press("e")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, EditScreen))  # type: ignore[arg-type]
    return task.id


def type_into(app: PlannerApp, field: str, value: str) -> None:
    app.screen.query_one(f"#field-{field}", Input).value = value


async def test_a_field_the_other_process_changed_is_asked_about_and_y_saves_yours(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        task_id = await open_form(app, pilot)
        type_into(app, "title", "Check the visitors' schedule")
        other_process(tmp_path / "data", "edit", task_id, "--title", "Visitor schedule: done?")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        shown = "\n".join(screen_lines(app))
        assert "Another process changed this task while the form was open." in shown
        assert "title: now “Visitor schedule: done?”, yours “Check the" in shown  # wrapped
        assert "y: save yours   n: keep theirs, save the rest" in shown
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.pause()
        assert app.planner.task(task_id).title == "Check the visitors' schedule"


async def test_n_keeps_theirs_and_saves_the_rest(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        task_id = await open_form(app, pilot)
        type_into(app, "title", "Check the visitors' schedule")
        type_into(app, "due", "2026-12-01")
        other_process(tmp_path / "data", "edit", task_id, "--title", "Theirs")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.pause()
        task = app.planner.task(task_id)
        assert task.title == "Theirs" and task.due == date(2026, 12, 1)


async def test_a_field_only_the_other_process_changed_is_kept_without_a_question(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The form writes only the fields the user changed: the notes the other process wrote
    meanwhile stay, and nothing is asked."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        task_id = await open_form(app, pilot)
        type_into(app, "title", "Check the visitors' schedule")
        other_process(tmp_path / "data", "edit", task_id, "--notes", "room 3 booked", "pri:h")

        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await pilot.pause()
        task = app.planner.task(task_id)
        assert task.title == "Check the visitors' schedule"
        assert task.notes == "room 3 booked" and task.priority == "high"
        # and u takes back the title alone, the notes staying as the other process wrote
        await pilot.press("u")
        await pilot.pause()
        task = app.planner.task(task_id)
        assert task.title == TITLE and task.notes == "room 3 booked"


async def test_the_question_in_chinese(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.board_screen()
        assert screen is not None
        task = app.planner.store.open_tasks()[0]
        screen.select(task.id)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen))
        type_into(app, "title", "我的标题")
        other_process(tmp_path / "data", "edit", task.id, "--title", "他们的标题")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        shown = "\n".join(screen_lines(app))
        assert "表单打开期间，其他进程修改了这项任务。" in shown
        assert "标题：现在为“他们的标题”，你填写的是“我的标题”" in shown
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert app.planner.task(task.id).title == "他们的标题"


def notices(app: PlannerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_u_after_another_process_closed_the_task_says_why_and_keeps_the_done(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The issue's case in the app: t, then ``planner done`` in a terminal, then u."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        task = next(t for t in app.planner.store.open_tasks() if t.status == "inbox")
        screen = app.board_screen()
        assert screen is not None
        screen.select(task.id)
        await pilot.press("t")
        await until(pilot, lambda: app.planner.task(task.id).status == "open")
        other_process(tmp_path / "data", "done", task.id)

        await pilot.press("u")
        await until(pilot, lambda: any("Not undone" in n for n in notices(app)))
        assert app.planner.task(task.id).status == "done"
        [notice] = [n for n in notices(app) if "Not undone" in n]
        assert notice == (
            f"Not undone: accept into today — {task.title}: another process changed "
            f"status of “{task.title}” since."
        )


async def test_a_change_saved_while_the_history_is_damaged_says_once_it_cannot_be_undone(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        (tmp_path / "data" / "history.json").write_text("not json")
        task = next(t for t in app.planner.store.open_tasks() if t.status == "inbox")
        screen = app.board_screen()
        assert screen is not None
        screen.select(task.id)
        await pilot.press("t")
        await until(pilot, lambda: app.planner.task(task.id).status == "open")
        await pilot.press("w")  # waiting: another unrecorded change
        await until(pilot, lambda: app.planner.task(task.id).status == "waiting")
        said = [n for n in notices(app) if "cannot be undone" in n]
        assert len(said) == 1 and "history.json" in said[0] and "doctor --repair" in said[0]
        assert (tmp_path / "data" / "history.json").read_text() == "not json"


async def test_u_takes_back_what_it_can_and_names_what_it_kept(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """An edit of the title and the notes; another process changes the notes; u puts the
    title back, keeps their notes, and the notice says which field it kept."""
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        task_id = await open_form(app, pilot)
        type_into(app, "title", "Check the visitors' schedule")
        app.screen.query_one("#field-notes", TextArea).text = "mine"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        await until(pilot, lambda: app.planner.task(task_id).notes == "mine")
        other_process(tmp_path / "data", "edit", task_id, "--notes", "theirs")

        await pilot.press("u")
        await until(pilot, lambda: any(n.startswith("Undone: edit") for n in notices(app)))
        task = app.planner.task(task_id)
        assert (task.title, task.notes) == (TITLE, "theirs")
        [notice] = [n for n in notices(app) if n.startswith("Undone: edit")]
        assert notice.splitlines() == [
            "Undone: edit — Check the visitors' schedule",
            "Kept as another process changed it since: notes of “Check the visitors' schedule”.",
        ]
