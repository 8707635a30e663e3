"""Snapshots of the main screens in both languages, at a fixed size and a frozen clock.

Update after an intended change with ``uv run pytest tests/ui/test_snapshots.py
--snapshot-update`` and look at every changed picture before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from ui_support import AppFactory

from planner.shell.app import PlannerApp
from widgets.screens.board import BoardScreen

SIZE = (130, 42)
LANGUAGES = ["en", "zh"]
Snap = Callable[..., bool]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, PlannerApp)
    app.clear_notifications()
    await pilot.pause()


async def select_row(pilot: Pilot[Any], title_index: int = 0) -> None:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BoardScreen)
    today = screen.query_one("#lane-today")
    today.focus()
    today.move_cursor(row=title_index)  # type: ignore[attr-defined]
    await pilot.pause()


@pytest.mark.parametrize("language", LANGUAGES)
def test_board_with_data(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_board(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    assert snap_compare(make_app(language, sample=False), terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("language", LANGUAGES)
def test_edit_form(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=select_row, press=["e"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_explain_panel(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=select_row, press=["i"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_screen(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=settle, press=["f1"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_screen_80x24(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    """The help box fits its content on the smallest usual terminal."""
    assert snap_compare(make_app(language), terminal_size=(80, 24), run_before=settle, press=["f1"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_quick_add_error(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    keys = ["a", *"Book room due:someday", "enter"]
    assert snap_compare(make_app(language), terminal_size=SIZE, run_before=settle, press=keys)


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_mode(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    assert snap_compare(make_app(language, privacy=True), terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("language", LANGUAGES)
def test_board_at_80_columns(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    """At 80x24 the column headers stay on one line and every row keeps its score: the
    people and report columns have given way (``widgets.parts.lanes.DROP_ORDER``)."""
    assert snap_compare(make_app(language), terminal_size=(80, 24), run_before=settle)
