"""Pilot tests of the review screen on a fixed data set with hand-checked figures."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Sparkline, Static
from ui_support import MONDAY, TZ, AppFactory, fixed_task

from planner.domain.models import Day, Feedback, JournalEntry
from planner.domain.textwidth import cell_width
from planner.services.planner import Planner
from planner.services.ports import Change
from widgets.dialogs.prompt import PromptScreen
from widgets.screens import review as review_screen
from widgets.screens.review import ReviewScreen

SIZE = (130, 45)


async def settle(pilot: Pilot[Any]) -> ReviewScreen:
    """Wait until the review screen shows the figures of the period last asked for."""
    for _ in range(500):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, ReviewScreen) and screen.ready and not screen.busy:
            break
        await pilot.pause(0.01)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen) and not screen.busy and not screen.awaiting
    await pilot.pause()
    return screen


async def press(pilot: Pilot[Any], *keys: str) -> ReviewScreen:
    await pilot.press(*keys)
    return await settle(pilot)


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
        await press(pilot, "4")
        await press(pilot, "left_square_bracket")
        period = str(app.screen.query_one("#period", Label).render())
        assert "2026-11-16" in period and "2026-11-22" in period
        main = str(app.screen.query_one("#main", Static).render())
        assert "1 of 2 days kept" in main and "(50%)" in main
        # The week as a calendar under the weekdays: Mon kept, Tue not.
        assert "Mo Tu We Th Fr Sa Su\n16x17-18 19 20 21 22" in main
        instructions = str(app.screen.query_one("#instructions", Static).render())
        assert "on time 1" in instructions and "late 0" in instructions
        assert "pending 1 (1 overdue)" in instructions
        journal = str(app.screen.query_one("#journal", Static).render())
        assert "2 of 7 days written" in journal and "current streak 2" in journal
        spark = app.screen.query_one(Sparkline)
        # done on Mon (kept main) and Wed (late main): Mon 1, Tue 0, Wed 1, rest 0
        assert list(spark.data or []) == [1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]
        assert str(app.screen.query_one("#done-labels", Static).render()) == "Mo Tu We Th Fr Sa Su"
        await press(pilot, "m")
        period = str(app.screen.query_one("#period", Label).render())
        assert "2026-11-01" in period and "2026-11-30" in period


async def test_review_in_chinese(make_app: AppFactory) -> None:
    app = make_app("zh", sample=False)
    seed(app)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4", "left_square_bracket")
        assert "2 天中落实 1 天" in str(app.screen.query_one("#main", Static).render())
        # The causes' counts stand in one column, whatever the names' widths.
        lines = str(app.screen.query_one("#setbacks", Static).render()).splitlines()[:-1]
        columns = {cell_width(re.match(r"^(.*?\s)(\d+)", line).group(1)) for line in lines}  # type: ignore[union-attr]
        assert len(lines) == 5 and len(columns) == 1


async def test_todays_main_is_in_progress_until_the_day_ends(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    seed(app)
    today = fixed_task(25, "today's main", status="open")
    app.planner.store.apply(
        [Change(None, today), Change(None, Day.create(MONDAY.date(), MONDAY, main=today.id))]
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await press(pilot, "4")
        main = str(screen.query_one("#main", Static).render())
        assert "0 of 0 days kept" in main and "23~" in main


async def test_w_from_a_month_opens_a_week_of_that_month(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    async with app.run_test(size=SIZE) as pilot:
        # November (today's month) → this week; October → its first week, not Sep 28-Oct 4.
        screen = await press(pilot, "4", "m", "w")
        assert screen.result is not None and screen.result.period.start.isoformat() == "2026-11-23"
        screen = await press(pilot, "m", "left_square_bracket", "w")
        assert screen.result is not None and screen.result.period.start.isoformat() == "2026-10-05"


async def last_week(pilot: Pilot[Any]) -> None:
    await press(pilot, "4", "left_square_bracket")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_review_snapshot(snap_compare: object, make_app: AppFactory, language: str) -> None:
    app = make_app(language, sample=False)
    seed(app)
    assert snap_compare(  # type: ignore[operator]
        app, terminal_size=(130, 42), run_before=last_week
    )


async def test_figures_from_the_archive_arrive_after_the_loading_line(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Last month's work is in the archive; the worker reads it while the screen says so."""
    app = make_app(sample=False)
    october = [datetime(2026, 10, d, 15, 0, tzinfo=TZ) for d in (5, 5, 20)]
    done = [
        fixed_task(30 + n, f"October work {n}", status="open").complete(moment)
        for n, moment in enumerate(october)
    ]
    app.planner.store.apply([Change(None, task) for task in done])
    assert app.planner.store.compact(MONDAY.date()) == 3
    release = threading.Event()
    real_review = Planner.review

    def slow_review(self: Planner, *args: Any, **kwargs: Any) -> Any:
        assert kwargs.get("store") is not None, "the review runs on a reader"
        assert threading.current_thread() is not threading.main_thread()
        release.wait(5)
        return real_review(self, *args, **kwargs)

    monkeypatch.setattr(Planner, "review", slow_review)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "m", "left_square_bracket")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.busy and screen.awaiting
        assert "2026-10-01" in str(screen.query_one("#period", Label).render())
        assert screen.query_one("#review-loading", Static).display
        assert not screen.query_one("#figures").display
        assert "Reading the records" in str(screen.query_one("#review-loading", Static).render())
        release.set()
        await settle(pilot)
        assert not screen.query_one("#review-loading", Static).display
        assert screen.query_one("#figures").display
        assert screen.result is not None
        assert screen.result.period.start.isoformat() == "2026-10-01"
        # Oct 5: 2, Oct 20: 1
        counts = screen.result.done_counts
        assert (counts[4], counts[19], sum(counts)) == (2, 1, 3)
        assert "3 done in all; best day 2" in str(screen.query_one("#done-days", Static).render())


