"""Pilot tests of the setback wizard: every step, back, skip, draft, edit, linked measures."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from ui_support import MONDAY, AppFactory

from planner.app import PlannerApp
from planner.models import SetbackAnalysis
from planner.ports import Change
from widgets.board import BoardScreen
from widgets.lanes import LaneTable
from widgets.setback_wizard import SetbackWizard
from widgets.setbacks import SetbacksScreen

SIZE = (130, 45)


def analyses(app: PlannerApp) -> list[SetbackAnalysis]:
    return app.planner.store.setbacks()


async def type_into(pilot: object, widget_id: str, text: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    widget = app.screen.query_one(widget_id)
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await pilot.pause()  # type: ignore[attr-defined]


async def test_the_whole_wizard_creates_linked_measures(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, SetbacksScreen)
        assert app.screen.query_one("#setbacks-empty", Static).display
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetbackWizard)
        await pilot.press("ctrl+n")  # no title yet: refused with a message
        assert app.screen.step == 0
        assert app.screen.query_one("#wizard-error", Static).display
        await type_into(pilot, "#title", "Report sent back for rework")
        await pilot.press("ctrl+n")
        for name in ("objective", "subjective", "goal", "environment", "conditions"):
            assert app.screen.query_one("#step-title").render()
            await type_into(pilot, f"#step-{name}", f"{name} notes")
            await pilot.press("ctrl+n")
        assert app.screen.step == 6
        cause = app.screen.query_one("#step-cause", OptionList)
        cause.highlighted = 1
        await pilot.press("ctrl+n")
        await type_into(pilot, "#measure", "Confirm the brief first due:fri @Wang")
        await pilot.press("enter")
        await type_into(pilot, "#measure", "Keep a checklist of requirements")
        await pilot.press("enter")
        await pilot.press("enter")  # an empty line moves on
        assert app.screen.step == 8
        await type_into(pilot, "#step-lesson", "Ask before drafting.")
        await pilot.press("ctrl+n")
        await type_into(pilot, "#review", "+2w")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetbacksScreen)
        (analysis,) = analyses(app)
        assert analysis.title == "Report sent back for rework"
        assert analysis.principal_cause == "subjective"
        assert analysis.goal == "goal notes" and analysis.lesson == "Ask before drafting."
        assert analysis.review_on == MONDAY.date() + timedelta(days=14)
        assert not analysis.draft
        measures = [t for t in app.planner.store.open_tasks() if t.setback == analysis.id]
        assert sorted(m.title for m in measures) == [
            "Confirm the brief first",
            "Keep a checklist of requirements",
        ]
        first = next(m for m in measures if m.title == "Confirm the brief first")
        assert first.due == date(2026, 11, 27) and first.people == ("Wang",)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert "0/2" in [str(cell) for cell in table.get_row_at(0)]
        await pilot.press("1")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert any(
            item.task.title == "Confirm the brief first"
            for table in board.tables()
            for item in table.items
        )


async def test_back_skip_and_draft_then_finish_later(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        await type_into(pilot, "#title", "Dispute over the venue")
        await pilot.press("ctrl+n")
        await type_into(pilot, "#step-objective", "the hall was booked twice")
        await pilot.press("ctrl+k")  # skip: keeps what was typed, moves on
        assert app.screen.step == 2
        await pilot.press("ctrl+b", "ctrl+b")
        assert app.screen.step == 0
        assert app.screen.query_one("#title", Input).value == "Dispute over the venue"
        await pilot.press("ctrl+d")
        await pilot.pause()
        (draft,) = analyses(app)
        assert draft.draft and draft.objective == "the hall was booked twice"
        table = app.screen.query_one(DataTable)
        assert "draft" in [str(cell) for cell in table.get_row_at(0)]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SetbackWizard)
        assert app.screen.query_one("#step-objective", TextArea).text == "the hall was booked twice"
        await type_into(pilot, "#review", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (done,) = analyses(app)
        assert not done.draft and done.id == draft.id
        assert "resolved" in [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]


async def test_escape_keeps_what_was_typed_as_a_draft(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        await type_into(pilot, "#title", "Late minutes")
        await pilot.press("escape")
        await pilot.pause()
        (kept,) = analyses(app)
        assert kept.draft and kept.title == "Late minutes"


async def test_measure_done_resolves_and_review_shows_on_the_board(
    make_app: AppFactory,
) -> None:
    app = make_app()
    today = MONDAY.date()
    analysis = SetbackAnalysis.create(
        today - timedelta(days=7),
        "Budget figures wrong",
        MONDAY,
        review_on=today,
        principal_cause="conditions",
    )
    app.planner.store.apply([Change(None, analysis)])
    measure = app.planner.add_measure(analysis.id, "Recheck the figures", None, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.6)  # setbacks are read just after start-up
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert not board.query_one("#reviews", Static).display
        board.select(measure.id)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SetbacksScreen)
        assert "open" in [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)]
        await pilot.press("1")
        await pilot.pause()
        app.screen.select(measure.id)  # type: ignore[attr-defined]
        await pilot.press("space")
        await pilot.pause()
        reviews = app.screen.query_one("#reviews", Static)
        assert reviews.display and "Budget figures wrong" in str(reviews.render())
        await pilot.press("3")
        await pilot.pause()
        assert "review due" in [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)]
        await pilot.press("r")
        await pilot.pause()
        assert "resolved" in [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)]
        await pilot.press("1")
        await pilot.pause()
        assert not app.screen.query_one("#reviews", Static).display
        assert isinstance(app.screen.query_one("#lane-today"), LaneTable)


async def test_wizard_in_chinese(make_app: AppFactory) -> None:
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        await pilot.pause()
        title = str(app.screen.query_one("#step-title").render())
        assert "第 1/10 步" in title and "发生了什么" in title
        await type_into(pilot, "#title", "汇报材料被退回")
        await pilot.press("ctrl+n")
        prompts = str(app.screen.query_one("#step-prompts", Static).render())
        assert "无法左右" in prompts
