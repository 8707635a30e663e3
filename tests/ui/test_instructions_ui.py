"""Instructions on the board (督办, issue 16): the row's state flag in both languages, ``E``
asks for an extension in a small dialog (date and reason) and, on a requested one, approves
it once confirmed; one undo each; ``i`` shows the state and the original date; the help
screen names the key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.pilot import Pilot
from ui_support import MONDAY, AppFactory, Clock, screen_lines, until

from planner.domain.models import Task
from planner.shell.app import PlannerApp
from widgets.dialogs.help import HelpScreen

SIZE = (100, 30)
WEDNESDAY = date(2026, 11, 25)


async def holds(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    await until(pilot, condition)
    assert condition()


def add(app: PlannerApp, title: str, **fields: object) -> Task:
    now = app.planner.now()
    task = Task.create(title, now, status="open", scheduled=MONDAY.date(), **fields)  # type: ignore[arg-type]
    return app.planner.add_task(task)


def shown(app: PlannerApp) -> str:
    return "\n".join(screen_lines(app))


def notices(app: PlannerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_e_asks_for_an_extension_then_approves_it_and_undo_takes_each_back(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("en", sample=False)
    task = add(app, "Flood prevention report", source="Li", report_by=WEDNESDAY)
    async with app.run_test(size=SIZE) as pilot:
        await holds(pilot, lambda: "[due soon] Flood prevention report" in shown(app))
        await pilot.press("j", "E")  # from the (empty) main panel down to the task
        await holds(pilot, lambda: "Ask for an extension" in shown(app))
        await pilot.press(*"tue", "enter")  # not after Wednesday: said, nothing written
        await pilot.press(*"figures late", "enter")
        await holds(pilot, lambda: "must be after the one in force, 2026-11-25" in shown(app))
        date_field = app.screen.query_one("#date")
        date_field.focus()
        await pilot.press(*("backspace",) * 3, *"2026-12-02", "enter", "enter")
        await holds(pilot, lambda: app.planner.task(task.id).extension_to == date(2026, 12, 2))
        asked = app.planner.task(task.id)
        assert (asked.report_by, asked.extension_reason) == (WEDNESDAY, "figures late")
        await holds(pilot, lambda: "[ext. asked] Flood prevention report" in shown(app))
        await pilot.press("E")
        await holds(pilot, lambda: "Approve the extension" in shown(app))
        await pilot.press("y")
        await holds(pilot, lambda: app.planner.task(task.id).report_by == date(2026, 12, 2))
        approved = app.planner.task(task.id)
        assert (approved.report_by_original, approved.extension_to) == (WEDNESDAY, None)
        await holds(pilot, lambda: "[ext. asked]" not in shown(app))
        assert "[due soon]" not in shown(app)  # 2 December is 7 working days off
        await pilot.press("i")
        await holds(pilot, lambda: "2026-11-25 (figures late)" in shown(app))  # wrapped
        assert "report back by: 2026-12-02, extended from" in shown(app)
        assert "instruction state: in progress" in shown(app)
        await pilot.press("escape")
        await pilot.press("u")
        await holds(pilot, lambda: app.planner.task(task.id).report_by == WEDNESDAY)
        await holds(pilot, lambda: "[ext. asked] Flood prevention report" in shown(app))
        await pilot.press("u")
        await holds(pilot, lambda: app.planner.task(task.id).extension_to is None)
        await holds(pilot, lambda: "[due soon] Flood prevention report" in shown(app))


async def test_e_on_other_work_says_why_and_overdue_shows_red_words(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("en", sample=False)
    add(app, "Plain work")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "E")
        await holds(pilot, lambda: any("Only an instruction" in n for n in notices(app)))
        clock.moment = MONDAY + timedelta(days=3)
        add(app, "Late instruction", source="Li", report_by=WEDNESDAY)
        app.refresh_board()
        await holds(pilot, lambda: "[overdue] Late instruction" in shown(app))


async def test_the_flags_in_chinese_and_the_help_names_the_key(
    make_app: AppFactory, clock: Clock
) -> None:
    app = make_app("zh", sample=False)
    add(app, "防汛报告", source="李主任", report_by=WEDNESDAY)
    asked = add(app, "调研提纲", source="王处长", report_by=WEDNESDAY)
    app.planner.request_extension(asked.id, date(2026, 12, 4), "材料未齐")
    async with app.run_test(size=(80, 24)) as pilot:
        await holds(pilot, lambda: "[临期] 防汛报告" in shown(app))
        await holds(pilot, lambda: "[申请延期] 调研提纲" in shown(app))
        assert all(len(line) <= 80 for line in screen_lines(app))
        await pilot.press("question_mark")
        await holds(pilot, lambda: isinstance(app.screen, HelpScreen) and bool(app.screen.rows))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = [(row.keys, row.description, row.binding_id) for row in help_screen.rows]
        assert ("E", "延期：申请／批准", "board.extend") in rows


async def test_the_review_counts_extended_instructions_apart(
    make_app: AppFactory, clock: Clock
) -> None:
    from textual.widgets import Static

    from widgets.screens.review import ReviewScreen

    app = make_app("en", sample=False)
    planner = app.planner
    on_time = add(app, "On time", source="Li", report_by=date(2026, 11, 23))
    planner.record_feedback(on_time.id, "sent")
    moved = add(app, "Moved", source="Wang", report_by=date(2026, 11, 20))
    planner.request_extension(moved.id, date(2026, 11, 24), "figures late")
    planner.approve_extension(moved.id)
    async with app.run_test(size=(130, 45)) as pilot:
        await pilot.press("4")

        def counts() -> str:
            screen = app.screen
            if not isinstance(screen, ReviewScreen) or not screen.ready or screen.busy:
                return ""
            return str(screen.query_one("#instructions", Static).render())

        await holds(pilot, lambda: "extended 1: on time 0, late 0, pending 1" in counts())
        assert "on time 1" in counts() and "pending 0" in counts()
