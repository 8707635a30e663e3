"""The morning plan (issue 16): offered at the day's first launch without taking a key,
opened with ``p``, five skippable steps of one key per task, each act undoable."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from ui_support import TZ, Clock, build_store, fixed_task, until

from planner.domain.config import Config
from planner.domain.models import Day
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from planner.shell.holiday_calendar import work_calendar
from widgets.dialogs.confirm import ConfirmScreen
from widgets.dialogs.morning_plan import MorningPlanScreen
from widgets.screens.board import BoardScreen

SIZE = (80, 24)
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
FRIDAY = date(2026, 11, 20)
TITLES = {
    "en": ("Draft the speech", "Tidy the archive", "Read the circular", "Call the bureau"),
    "zh": ("起草讲话稿", "整理档案柜", "阅读通知", "给局里打电话"),
}


def notices(app: PlannerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def monday_app(tmp_path: Path, language: str, clock: Clock) -> PlannerApp:
    """Monday, with Friday's main contradiction and one more task of Friday undone, an
    inbox task, and today's work without estimates, over a 1-hour capacity."""
    i18n.set_language(language)
    speech, archive, circular, bureau = TITLES[language]
    tasks = [
        fixed_task(1, speech, status="open", scheduled=FRIDAY),
        fixed_task(2, archive, status="open", scheduled=FRIDAY),
        fixed_task(3, circular, status="inbox"),
        fixed_task(4, bureau, status="open", scheduled=MONDAY.date(), estimate=120),
    ]
    store = build_store(tmp_path, clock, tasks, None)
    friday = Day(
        id="d00900000000",
        created=MONDAY,
        updated=MONDAY,
        external_ref=None,
        date=FRIDAY,
        main=tasks[0].id,
        carry_answered=True,
    )
    store.apply([Change(None, friday)])
    config = Config(language=language, data_dir=tmp_path / "data")
    return PlannerApp(Planner(store, config, clock), poll_seconds=0.2)


def offer_words(language: str) -> str:
    return "晨间计划" if language == "zh" else "Plan the morning"


def plan(app: PlannerApp) -> MorningPlanScreen:
    screen = app.screen
    assert isinstance(screen, MorningPlanScreen)
    return screen


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_monday_walked_through(tmp_path: Path, language: str) -> None:
    clock = Clock(MONDAY)
    app = monday_app(tmp_path, language, clock)
    planner = app.planner
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: any(offer_words(language) in n for n in notices(app)))
        assert isinstance(app.screen, BoardScreen)  # no carry-over question apart from it
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, MorningPlanScreen))
        assert not any(offer_words(language) in n for n in notices(app))
        # 1: Friday's main contradiction carried, the other let go to Later
        assert plan(app).step_name == "leftovers"
        assert plan(app).plan.since == FRIDAY
        assert [t.title for t in plan(app).queue] == list(TITLES[language][:2])
        await pilot.press("c", "l")
        # 2: the inbox task accepted
        await until(pilot, lambda: plan(app).step_name == "inbox")
        await pilot.press("t")
        # 3: the carried one confirmed as the main contradiction
        await until(pilot, lambda: plan(app).step_name == "main")
        assert plan(app).queue[plan(app).index].title == TITLES[language][0]
        await pilot.press("enter")
        # 4: estimates for the two without one (a bad one is refused, the step waits)
        await until(pilot, lambda: plan(app).step_name == "estimates")
        await pilot.press(*"soon", "enter")
        assert plan(app).index == 0
        await pilot.press("ctrl+a", "ctrl+k", *"3h", "enter")
        await pilot.press("enter")  # the second left without
        # 5: 5 h planned against 6 h fits
        await until(pilot, lambda: plan(app).step_name == "load")
        assert plan(app).queue == [], plan(app).plan.load
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
    assert planner.main_id() == "t01000000000"
    assert planner.task("t02").scheduled == date(2026, 11, 24)
    assert planner.task("t03").status == "open"
    assert planner.task("t01").estimate == 180
    # the last act (the estimate) is undone by u on the board, as any other
    planner.undo()
    assert planner.task("t01").estimate is None


async def test_the_offer_never_takes_a_key(tmp_path: Path) -> None:
    app = monday_app(tmp_path, "en", Clock(MONDAY))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: any("Plan the morning" in n for n in notices(app)))
        await pilot.press("2")  # the journal, as without the offer
        await until(pilot, lambda: app.screen.name == "journal")
        assert not any("Plan the morning" in n for n in notices(app))
        assert not isinstance(app.screen, MorningPlanScreen)
        await pilot.press("1", "p")  # and p still opens the plan later
        await until(pilot, lambda: isinstance(app.screen, MorningPlanScreen))


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_every_step_skipped(tmp_path: Path, language: str) -> None:
    app = monday_app(tmp_path, language, Clock(MONDAY))
    before = app.planner.store.open_tasks()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, MorningPlanScreen))
        for name in ("inbox", "main", "estimates", "load"):
            await pilot.press("tab")
            await until(pilot, lambda: plan(app).step_name == name)  # noqa: B023
        await pilot.press("tab")
        await until(pilot, lambda: plan(app).finished)
        await pilot.press("tab")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
    assert app.planner.store.open_tasks() == before
    assert app.planner.main_id() is None


