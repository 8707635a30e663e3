"""Pilot tests of the setback wizard: every step, back, skip, draft, edit, linked measures;
and of the list, read in a worker while a loading line stands in for it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from ui_support import MONDAY, TZ, AppFactory, Clock, screen_lines, until

from planner.domain.errors import DataError
from planner.domain.models import SetbackAnalysis
from planner.services.planner import Planner
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from widgets.dialogs.setback_wizard import STEPS, SetbackWizard
from widgets.parts.header import AppHeader
from widgets.parts.lanes import LaneTable
from widgets.screens.board import BoardScreen
from widgets.screens.setbacks import SetbacksScreen

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


def setbacks_screen(app: PlannerApp) -> SetbacksScreen | None:
    """The setbacks list, when it is in the current stack (under any dialog)."""
    found = [s for s in app.screen_stack if isinstance(s, SetbacksScreen)]
    return found[0] if found else None


async def loaded(pilot: Pilot[Any]) -> SetbacksScreen:
    """Wait until the setbacks list has been read and shown."""
    app = pilot.app
    assert isinstance(app, PlannerApp)
    for _ in range(500):
        screen = setbacks_screen(app)
        if screen is not None and screen.ready:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    screen = setbacks_screen(app)
    assert screen is not None and screen.ready
    return screen


async def test_the_whole_wizard_creates_linked_measures(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await loaded(pilot)
        assert isinstance(app.screen, SetbacksScreen)
        assert app.screen.query_one("#setbacks-empty", Static).display
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetbackWizard)
        await pilot.press("ctrl+n")  # no title yet: refused, said under the title
        assert app.screen.step == 0
        assert app.screen.query_one("#title-error", Static).display
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


async def test_a_measure_keeps_every_token(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, SetbackWizard)
        await type_into(pilot, "#title", "Figures queried by the bureau")
        wizard.step = STEPS.index("measures")
        wizard.show_step()
        await type_into(
            pilot, "#measure", "Recheck the figures due:周五 !central @财务处 @Wang #督办 pri:h"
        )
        await pilot.press("enter")
        listed = str(wizard.query_one("#measure-list").render())
        tokens = "due:2026-11-27  pri:h  @财务处  @Wang  #督办  !central"
        assert f"Recheck the figures  {tokens}" in listed
        await pilot.press("ctrl+d")
        await until(pilot, lambda: app.screen is not wizard)
        (analysis,) = analyses(app)
        (measure,) = [t for t in app.planner.store.open_tasks() if t.setback == analysis.id]
        assert measure.title == "Recheck the figures"
        assert measure.due == date(2026, 11, 27) and measure.priority == "high"
        assert measure.central and measure.people == ("财务处", "Wang")
        assert measure.tags == ("督办",) and measure.status == "open"
        assert not measure.confidential


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
        app.screen.draft.cause = "objective"
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


async def test_review_date_brings_the_analysis_onto_the_board_open_measures_or_not(
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
    measure = app.planner.add_measure(analysis.id, "Recheck the figures")
    async with app.run_test(size=SIZE) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        reviews = board.query_one("#reviews", Static)
        await until(pilot, lambda: reviews.display)  # setbacks are read just after start-up
        assert reviews.display and "Budget figures wrong" in str(reviews.render())
        board.select(measure.id)
        await pilot.press("o")
        await loaded(pilot)
        assert isinstance(app.screen, SetbacksScreen)
        assert "review due" in [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)]
        await pilot.press("r")
        await pilot.pause()
        # Reviewed, its measure still open: open, and off the board's review line.
        assert "open" in [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)]
        await pilot.press("1")
        await pilot.pause()
        assert not app.screen.query_one("#reviews", Static).display
        app.screen.select(measure.id)  # type: ignore[attr-defined]
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("3")
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


# -- the list is read in a worker -----------------------------------------------------------


def analysis_on(days_ago: int, title: str) -> SetbackAnalysis:
    return SetbackAnalysis.create(
        MONDAY.date() - timedelta(days=days_ago), title, MONDAY, principal_cause="objective"
    )


@pytest.fixture
def held_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, list[bool]]]:
    """Hold the setbacks read of a worker until the event is set; record, for every read,
    whether it ran on the main (UI) thread."""
    release = threading.Event()
    on_main: list[bool] = []
    real = Planner.setbacks

    def held(self: Planner) -> Any:
        main = threading.current_thread() is threading.main_thread()
        on_main.append(main)
        if not main:
            release.wait(5)
        return real(self)

    monkeypatch.setattr(Planner, "setbacks", held)
    yield release, on_main
    release.set()


def loading_line(screen: SetbacksScreen) -> Static:
    return screen.query_one("#setbacks-loading", Static)


async def test_the_list_is_read_in_a_worker_and_keys_pressed_meanwhile_wait_for_it(
    make_app: AppFactory, held_read: tuple[threading.Event, list[bool]]
) -> None:
    release, on_main = held_read
    app = make_app()
    older, newer = analysis_on(9, "Minutes sent late"), analysis_on(2, "Wrong room booked")
    app.planner.store.apply([Change(None, older), Change(None, newer)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, SetbacksScreen) and not screen.ready
        assert loading_line(screen).display
        assert str(loading_line(screen).render()) == "Reading the analyses..."
        assert not screen.query_one("#setbacks-body").display
        assert not screen.query_one("#setbacks-empty", Static).display
        assert "Setbacks" in str(screen.query_one(AppHeader).render())
        assert on_main == [False], "only the worker reads, and it is still reading"
        await pilot.press("j", "e")  # down to the older analysis, open it: once it is in
        await pilot.pause(0.1)
        assert app.screen is screen
        release.set()
        await loaded(pilot)
        await pilot.pause()
        assert on_main == [False, True]  # then the app's own read, warm
        assert not loading_line(screen).display
        assert screen.query_one(DataTable).row_count == 2
        wizard = app.screen
        assert isinstance(wizard, SetbackWizard)
        assert wizard.draft.title == "Minutes sent late"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one(DataTable).cursor_row == 1


async def test_keys_on_the_list_while_it_loads_do_no_harm_when_it_is_empty(
    make_app: AppFactory, held_read: tuple[threading.Event, list[bool]]
) -> None:
    release, _ = held_read
    app = make_app(sample=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause(0.1)
        await pilot.press("enter", "r", "e", "k", "j")
        await pilot.pause(0.1)
        release.set()
        screen = await loaded(pilot)
        assert app.is_running and app.screen is screen
        assert screen.query_one("#setbacks-empty", Static).display
        assert not loading_line(screen).display
        await pilot.press("enter", "r", "e")
        assert app.screen is screen and analyses(app) == []


async def test_the_loading_line_speaks_chinese(
    make_app: AppFactory, held_read: tuple[threading.Event, list[bool]]
) -> None:
    release, _ = held_read
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, SetbacksScreen)
        assert str(loading_line(screen).render()) == "正在读取挫折分析..."
        release.set()
        await loaded(pilot)
        assert not loading_line(screen).display


async def test_o_on_a_measure_selects_its_analysis_once_the_list_is_in(
    make_app: AppFactory, held_read: tuple[threading.Event, list[bool]]
) -> None:
    release, _ = held_read
    app = make_app()
    older, newer = analysis_on(9, "Minutes sent late"), analysis_on(2, "Wrong room booked")
    app.planner.store.apply([Change(None, older), Change(None, newer)])
    measure = app.planner.add_measure(older.id, "Send minutes within a day")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        board.select(measure.id)
        await pilot.press("o")
        await pilot.pause(0.1)
        release.set()
        screen = await loaded(pilot)
        assert screen.query_one(DataTable).cursor_row == 1
        detail = str(screen.query_one("#setback-detail", Static).render())
        assert "Minutes sent late" in detail and "Send minutes within a day" in detail


async def test_a_failed_read_is_shown_and_tried_again_on_return(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    app.planner.store.apply([Change(None, analysis_on(2, "Wrong room booked"))])
    real = Planner.setbacks
    failures = [DataError("setbacks/2026.json", "not valid JSON", "run planner doctor")]

    def failing_once(self: Planner) -> Any:
        if failures and threading.current_thread() is not threading.main_thread():
            raise failures.pop()
        return real(self)

    monkeypatch.setattr(Planner, "setbacks", failing_once)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, SetbacksScreen)
        for _ in range(200):
            if "not valid JSON" in str(loading_line(screen).render()):
                break
            await pilot.pause(0.01)
        assert not screen.ready
        assert "setbacks/2026.json: not valid JSON" in str(loading_line(screen).render())
        assert any("not valid JSON" in n.message for n in app._notifications)
        await pilot.press("r", "1", "3")
        await loaded(pilot)
        assert screen.query_one(DataTable).row_count == 1
        assert not loading_line(screen).display


# --- the wizard's dates: the setback happened, its review lies ahead ------------------------


async def wizard_with(
    pilot: Pilot[Any], title: str, day: str, review: str, cause: str | None = "subjective"
) -> SetbackWizard:
    """The setbacks screen's wizard, open on a new analysis with these fields typed (and
    its principal cause chosen)."""
    await pilot.press("3")
    await loaded(pilot)
    await pilot.press("n")
    await pilot.pause()
    wizard = pilot.app.screen
    assert isinstance(wizard, SetbackWizard)
    await type_into(pilot, "#title", title)
    await type_into(pilot, "#day", day)
    await type_into(pilot, "#review", review)
    wizard.draft.cause = cause
    return wizard


def notices(app: PlannerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_wizards_date_looks_back_and_its_review_date_ahead(
    make_app: AppFactory,
) -> None:
    app = make_app()  # Monday 2026-11-23
    async with app.run_test(size=SIZE) as pilot:
        await wizard_with(pilot, "Minutes rejected", "fri", "12-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetbacksScreen)
        (analysis,) = analyses(app)
        assert analysis.date == date(2026, 11, 20)  # last Friday, not the coming one
        assert analysis.review_on == date(2026, 12, 1)  # the coming 1 December
        assert notices(app) == ["Setback analysis saved."]  # no measures to speak of


async def test_past_words_in_the_wizard_count_from_the_planning_day(
    make_app: AppFactory, clock: Clock
) -> None:
    clock.moment = datetime(2026, 11, 24, 1, 30, tzinfo=TZ)  # still Monday's evening
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wizard_with(pilot, "Argued about the seating", "yesterday", "下周一")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (analysis,) = analyses(app)
        assert analysis.date == date(2026, 11, 22)
        assert analysis.review_on == date(2026, 11, 30)


async def test_a_bad_wizard_date_names_the_field_and_a_far_one_is_said_in_full(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await wizard_with(pilot, "Report sent back", "frx", "+2w")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is wizard and analyses(app) == []
        error = str(wizard.query_one("#day-error", Static).render())
        assert error.startswith("Date: cannot read 'frx': not a date;")
        assert error.count("frx") == 1
        await type_into(pilot, "#day", "12-01")  # on 23 November: last year's 1 December
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetbacksScreen)
        (analysis,) = analyses(app)
        assert analysis.date == date(2025, 12, 1)
        assert notices(app) == [
            "Setback analysis saved.\nDate 12-01 → 2025-12-01 (more than six months away)"
        ]


# --- the wizard never traps: esc and ctrl+d always save, errors beside their fields ------


@pytest.mark.parametrize("key", ["escape", "ctrl+d"])
async def test_after_an_unreadable_date_esc_and_ctrl_d_still_save_a_draft(
    make_app: AppFactory, key: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await wizard_with(pilot, "Minutes rejected", "last thursday", "+2w", cause=None)
        await pilot.press("ctrl+n")  # refused: the date does not read, said beside it
        assert wizard.step == 0
        day, error = wizard.query_one("#day"), wizard.query_one("#day-error", Static)
        assert error.display and error.region.y == day.region.bottom
        assert "last thursday" in str(error.render())
        await pilot.press("ctrl+k")  # on to step 2, the text kept
        await type_into(pilot, "#step-objective", "the room was double-booked")
        assert wizard.step == 1
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        (kept,) = analyses(app)
        assert kept.draft and kept.title == "Minutes rejected"
        assert kept.objective == "the room was double-booked"
        assert kept.date == MONDAY.date()  # today, for now
        assert kept.review_on == date(2026, 12, 7)
        assert notices(app) == [
            "Saved as a draft.\n"
            "Date 'last thursday' could not be read: 2026-11-23 for now. "
            "Open the analysis (e) to correct it: your text is in its field."
        ]
        await pilot.press("e")  # the typed date is back in its field, its error beside it
        await until(pilot, lambda: isinstance(app.screen, SetbackWizard))
        wizard = app.screen
        assert isinstance(wizard, SetbackWizard)
        assert wizard.query_one("#day", Input).value == "last thursday"
        assert wizard.query_one("#day-error", Static).display
        await type_into(pilot, "#day", "last-thu")
        assert not wizard.query_one("#day-error", Static).display
        wizard.draft.cause = "objective"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        (done,) = analyses(app)
        assert done.id == kept.id and not done.draft and done.date == date(2026, 11, 19)


async def test_finishing_shows_a_bad_field_beside_it_on_its_step(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await wizard_with(pilot, "Minutes rejected", "frx", "+2w")
        wizard.step = STEPS.index("review")
        wizard.show_step()
        await type_into(pilot, "#review", "someday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is wizard and analyses(app) == []
        assert wizard.step == 0 and app.screen.focused is wizard.query_one("#day")
        assert "frx" in str(wizard.query_one("#day-error", Static).render())
        assert "someday" in str(wizard.query_one("#review-error", Static).render())
        assert not wizard.query_one("#wizard-error", Static).display


async def test_finishing_without_a_principal_cause_saves_a_draft_and_says_why(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wizard_with(pilot, "Minutes rejected", "fri", "+2w", cause=None)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        (analysis,) = analyses(app)
        assert analysis.draft and analysis.principal_cause is None
        assert notices(app) == [
            "Saved as a draft.\nNot finished: choose the principal cause (step 7), then Ctrl+S."
        ]


async def test_a_measure_left_in_its_field_is_added_or_kept(make_app: AppFactory) -> None:
    """ctrl+s adds a readable measure still in its field; ctrl+d keeps an unreadable one
    (not added, its text back in the field when the analysis is opened again)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await wizard_with(pilot, "Figures queried", "fri", "+2w")
        await type_into(pilot, "#measure", "Recheck the figures due:fri #audit")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        (analysis,) = analyses(app)
        (measure,) = [t for t in app.planner.store.open_tasks() if t.setback == analysis.id]
        assert measure.title == "Recheck the figures" and measure.tags == ("audit",)
        assert notices(app) == ["Setback analysis saved; its measures are on the board."]

        app.clear_notifications()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, SetbackWizard))
        wizard = app.screen
        assert isinstance(wizard, SetbackWizard)
        wizard.step = STEPS.index("measures")
        wizard.show_step()
        await type_into(pilot, "#measure", "Ask the bureau due:frx")
        await pilot.press("enter")  # refused beside the field, not at the bottom
        error = wizard.query_one("#measure-error", Static)
        assert error.display and error.region.y == wizard.query_one("#measure").region.bottom
        await pilot.press("ctrl+d")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        (draft,) = analyses(app)
        assert draft.draft
        titles = [t.title for t in app.planner.store.open_tasks() if t.setback == analysis.id]
        assert titles == ["Recheck the figures"]
        (notice,) = notices(app)
        assert notice.startswith("Saved as a draft; its measures are on the board.\n")
        assert "Measure 'Ask the bureau due:frx' not added" in notice
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, SetbackWizard))
        assert app.screen.query_one("#measure", Input).value == "Ask the bureau due:frx"


async def test_esc_on_a_new_empty_wizard_saves_nothing_and_on_an_unchanged_one_says_nothing(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await loaded(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, SetbackWizard))
        await pilot.press("ctrl+d")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        assert analyses(app) == [] and notices(app) == ["Nothing typed, nothing saved."]
        app.clear_notifications()
        wizard = await wizard_with(pilot, "Venue mix-up", "", "")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        (saved,) = analyses(app)
        app.clear_notifications()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, SetbackWizard))
        assert app.screen is not wizard
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen))
        assert analyses(app) == [saved] and notices(app) == []


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_wizard_fits_80_by_24(make_app: AppFactory, language: str) -> None:
    app = make_app(language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await loaded(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, SetbackWizard))
        wizard = app.screen
        for step in range(len(STEPS)):
            wizard.step = step  # type: ignore[attr-defined]
            wizard.show_step()  # type: ignore[attr-defined]
            await pilot.pause()
            for name in ("#step-title", "#step-prompts", "#wizard-keys"):
                box = wizard.query_one(name)
                shown = "".join(screen_lines(app, box)).replace(" ", "")
                assert shown == str(box.render()).replace(" ", "").replace("\n", ""), name
