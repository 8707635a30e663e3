"""Pilot tests of the board: every key, dialogs, undo/redo, privacy, rollover, other writers."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input, Static
from ui_support import TZ, AppFactory, Clock, fixed_task, screen_lines, until

from planner.domain.errors import DataError
from planner.domain.textwidth import NO_LINE_START
from planner.i18n.translate import t
from planner.shell.app import PlannerApp
from widgets.dialogs.confirm import ConfirmScreen
from widgets.dialogs.edit_form import EditScreen
from widgets.dialogs.explain import ExplainScreen
from widgets.dialogs.help import HelpScreen
from widgets.dialogs.morning_plan import MorningPlanScreen
from widgets.dialogs.prompt import PromptScreen
from widgets.dialogs.quick_add import QuickAddScreen
from widgets.parts.lanes import LaneTable, MainPanel
from widgets.screens.board import BoardScreen, FilterInput
from widgets.screens.people import PeopleScreen

SIZE = (130, 45)


def board(app: PlannerApp) -> BoardScreen:
    screen = app.board_screen()
    assert screen is not None
    return screen


def lane_titles(app: PlannerApp, lane: str) -> list[str]:
    table = app.screen.query_one(f"#lane-{lane}", LaneTable)
    return [item.task.title for item in table.items]


def selected_title(app: PlannerApp) -> str | None:
    task = board(app).selected
    return task.title if task else None


async def select(app: PlannerApp, pilot: object, title: str) -> None:
    for task in app.planner.store.open_tasks():
        if task.title == title:
            board(app).select(task.id)
            await pilot.pause()  # type: ignore[attr-defined]
            return
    raise AssertionError(f"no task {title!r}")


async def test_board_shows_every_lane_in_order(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(MainPanel)
        assert panel.selected_task is not None
        assert panel.selected_task.title == "Prepare the quarterly review pack"
        # overdue + high priority (15.3), instruction reporting in 2 days (11.3),
        # due tomorrow (8.0), due Friday (6.6)
        assert lane_titles(app, "today") == [
            "Check the visitor schedule",
            "Circulate the meeting minutes",
            "Staffing changes draft",
            "Weekly summary",
        ]
        assert lane_titles(app, "awaiting") == ["Waiting on finance reply"]
        assert lane_titles(app, "inbox") == ["Tidy the archive cabinet"]
        assert lane_titles(app, "later") == ["Read the new document format rules"]
        title = str(app.screen.query_one("#title-today").render())
        assert "Today (4)" in title


async def test_quick_add_error_keeps_the_text_then_adds(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, QuickAddScreen)
        await pilot.press(*"Book room due:someday")
        await pilot.press("enter")
        assert isinstance(app.screen, QuickAddScreen)
        error = str(app.screen.query_one("#error", Static).render())
        assert "due:someday" in error and "column 11" in error
        assert app.screen.query_one(Input).value == "Book room due:someday"
        field = app.screen.query_one(Input)
        field.value = "Book room due:fri #会务"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "Book room" in lane_titles(app, "inbox")
        assert selected_title(app) == "Book room"
        await pilot.press("u")
        await pilot.pause()
        assert "Book room" not in lane_titles(app, "inbox")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Book room" in lane_titles(app, "inbox")


async def test_single_keys_do_nothing_while_typing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, FilterInput)
        await pilot.press("a", "x", "m")
        assert isinstance(app.screen, BoardScreen)
        assert app.focused.value == "axm"
        await pilot.press("escape")
        assert not isinstance(app.focused, Input)


async def test_accept_main_done_and_undo_chain(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Tidy the archive cabinet")
        await pilot.press("t")
        await pilot.pause()
        assert "Tidy the archive cabinet" in lane_titles(app, "today")
        await pilot.press("m")
        await pilot.pause()
        panel = app.screen.query_one(MainPanel)
        assert panel.selected_task is not None
        assert panel.selected_task.title == "Tidy the archive cabinet"
        assert "Prepare the quarterly review pack" in lane_titles(app, "today")
        await select(app, pilot, "Check the visitor schedule")
        await pilot.press("space")
        await pilot.pause()
        assert "Check the visitor schedule" not in lane_titles(app, "today")
        for _ in range(3):
            await pilot.press("u")
            await pilot.pause()
        assert "Check the visitor schedule" in lane_titles(app, "today")
        assert "Tidy the archive cabinet" in lane_titles(app, "inbox")
        panel = app.screen.query_one(MainPanel)
        assert panel.selected_task is not None
        assert panel.selected_task.title == "Prepare the quarterly review pack"


async def test_done_instruction_asks_for_feedback(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Circulate the meeting minutes")
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert "Circulate the meeting minutes" in lane_titles(app, "awaiting")
        await select(app, pilot, "Circulate the meeting minutes")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")
        assert "Type the feedback" in str(app.screen.query_one("#error", Static).render())
        await pilot.press(*"sent to all units")
        await pilot.press("enter")
        await pilot.pause()
        assert "Circulate the meeting minutes" not in lane_titles(app, "awaiting")
        done = [t for t in app.planner.store.open_tasks() if t.title.startswith("Circulate")]
        assert done[0].feedback[0].text == "sent to all units"


async def test_flags_wait_drop_and_dates(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Check the visitor schedule")
        task_id = board(app).selected.id  # type: ignore[union-attr]
        await pilot.press("c")
        await pilot.press("exclamation_mark")
        await pilot.pause()
        task = app.planner.task(task_id)
        assert task.central and task.confidential
        await pilot.press("d")
        await pilot.press(*"nextish", "enter")
        assert isinstance(app.screen, PromptScreen)
        assert "nextish" in str(app.screen.query_one("#error", Static).render())
        app.screen.query_one(Input).value = "fri@15:30"
        await pilot.press("enter")
        await pilot.pause()
        assert app.planner.task(task_id).due == datetime(2026, 11, 27, 15, 30, tzinfo=TZ)
        await pilot.press("s")
        await pilot.press(*"+7d", "enter")
        await pilot.pause()
        assert app.planner.task(task_id).scheduled == date(2026, 11, 30)
        await select(app, pilot, "Weekly summary")
        await pilot.press("w")
        await pilot.pause()
        assert "Weekly summary" in lane_titles(app, "awaiting")
        await pilot.press("w")
        await pilot.pause()
        assert "Weekly summary" in lane_titles(app, "today")
        await pilot.press("x")
        await pilot.pause()
        weekly = [t for t in app.planner.store.open_tasks() if t.title == "Weekly summary"]
        assert sorted(t.status for t in weekly) == ["dropped", "open"]
        assert [t.due for t in weekly if t.status == "open"] == [date(2026, 12, 4)]


async def test_edit_form_validates_and_saves(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Check the visitor schedule")
        task_id = board(app).selected.id  # type: ignore[union-attr]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one("#field-title", Input).value = "Check the visitors' schedule"
        app.screen.query_one("#field-due", Input).value = "whenever"
        app.screen.query_one("#field-people", Input).value = "@Chen Li"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        assert "whenever" in str(app.screen.query_one("#error-due", Static).render())
        app.screen.query_one("#field-due", Input).value = "2026-12-01"
        app.screen.query_one("#field-confidential", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        task = app.planner.task(task_id)
        assert task.title == "Check the visitors' schedule"
        assert task.due == date(2026, 12, 1)
        assert task.people == ("Chen", "Li") and task.confidential
        await pilot.press("u")
        await pilot.pause()
        assert app.planner.task(task_id).title == "Check the visitor schedule"


async def test_explain_shows_the_terms(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Check the visitor schedule")
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ExplainScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 10
        assert [str(table.get_row_at(i)[0]) for i in (0, 3)] == ["due date", "priority"]
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_filter_as_you_type(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"SCHEDULE")
        await pilot.pause()
        assert lane_titles(app, "today") == ["Check the visitor schedule"]
        assert lane_titles(app, "inbox") == []
        await pilot.press("enter")
        assert isinstance(app.focused, LaneTable)
        await pilot.press("slash")
        app.screen.query_one(FilterInput).value = "status:waiting"
        await pilot.pause()
        assert lane_titles(app, "awaiting") == ["Waiting on finance reply"]
        assert lane_titles(app, "today") == []


async def test_privacy_masks_confidential_titles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#lane-today", LaneTable)
        lines = " | ".join(line.plain for line in table.lines)
        assert "Staffing changes draft" in lines
        await pilot.press("z")
        await pilot.pause()
        lines = " | ".join(line.plain for line in table.lines)
        assert "Staffing changes draft" not in lines
        assert "[confidential]" in lines


async def test_navigation_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert isinstance(app.focused, MainPanel)
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#lane-today")
        await pilot.press("j", "j")
        assert selected_title(app) == "Staffing changes draft"
        await pilot.press("k")
        assert selected_title(app) == "Circulate the meeting minutes"
        await pilot.press("G")
        assert selected_title(app) == "Read the new document format rules"
        await pilot.press("shift+tab")
        assert selected_title(app) == "Tidy the archive cabinet"
        await pilot.press("j")
        assert selected_title(app) == "Read the new document format rules"


async def test_carry_over_is_asked_once(make_app: AppFactory, clock: Clock) -> None:
    """The carry-over question is the morning plan's first step (issue 16): the plan is
    offered, not the old dialog; ``c`` carries yesterday's main contradiction."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    clock.moment = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    again = PlannerApp(app.planner, poll_seconds=0.2)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, ConfirmScreen)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(again.screen, MorningPlanScreen))
        await pilot.press("c", "escape")
        await until(pilot, lambda: isinstance(again.screen, BoardScreen))
        panel = again.screen.query_one(MainPanel)
        assert panel.selected_task is not None
        assert panel.selected_task.title == "Prepare the quarterly review pack"
    third = PlannerApp(app.planner, poll_seconds=0.2)
    async with third.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(third.screen, BoardScreen)


