"""Pilot tests of the journal: autosave, moving between days, search, privacy, Chinese labels."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static
from ui_support import MONDAY, AppFactory, Clock

from data.store import FileStore
from data.tinydb import storage
from planner.domain.journal_search import fold_line as _fold_line
from planner.domain.journal_search import matches, query_terms, search_fold, search_text, snippet
from planner.domain.models import JournalEntry
from planner.domain.weekdays import fold
from planner.services.ports import Change
from planner.shell.app import PlannerApp
from widgets.dialogs.help import HelpScreen
from widgets.dialogs.prompt import PromptScreen
from widgets.screens.board import BoardScreen
from widgets.screens.journal import (
    EntryEditor,
    JournalScreen,
    listed_days,
    marks,
)

SIZE = (130, 40)
TODAY = MONDAY.date()
TWO_YEARS_AGO = date(2024, 11, 2)


def entry(day: date, body: str, number: int = 1, **fields: Any) -> JournalEntry:
    """An entry with a stable id, as a hand-made or imported one would be."""
    return JournalEntry(
        id=f"j{number:02d}".ljust(12, "0"),
        created=MONDAY,
        updated=MONDAY,
        external_ref=None,
        date=day,
        body=body,
        **fields,
    )


def seed(app: PlannerApp, *entries: JournalEntry) -> None:
    app.planner.store.apply([Change(None, item) for item in entries])


def journal(app: PlannerApp) -> JournalScreen:
    screen = app.screen
    assert isinstance(screen, JournalScreen)
    return screen


def stored(tmp_path: Path, clock: Clock, day: date) -> JournalEntry | None:
    """The entry as a fresh process would read it from disk."""
    return FileStore(tmp_path / "data", clock=clock).get_entry(day)


async def open_journal(pilot: Pilot[Any], *, wait: bool = True) -> JournalScreen:
    """Press ``2``; with ``wait``, until every year is in and folded for search."""
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, PlannerApp)
    screen = journal(app)
    if wait:
        await settle(pilot, screen)
    app.clear_notifications()
    return screen


async def settle(pilot: Pilot[Any], screen: JournalScreen) -> None:
    for _ in range(500):
        if screen.complete and not pilot.app.workers:
            break
        await pilot.pause(0.01)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.complete


def rows(screen: JournalScreen) -> list[str]:
    options = screen.query_one("#dates", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def header(screen: JournalScreen) -> str:
    return str(screen.query_one("#entry-header", Static).render())


# -- pure helpers ------------------------------------------------------------------------------


def test_listed_days_are_the_window_and_older_entries_newest_first() -> None:
    old = entry(TWO_YEARS_AGO, "old")
    empty = entry(date(2023, 1, 1), "  ", number=2)
    days = listed_days(TODAY, {old.date: old, empty.date: empty}, TODAY)
    assert days[0] == TODAY
    assert days[59] == TODAY - timedelta(days=59)
    assert days[60:] == [TWO_YEARS_AGO]


def test_marks_for_written_and_confidential_days() -> None:
    assert marks(None) == "  "
    assert marks(entry(TODAY, "text")) == "* "
    assert marks(entry(TODAY, "", confidential=True)) == " !"
    assert marks(entry(TODAY, "text", confidential=True)) == "*!"


def test_snippet_keeps_the_users_spelling_and_cuts_by_cells() -> None:
    text = "first line\n今天与王处长沟通，ＱＵＡＲＴＥＲＬＹ 材料还差数据\nlast"
    assert snippet(text, "quarterly", 60) == "今天与王处长沟通，ＱＵＡＲＴＥＲＬＹ 材料还差数据"
    long = "word " * 40 + "target here"
    cut = snippet(long, "target", 30)
    assert cut.startswith("~") and "target" in cut
    assert len(cut) <= 30


@given(st.text())
def test_search_fold_is_fold(text: str) -> None:
    assert search_fold(text) == fold(text)
    folded, same_places = _fold_line(text)
    assert folded == fold(text)
    if same_places:
        assert len(folded) == len(text)


def test_snippets_map_matches_back_whatever_the_folding() -> None:
    # One character for one (full width, Chinese): the match is where the folded text has it.
    assert snippet("前" * 40 + "：ＰＬＡＮ Ｂ 已定", "plan", 20) == "~前：ＰＬＡＮ Ｂ 已~"
    # Not (ß and ﬁ fold to two letters, a combining accent composes): mapped back one by one.
    assert snippet("x" * 50 + "Straße ﬁnal PLAN", "plan", 20) == "~ﬁnal PLAN"
    assert snippet("Cafe\u0301 ﬁle " + "y" * 30 + " PLAN here", "plan", 30) == (
        "~yyyyyyyyy PLAN here"
    )


# -- autosave ---------------------------------------------------------------------------------


async def test_typing_saves_after_a_second(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        assert screen.day == TODAY
        await pilot.press("enter")
        assert isinstance(app.focused, EntryEditor)
        await pilot.press(*"Talked to Wang")
        await pilot.pause(0.3)
        assert stored(tmp_path, clock, TODAY) is None
        await pilot.pause(1.2)
        saved = stored(tmp_path, clock, TODAY)
        assert saved is not None
        assert saved.body == "Talked to Wang"
        assert rows(screen)[0].startswith("*  ")


async def test_leaving_the_entry_saves_at_once(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    seed(app, entry(TODAY - timedelta(days=1), "Yesterday.\n"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("enter", *"Morning")
        await pilot.press("escape")
        assert screen.date_list.has_focus
        saved = stored(tmp_path, clock, TODAY)
        assert saved is not None and saved.body == "Morning"

        # changing day while the text area has the focus (as a click on the list would)
        await pilot.press("[", "enter", "ctrl+end", *" More.")
        screen.open_day(TODAY)
        await pilot.pause()
        yesterday = stored(tmp_path, clock, TODAY - timedelta(days=1))
        assert yesterday is not None and yesterday.body == "Yesterday.\n More."
        assert yesterday.id == "j01".ljust(12, "0")

        # switching screens (the text area kept the focus, its cursor at the end)
        assert isinstance(app.focused, EntryEditor)
        await pilot.press(*" Later")
        app.action_board()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        saved = stored(tmp_path, clock, TODAY)
        assert saved is not None and saved.body == "Morning Later"


async def test_quitting_right_after_typing_saves(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await pilot.press("enter", *"Last words", "ctrl+q")
        await pilot.pause()
    saved = stored(tmp_path, clock, TODAY)
    assert saved is not None and saved.body == "Last words"


async def test_unchanged_or_empty_text_writes_nothing(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    seed(app, entry(TODAY - timedelta(days=1), "Kept as it was.\n"))
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        undo_depth = len(app.planner.history.undo_stack)
        await pilot.press("enter", "x", "backspace", "escape")  # typed and removed again
        await pilot.press("[", "enter", "escape")
        await pilot.pause(1.2)
        assert stored(tmp_path, clock, TODAY) is None
        assert len(app.planner.history.undo_stack) == undo_depth
        before = stored(tmp_path, clock, TODAY - timedelta(days=1))
        assert before is not None and before.updated == MONDAY


# -- moving between days ------------------------------------------------------------------------


async def test_brackets_and_t_move_between_days(make_app: AppFactory) -> None:
    app = make_app()
    seed(
        app,
        entry(TODAY - timedelta(days=2), "Two days ago.\n"),
        entry(TWO_YEARS_AGO, "Long ago.\n", number=2),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("[", "[")
        assert screen.day == TODAY - timedelta(days=2)
        assert screen.editor.text == "Two days ago.\n"
        assert header(screen).startswith("2026-11-21 Sat")
        await pilot.press("]")
        assert screen.day == TODAY - timedelta(days=1)
        assert screen.editor.text == ""
        await pilot.press("]", "]")
        assert screen.day == TODAY  # the top of the list
        await pilot.press("end")
        await pilot.pause()
        assert screen.day == TWO_YEARS_AGO
        assert screen.editor.text == "Long ago.\n"
        await pilot.press("t")
        assert screen.day == TODAY
        await pilot.press("down", "j")
        await pilot.pause()
        assert screen.day == TODAY - timedelta(days=2)


async def test_escape_leaves_the_editor_and_single_keys_work_again(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("enter", *"[t]/1!#")
        assert screen.day == TODAY
        assert screen.editor.text == "[t]/1!#"
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("escape")
        assert screen.date_list.has_focus
        await pilot.press("[")
        assert screen.day == TODAY - timedelta(days=1)
        await pilot.press("tab")
        assert isinstance(app.focused, EntryEditor)
        await pilot.press("tab")
        assert screen.date_list.has_focus
        await pilot.press("1")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("2")
        assert journal(app).day == TODAY - timedelta(days=1)


# -- search -------------------------------------------------------------------------------------


async def test_search_finds_an_old_entry_and_enter_opens_it(make_app: AppFactory) -> None:
    app = make_app()
    seed(
        app,
        entry(TODAY, "Nothing special.\n"),
        entry(TWO_YEARS_AGO, "Budget talk.\nThe ＲＥＯＲＧ plan began today.\n", number=2),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("/")
        assert screen.searching
        assert isinstance(app.focused, Input)
        await pilot.press(*"reorg")
        await pilot.pause()
        found = rows(screen)
        assert len(found) == 1
        assert "2024-11-02" in found[0]
        assert "The ＲＥＯＲＧ plan began today." in found[0]
        status = str(screen.query_one("#search-status", Static).render())
        assert "1" in status
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.searching
        assert screen.day == TWO_YEARS_AGO
        assert "Budget talk." in screen.editor.text
        assert screen.date_list.has_focus
        assert "2024-11-02" in rows(screen)[screen.date_list.highlighted or 0]


async def test_search_as_you_type_and_escape_leaves(make_app: AppFactory) -> None:
    app = make_app()
    seed(
        app,
        entry(TODAY, "Met Wang.\n"),
        entry(TODAY - timedelta(days=3), "Called wang again.\n", number=2),
        entry(TODAY - timedelta(days=4), "Quiet.\n", number=3, tags=("wangfu",)),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("/", *"wang")
        await pilot.pause()
        assert len(rows(screen)) == 3
        await pilot.press(*" again")
        await pilot.pause()
        assert len(rows(screen)) == 1
        await pilot.press("backspace", *"xyz")
        await pilot.pause()
        assert rows(screen) == []
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.searching
        assert screen.day == TODAY
        assert len(rows(screen)) == 60
        assert not screen.query_one(Input).display


async def test_search_sees_saved_and_outside_changes(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("enter", *"zebra crossing", "escape")
        other = FileStore(tmp_path / "data", clock=clock)
        other.apply([Change(None, entry(TWO_YEARS_AGO, "A zebra at the zoo.\n", number=9))])
        await pilot.pause(0.5)  # the app polls for other processes' writes
        assert any("2024-11-02" in row for row in rows(screen))
        await pilot.press("/", *"zebra")
        await pilot.pause()
        assert len(rows(screen)) == 2


async def test_reopening_keeps_the_index_until_the_journal_changes(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    """Reopening gathers nothing when nothing changed; a write by another process while
    the journal was away is in the list on the next opening."""
    app = make_app()
    seed(app, entry(TODAY, "Today.\n"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        index, listed = screen.entries, rows(screen)
        await pilot.press("escape", "1")
        await pilot.pause()
        screen = await open_journal(pilot)
        assert screen.entries is index and rows(screen) == listed
        await pilot.press("escape", "1")
        other = FileStore(tmp_path / "data", clock=clock)
        other.apply([Change(None, entry(TWO_YEARS_AGO, "Written elsewhere.\n", number=7))])
        await pilot.pause(0.5)  # the app polls for other processes' writes
        screen = await open_journal(pilot)
        assert screen.entries is not index
        assert any("2024-11-02" in row for row in rows(screen))


async def test_search_equals_matching_every_entry_newest_first(make_app: AppFactory) -> None:
    """The screen's search (a kept index, comprehensions) finds what ``matches`` finds."""
    app = make_app()
    bodies = ["Zebra and lion.\n", "ZEBRA only.\n", "lion only\n", "ｚｅｂｒａ wide, Lion\n", ""]
    seed(app, *(entry(TODAY - timedelta(days=3 * n), b, n + 1) for n, b in enumerate(bodies)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        for query in ("zebra", "lion zebra", "LION", "nothing", "zebra lion only"):
            terms = query_terms(query)
            want = [
                day
                for day, item in sorted(screen.entries.items(), reverse=True)
                if matches(search_fold(search_text(item)), terms)
            ]
            found, total = screen.search(query)
            assert [result.day for result in found] == want and total == len(want), query
        assert len(screen.search("zebra lion")[0]) == 2


async def test_outside_change_to_the_open_entry_shows_when_unedited(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    seed(app, entry(TODAY, "Before.\n"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        other = FileStore(tmp_path / "data", clock=clock)
        current = other.get_entry(TODAY)
        assert current is not None
        other.apply([Change(current, current.touched(MONDAY, body="Before.\nAfter.\n"))])
        await pilot.pause(0.5)
        assert screen.editor.text == "Before.\nAfter.\n"


# -- confidential, tags and privacy -------------------------------------------------------------


async def test_confidential_toggle_and_privacy_masking(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    seed(app, entry(TODAY, "Staffing thoughts.\n"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("!")
        saved = stored(tmp_path, clock, TODAY)
        assert saved is not None and saved.confidential
        assert saved.body == "Staffing thoughts.\n"
        assert rows(screen)[0].startswith("*!")
        assert "! confidential" in header(screen)

        await pilot.press("z")
        assert app.privacy
        assert not screen.editor.display
        assert screen.query_one("#entry-masked", Static).display
        await pilot.press("enter")
        assert not screen.editor.has_focus
        await pilot.press("#")  # no blind tag prompt that could wipe the hidden tags
        assert not isinstance(app.screen, PromptScreen)
        await pilot.press("/", *"staffing")
        await pilot.pause()
        found = rows(screen)
        assert len(found) == 1 and "[confidential]" in found[0]
        assert "Staffing" not in found[0]
        await pilot.press("escape")
        await pilot.pause(1.2)
        unchanged = stored(tmp_path, clock, TODAY)
        assert unchanged is not None and unchanged.body == "Staffing thoughts.\n"

        await pilot.press("z")
        assert not app.privacy
        assert screen.editor.display
        assert screen.editor.text == "Staffing thoughts.\n"
        await pilot.press("!")
        cleared = stored(tmp_path, clock, TODAY)
        assert cleared is not None and not cleared.confidential


async def test_privacy_on_at_start_hides_a_confidential_entry(make_app: AppFactory) -> None:
    app = make_app(privacy=True)
    seed(app, entry(TODAY, "Secret.\n", confidential=True))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        assert not screen.editor.display
        assert screen.editor.text == ""
        assert "Secret" not in header(screen)


async def test_tags_prompt_saves_tags_and_pending_text(
    make_app: AppFactory, tmp_path: Path, clock: Clock
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        await pilot.press("#")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"#meeting review", "enter")
        await pilot.pause()
        assert journal(app) is screen
        saved = stored(tmp_path, clock, TODAY)
        assert saved is not None and saved.tags == ("meeting", "review")
        assert "#meeting #review" in header(screen)
        await pilot.press("#")
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one(Input).value == "meeting review"


async def test_help_lists_the_journal_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table: DataTable[str] = app.screen.query_one(DataTable)
        keys = {
            str(table.get_row_at(row)[0]): str(table.get_row_at(row)[1])
            for row in range(table.row_count)
        }
        assert keys["["] == "Previous day"
        assert keys["/"] == "Search entries"
        assert keys["#"] == "Tags"
        assert keys["2"] == "Journal"


# -- language -----------------------------------------------------------------------------------


async def test_chinese_labels(make_app: AppFactory) -> None:
    app = make_app("zh")
    seed(app, entry(TODAY, "今天与王处长沟通季度材料。\n", tags=("会务",)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        assert rows(screen)[0] == "*  2026-11-23 周一  今天"
        assert rows(screen)[1] == "   2026-11-22 周日"
        assert header(screen).startswith("2026-11-23 周一  今天  #会务")
        keys = str(screen.query_one("#keys", Static).render())
        assert "前一天" in keys and "搜索日志" in keys
        app_header = str(screen.query_one("AppHeader", Static).render())
        assert "日志" in app_header
        await pilot.press("/", *"王处长")
        await pilot.pause()
        status = str(screen.query_one("#search-status", Static).render())
        assert "匹配的日志" in status
        assert "今天与王处长沟通季度材料。" in rows(screen)[0]


# -- older years arrive from a worker ---------------------------------------------------------


def hold_older_years(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make the worker's reader wait before reading the older years; set the event to go."""
    go = threading.Event()
    real = FileStore.journal_entries

    def held(self: FileStore, start: date | None = None, end: date | None = None) -> Any:
        if self._read_only:
            assert threading.current_thread() is not threading.main_thread()
            go.wait(5)
        return real(self, start, end)

    monkeypatch.setattr(FileStore, "journal_entries", held)
    return go


async def test_many_older_days_are_appended_in_chunks_and_all_listed(
    make_app: AppFactory,
) -> None:
    """More older days than one chunk: the list ends up holding every day, in order, as if
    it had been filled at once."""
    from widgets.screens.journal import DATE_PREFIX, FILL_CHUNK

    app = make_app()
    count = FILL_CHUNK * 2 + 37
    first = date(2019, 1, 1)
    days = (first + timedelta(days=n) for n in range(count))
    seed(app, *(JournalEntry.create(day, MONDAY, body=f"{day}\n") for day in days))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        for _ in range(200):
            if not screen.filling:
                break
            await pilot.pause(0.01)
        assert not screen.filling
        assert screen.day is not None and screen.today is not None
        want = listed_days(screen.today, screen.entries, screen.day)
        options = screen.date_list
        listed = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        assert listed == [f"{DATE_PREFIX}{day.isoformat()}" for day in want]
        assert len(listed) > count


async def test_back_from_a_search_the_days_return_a_chunk_at_a_time(
    make_app: AppFactory,
) -> None:
    """Leaving a search with an old day opened: the list shows that day highlighted at
    once (the rows down to it come first, the rest a chunk at a time) and ends up holding
    every day, in order."""
    from widgets.screens.journal import DATE_PREFIX, FILL_CHUNK

    app = make_app()
    days = [date(2019, 1, 1) + timedelta(days=n) for n in range(FILL_CHUNK * 3)]
    opened = days[FILL_CHUNK * 2]  # rows below it are still to come when it shows
    words = {opened: "quince"}
    seed(app, *(JournalEntry.create(d, MONDAY, body=f"{words.get(d, d)}\n") for d in days))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot)
        while screen.filling:
            await pilot.pause(0.01)
        await pilot.press("/", *"quince", "enter")
        await pilot.pause()
        assert screen.day == opened and not screen.searching
        options = screen.date_list
        highlighted = options.highlighted_option
        assert highlighted is not None and highlighted.id == f"{DATE_PREFIX}{opened}"
        for _ in range(200):
            if not screen.filling:
                break
            await pilot.pause(0.01)
        assert not screen.filling
        assert screen.today is not None
        want = listed_days(screen.today, screen.entries, opened)
        listed = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        assert listed == [f"{DATE_PREFIX}{day.isoformat()}" for day in want]


async def test_this_year_first_then_the_older_years(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    seed(
        app,
        entry(TODAY, "Today's note.\n"),
        entry(date(2026, 2, 3), "Earlier this year.\n", number=2),
        entry(TWO_YEARS_AGO, "Two years ago: the archive move.\n", number=3),
        entry(date(2019, 5, 6), "Long ago: the archive move began.\n", number=4),
    )
    go = hold_older_years(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot, wait=False)
        # The first frame: today's entry, the recent days and this year's entries.
        assert not screen.complete
        assert screen.editor.text == "Today's note.\n"
        listed = rows(screen)
        assert any("2026-02-03" in row for row in listed)
        assert not any("2024-11-02" in row or "2019-05-06" in row for row in listed)
        # A search now says what it has searched, never a silently short answer.
        await pilot.press("/", *"archive move")
        await pilot.pause()
        status = str(screen.query_one("#search-status", Static).render())
        assert "since 2026-01-01" in status and "still loading" in status
        assert rows(screen) == []
        go.set()
        await settle(pilot, screen)
        found = rows(screen)
        assert [row.split()[1] for row in found] == ["2024-11-02", "2019-05-06"]
        assert "Matching entries: 2" in str(screen.query_one("#search-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        listed = rows(screen)
        assert any("2024-11-02" in row for row in listed)
        assert any("2019-05-06" in row for row in listed)
        # the store keeps what the worker read: a new reload reads no journal file again
        reads: list[Path] = []
        real_read = storage.read_bytes
        monkeypatch.setattr(
            storage, "read_bytes", lambda path: reads.append(path) or real_read(path)
        )
        screen.reload()
        assert not [path for path in reads if "journal" in path.parts]


async def test_the_window_at_new_year_reads_last_year_at_once(
    make_app: AppFactory, clock: Clock
) -> None:
    clock.moment = datetime(2027, 1, 10, 9, 0, tzinfo=MONDAY.tzinfo)
    app = make_app(sample=False)
    seed(app, entry(date(2026, 12, 20), "Before new year.\n"), entry(date(2025, 3, 1), "Old.\n", 2))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot, wait=False)
        # The sixty days in view reach back into 2026, so 2026 is read with the first frame.
        assert any(row.startswith("*") and "2026-12-20" in row for row in rows(screen))
        await settle(pilot, screen)
        assert any("2025-03-01" in row for row in rows(screen))


async def test_an_unreadable_old_year_is_said_and_the_rest_works(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    seed(app, entry(TODAY, "Today.\n"), entry(date(2019, 5, 6), "Old.\n", number=2))
    (tmp_path / "data" / "journal" / "2019.json").write_text("{ broken", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        screen = journal(app)
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if screen._older_error:
                break
        assert not screen.complete
        assert any("2019.json" in n.message for n in app._notifications)
        assert screen.editor.text == "Today.\n"
        await pilot.press("/", *"today")
        await pilot.pause()
        status = str(screen.query_one("#search-status", Static).render())
        assert "since 2026-01-01" in status and "could not be read" in status


async def test_the_entry_header_cut_to_fit_ends_with_the_mark(make_app: AppFactory) -> None:
    """At 80 columns the search narrows the entry: its header (date, today, tags,
    confidential) was cut at the edge without a sign."""
    app = make_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        today = MONDAY.date()
        tags = ("总结", "督办", "会务")
        seed(app, entry(today, "预算表核对延误", tags=tags))
        screen = await open_journal(pilot)
        assert header(screen).rstrip().endswith("#会务")
        await pilot.press("slash")
        await pilot.press(*"预算")
        await pilot.pause(0.3)
        shown = header(screen).rstrip()
        assert shown.endswith("~") and "#总结" in shown
        line = screen.query_one("#entry-header")
        assert len(shown) <= line.content_region.width
