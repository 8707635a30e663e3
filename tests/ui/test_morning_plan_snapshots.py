"""The morning plan at 80x24 in both languages: its first step on a Monday, Friday's
unfinished work to carry or let go."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_morning_plan import MONDAY, monday_app
from test_snapshots import LANGUAGES
from textual.pilot import Pilot
from ui_support import Clock, until

from widgets.dialogs.morning_plan import MorningPlanScreen

Snap = Callable[..., bool]


async def open_plan(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()  # the offer, gone once a key is pressed anyway
    await pilot.press("p")
    await until(pilot, lambda: isinstance(pilot.app.screen, MorningPlanScreen))
    await pilot.pause()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_at_80(snap_compare: Snap, tmp_path: Path, language: str) -> None:
    app = monday_app(tmp_path, language, Clock(MONDAY))
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_plan)
