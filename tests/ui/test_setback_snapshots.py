"""Snapshots of the setbacks list and the wizard's steps, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from ui_support import MONDAY, AppFactory

from planner.domain.models import SetbackAnalysis, Task
from planner.services.ports import Change
from widgets.screens.setbacks import SetbacksScreen

SIZE = (130, 42)
Snap = Callable[..., bool]


def seeded(make_app: AppFactory, language: str) -> Any:
    app = make_app(language)
    zh = language == "zh"
    analysis = SetbackAnalysis(
        id="s01000000000",
        created=MONDAY,
        updated=MONDAY,
        external_ref=None,
        date=MONDAY.date() - timedelta(days=3),
        title="汇报材料被退回重写" if zh else "Briefing sent back for rework",
        kind="communication",
        objective="时间只有半天" if zh else "Only half a day to prepare",
        subjective="没有先确认领导的要求" if zh else "Did not confirm what the director wanted",
        goal="目标偏大" if zh else "Aimed at too much at once",
        environment="两个处室意见不一" if zh else "Two departments disagreed",
        conditions="缺少去年的数据" if zh else "Last year's figures were missing",
        principal_cause="subjective",
        lesson="动笔前先问清要点" if zh else "Ask for the key points before drafting",
        review_on=MONDAY.date() + timedelta(days=7),
    )
    measure = Task(
        id="m01000000000",
        created=MONDAY,
        updated=MONDAY,
        external_ref=None,
        title="先列提纲请处长过目" if zh else "Show the outline to the director first",
        status="open",
        due=MONDAY.date() + timedelta(days=2),
        setback=analysis.id,
    )
    app.planner.store.apply([Change(None, analysis), Change(None, measure)])
    return app


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause(0.6)
    pilot.app.clear_notifications()
    await pilot.pause()


async def open_list(pilot: Pilot[Any]) -> None:
    """Press ``3`` and wait until the list, read in a worker, is shown."""
    await settle(pilot)
    await pilot.press("3")
    for _ in range(500):
        if getattr(pilot.app.screen, "ready", False):
            break
        await pilot.pause(0.01)
    assert isinstance(pilot.app.screen, SetbacksScreen) and pilot.app.screen.ready
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_setbacks_list(snap_compare: Snap, make_app: AppFactory, language: str) -> None:
    app = seeded(make_app, language)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_list)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("step", [0, 2, 6, 7])
def test_wizard_steps(snap_compare: Snap, make_app: AppFactory, language: str, step: int) -> None:
    app = seeded(make_app, language)

    async def open_at_step(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        for _ in range(step):
            await pilot.press("ctrl+k")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_at_step)
