"""The board's header shows today's load against the day's capacity (issue 16): ``4.5 h /
6 h``; in red with the overrun when over; how many tasks have no estimate; a holiday by
name; with China's calendar, the load once the calendar has answered (in a worker)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.style import Style
from textual.pilot import Pilot
from ui_support import TZ, AppFactory, Clock, build_store, fixed_task, screen_lines, until

from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from planner.shell.holiday_calendar import work_calendar
from widgets.parts.header import AppHeader

SIZE = (100, 30)


def header_line(app: PlannerApp) -> str:
    return screen_lines(app, app.screen.query_one(AppHeader))[0]


def red_cells(app: PlannerApp) -> str:
    """The header's characters drawn in red (the theme's red: ``#f4005f`` in Textual's
    default ANSI colours)."""
    header = app.screen.query_one(AppHeader)
    strip = app.screen._compositor.render_strips()[header.region.y]
    return "".join(
        segment.text
        for segment in strip
        if isinstance(segment.style, Style)
        and segment.style.color is not None
        and (triplet := segment.style.color.get_truecolor()).red > 200
        and triplet.green < 80
    )


async def add(pilot: Pilot[None], text: str) -> None:
    app = pilot.app
    assert isinstance(app, PlannerApp)
    before = len(app.planner.store.open_tasks())
    await pilot.press("a", *text, "enter")
    await until(pilot, lambda: len(app.planner.store.open_tasks()) == before + 1)


async def test_the_header_shows_the_load_and_turns_red_when_over(make_app: AppFactory) -> None:
    app = make_app("en", sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "0 h / 6 h" in header_line(app))
        assert red_cells(app) == ""
        await add(pilot, "Draft the speech sched:today est:4.5h")
        await until(pilot, lambda: "4.5 h / 6 h" in header_line(app))
        assert "without estimate" not in header_line(app)
        await add(pilot, "Call Director Li sched:today")
        await until(pilot, lambda: "4.5 h / 6 h · 1 without estimate" in header_line(app))
        # the inbox is not counted until accepted
        await add(pilot, "Someday est:8h")
        await pilot.pause()
        assert "4.5 h / 6 h" in header_line(app)
        await add(pilot, "Budget meeting due:today@15:00 sched:today est:3h")
        await until(pilot, lambda: "7.5 h / 6 h +25%" in header_line(app))
        assert red_cells(app).strip() == "7.5 h / 6 h +25%"
        await pilot.press("u")  # undo: the day fits again, and is no longer red
        await until(pilot, lambda: "4.5 h / 6 h · 1" in header_line(app))
        assert red_cells(app) == ""


async def test_the_header_in_chinese(make_app: AppFactory) -> None:
    app = make_app("zh", sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "起草讲话稿 sched:today est:7.5小时")
        await add(pilot, "给李主任回电话 sched:today")
        await until(pilot, lambda: "7.5 小时 / 6 小时 +25% · 1 项未估时" in header_line(app))
        assert red_cells(app).strip() == "7.5 小时 / 6 小时 +25%"


async def test_the_load_is_only_on_the_boards_header(make_app: AppFactory) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "/ 6 h" in header_line(app))
        await pilot.press("2")  # the journal
        await until(pilot, lambda: app.screen.name == "journal")
        await pilot.pause()
        assert "/ 6 h" not in header_line(app)
        await pilot.press("1")
        await until(pilot, lambda: "/ 6 h" in header_line(app))


async def test_on_a_holiday_with_chinas_calendar(tmp_path: Path) -> None:
    """The real calendar answers in a worker: the load appears once it has; National Day
    holds nothing, so any planned work is over, by hours, and the holiday is named."""
    i18n.set_language("en")
    clock = Clock(datetime(2026, 10, 1, 10, 0, tzinfo=TZ))
    duty = fixed_task(1, "Holiday duty roster", status="open", estimate=120)
    store = build_store(tmp_path, clock, [duty], None)
    config = Config(data_dir=tmp_path / "data")
    planner = Planner(store, config, clock, work_calendar(config, None))
    app = PlannerApp(planner, poll_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "National Day" in header_line(app))
        assert "2 h / 0 h +2 h · National Day" in header_line(app)
        assert red_cells(app).strip() == "2 h / 0 h +2 h"


async def test_the_filter_leaves_the_days_load_alone(make_app: AppFactory) -> None:
    app = make_app("en", sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "Draft the speech sched:today est:2h")
        await add(pilot, "Budget memo sched:today est:1h")
        await until(pilot, lambda: "3 h / 6 h" in header_line(app))
        await pilot.press("slash", *"speech")
        await until(pilot, lambda: app.screen.query_one("#lane-today").row_count == 1)  # type: ignore[attr-defined]
        assert "3 h / 6 h" in header_line(app)


async def test_the_load_follows_the_day_past_its_start(make_app: AppFactory, clock: Clock) -> None:
    """Friday 27 November at 03:59 is still Friday's planning day; at 04:00 on Saturday the
    weekend's capacity (none) is today's, and Friday's work, still open, is over it."""
    clock.moment = datetime(2026, 11, 27, 23, 0, tzinfo=TZ)
    app = make_app("en", sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await add(pilot, "Weekly summary sched:today est:1h")
        await until(pilot, lambda: "1 h / 6 h" in header_line(app))
        clock.moment = datetime(2026, 11, 28, 3, 59, tzinfo=TZ)
        await pilot.pause(0.4)
        assert "Fri 2026-11-27" in header_line(app) and "1 h / 6 h" in header_line(app)
        clock.moment = datetime(2026, 11, 28, 4, 0, tzinfo=TZ)
        await until(pilot, lambda: "Sat 2026-11-28" in header_line(app))
        await until(pilot, lambda: "1 h / 0 h +1 h" in header_line(app))
