"""Pilot tests of the review screen on a fixed data set with hand-checked figures."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Label, Sparkline, Static
from ui_support import MONDAY, TZ, AppFactory, fixed_task

from planner.models import Day, Feedback, JournalEntry
from planner.ports import Change
from widgets.review import ReviewScreen

SIZE = (130, 45)


def seed(app: object) -> None:
    """Last week (Mon 16 to Sun 22 Nov): mains on Mon (kept) and Tue (done Wed: not kept);
    an instruction due Thu reported on Thu (on time), one due Fri never reported (pending,
    overdue); journal on Sat and Sun (current streak 2 as of Monday with no entry yet)."""
    week = MONDAY.date() - timedelta(days=7)
    at = lambda d, h=17: datetime(d.year, d.month, d.day, h, 0, tzinfo=TZ)  # noqa: E731
    kept = fixed_task(21, "kept main", status="open").complete(at(week))
    late = fixed_task(22, "late main", status="open").complete(at(week + timedelta(days=2)))
    on_time = fixed_task(
        23, "on time", status="open", source="Zhang", report_by=week + timedelta(days=3)
    ).touched(at(week), feedback=(Feedback(at(week + timedelta(days=3)), "done"),))
    pending = fixed_task(
        24, "pending", status="open", source="Zhang", report_by=week + timedelta(days=4)
    )
    days = [
        Day.create(week, MONDAY, main=kept.id),
        Day.create(week + timedelta(days=1), MONDAY, main=late.id),
    ]
    entries = [
        JournalEntry.create(week + timedelta(days=5), MONDAY, body="sat"),
        JournalEntry.create(week + timedelta(days=6), MONDAY, body="sun"),
    ]
    records = [kept, late, on_time, pending, *days, *entries]
    app.planner.store.apply([Change(None, r) for r in records])  # type: ignore[attr-defined]


async def test_last_week_figures(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    seed(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        period = str(app.screen.query_one("#period", Label).render())
        assert "2026-11-16" in period and "2026-11-22" in period
        main = str(app.screen.query_one("#main", Static).render())
        assert "1 of 2 days kept" in main and "(50%)" in main
        instructions = str(app.screen.query_one("#instructions", Static).render())
        assert "on time 1" in instructions and "late 0" in instructions
        assert "pending 1 (1 overdue)" in instructions
        journal = str(app.screen.query_one("#journal", Static).render())
        assert "2 of 7 days written" in journal and "current streak 2" in journal
        spark = app.screen.query_one(Sparkline)
        # done on Mon (kept main) and Wed (late main): Mon 1, Tue 0, Wed 1, rest 0
        assert list(spark.data or []) == [1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
        await pilot.press("m")
        await pilot.pause()
        period = str(app.screen.query_one("#period", Label).render())
        assert "2026-11-01" in period and "2026-11-30" in period


async def test_review_in_chinese(make_app: AppFactory) -> None:
    app = make_app("zh", sample=False)
    seed(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "left_square_bracket")
        await pilot.pause()
        assert "2 天中落实 1 天" in str(app.screen.query_one("#main", Static).render())


@pytest.mark.parametrize("language", ["en", "zh"])
def test_review_snapshot(snap_compare: object, make_app: AppFactory, language: str) -> None:
    app = make_app(language, sample=False)
    seed(app)
    assert snap_compare(  # type: ignore[operator]
        app, terminal_size=(130, 42), press=["4", "left_square_bracket"]
    )
