"""Snapshots of the journal screen in both languages, at a fixed size and a frozen clock.

Update after an intended change with ``uv run pytest tests/ui/test_journal_snapshots.py
--snapshot-update`` and look at every changed picture before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from ui_support import MONDAY, AppFactory

from planner.domain.models import JournalEntry
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from widgets.screens.journal import JournalScreen

SIZE = (130, 42)
LANGUAGES = ["en", "zh"]
Snap = Callable[..., bool]

BODIES = {
    "en": (
        "# Quarterly review pack\n\n"
        "Talked with Wang about the figures: the main contradiction today was the pack, "
        "and everything else waited.\n\n"
        "- Finance still owes the October numbers\n"
        "- Report back to Director Zhang by Wednesday\n",
        "Staffing changes: thoughts to keep to myself.\n",
        "First week in the new office.\n",
    ),
    "zh": (
        "# 季度工作会材料\n\n"
        "与王处长核对了数据：今天的主要矛盾是材料，其余工作都让路。\n\n"
        "- 财务处还欠十月份的数字\n"
        "- 周三前向张主任反馈\n",
        "人事调整的一些想法，仅供自己参考。\n",
        "到新办公室的第一周。\n",
    ),
}


def seed_journal(app: PlannerApp, language: str) -> None:
    today, secret, old = BODIES[language]
    entries = [
        (MONDAY.date(), today, ("meeting",) if language == "en" else ("会务",), False),
        (MONDAY.date() - timedelta(days=2), secret, (), True),
        (date(2024, 11, 2), old, (), False),
    ]
    app.planner.store.apply(
        [
            Change(
                None,
                JournalEntry(
                    id=f"j{number:02d}".ljust(12, "0"),
                    created=MONDAY,
                    updated=MONDAY,
                    external_ref=None,
                    date=day,
                    body=body,
                    tags=tags,
                    confidential=confidential,
                ),
            )
            for number, (day, body, tags, confidential) in enumerate(entries, start=1)
        ]
    )


async def open_journal(pilot: Pilot[Any]) -> None:
    """Press ``2`` and wait until the older years are in (2024's entry is in the list)."""
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, PlannerApp)
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    for _ in range(500):
        if screen.complete and not app.workers:
            break
        await pilot.pause(0.01)
    assert screen.complete
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("language", LANGUAGES)
def test_journal_screen(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    app = make_app(language)
    seed_journal(app, language)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_journal)