async def test_day_rollover_at_day_start(make_app: AppFactory, clock: Clock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        clock.moment = datetime(2026, 11, 24, 3, 59, tzinfo=TZ)
        await pilot.pause(0.4)
        assert board(app).board is not None and board(app).board.date == date(2026, 11, 23)  # type: ignore[union-attr]
        clock.moment = datetime(2026, 11, 24, 4, 0, tzinfo=TZ)
        await pilot.pause(0.4)
        assert isinstance(app.screen, BoardScreen)  # the morning plan offered, not asked
        await until(pilot, lambda: board(app).board.date == date(2026, 11, 24))  # type: ignore[union-attr]
        assert board(app).board.date == date(2026, 11, 24)  # type: ignore[union-attr]
        assert app.screen.query_one(MainPanel).selected_task is None


async def test_a_change_from_another_process_appears(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        env = {**os.environ, "PLANNER_DATA_DIR": str(tmp_path / "data")}
        subprocess.run(
            [sys.executable, "-m", "planner", "add", "From the other terminal"],
            check=True,
            env=env,
            capture_output=True,
        )
        for _ in range(20):
            await pilot.pause(0.1)
            if "From the other terminal" in lane_titles(app, "inbox"):
                break
        assert "From the other terminal" in lane_titles(app, "inbox")
        await select(app, pilot, "Tidy the archive cabinet")
        await pilot.press("t")
        await pilot.pause()
        titles = {t.title for t in app.planner.store.open_tasks()}
        assert "From the other terminal" in titles


async def test_a_failed_save_is_kept_and_retried(make_app: AppFactory, monkeypatch: object) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.planner.store
        real_apply = store.apply

        def refuse(changes: object) -> None:
            raise DataError("tasks/open.json", "could not be written (No space left on device)")

        store.apply = refuse  # type: ignore[method-assign]
        await pilot.press("a", *"Kept while the disk is full", "enter")
        await pilot.pause()
        assert len(app.pending) == 1
        assert "UNSAVED" in str(app.screen.query_one("AppHeader").render())
        store.apply = real_apply  # type: ignore[method-assign]
        app.retry_pending()
        await pilot.pause()
        assert app.pending == []
        assert "Kept while the disk is full" in lane_titles(app, "inbox")


async def test_help_lists_the_screen_keys_in_chinese(make_app: AppFactory) -> None:
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"快速添加", "设为主要矛盾", "撤销", "重做", "隐私模式", "退出", "帮助"} <= rows
        untranslated = [row for row in rows if not any("\u4e00" <= ch <= "\u9fff" for ch in row)]
        assert untranslated == []
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_people_view_groups_open_work(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        names = [group.name for group in app.screen.groups]
        assert set(names) == {"Wang", "Li", "Director Zhang", "Liu"}
        assert names[0] in {"Wang", "Li"}  # due today comes first
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=1)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("5", "1")
        assert isinstance(app.screen, BoardScreen)


async def test_empty_board_says_what_to_do(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hint = str(app.screen.query_one("#board-hint", Static).render())
        assert "Press a" in hint and "m" in hint
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_command_palette_runs_actions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"privacy")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.privacy


async def test_recurring_done_shows_the_next(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Weekly summary")
        await pilot.press("space")
        await pilot.pause()
        weekly = [t for t in app.planner.store.open_tasks() if t.title == "Weekly summary"]
        assert sorted((t.status, t.due) for t in weekly) == [
            ("done", date(2026, 11, 27)),
            ("open", date(2026, 12, 4)),
        ]
        assert "Weekly summary" in lane_titles(app, "today")


def test_fixed_task_is_stable() -> None:
    first = fixed_task(3, "x")
    assert first.id == fixed_task(3, "y").id
    assert first.created < datetime(2026, 11, 23, tzinfo=TZ) + timedelta(days=1)


async def test_enter_opens_the_edit_form(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Weekly summary")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        assert app.screen.query_one("#field-recur", Input).value == "FREQ=WEEKLY;BYDAY=FR"
        app.screen.query_one("#field-recur", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        weekly = [t for t in app.planner.store.open_tasks() if t.title == "Weekly summary"]
        assert weekly[0].recur is None  # clearing the rule ends the series


async def test_two_apps_on_one_folder_keep_both_changes(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    from data.store import FileStore
    from planner.domain.config import Config
    from planner.services.planner import Planner

    first = make_app()
    second_store = FileStore(tmp_path / "data", clock=clock)
    second = PlannerApp(Planner(second_store, Config(data_dir=tmp_path / "data"), clock))
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await select(first, one, "Tidy the archive cabinet")
        await one.press("t")
        await select(second, two, "Weekly summary")
        await two.press("c")
        await one.pause(0.5)
        await two.pause(0.5)
        for app in (first, second):
            tasks = {t.title: t for t in app.planner.store.open_tasks()}
            assert tasks["Tidy the archive cabinet"].status == "open"
            assert tasks["Weekly summary"].central


async def test_demo_sample_opens_marked_demo(tmp_path: Path, clock: Clock) -> None:
    from data.store import FileStore
    from planner.demo.records import populate
    from planner.domain.config import Config
    from planner.i18n import translate as i18n
    from planner.services.planner import Planner

    i18n.set_language("zh")
    store = FileStore(tmp_path / "demo", clock=clock)
    populate(store, "zh", clock())
    app = PlannerApp(Planner(store, Config(language="zh"), clock), demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "演示" in str(app.screen.query_one("AppHeader").render())
        assert app.screen.query_one(MainPanel).selected_task is not None
        assert all(lane_titles(app, lane) for lane in ("today", "awaiting", "inbox", "later"))


async def test_palette_speaks_chinese_when_nothing_matches(make_app: AppFactory) -> None:
    from textual.command import CommandPalette

    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"qqqqzzzz")
        await pilot.pause(0.5)
        text = " ".join(str(o.prompt) for o in app.screen.query_one("CommandList").options)
        assert "没有匹配" in text


async def test_the_collector_paused_for_start_up_runs_again_from_the_first_frame(
    make_app: AppFactory,
) -> None:
    import gc

    app = make_app()
    gc.disable()  # as ``planner.shell.cli.main.main`` does before opening the app
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert lane_titles(app, "today")
    finally:
        gc.enable()
        gc.unfreeze()


async def test_j_and_k_move_between_the_main_contradiction_and_the_lanes(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        main = board(app).selected
        assert isinstance(app.focused, MainPanel) and main is not None
        await pilot.press("k")
        assert isinstance(app.focused, MainPanel)
        await pilot.press("j")
        assert app.focused is app.screen.query_one("#lane-today")
        first = lane_titles(app, "today")[0]
        assert selected_title(app) == first
        await pilot.press("k")
        assert isinstance(app.focused, MainPanel) and board(app).selected == main
        await pilot.press("down")
        assert selected_title(app) == first


async def test_lanes_are_built_once_at_start_whatever_the_width(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first layout a lane works out the width it will have; a wrong guess
    built every lane twice as the board first appeared (a tenth of start-up)."""
    rebuilt: list[str] = []
    original = LaneTable.Resized.__init__

    def counting(self: LaneTable.Resized, lane: LaneTable) -> None:
        rebuilt.append(lane.id or "")
        original(self, lane)

    monkeypatch.setattr(LaneTable.Resized, "__init__", counting)
    for size in ((80, 24), (160, 50)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert lane_titles(app, "today") and rebuilt == []
            await pilot.resize_terminal(size[0] + 30, size[1])
            await pilot.pause()
            assert rebuilt  # a real change of width does lay the rows out again
        rebuilt.clear()


async def test_a_lane_scrollbar_follows_its_rows(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lane = app.screen.query_one("#lane-today", LaneTable)
        before = len(lane.items)
        from planner.domain.models import Task
        from planner.services.ports import Change

        now = app.planner.now()
        app.planner.store.apply(
            [Change(None, Task.create(f"Extra task {n}", now, status="open")) for n in range(30)]
        )
        app.refresh_board()
        await pilot.pause()
        rows = len(lane.items)
        assert rows == before + 30 > lane.size.height
        assert lane.show_vertical_scrollbar
        assert lane.vertical_scrollbar.window_virtual_size == rows
        assert lane.vertical_scrollbar.window_size == lane.size.height


async def test_keys_on_an_empty_board_give_one_notice(make_app: AppFactory) -> None:
    from textual.widgets._toast import Toast

    app = make_app(sample=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("space", "x", "t", "c")
        await pilot.pause(0.2)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert toasts == ["Select a task first."]


async def test_quick_add_keeps_a_draft_after_esc(make_app: AppFactory) -> None:
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Call Director Li", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddScreen)
        assert app.screen.query_one(Input).value == "Call Director Li"
        assert app.screen.query("#draft")  # said to be a draft, and how to clear it
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert any(t.title == "Call Director Li" for t in app.planner.store.open_tasks())
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "" and not app.screen.query("#draft")
        await pilot.press(*"junk", "escape", "a", "ctrl+u", "escape", "a")
        await pilot.pause()
        assert app.screen.query_one(Input).value == ""


async def test_a_new_main_contradiction_names_the_one_it_replaced(make_app: AppFactory) -> None:
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen) and board.board is not None
        assert board.board.main is not None
        before = board.board.main.task
        await pilot.press("a", *"Call the printer !main", "enter")
        await until(pilot, lambda: app.planner.main_id() != before.id)
        await pilot.pause(0.1)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert f"Main contradiction was: {before.title}" in toasts
        await pilot.press("u")
        await until(pilot, lambda: app.planner.main_id() == before.id)
        assert app.planner.main_id() == before.id


async def test_the_people_view_keeps_the_row_the_user_is_on_when_new_data_comes(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.query_one(DataTable)
        zhang = screen.row_people.index("Director Zhang")
        table.move_cursor(row=zhang)
        await pilot.pause()
        screen.show(screen.groups)  # what a refresh (another process's write, a resize) does
        await pilot.pause()
        assert screen.row_people[table.cursor_row] == "Director Zhang"


async def test_enter_on_a_person_filters_the_board_for_their_work(make_app: AppFactory) -> None:
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        zhang = app.screen.row_people.index("Director Zhang")
        app.screen.query_one(DataTable).move_cursor(row=zhang)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        assert isinstance(board, BoardScreen)
        await until(pilot, lambda: board.filter_text != "")
        assert board.query_one("#filter", Input).value == '@"Director Zhang"'
        assert board.board is not None
        shown = [item.task for item in board.board.items()]
        assert shown and all(
            "Director Zhang" in (*task.people, task.source or "") for task in shown
        )


async def test_delete_asks_first_and_u_brings_the_task_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Tidy the archive cabinet")
        task = board(app).selected
        assert task is not None
        await pilot.press("X")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert "Tidy the archive cabinet" in str(app.screen.query_one("#detail", Static).render())
        await pilot.press("n")  # kept
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert "Tidy the archive cabinet" in lane_titles(app, "inbox")
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: app.planner.store.get_task(task.id) is None)
        assert app.planner.store.get_task(task.id) is None
        assert "Tidy the archive cabinet" not in lane_titles(app, "inbox")
        await pilot.press("u")
        await until(pilot, lambda: "Tidy the archive cabinet" in lane_titles(app, "inbox"))
        assert app.planner.task(task.id).title == "Tidy the archive cabinet"
        assert selected_title(app) == "Tidy the archive cabinet"


async def test_deleting_the_main_contradiction_in_privacy_mode(make_app: AppFactory) -> None:
    """The question masks a confidential title; deleting today's main contradiction leaves
    the day without one, and u puts both back."""
    app = make_app(privacy=True)
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Staffing changes draft")
        await pilot.press("X")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "Staffing" not in detail and "[confidential]" in detail
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        main = app.screen.query_one(MainPanel).selected_task
        assert main is not None
        main_id = main.id
        app.screen.query_one(MainPanel).focus()
        await pilot.press("X")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: app.planner.main_id() is None)
        assert app.planner.main_id() is None
        await pilot.press("u")
        await until(pilot, lambda: app.planner.main_id() == main_id)
        assert app.screen.query_one(MainPanel).selected_task is not None


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_feedback_prompt_shows_its_whole_title(
    make_app: AppFactory, language: str, size: tuple[int, int]
) -> None:
    app = make_app(language)
    async with app.run_test(size=size) as pilot:
        await select(
            app, pilot, "落实会议纪要分发" if language == "zh" else "Circulate the meeting minutes"
        )
        await pilot.press("space")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        box = app.screen.query_one("#dialog-title")
        lines = screen_lines(app, box)
        assert "".join(lines).replace(" ", "") == t("prompt.feedback_now").replace(" ", "")
        assert not any(line[:1] in NO_LINE_START for line in lines)


async def test_a_long_chinese_title_wraps_whole_and_no_line_starts_with_a_comma(
    make_app: AppFactory,
) -> None:
    title = "请" * 33 + "，再核对一遍会议材料。"  # the comma falls just past the first line
    app = make_app("zh")
    app.planner.quick_add(title)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(app, pilot, title)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        lines = screen_lines(app, app.screen.query_one("#subject"))
        assert "".join(lines) == title
        assert lines[1].startswith("请，")


async def test_date_prompts_open_on_the_current_value(make_app: AppFactory) -> None:
    """d and s show the date as it reads back; Enter keeps it (no change, nothing to
    undo), typing replaces it, an empty field clears it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Prepare the quarterly review pack")
        task_id = board(app).selected.id  # type: ignore[union-attr]
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert app.screen.query_one(Input).value == "2026-11-23 17:00"
        title = str(app.screen.query_one("#dialog-title").render())
        assert "Enter keeps" in title and "empty field clears" in title
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert app.planner.task(task_id).due == datetime(2026, 11, 23, 17, 0, tzinfo=TZ)
        assert not app.planner.can_undo
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("backspace", "enter")  # the value is selected: emptied
        await until(pilot, lambda: app.planner.task(task_id).due is None)
        await pilot.press("u")
        await until(pilot, lambda: app.planner.task(task_id).due is not None)

        await select(app, pilot, "Read the new document format rules")
        task_id = board(app).selected.id  # type: ignore[union-attr]
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert app.screen.query_one(Input).value == "2026-11-30"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert app.planner.task(task_id).scheduled == date(2026, 11, 30)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"+1d", "enter")  # typing replaces the value shown
        await until(pilot, lambda: app.planner.task(task_id).scheduled == date(2026, 11, 24))
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert app.screen.query_one(Input).value == "2026-11-24"
        await pilot.press("backspace", "enter")
        await until(pilot, lambda: app.planner.task(task_id).scheduled is None)
        assert app.planner.task(task_id).status == "open"


async def test_the_feedback_prompt_opens_on_the_last_feedback(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, "Circulate the meeting minutes")
        task_id = board(app).selected.id  # type: ignore[union-attr]
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert app.screen.query_one(Input).value == ""
        await pilot.press(*"sent to all units", "enter")
        await until(pilot, lambda: app.planner.task(task_id).reported)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert app.screen.query_one(Input).value == "sent to all units"
        assert "Enter keeps it" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("enter")  # kept: no second feedback
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert [f.text for f in app.planner.task(task_id).feedback] == ["sent to all units"]
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("end", *" and the bureau", "enter")
        await until(pilot, lambda: len(app.planner.task(task_id).feedback) == 2)
        assert [f.text for f in app.planner.task(task_id).feedback] == [
            "sent to all units",
            "sent to all units and the bureau",
        ]
        await pilot.press("exclamation_mark", "z")  # confidential, and privacy mode on
        await until(pilot, lambda: app.planner.task(task_id).confidential)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert app.screen.query_one(Input).value == ""  # privacy mode hides feedback


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_people_view_fits_its_width_and_cuts_a_long_title_with_the_mark(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """Every column in view, the due date too, whatever the width; a title longer than its
    column ends with the cut mark (at 80 columns the table was 100 wide: the due dates and
    the end of long titles lay off screen, cut without a mark)."""
    app = make_app("zh")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        long_title = "关于进一步加强和改进机关公文处理工作的若干意见起草说明及征求意见汇总表"
        app.planner.quick_add(f"{long_title} @王处长 due:周五")
        await pilot.press("5")
        await until(pilot, lambda: isinstance(app.screen, PeopleScreen))
        await pilot.pause(0.2)
        table = app.screen.query_one(DataTable)
        assert table.max_scroll_x == 0
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        cut = [cell for cell in cells if cell.startswith(long_title[:6])]
        assert len(cut) == 1 and cut[0].endswith("~") and cut[0] != long_title
