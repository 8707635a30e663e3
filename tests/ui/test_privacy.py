"""Privacy mode on every screen: ``z`` toggles it anywhere, and what it hides stays hidden."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_setbacks import loaded
from textual.widgets import DataTable
from ui_support import MONDAY, AppFactory, until

from planner.domain.models import SetbackAnalysis, Task
from planner.services.ports import Change
from widgets.parts.header import AppHeader

SIZE = (130, 40)
SECRET = "Leader's private travel"


def header_text(app: object) -> str:
    return str(app.screen.query_one(AppHeader).render())  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["3", "4", "5"])
async def test_z_toggles_privacy_on_every_screen(make_app: AppFactory, key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        if key == "3":
            await loaded(pilot)
        await pilot.pause()
        assert not app.privacy and "PRIVACY" not in header_text(app)
        await pilot.press("z")
        await until(pilot, lambda: "PRIVACY" in header_text(app))
        assert app.privacy and "PRIVACY" in header_text(app)
        await pilot.press("z")
        await until(pilot, lambda: "PRIVACY" not in header_text(app))
        assert not app.privacy


async def test_the_setbacks_list_masks_a_confidential_analysis_after_z(
    make_app: AppFactory,
) -> None:
    app = make_app()
    analysis = SetbackAnalysis.create(
        MONDAY.date() - timedelta(days=1), SECRET, MONDAY, confidential=True
    )
    app.planner.store.apply([Change(None, analysis)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        screen = await loaded(pilot)

        def first_row() -> str:
            return " ".join(str(cell) for cell in screen.query_one(DataTable).get_row_at(0))

        assert SECRET in first_row()
        await pilot.press("z")
        await until(pilot, lambda: SECRET not in first_row())
        assert SECRET not in first_row() and "[confidential]" in first_row()


async def test_the_people_view_masks_a_confidential_title(make_app: AppFactory) -> None:
    app = make_app()
    secret = Task.create(SECRET, MONDAY, status="open", people=("Wang",), confidential=True)
    app.planner.store.apply([Change(None, secret)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z", "5")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert SECRET not in " ".join(cells)
        assert "[confidential]" in cells


async def test_privacy_mode_keeps_the_edit_form_from_showing_a_hidden_task(
    make_app: AppFactory,
) -> None:
    from widgets.dialogs.edit_form import EditScreen
    from widgets.screens.board import BoardScreen

    app = make_app()
    secret = Task.create(SECRET, MONDAY, status="open", confidential=True, notes="flight CA1234")
    app.planner.store.apply([Change(None, secret)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen) and board.select(secret.id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("z", "e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen))
        assert isinstance(app.screen, EditScreen)


async def test_masked_and_bracketed_titles_are_shown_as_written(make_app: AppFactory) -> None:
    """``[confidential]`` and a title like ``[draft] budget`` are text, not markup: the board's
    review line and the notifications show them whole."""
    from textual.widgets import Static
    from textual.widgets._toast import Toast

    from widgets.screens.board import BoardScreen

    app = make_app()
    secret = SetbackAnalysis.create(
        MONDAY.date() - timedelta(days=3),
        SECRET,
        MONDAY,
        review_on=MONDAY.date(),
        confidential=True,
    )
    app.planner.store.apply([Change(None, secret)])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("z")
        board = app.screen
        assert isinstance(board, BoardScreen)
        line = board.query_one("#reviews", Static)
        await until(pilot, lambda: bool(str(line.render())))  # read after the first frame
        reviews = str(line.render())
        assert "[confidential]" in reviews and SECRET not in reviews
        await pilot.press("z")
        await pilot.press("a", *"[draft] budget !main", "enter")
        await pilot.pause(0.2)
        await pilot.press("a", *"Call the printer !main", "enter")
        await pilot.pause(0.3)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert "Main contradiction was: [draft] budget (u undoes)." in toasts
