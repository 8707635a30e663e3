"""Keys that arrive together (typed fast, pasted, ``tmux send-keys '2/hello'``) are handled in
order, each by the screen and widget that have focus once the keys before it have acted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from ui_support import AppFactory, send_at_once

from planner.shell.app import PlannerApp
from widgets.dialogs.quick_add import QuickAddScreen
from widgets.dialogs.setback_wizard import SetbackWizard
from widgets.screens.board import BoardScreen, FilterInput
from widgets.screens.journal import JournalScreen, SearchInput
from widgets.screens.review import ReviewScreen

SIZE = (130, 40)


async def until(pilot: Pilot[Any], done: Callable[[], bool], seconds: float = 2.0) -> None:
    """Let the app work until ``done()`` (or ``seconds`` have passed), then a little more."""
    for _ in range(int(seconds / 0.01)):
        if done():
            break
        await pilot.pause(0.01)
    await pilot.pause(0.05)


def typed(app: PlannerApp) -> str | None:
    focused = app.focused
    return focused.value if isinstance(focused, Input) else None


async def test_a_word_typed_right_after_2_slash_lands_in_the_journal_search(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_at_once(app, "2", "/", *"hello")
        await until(pilot, lambda: typed(app) == "hello")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert screen.searching
        assert isinstance(app.focused, SearchInput)
        assert app.focused.value == "hello"
        await pilot.press("escape", "1")
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.filter_text == ""
        assert not board.query(FilterInput)


@pytest.mark.parametrize(
    ("keys", "screen_type", "text"),
    [
        (("/", *"weekly"), BoardScreen, "weekly"),
        (("/", *"quota"), BoardScreen, "quota"),
        (("a", *"Buy", "space", *"milk"), QuickAddScreen, "Buy milk"),
        (("3", "n", *"Late", "space", *"report"), SetbackWizard, "Late report"),
    ],
    ids=["board-filter", "filter-with-command-letters", "quick-add", "setbacks-new"],
)
async def test_text_typed_right_after_the_key_that_opens_its_field_is_typed_there(
    make_app: AppFactory, keys: tuple[str, ...], screen_type: type, text: str
) -> None:
    """Before, the letters went to the widget focused when they arrived: lost, or run as the
    board's commands (``e`` opened the edit form, ``q`` quit, ``a`` opened quick add)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_at_once(app, *keys)
        await until(pilot, lambda: typed(app) == text)
        assert app.is_running
        assert isinstance(app.screen, screen_type)
        assert typed(app) == text
        assert len(app.screen_stack) == (1 if screen_type is BoardScreen else 2)


async def test_keys_across_two_screen_switches_keep_their_order(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_at_once(app, "2", "/", *"hi", "escape", "1", "/", *"week")
        await until(pilot, lambda: typed(app) == "week")
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.filter_text == "week"
        await pilot.press("escape", "2")
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        assert not journal.searching
        assert journal.query_one(SearchInput).value == "hi"


async def test_a_paste_right_after_2_slash_lands_in_the_journal_search(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_at_once(app, "2", "/", paste="quarterly review")
        await until(pilot, lambda: typed(app) == "quarterly review")
        assert isinstance(app.screen, JournalScreen)
        assert typed(app) == "quarterly review"


async def test_a_single_key_right_after_a_switch_acts_on_the_new_screen(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_at_once(app, "4", "m")
        await until(pilot, lambda: getattr(app.screen, "kind", None) == "month")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.kind == "month"