async def test_the_day_after_a_holiday_looks_back_past_it(tmp_path: Path) -> None:
    """Thursday 8 October 2026, after National Day: the last working day is 30 September,
    and what was scheduled then or during the holiday is yesterday's unfinished work."""
    i18n.set_language("en")
    clock = Clock(datetime(2026, 10, 8, 9, 0, tzinfo=TZ))
    tasks = [
        fixed_task(1, "Before the holiday", status="open", scheduled=date(2026, 9, 30)),
        fixed_task(2, "During the holiday", status="open", scheduled=date(2026, 10, 5)),
        fixed_task(3, "A week earlier", status="open", scheduled=date(2026, 9, 22)),
    ]
    store = build_store(tmp_path, clock, tasks, None)
    config = Config(language="en", data_dir=tmp_path / "data")
    app = PlannerApp(Planner(store, config, clock, work_calendar(config, None)), poll_seconds=0.2)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        # offered once China's calendar has been read (in the header's worker)
        await until(pilot, lambda: any("Plan the morning" in n for n in notices(app)))
        assert app.planner.calendar.loaded
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, MorningPlanScreen))
        assert plan(app).plan.since == date(2026, 9, 30)
        assert sorted(t.title for t in plan(app).queue) == [
            "Before the holiday",
            "During the holiday",
        ]
        first, second = plan(app).queue
        await pilot.press("x", "n")
        await until(pilot, lambda: plan(app).step_name == "main")
    assert app.planner.task(first.id).status == "dropped"
    assert app.planner.task(second.id).status == "open"


async def test_the_load_step_moves_work_to_later_until_it_fits(tmp_path: Path) -> None:
    i18n.set_language("en")
    clock = Clock(MONDAY)
    today = MONDAY.date()
    tasks = [
        fixed_task(n, f"Task {n}", status="open", scheduled=today, estimate=180, priority=p)
        for n, p in ((1, "high"), (2, "medium"), (3, "low"))
    ]
    store = build_store(tmp_path, clock, tasks, None)
    config = Config(language="en", data_dir=tmp_path / "data")
    app = PlannerApp(Planner(store, config, clock), poll_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, MorningPlanScreen))
        await pilot.press("tab")  # the main contradiction left unchosen
        await until(pilot, lambda: plan(app).step_name == "load")
        assert plan(app).queue[0].title == "Task 3"
        await pilot.press("l")
        await until(pilot, lambda: not plan(app).plan.load.over)
        assert "The day fits." in str(plan(app).query_one("#subject").render())
    assert app.planner.task("t03").scheduled == date(2026, 11, 24)
    assert app.planner.task("t02").scheduled == today


async def test_no_offer_and_no_question_once_the_day_is_planned(tmp_path: Path) -> None:
    """A day whose question was answered (the sample board) offers nothing; the old
    carry-over question is not asked either."""
    app = monday_app(tmp_path, "en", Clock(datetime(2026, 11, 23, 9, 0, tzinfo=TZ)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: any("Plan the morning" in n for n in notices(app)))
        await pilot.press("p", "c", "escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen))
    again = PlannerApp(app.planner, poll_seconds=0.2)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause(0.3)
        assert not any("Plan the morning" in n for n in notices(again))
        assert not isinstance(again.screen, ConfirmScreen)


async def test_offered_at_the_first_launch_only(tmp_path: Path) -> None:
    """Left unopened, the offer is not made again by a second launch the same day (the
    day is kept in the data folder's .cache/); p still opens the plan; the next day offers."""
    clock = Clock(MONDAY)
    app = monday_app(tmp_path, "en", clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: any("Plan the morning" in n for n in notices(app)))
        await pilot.press("j")
    assert (tmp_path / "data" / ".cache" / "morning-plan-offered.txt").read_text() == (
        "2026-11-23\n"
    )
    again = PlannerApp(app.planner, poll_seconds=0.2)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause(0.3)
        assert not any("Plan the morning" in n for n in notices(again))
        await pilot.press("p")
        await until(pilot, lambda: isinstance(again.screen, MorningPlanScreen))
        assert isinstance(again.screen, MorningPlanScreen), again.screen
    clock.moment = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    tuesday = PlannerApp(app.planner, poll_seconds=0.2)
    async with tuesday.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: any("Plan the morning" in n for n in notices(tuesday)))
