"""The app tells a year the holiday calendar does not know once, in a notification: quick
add of ``due:+3wd`` at the end of 2026 counts into 2027, which chinesecalendar 1.11 does
not know yet."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.widgets._toast import Toast
from ui_support import TZ, Clock, build_store, until

from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp
from planner.shell.holiday_calendar import tell_in_app, work_calendar

WEDNESDAY = datetime(2026, 12, 30, 9, 0, tzinfo=TZ)
SIZE = (100, 30)


def app_at(tmp_path: Path, clock: Clock) -> PlannerApp:
    i18n.set_language("en")
    config = Config(data_dir=tmp_path / "data")
    store = build_store(tmp_path, clock, [], None)
    planner = Planner(store, config, clock, work_calendar(config, None))
    app = PlannerApp(planner, poll_seconds=0.2)
    tell_in_app(app, planner.calendar)
    return app


def notices(app: PlannerApp) -> list[str]:
    return [str(toast.render()) for toast in app.screen.query(Toast)]


async def test_an_unknown_year_is_told_once_in_the_app(tmp_path: Path) -> None:
    app = app_at(tmp_path, Clock(WEDNESDAY))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a", *"Year-end summary due:+3wd", "enter")
        await until(pilot, lambda: len(app.planner.store.open_tasks()) == 1)
        await pilot.pause(0.2)
        assert app.planner.store.open_tasks()[0].due == date(2027, 1, 4)
        told = [text for text in notices(app) if "does not know 2027" in text]
        assert len(told) == 1
        await pilot.press("a", *"Budget memo due:+4wd", "enter")
        await until(pilot, lambda: len(app.planner.store.open_tasks()) == 2)
        await pilot.pause(0.2)
        assert len([text for text in notices(app) if "does not know 2027" in text]) == 1
