"""No control character of a record reaches the terminal from the app: the board's rows,
the setbacks detail, the journal (its editor included), notices; the records keep them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from rich.segment import Segment
from textual.color import Color
from textual.pilot import Pilot
from textual.widgets import Input, Static
from ui_support import MONDAY, TZ, AppFactory, fixed_task, screen_lines, until

from planner.domain.models import JournalEntry, SetbackAnalysis
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from widgets.dialogs.edit_form import EditScreen
from widgets.parts.terminal_safe import ControlsOff
from widgets.screens.journal import JournalScreen
from widgets.screens.setbacks import SetbacksScreen

SIZE = (130, 40)
EVIL = "Budget \x1b]0;evil\x07 \x1b[2J\u202eok"
SHOWN = "Budget \\x1b]0;evil\\x07 \\x1b[2J\\u202eok"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"


def raw_controls(lines: list[str]) -> list[str]:
    return [
        c for line in lines for c in line if unicodedata.category(c) in ("Cc", "Cs") or c in BIDI
    ]


def seed(app: PlannerApp, *records: Any) -> None:
    app.planner.store.apply([Change(None, record) for record in records])


def test_the_last_guard_drops_controls_and_keeps_widths() -> None:
    segments = [Segment("a\x1b[2Jb"), Segment("\u202e\udc9b"), Segment("plain")]
    guarded = ControlsOff().apply(segments, Color(0, 0, 0))
    assert [segment.text for segment in guarded] == ["a[2Jb", "\ufffd", "plain"]
    assert guarded[2] is segments[2]
    assert sum(s.cell_length for s in guarded) == sum(s.cell_length for s in segments)


async def test_board_rows_and_the_main_panel_write_controls_out(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    task = fixed_task(
        1,
        EVIL,
        status="open",
        people=("Wang\x1b[31m",),
        due=datetime(2026, 11, 24, 17, 0, tzinfo=TZ),
    )
    seed(app, task)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any("Budget" in line for line in screen_lines(app)))
        lines = screen_lines(app)
        assert raw_controls(lines) == []
        assert any("Budget \\x1b]0;" in line for line in lines)
        assert any("Wang\\x1b[31m" in line for line in lines)
        stored = app.planner.store.get_task(task.id)
        assert stored is not None and stored.title == EVIL
        # The People view: the person and the task, written out.
        await pilot.press("5")
        await until(pilot, lambda: any("Wang\\x1b[31m" in line for line in screen_lines(app)))
        lines = screen_lines(app)
        assert raw_controls(lines) == []
        assert any("Budget \\x1b]0;" in line for line in lines)


async def test_a_notice_writes_controls_out(make_app: AppFactory) -> None:
    app = make_app(sample=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify(f"Saved {EVIL}")
        await until(pilot, lambda: any("Saved" in line for line in screen_lines(app)))
        lines = screen_lines(app)
        assert raw_controls(lines) == []
        assert any("Saved Budget \\x1b]0;evil" in line for line in lines)


async def test_setbacks_detail_writes_controls_out_and_masks_a_secret_measure(
    make_app: AppFactory,
) -> None:
    app = make_app(sample=False, privacy=True)
    analysis = SetbackAnalysis.create(
        date(2026, 11, 20),
        EVIL,
        MONDAY - timedelta(days=3),
        objective="Printer \x1b[5m blinked\nthen\tstopped",
    )
    public = fixed_task(2, "Call \x1b]0;x\x07 IT", status="open", setback=analysis.id)
    secret = fixed_task(3, "SECRET-MEASURE", status="open", setback=analysis.id, confidential=True)
    seed(app, analysis, public, secret)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, SetbacksScreen) and app.screen.ready)
        await pilot.pause()
        detail = str(app.screen.query_one("#setback-detail", Static).render())
        assert SHOWN in detail
        assert "Printer \\x1b[5m blinked" in detail
        assert "Call \\x1b]0;x\\x07 IT" in detail
        assert "SECRET-MEASURE" not in detail
        lines = screen_lines(app)
        assert raw_controls(lines) == []
        assert any("Budget \\x1b]0;" in line for line in lines)


async def open_journal(pilot: Pilot[Any]) -> JournalScreen:
    app = pilot.app
    await pilot.press("2")
    await until(pilot, lambda: isinstance(app.screen, JournalScreen) and app.screen.complete)
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return screen


async def test_journal_editor_and_search_keep_controls_off_the_terminal(
    make_app: AppFactory,
) -> None:
    app = make_app(sample=False)
    body = "Went \x1b[2Jwell today\n\x1b]0;evil\x07 second line\n"
    seed(
        app,
        JournalEntry(
            id="j01".ljust(12, "0"),
            created=MONDAY,
            updated=MONDAY,
            external_ref=None,
            date=MONDAY.date(),
            body=body,
            tags=("tag\x07",),
        ),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        # The editor holds the text as stored (saving it changes nothing) ...
        assert screen.editor.text == body
        lines = screen_lines(app)
        # ... and the terminal gets none of its controls; the header writes them out.
        assert raw_controls(lines) == []
        assert any("Went [2Jwell today" in line for line in lines)
        assert any("#tag\\x07" in line for line in lines)
        # The header says the editor holds characters it does not draw (ESC, ESC, BEL).
        assert any("control characters kept, not shown: 3" in line for line in lines)
        await pilot.press("/", *"went")
        await until(pilot, lambda: any("Went \\x1b[2Jwell" in line for line in screen_lines(app)))
        assert raw_controls(screen_lines(app)) == []
        stored = app.planner.store.get_entry(MONDAY.date())
        assert stored is not None and stored.body == body


async def test_the_edit_form_keeps_controls_and_says_how_many(make_app: AppFactory) -> None:
    """The form's fields hold the stored text (saving an unchanged form changes nothing),
    the screen gets none of its controls, and a line above the fields counts them."""
    app = make_app(sample=False)
    task = fixed_task(1, EVIL, status="open", notes="one\x1b[2J\nline\tend")
    seed(app, task)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.board_screen() is not None)
        board = app.board_screen()
        assert board is not None
        board.select(task.id)
        await pilot.pause()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, EditScreen))
        assert app.screen.query_one("#field-title", Input).value == EVIL
        lines = screen_lines(app)
        assert raw_controls(lines) == []
        # ESC, BEL, ESC and the override in the title, ESC in the notes.
        assert any("control characters kept, not shown: 5" in line for line in lines)
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = app.planner.store.get_task(task.id)
        assert stored is not None and stored.title == EVIL and stored.notes == task.notes
