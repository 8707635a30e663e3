"""Estimates in the app (issue 16): quick add's notice for a bad value (the line kept), the
edit form's Estimate field, and ``i`` showing it."""

from __future__ import annotations

from textual.widgets import Input, Static
from ui_support import AppFactory, until

from planner.shell.app import PlannerApp
from widgets.dialogs.edit_form import EditScreen
from widgets.dialogs.explain import ExplainScreen
from widgets.dialogs.quick_add import QuickAddScreen
from widgets.screens.board import BoardScreen

SIZE = (130, 45)


def task_titled(app: PlannerApp, title: str) -> str:
    for task in app.planner.store.open_tasks():
        if task.title == title:
            return task.id
    raise AssertionError(f"no task {title!r}")


async def test_quick_add_refuses_a_bad_estimate_and_keeps_the_line(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, QuickAddScreen)
        await pilot.press(*"Book room est:30")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddScreen)
        error = str(app.screen.query_one("#error", Static).render())
        assert "est:30" in error and "give a unit" in error
        assert app.screen.query_one(Input).value == "Book room est:30"
        app.screen.query_one(Input).value = "Book room est:1-2h"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        task = app.planner.task(task_titled(app, "Book room"))
        assert (task.estimate, task.estimate_low) == (120, 60)


async def test_the_edit_form_sets_shows_and_clears_an_estimate(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        board = app.board_screen()
        assert board is not None
        task_id = task_titled(app, "Check the visitor schedule")
        board.select(task_id)
        await pilot.pause()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen))
        field = app.screen.query_one("#field-estimate", Input)
        assert field.value == ""
        field.value = "2-1h"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        error = str(app.screen.query_one("#error-estimate", Static).render())
        assert "2-1h" in error and "smaller to the larger" in error
        field.value = "1h30m-2h"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        task = app.planner.task(task_id)
        assert (task.estimate, task.estimate_low) == (120, 90)

        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ExplainScreen))
        shown = str(app.screen.query_one("#estimate", Static).render())
        assert shown == "estimate: 1h30m-2h"
        await pilot.press("escape")

        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen))
        field = app.screen.query_one("#field-estimate", Input)
        assert field.value == "1h30m-2h"
        field.value = ""
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
        task = app.planner.task(task_id)
        assert (task.estimate, task.estimate_low) == (None, None)
        await pilot.press("u")  # one undo brings the range back whole
        await until(pilot, lambda: app.planner.task(task_id).estimate == 120)
        assert app.planner.task(task_id).estimate_low == 90
