"""A triage key redraws the lanes in place: what it changed is right on the screen without
a layout of the whole board, and the mouse still finds its row (strips carry no row number)."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from ui_support import AppFactory, screen_lines, until

from planner.domain.models import Task
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from widgets.dialogs.edit_form import EditScreen
from widgets.parts.lanes import LaneTable
from widgets.screens.board import BoardScreen

SIZE = (130, 45)


def board(app: PlannerApp) -> BoardScreen:
    screen = app.board_screen()
    assert screen is not None
    return screen


def lane(app: PlannerApp, name: str) -> LaneTable:
    return board(app).query_one(f"#lane-{name}", LaneTable)


def title(app: PlannerApp, name: str) -> str:
    content = board(app).query_one(f"#title-{name}", Static).content
    assert isinstance(content, Content)
    return content.plain


def fill_lanes(app: PlannerApp) -> None:
    """More rows than either lane shows, so that a task moving between them changes no
    lane's height (as on a board of a few hundred tasks)."""
    now = app.planner.now()
    tasks = [Task.create(f"Open task {n}", now, status="open") for n in range(30)]
    tasks += [Task.create(f"Waiting task {n}", now, status="waiting") for n in range(15)]
    app.planner.store.apply([Change(None, task) for task in tasks])
    app.refresh_board()


async def test_a_key_moving_a_task_between_full_lanes_needs_no_layout(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        fill_lanes(app)
        await pilot.pause()
        today, awaiting = lane(app, "today"), lane(app, "awaiting")
        today.focus()
        today.move_cursor(row=3)
        await pilot.pause()
        moved = today.selected_task
        assert moved is not None
        counts = len(today.items), len(awaiting.items)
        # There and back once first: the first focus of each lane styles its scrollbar
        # for the first time, and that asks Textual for a layout, once.
        await pilot.press("w")
        await until(pilot, lambda: len(awaiting.items) == counts[1] + 1)
        await pilot.press("w")
        await until(pilot, lambda: len(today.items) == counts[0])
        assert today.selected_task == app.planner.task(moved.id)
        layouts: list[bool] = []
        original = Screen._refresh_layout

        def counting(screen: Screen[object], size: object = None, scroll: bool = False) -> None:
            layouts.append(scroll)
            original(screen, size, scroll)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", counting)
        await pilot.press("w")
        await until(pilot, lambda: len(awaiting.items) == counts[1] + 1)
        await pilot.pause()
        # The counts and rows redrawn where they stand; only scrolling the focused lane
        # into view (Textual's own, when it is below the fold) may move the board.
        assert not [scroll for scroll in layouts if not scroll]
        assert board(app).selected == app.planner.task(moved.id)  # the cursor followed it
        shown = screen_lines(app)
        assert f"Today ({counts[0] - 1})" in title(app, "today")
        assert f"Awaiting feedback ({counts[1] + 1})" in "\n".join(
            screen_lines(app, board(app).query_one("#title-awaiting"))
        )
        assert moved.title in "\n".join(screen_lines(app, awaiting))
        assert moved.title not in "\n".join(screen_lines(app, today))
        # What a full layout draws is what was drawn without one.
        monkeypatch.setattr(Screen, "_refresh_layout", original)
        board(app).refresh(layout=True)
        await pilot.pause()
        assert screen_lines(app) == shown


async def test_the_scrollbar_comes_with_the_row_that_needs_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        today = lane(app, "today")
        now = app.planner.now()
        extra = [Task.create(f"Extra task {n}", now, status="open") for n in range(30)]
        app.planner.store.apply([Change(None, task) for task in extra])
        app.refresh_board()
        await pilot.pause()
        assert today.show_vertical_scrollbar
        app.planner.store.apply([Change(task, None) for task in extra])
        app.refresh_board()
        await pilot.pause()
        assert len(today.items) <= today.size.height
        assert not today.show_vertical_scrollbar


async def test_a_click_opens_the_row_under_it_and_the_mouse_marks_its_row(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today = lane(app, "today")
        assert len(today.items) >= 2
        await pilot.hover(today, offset=(10, 1))
        assert today.hovered == 1
        await pilot.hover(today, offset=(10, today.size.height + 5))
        assert today.hovered is None  # below the lane: no row of it
        second = today.items[1].task
        await pilot.click(today, offset=(10, 1))
        await until(pilot, lambda: isinstance(app.screen, EditScreen))
        assert isinstance(app.screen, EditScreen)
        assert today.selected_task == second


async def test_the_collector_comes_back_with_a_higher_threshold_for_young_objects(
    make_app: AppFactory,
) -> None:
    import gc

    from planner.shell.app import YOUNG_COLLECTED

    thresholds = gc.get_threshold()
    app = make_app()
    gc.disable()  # as ``planner.shell.cli.main.main`` does before opening the app
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_threshold() == (YOUNG_COLLECTED, *thresholds[1:])
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*thresholds)
