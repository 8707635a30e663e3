"""The timer in the app (issue 16): ``T`` starts and stops it on the selected task, the
header shows it (masked in privacy mode), undo takes it back, another process's ``planner
start`` is seen, and a timer left past its day's end stops there with a notice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from textual.pilot import Pilot
from ui_support import MONDAY, TZ, AppFactory, Clock, screen_lines, until

from data.store import FileStore
from planner.domain.config import Config
from planner.domain.models import Task
from planner.domain.textwidth import cell_width
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from widgets.parts.header import AppHeader

SIZE = (100, 30)


def header(app: PlannerApp) -> str:
    return screen_lines(app, app.screen.query_one(AppHeader))[0]


async def holds(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    await until(pilot, condition)
    assert condition()


def add(app: PlannerApp, title: str, **fields: object) -> Task:
    task = Task.create(title, app.planner.now(), status="open", scheduled=MONDAY.date(), **fields)  # type: ignore[arg-type]
    return app.planner.add_task(task)


def notices(app: PlannerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_t_starts_and_stops_the_selected_tasks_timer_and_undo_takes_it_back(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("en", sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Draft the speech sched:today est:1h", "enter")
        await holds(pilot, lambda: len(app.planner.store.open_tasks()) == 1)
        task = app.planner.store.open_tasks()[0]
        await pilot.press("T")
        await holds(pilot, lambda: "⏱ Draft the speech 0 min" in header(app))
        await holds(pilot, lambda: "Timer started: Draft the speech" in notices(app))
        clock.moment = MONDAY + timedelta(minutes=25)
        app.timer_tick()
        await holds(pilot, lambda: "⏱ Draft the speech 25 min" in header(app))
        await pilot.press("T")
        await holds(pilot, lambda: "⏱" not in header(app))
        await holds(pilot, lambda: "Timer stopped: Draft the speech, 25m" in notices(app))
        assert app.planner.task(task.id).spent == 25 * 60
        await pilot.press("i")
        await pilot.pause()
        shown = screen_lines(app, app.screen.query_one("#estimate"))
        assert any("spent: 25m of 1h estimated (42%)" in line for line in shown)
        await pilot.press("escape")
        await pilot.press("u")
        await holds(pilot, lambda: "⏱ Draft the speech 25 min" in header(app))


async def test_a_terminals_start_stops_the_apps_timer_and_the_header_follows(
    make_app: AppFactory, clock: Clock, tmp_path: object
) -> None:
    app = make_app("en", sample=False)
    first = add(app, "Draft the speech")
    second = add(app, "Call Director Li")
    async with app.run_test(size=SIZE) as pilot:
        app.planner.start_timer(first.id)
        app.refresh_board()
        await holds(pilot, lambda: "⏱ Draft the speech" in header(app))
        clock.moment = MONDAY + timedelta(minutes=10)
        root = app.planner.store.root  # type: ignore[attr-defined]
        terminal = Planner(FileStore(root, clock=clock), Config(), clock)
        terminal.start_timer(second.id[:6])
        await holds(pilot, lambda: "⏱ Call Director Li 0 min" in header(app))
        assert app.planner.task(first.id).spent == 600


async def test_a_timer_left_past_the_days_end_stops_there_with_a_notice(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("en", sample=False)
    task = add(app, "Late report")
    clock.moment = MONDAY.replace(hour=23)
    app.planner.start_timer(task.id)
    async with app.run_test(size=SIZE) as pilot:
        await holds(pilot, lambda: "⏱ Late report" in header(app))
        clock.moment = datetime(2026, 11, 24, 3, 30, tzinfo=TZ)  # still Monday's day
        app.timer_tick()
        await pilot.pause()
        assert "⏱ Late report 270 min" in header(app)
        clock.moment = datetime(2026, 11, 24, 4, 1, tzinfo=TZ)
        app.timer_tick()
        await holds(pilot, lambda: "⏱" not in header(app))
        said = (
            "The timer of Late report was still running when its day ended: stopped at "
            "2026-11-24 04:00 (5h)."
        )
        await holds(pilot, lambda: said in notices(app))
        assert app.planner.task(task.id).spent == 5 * 3600


async def test_privacy_masks_a_confidential_tasks_title_and_chinese_words(
    make_app: AppFactory,
) -> None:
    app = make_app("zh", sample=False, privacy=True)
    task = add(app, "人事调整方案", confidential=True)
    app.planner.start_timer(task.id)
    async with app.run_test(size=SIZE) as pilot:
        await holds(pilot, lambda: "⏱" in header(app))
        assert "人事调整方案" not in header(app)
        assert "0 分钟" in header(app)


async def test_at_80_columns_the_title_gives_way_and_the_minutes_stay(
    make_app: AppFactory,
) -> None:
    app = make_app("zh", sample=False)
    task = add(app, "起草向主任汇报的季度工作总结讲话稿并报送办公室审核", estimate=600)
    app.planner.start_timer(task.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await holds(pilot, lambda: "⏱" in header(app))
        line = header(app)
        assert line.rstrip().endswith("0 分钟") and "起草" in line and "…" in line
        assert cell_width(line.rstrip()) <= 80


async def test_an_app_started_the_next_day_stops_yesterdays_timer_with_a_notice(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("en", sample=False)
    task = add(app, "Forgotten timer")
    clock.moment = MONDAY.replace(hour=18)
    app.planner.start_timer(task.id)
    clock.moment = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    async with app.run_test(size=SIZE) as pilot:
        said = (
            "The timer of Forgotten timer was still running when its day ended: stopped at "
            "2026-11-24 04:00 (10h)."
        )
        await holds(pilot, lambda: said in notices(app))
        assert "⏱" not in header(app)
        assert app.planner.task(task.id).spent == 10 * 3600