async def test_the_review_follows_writes_after_it_was_shown(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    task = fixed_task(40, "finish today", status="open")
    app.planner.store.apply([Change(None, task)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await press(pilot, "4")
        assert screen.result is not None and sum(screen.result.done_counts) == 0
        app.perform("action.complete", lambda: app.planner.complete(task.id))
        screen = await settle(pilot)
        assert sum(screen.result.done_counts) == 1  # type: ignore[union-attr]
        assert "1 done in all" in str(screen.query_one("#done-days", Static).render())


async def test_quick_period_keys_show_the_last_period_asked_for(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    seed(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "m", "left_square_bracket", "left_square_bracket", "w", "t")
        screen = await settle(pilot)
        assert screen.result is not None
        assert screen.result.period.kind == "week"
        assert screen.result.period.start.isoformat() == "2026-11-23"
        assert "2026-11-23" in str(screen.query_one("#period", Label).render())


async def quiet(pilot: Pilot[Any], calls: list[object]) -> None:
    """Wait until no worker runs and no review is computed for a moment."""
    for _ in range(300):
        count = len(calls)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if len(calls) == count and not pilot.app.workers:
            return
    raise AssertionError("the review never stopped computing")


async def test_the_periods_a_key_away_are_computed_ahead_and_kept(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a week is shown, the week before and its month are computed in the background
    (not the week after: it is still to come); [ then computes nothing, ] brings back this
    week's figures as they were kept, and a write makes the figures computed again."""
    app = make_app(sample=False)
    seed(app)
    calls: list[tuple[object, ...]] = []
    real_review = Planner.review

    def counted(self: Planner, *args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real_review(self, *args, **kwargs)

    monkeypatch.setattr(Planner, "review", counted)
    week_before = ("week", date(2026, 11, 16))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(300):  # the setbacks read after start-up show every screen new data
            if app._setbacks_loaded:
                break
            await pilot.pause(0.02)
        screen = await press(pilot, "4")
        await quiet(pilot, calls)
        assert week_before in calls and ("month", date(2026, 11, 23)) in calls
        assert ("week", date(2026, 11, 30)) not in calls
        shown, computed = screen.result, calls.count(week_before)
        screen = await press(pilot, "left_square_bracket")
        assert screen.result is not None and str(screen.result.period.start) == "2026-11-16"
        assert "1 of 2 days kept" in str(screen.query_one("#main", Static).render())
        assert calls.count(week_before) == computed
        await quiet(pilot, calls)
        assert ("week", date(2026, 11, 9)) in calls  # ahead of it: the week before that
        screen = await press(pilot, "right_square_bracket")
        assert screen.result is shown
        await quiet(pilot, calls)
        computed = len(calls)
        task = fixed_task(41, "a write", status="open")
        app.perform("action.add", lambda: app.planner.store.apply([Change(None, task)]))
        screen = await settle(pilot)
        assert len(calls) > computed and screen.result is not shown


async def test_a_slow_period_change_keeps_title_and_figures_in_step(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(sample=False)
    seed(app)
    gate = threading.Event()
    gate.set()
    real_review = Planner.review

    def gated_review(self: Planner, *args: Any, **kwargs: Any) -> Any:
        gate.wait(5)
        return real_review(self, *args, **kwargs)

    monkeypatch.setattr(Planner, "review", gated_review)
    # A period computed ahead of the key would come at once: this is about one that is not.
    monkeypatch.setattr(review_screen, "LOOK_AHEAD", False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await press(pilot, "4")
        assert "2026-11-23" in str(screen.query_one("#period", Label).render())
        gate.clear()
        await pilot.press("left_square_bracket")
        await pilot.pause(0.02)
        # Not yet noticeable: this week's title and figures, together.
        assert screen.awaiting
        assert "2026-11-23" in str(screen.query_one("#period", Label).render())
        assert screen.query_one("#figures").display
        await pilot.pause(0.3)
        # Now it is: last week's title over a loading line, no figures.
        assert "2026-11-16" in str(screen.query_one("#period", Label).render())
        assert screen.query_one("#review-loading", Static).display
        assert not screen.query_one("#figures").display
        gate.set()
        screen = await settle(pilot)
        assert "1 of 2 days kept" in str(screen.query_one("#main", Static).render())


async def test_an_unreadable_archive_is_named_where_the_figures_would_be(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(sample=False)
    seed(app)
    archive = tmp_path / "data" / "tasks" / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    (archive / "2025.json").write_text("{ not json", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        for _ in range(300):
            await pilot.pause(0.01)
            if not screen.busy:
                break
        await pilot.pause()
        assert screen.awaiting and screen.result is None
        line = str(screen.query_one("#review-loading", Static).render())
        assert "2025.json" in line
        assert not screen.query_one("#figures").display
        assert any("2025.json" in n.message for n in app._notifications)


async def answer(pilot: Pilot[Any], text: str) -> None:
    """``text`` typed into the open prompt, and ``enter``."""
    prompt = pilot.app.screen
    assert isinstance(prompt, PromptScreen)
    prompt.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def go_to(pilot: Pilot[Any], text: str) -> None:
    """``g``, then ``text`` typed into the prompt and ``enter``."""
    await pilot.press("g")
    await pilot.pause()
    await answer(pilot, text)


@pytest.mark.parametrize("typed", ["上周五", "last-week", "上周", "fri", "11-20", "-1w"])
async def test_g_goes_to_the_week_of_a_date_read_backward(make_app: AppFactory, typed: str) -> None:
    app = make_app(sample=False)
    seed(app)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4")
        await go_to(pilot, typed)
        screen = await settle(pilot)
        assert screen.result is not None
        assert screen.result.period.start.isoformat() == "2026-11-16"
        assert "1 of 2 days kept" in str(screen.query_one("#main", Static).render())


async def test_g_on_a_month_and_a_bad_date_named_in_the_prompt(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4", "m")
        await go_to(pilot, "frx")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        error = str(prompt.query_one("#error", Static).render())
        assert error.startswith("Go to: cannot read 'frx': not a date;")
        assert error.count("frx") == 1
        await answer(pilot, "-1m")  # the prompt stays open until a date reads
        screen = await settle(pilot)
        assert screen.result is not None
        assert screen.result.period.kind == "month"
        assert screen.result.period.start.isoformat() == "2026-10-01"
        await go_to(pilot, "")
        screen = await settle(pilot)
        assert screen.result is not None
        assert screen.result.period.start.isoformat() == "2026-11-01"
