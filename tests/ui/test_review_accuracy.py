"""The review shows planned against actual (issue 16): how far the week's time spent was
from its estimates, and which way; nothing when no estimated task was timed."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Static
from ui_support import MONDAY, TZ, AppFactory, fixed_task, until

from planner.domain.timer import Interval
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from widgets.screens.review import ReviewScreen

SIZE = (130, 45)


def seed(app: PlannerApp) -> None:
    """Last week: one task over its estimate (72m of 1h), one within (30m of 1h)."""
    week = MONDAY.date() - timedelta(days=7)
    end = datetime(week.year, week.month, week.day, 17, 0, tzinfo=TZ)
    over = fixed_task(31, "over", status="open", estimate=60)
    over = over.touched(end, intervals=(Interval(end - timedelta(minutes=72), end),))
    within = fixed_task(32, "within", status="open", estimate=60)
    within = within.touched(end, intervals=(Interval(end - timedelta(minutes=30), end),))
    changes = [Change(None, over.complete(end)), Change(None, within.complete(end))]
    app.planner.store.apply(changes)  # type: ignore[attr-defined]


def done_days(app: PlannerApp) -> str:
    return str(app.screen.query_one("#done-days", Static).render())


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Time spent: 85% of estimates on 2 estimated tasks (1 over, 1 within)"),
        ("zh", "实际用时：2 项已估时任务为预计的 85%（1 项超出，1 项未超）"),
    ],
)
async def test_last_weeks_estimate_accuracy(
    make_app: AppFactory, language: str, words: str
) -> None:
    app = make_app(language, sample=False)
    seed(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: words in done_days(app))
        assert words in done_days(app)
        await pilot.press("right_square_bracket")  # this week: nothing estimated was timed
        await until(pilot, lambda: words not in done_days(app))
        assert "\n" not in done_days(app)
