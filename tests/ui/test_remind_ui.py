"""The open app's reminders (issue 16): a notification at a timed task's time and at an
instruction's report-back warning, each once per run, a confidential title masked unless
the config allows it (and always in privacy mode); the clock is injected and advanced."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from textual.pilot import Pilot
from ui_support import MONDAY, AppFactory, Clock, until

from planner.domain.models import Task
from planner.shell.app import PlannerApp

SIZE = (100, 30)


def add(app: PlannerApp, title: str, **fields: object) -> Task:
    task = Task.create(title, app.planner.now(), status="open", **fields)  # type: ignore[arg-type]
    return app.planner.add_task(task)


def notices(app: PlannerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def shown(pilot: Pilot[None], app: PlannerApp, text: str) -> None:
    await until(pilot, lambda: any(text in notice for notice in notices(app)))
    assert any(text in notice for notice in notices(app)), notices(app)


async def test_the_app_notifies_at_the_time_and_at_the_report_warning_once(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("en", sample=False, remind=True)
    call = add(app, "Call Director Li", due=MONDAY + timedelta(minutes=30))
    add(app, "Meet the inspector", due=MONDAY + timedelta(minutes=45), confidential=True)
    add(app, "Draft the minutes", due=MONDAY + timedelta(hours=1))
    add(app, "Missed this morning", due=MONDAY - timedelta(hours=1))
    report = add(app, "Report on flood control", source="Office", report_by=date(2026, 11, 25))
    async with app.run_test(size=SIZE) as pilot:
        await shown(
            pilot, app, f"Report back by 2026-11-25: Report on flood control ({report.id[:6]})"
        )
        assert not any("Call Director Li" in n or "Missed" in n for n in notices(app))
        clock.moment = MONDAY + timedelta(minutes=29, seconds=30)
        app.remind_tick()
        await shown(pilot, app, f"Due at 09:30: Call Director Li ({call.id[:6]})")
        app.remind_tick()
        clock.moment = MONDAY + timedelta(minutes=31)
        app.remind_tick()
        await pilot.pause()
        assert sum("Call Director Li" in n for n in notices(app)) == 1
        assert sum("Report on flood control" in n for n in notices(app)) == 1
        clock.moment = MONDAY + timedelta(minutes=44, seconds=10)
        app.remind_tick()
        await shown(pilot, app, "Due at 09:45: a confidential item")
        assert not any("inspector" in n for n in notices(app))
        # the machine slept through ten o'clock: the time passed during the run is said
        clock.moment = MONDAY + timedelta(hours=1, minutes=20)
        app.remind_tick()
        await shown(pilot, app, "Overdue since 10:00: Draft the minutes")
        assert not any("Missed this morning" in n for n in notices(app))


async def test_in_chinese_titles_allowed_by_the_config_but_not_in_privacy_mode(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("zh", sample=False, remind=True)
    app.planner.config = replace(app.planner.config, remind_titles=True)
    add(app, "约见巡视组", due=MONDAY + timedelta(minutes=10), confidential=True)
    add(app, "审阅讲话稿", due=MONDAY + timedelta(minutes=20), confidential=True)
    async with app.run_test(size=SIZE) as pilot:
        clock.moment = MONDAY + timedelta(minutes=9, seconds=30)
        app.remind_tick()
        await shown(pilot, app, "09:10 到期：约见巡视组")
        await pilot.press("z")  # privacy mode
        await until(pilot, lambda: app.privacy)
        clock.moment = MONDAY + timedelta(minutes=19, seconds=30)
        app.remind_tick()
        await shown(pilot, app, "09:20 到期：一项保密事项")
        assert not any("审阅讲话稿" in n for n in notices(app))


async def test_in_app_false_leaves_the_reminders_to_planner_remind(
    make_app: AppFactory, clock: Clock
) -> None:
    """``[remind] in_app = false``: the app notifies nothing, however due the work is."""
    app = make_app("en", sample=False, remind=False)
    add(app, "Call Director Li", due=MONDAY + timedelta(minutes=10))
    add(app, "Report on flood control", source="Office", report_by=date(2026, 11, 24))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock.moment = MONDAY + timedelta(minutes=10)
        app.remind_tick()
        await pilot.pause()
        assert not any("Director" in n or "flood" in n for n in notices(app)), notices(app)
