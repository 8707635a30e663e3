"""The journal: a list of days on the left, the selected day's entry in a text area on the right.

Entries are kept in memory as an index by date (with each body folded for search, case- and
width-insensitively). The first time the screen is shown it reads only the year(s) of the
days in view, so the day's entry is there at once; a worker thread then reads the older years
through a ``reader()`` of the store and folds every entry, and the store adopts what it read.
Until then the date list shows the recent days and search says it has searched only them.
``reload`` brings the index up to date after a save or another process's write. Typing
autosaves a second after the last change, and at once when the entry is left (another day,
``esc``, another screen, quit).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import Worker, WorkerState

from planner.domain.errors import DomainError, PlannerError
from planner.domain.journal_search import (
    query_terms,
    search_fold,
    search_text,
    snippet,
)
from planner.domain.models import JournalEntry
from planner.domain.privacy import MASKED, is_hidden
from planner.domain.visible import unshown_in_editor, visible_lines
from planner.i18n.errors import describe_error
from planner.i18n.privacy import words
from planner.i18n.translate import t
from planner.services.ports import Store
from widgets.dialogs.prompt import PromptScreen
from widgets.keys.translate import TranslatedBindings
from widgets.messages import KeepsUnsaved, PerformAction, TogglePrivacy, ask
from widgets.parts.cut_line import CutLine
from widgets.parts.header import AppHeader
from widgets.parts.keybar import KeyBar
from widgets.parts.screen_css import mark_styles_current, stylesheet
from widgets.screens.base import PlannerScreen, ShowData

if TYPE_CHECKING:
    from planner.services.planner import Planner

WINDOW_DAYS = 60
"""The list always shows this many days up to today; older days only when they have an entry."""

AUTOSAVE_SECONDS = 1.0
MAX_RESULTS = 200
"""Search shows at most this many entries (newest first): enough to choose from, fast to draw."""
FILL_CHUNK = 500
"""Rows appended to the date list between two turns of the event loop (a few milliseconds)."""

DATE_PREFIX = "d-"
RESULT_PREFIX = "s-"
"""Option ids of the date list and of search results; a late highlight message from the
other list must never open a day."""

TAG_MARKS = "#＃"

EDITOR_LANGUAGE: str | None = (
    "markdown" if find_spec("tree_sitter") and find_spec("tree_sitter_markdown") else None
)
"""Markdown highlighting needs Textual's syntax extra; without it the editor is plain text."""


# -- what the rows say -------------------------------------------------------------------------


def is_written(entry: JournalEntry | None) -> bool:
    """A day counts as written when its entry has text or tags (an emptied entry does not)."""
    return entry is not None and bool(entry.body.strip() or entry.tags)


def day_label(day: date) -> str:
    return f"{day.isoformat()} {t(f'weekday.{day.weekday()}')}"


def marks(entry: JournalEntry | None) -> str:
    """Two cells: ``*`` for a written day, ``!`` for a confidential entry."""
    written = "*" if is_written(entry) else " "
    secret = "!" if entry is not None and entry.confidential else " "
    return written + secret


def listed_days(today: date, entries: Mapping[date, JournalEntry], selected: date) -> list[date]:
    """The last ``WINDOW_DAYS`` days, every other day with an entry, and the selected day.

    Newest first, so today is at the top (unless an entry was written ahead of time).
    """
    days = {today - timedelta(days=back) for back in range(WINDOW_DAYS)}
    days.update(day for day, entry in entries.items() if is_written(entry))
    days.add(selected)
    return sorted(days, reverse=True)


class Row(Content):
    """A list row that is always one line high.

    ``OptionList`` asks every option for its height to size the list; wrapping thousands
    of rows to learn that each is one line made opening ten years of journal take half a
    second. Rows are cut to the list's width before they get here.
    """

    __slots__ = ()

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1


def date_row(day: date, day_marks: str, is_today: bool) -> Content:
    parts: list[str | tuple[str, str]] = [
        (day_marks, "bold $accent"),
        " ",
        (day_label(day), "bold" if is_today else ""),
    ]
    if is_today:
        parts.append((f"  {t('date.today')}", "$text-muted"))
    return Row.assemble(*parts)


def _fold_all(entries: Iterable[JournalEntry]) -> dict[date, tuple[JournalEntry, str]]:
    """Fold every entry for search (run in a thread: ten years of text take a tenth of a second)."""
    return {entry.date: (entry, search_fold(search_text(entry))) for entry in entries}


DayRow = tuple[str, bool, Content]
"""A day's row with the marks and today-ness it was drawn for."""


def day_rows(
    days: list[date],
    entries: Mapping[date, JournalEntry],
    today: date,
    cache: dict[date, DayRow],
) -> list[tuple[str, Content]]:
    """The date list's rows (option id and prompt) of ``days``, reusing (and filling) ``cache``:
    a row is drawn again only when its marks or today-ness changed."""
    rows: list[tuple[str, Content]] = []
    for day in days:
        day_marks = marks(entries.get(day))
        is_today = day == today
        cached = cache.get(day)
        if cached is None or cached[0] != day_marks or cached[1] != is_today:
            cached = cache[day] = (day_marks, is_today, date_row(day, day_marks, is_today))
        rows.append((f"{DATE_PREFIX}{day.isoformat()}", cached[2]))
    return rows


@dataclass(frozen=True)
class Older:
    """What the worker brings back once it has read every year, all of it made in the thread
    so the UI thread only swaps it in: the reader (for the store to adopt), every entry by
    date as the reader read it, each folded for search and the search's newest-first list,
    and the date list as it is for ``today`` and ``day``: its days, its rows, and the row
    cache they came from."""

    reader: Store
    entries: dict[date, JournalEntry]
    folds: dict[date, tuple[JournalEntry, str]]
    search_list: list[tuple[date, JournalEntry, str]]
    today: date
    day: date | None
    days: list[date]
    rows: list[tuple[str, Content]]
    cache: dict[date, DayRow]
    froze: bool
    """Whether the worker exempted what it built from the garbage collector."""


@dataclass(frozen=True)
class Result:
    day: date
    entry: JournalEntry


# -- widgets -------------------------------------------------------------------------------


class EntryEditor(TranslatedBindings, TextArea):
    """The entry's text. Printable keys are typed, never taken as commands; ``esc`` leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "key.journal_leave_editor", id="journal.leave_editor"),
    ]

    def action_leave(self) -> None:
        screen = self.screen
        if isinstance(screen, JournalScreen):
            screen.leave_editor()


class SearchInput(TranslatedBindings, Input):
    """Words to look for in every entry; results follow as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "leave", "key.journal_leave_search", show=False, id="journal.leave_search"
        ),
        Binding("down", "move(1)", "key.down", show=False, id="journal.results_down"),
        Binding("up", "move(-1)", "key.up", show=False, id="journal.results_up"),
    ]

    def action_leave(self) -> None:
        screen = self.screen
        if isinstance(screen, JournalScreen):
            screen.leave_search()

    def action_move(self, step: int) -> None:
        screen = self.screen
        if isinstance(screen, JournalScreen):
            results = screen.date_list
            if results.option_count:
                current = results.highlighted if results.highlighted is not None else -1
                results.highlighted = max(0, min(current + step, results.option_count - 1))


class JournalScreen(TranslatedBindings, PlannerScreen):
    """Screen ``2``: one entry per day, written in a ``TextArea``, searched as you type."""

    DEFAULT_CSS = stylesheet(__file__, "journal.tcss")
    AUTO_FOCUS = "#dates"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left_square_bracket",
            "previous_day",
            "key.journal_previous",
            key_display="[",
            id="journal.previous",
        ),
        Binding(
            "right_square_bracket",
            "next_day",
            "key.journal_next",
            key_display="]",
            id="journal.next",
        ),
        Binding("t", "today", "key.journal_today", id="journal.today"),
        Binding("enter", "write", "key.journal_write", show=False, id="journal.write"),
        Binding("tab", "switch_focus", "key.journal_switch", show=False, id="journal.switch"),
        Binding("slash", "search", "key.journal_search", key_display="/", id="journal.search"),
        Binding("number_sign", "tags", "key.journal_tags", key_display="#", id="journal.tags"),
        Binding(
            "exclamation_mark",
            "confidential",
            "key.confidential",
            key_display="!",
            show=False,
            id="journal.confidential",
        ),
        Binding("E", "app.export('journal')", "key.export", id="journal.export"),
        Binding(
            "escape", "escape", "key.journal_leave_search", show=False, id="journal.leave_search"
        ),
        Binding("j", "cursor(1)", "key.down", show=False, id="journal.down"),
        Binding("k", "cursor(-1)", "key.up", show=False, id="journal.up"),
        Binding("z", "privacy", "key.privacy", show=False, id="app.privacy"),
    ]

    def __init__(self, planner: Planner, *, privacy: bool, show_data: ShowData) -> None:
        super().__init__(planner, privacy=privacy, name="journal", show_data=show_data)
        mark_styles_current(self)
        self.entries: dict[date, JournalEntry] = {}
        """The index: every entry by date, as last read from the store."""
        self.day: date | None = None
        """The day whose entry is in the editor."""
        self.today: date | None = None
        self.searching = False
        self.results: list[Result] = []
        self._folds: dict[date, tuple[JournalEntry, str]] = {}
        self._loaded_text = ""
        """The editor's text as last loaded or saved: autosave writes only when it differs."""
        self._masked = False
        self._shown_privacy: bool | None = None
        self._rows: list[tuple[str, Content]] = []
        self._days: list[date] = []
        """The days the date list shows, in its order."""
        self._row_cache: dict[date, DayRow] = {}
        """Each day's row with the marks and today-ness it was drawn for: the list is redrawn
        after every save and poll, and most of its thousands of rows never change."""
        self._timer: Timer | None = None
        self._loaded = False
        self._version: Hashable = None
        """The store's ``journal_version`` when ``entries`` was gathered: a reopening with
        nothing changed gathers nothing and rebuilds no row."""
        self._gathered_since: date | None = None
        self._dates_key: Hashable = None
        self._search_key: Hashable = None
        self._filling = 0
        """Counts the list's refills: a chunked fill stops when a newer refill started."""
        self._froze = False
        self.filling = False
        """Whether rows are still being appended to the date list (a chunk at a time)."""
        self._options: dict[str, Option] = {}
        """The list's options by id, reused while their prompt is the same row: refilling the
        list after a search makes no new option for thirty years of days."""
        self._search_list: list[tuple[date, JournalEntry, str]] = []
        self._date_rows: list[tuple[str, Content]] = []
        self._since: date | None = None
        """The index holds the entries from this date on; None once it holds every year."""
        self._older: Worker[Any] | None = None
        self._older_error = False
        """Reading the older years failed (the user was told): search says so."""
        self._editor = EntryEditor(
            "",
            id="editor",
            language=EDITOR_LANGUAGE,
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=t("journal.placeholder"),
        )

    @property
    def date_list(self) -> OptionList:
        return self.query_one("#dates", OptionList)

    @property
    def editor(self) -> EntryEditor:
        """Held, not queried: the last save runs while the screen is being unmounted."""
        return self._editor

    @property
    def entry(self) -> JournalEntry | None:
        """The selected day's entry, as the index knows it."""
        return self.entries.get(self.day) if self.day is not None else None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield SearchInput(placeholder=t("journal.search_placeholder"), id="journal-search")
        with Horizontal(id="journal-body"):
            with Vertical(id="journal-left"):
                yield Static("", id="search-status")
                yield OptionList(id="dates", markup=False)
            with Vertical(id="journal-right"):
                yield CutLine(id="entry-header")
                yield self._editor
                yield Static(t("journal.masked"), id="entry-masked")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(SearchInput).display = False
        self.query_one("#search-status", Static).display = False
        self.query_one("#entry-masked", Static).display = False
        self.ready = True
        self.show_data(self)

    # -- data down -----------------------------------------------------------------------

    def reload(self) -> None:
        """Bring the index up to date with the store (cheap once loaded), then show it.

        The first call reads only the years of the days in view and, after the first frame,
        sets a thread reading the older years and folding every entry for search.
        """
        if not self.ready:
            return
        store = self.planner.store
        first = not self._loaded
        if first:
            today = self.planner.today()
            since = date((today - timedelta(days=WINDOW_DAYS - 1)).year, 1, 1)
            older = any(year < since.year for year in store.journal_years())
            self._since = since if older else None
        if first or self._since != self._gathered_since or store.journal_version() != self._version:
            entries = {entry.date: entry for entry in store.journal_entries(start=self._since)}
            self._version = store.journal_version()
            self._gathered_since = self._since
        else:
            entries = self.entries  # nothing changed: the same index, the same rows
        self._loaded = True
        previous = self.entry
        self.entries = entries
        if first:
            self.call_after_refresh(self._load_older if self._since else self._fold_loaded)
        current = self.entry
        if (
            not first
            and self.day is not None
            and current != previous
            and not self._masked
            and self.editor.text == self._loaded_text
            and (current.body if current else "") != self._loaded_text
        ):
            # Another process changed this entry while it was open and unedited here.
            self._load_editor()
        self.show()

    def _fold_loaded(self) -> None:
        entries = list(self.entries.values())
        self.run_worker(
            lambda: _fold_all(entries), thread=True, group="journal-fold", exit_on_error=False
        )

    def _load_older(self) -> None:
        """Read the years before ``_since`` in a thread, and fold every entry for search."""
        if self._since is None or self._older is not None:
            return
        reader = self.planner.store.reader()
        today, day = self.today or self.planner.today(), self.day
        cache = dict(self._row_cache)  # the rows in view: the same objects, so appended to

        def load() -> Older:
            # What this builds lives as long as the screen. The collector is paused
            # meanwhile and what was built is exempt from it at the end: else its full
            # passes over the growing index, triggered by these allocations, ran in this
            # thread holding the interpreter lock, 60 to 140 ms each at thirty years, and
            # the keys waited for them.
            collecting = gc.isenabled()
            gc.disable()
            try:
                every = reader.journal_entries()
                entries = {entry.date: entry for entry in every}
                folds = _fold_all(every)
                search_list = [(d, *folds[d]) for d in sorted(entries, reverse=True)]
                days = listed_days(today, entries, day or today)
                rows = day_rows(days, entries, today, cache)
                if collecting:
                    gc.freeze()
            finally:
                if collecting:
                    gc.enable()
            return Older(
                reader, entries, folds, search_list, today, day, days, rows, cache, collecting
            )

        self._older = self.run_worker(load, thread=True, group="journal-older", exit_on_error=False)

    @property
    def complete(self) -> bool:
        """Whether the index holds every year (search and the date list are whole)."""
        return self._since is None

    def show(self) -> None:
        """Render the list (or the search results), the entry's header and its editor."""
        if not self.ready:
            return
        today = self.planner.today()
        if self.day is None:
            self.day = today
            self.today = today
            self._load_editor()
        self.today = today
        if self._shown_privacy != self.privacy:
            self._shown_privacy = self.privacy
            self._rows = []  # search snippets change with privacy mode
        entry = self.entry
        masked = entry is not None and is_hidden(entry, self.privacy)
        if masked != self._masked:
            self.save_now()
            self._load_editor()
        if self.searching:
            self._show_results()
        else:
            self._show_dates()
        self._show_header()

    def _show_dates(self) -> None:
        assert self.day is not None and self.today is not None
        highlight = f"{DATE_PREFIX}{self.day.isoformat()}"
        key = self._date_key()
        if key == self._dates_key:
            # Unchanged since drawn (a search left, a reopening): the same rows again.
            self._set_rows(self._date_rows, highlight)
            return
        self._days = listed_days(self.today, self.entries, self.day)
        rows = day_rows(self._days, self.entries, self.today, self._row_cache)
        self._set_rows(rows, highlight)
        self._date_rows = self._rows
        self._dates_key = key

    def _date_key(self) -> Hashable:
        """What the date list's rows depend on."""
        return (id(self.entries), self._version, self.today, self.day)

    def _set_rows(self, rows: list[tuple[str, Content]], highlight: str | None) -> None:
        """Refill the list only when its rows changed (a refill resets the scroll position)."""
        options = self.date_list
        same = rows is self._rows or (
            len(rows) == len(self._rows)
            and all(
                ident == old_ident and prompt is old_prompt
                for (ident, prompt), (old_ident, old_prompt) in zip(rows, self._rows, strict=True)
            )
        )
        if not same:
            old, self._rows = self._rows, rows
            self._filling += 1  # a fill under way is for rows no longer wanted
            if old and len(rows) > len(old) and rows[: len(old)] == old:
                self._start_fill(rows[len(old) :])  # the older years, appended
            else:
                # The rows down to the highlighted one at once, the rest a chunk at a time:
                # back from a search, thirty years of days held the screen 70-180 ms.
                shown = FILL_CHUNK
                if highlight is not None and len(rows) > FILL_CHUNK:
                    ids = [ident for ident, _ in rows]
                    if highlight in ids:
                        shown += ids.index(highlight)
                self.filling = False
                options.set_options(self._options_of(rows[:shown]))
                if len(rows) > shown:
                    self._start_fill(rows[shown:])
        if highlight is not None:
            try:
                index = options.get_option_index(highlight)
            except OptionDoesNotExist:
                index = 0
            if options.highlighted != index:
                options.highlighted = index
        elif rows and options.highlighted is None:
            options.highlighted = 0

    def _options_of(self, rows: list[tuple[str, Content]]) -> list[Option]:
        """The options showing ``rows``: those made before for the same row, else new ones."""
        known = self._options
        options = []
        for ident, prompt in rows:
            option = known.get(ident)
            if option is None or option.prompt is not prompt:
                option = known[ident] = Option(prompt, id=ident)
            options.append(option)
        return options

    def _start_fill(self, rows: list[tuple[str, Content]]) -> None:
        """Append ``rows`` to the list a chunk at a time in a task of the event loop, which
        runs everything else between two chunks: a key waits for one chunk at most (thirty
        years of older days at once held the screen for a quarter of a second; chunks sent
        as messages to the screen did not help, as its queue never ran dry in between)."""
        filling = self._filling
        self.filling = True

        async def fill() -> None:
            for start in range(0, len(rows), FILL_CHUNK):
                if filling != self._filling:
                    return  # a newer refill replaced these rows
                chunk = self._options_of(rows[start : start + FILL_CHUNK])
                self.date_list.add_options(chunk)
                await asyncio.sleep(0)
            if filling != self._filling:
                return
            self.filling = False
            if self.complete:
                # Every year's entries, folds and rows now live as long as the screen:
                # exempt them from the collector, whose full pass over them took 70 to
                # 90 ms at thirty years, at random moments (a key on the review waited).
                gc.freeze()
                self._froze = True

        self.run_worker(fill(), group="journal-fill", exit_on_error=False)

    def _show_header(self) -> None:
        entry = self.entry
        if self.day is None:
            return
        parts: list[str | tuple[str, str]] = [(day_label(self.day), "bold")]
        if self.day == self.today:
            parts.append((f"  {t('date.today')}", "$text-muted"))
        if entry is not None and entry.tags:
            listed = " ".join(f"#{tag}" for tag in entry.tags)
            tags = words(MASKED if self._masked else listed)
            parts.extend(["  ", (tags, "$accent")])
        if entry is not None and entry.confidential:
            parts.extend(["  ", (f"! {t('journal.confidential')}", "bold $warning")])
        unshown = 0 if entry is None or self._masked else unshown_in_editor(entry.body)
        if unshown:
            # The editor keeps them, the screen drops them (widgets/parts/terminal_safe.py).
            parts.extend(["  ", (t("journal.controls", count=unshown), "$text-muted")])
        self.query_one("#entry-header", CutLine).show(Content.assemble(*parts))

    def _load_editor(self) -> None:
        """Put the selected day's entry in the editor, or the privacy notice in its place."""
        self._stop_timer()
        entry = self.entry
        self._masked = entry is not None and is_hidden(entry, self.privacy)
        editor = self.editor
        editor.load_text("" if self._masked or entry is None else entry.body)
        editor.move_cursor(editor.document.end)
        self._loaded_text = editor.text
        editor.display = not self._masked
        self.query_one("#entry-masked", Static).display = self._masked

    # -- the days ------------------------------------------------------------------------

    def open_day(self, day: date) -> None:
        """Save the entry being left, then show ``day``'s."""
        if day != self.day:
            self.save_now()
            self.day = day
            self._load_editor()
        self.show()

    def _step(self, step: int) -> None:
        """Move ``step`` rows down the list (older) or up (newer); stops at either end."""
        if self.searching:
            self.leave_search()
        days = self._days
        index = days.index(self.day) if self.day in days else 0
        self.open_day(days[max(0, min(index + step, len(days) - 1))])

    def action_previous_day(self) -> None:
        self._step(+1)

    def action_next_day(self) -> None:
        self._step(-1)

    def action_today(self) -> None:
        if self.searching:
            self.leave_search()
        self.open_day(self.planner.today())
        self.date_list.focus()

    def action_cursor(self, step: int) -> None:
        options = self.date_list
        if options.has_focus:
            if step > 0:
                options.action_cursor_down()
            else:
                options.action_cursor_up()

    @on(OptionList.OptionHighlighted, "#dates")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        ident = event.option_id or ""
        stale = event.option_index != event.option_list.highlighted
        if self.searching or stale or not ident.startswith(DATE_PREFIX):
            return
        day = date.fromisoformat(ident.removeprefix(DATE_PREFIX))
        if day != self.day:
            self.open_day(day)

    @on(OptionList.OptionSelected, "#dates")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ident = event.option_id or ""
        if ident.startswith(RESULT_PREFIX):
            self.open_result(date.fromisoformat(ident.removeprefix(RESULT_PREFIX)))
        else:
            self.action_write()

    # -- the editor ----------------------------------------------------------------------

    def action_write(self) -> None:
        if self.searching:
            self._open_highlighted_result()
            return
        if self._masked:
            self.app.notify(t("journal.masked"), severity="warning")
            return
        self.editor.focus()

    def action_switch_focus(self) -> None:
        focused = self.focused
        if focused is self.date_list:
            if self.searching:
                self.query_one(SearchInput).focus()
            else:
                self.action_write()
        else:
            self.leave_editor()

    def leave_editor(self) -> None:
        self.save_now()
        self.date_list.focus()

    @on(TextArea.Changed, "#editor")
    def _text_changed(self) -> None:
        self._stop_timer()
        if not self._masked and self.editor.text != self._loaded_text:
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self.save_now)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, EntryEditor):
            self.save_now()

    def on_screen_suspend(self) -> None:
        self.save_now()

    def on_unmount(self) -> None:
        # The app is closing: the last keystrokes must not wait for the timer, nor for the
        # app's queue (it handles no more messages by now), so they are saved right here.
        self._stop_timer()
        self.ready = False
        self.save_now(closing=True)
        if self._froze:
            gc.unfreeze()  # as the app does when it ends: what it kept may be collected

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def save_now(self, *, closing: bool = False) -> None:
        """Write the editor's text if it changed; an empty text on a day without entry writes
        nothing. ``closing``: the app is closing, so write through the service at once (a
        failure then has no one left to tell, as before)."""
        self._stop_timer()
        if self.day is None or self._masked:
            return
        text, base, day = self.editor.text, self._loaded_text, self.day
        if text == base:
            return
        self._loaded_text = text
        planner = self.planner
        if planner.store.get_entry(day) is None and not text.strip():
            return
        # Only the body, over the entry as it is then; what another process wrote to it since
        # the editor loaded ``base`` is kept too (it then comes back into the editor).
        if closing:
            try:
                planner.save_journal_text(day, text, base)
            except (PlannerError, OSError):
                # No message is handled any more: the app is told directly, and says at
                # the end that this was not saved, with the text (nothing typed is lost).
                if isinstance(self.app, KeepsUnsaved):
                    self.app.keep_unsaved(
                        "action.journal",
                        lambda: planner.save_journal_text(day, text, base),
                        f"{day.isoformat()}\n{text}",
                    )
            return
        ask(
            self,
            PerformAction(
                "action.journal",
                lambda: planner.save_journal_text(day, text, base),
                text=f"{day.isoformat()}\n{text}",
            ),
        )

    def _write(self, label: str, **fields: Any) -> None:
        """Save the selected day's entry with ``fields`` changed, and any unsaved text with it."""
        if self.day is None:
            return
        self._stop_timer()
        planner = self.planner
        now = planner.now()
        if not self._masked and self.editor.text != self._loaded_text:
            fields["body"] = self._loaded_text = self.editor.text
        current = planner.store.get_entry(self.day)
        try:
            entry = (current or JournalEntry.create(self.day, now)).touched(now, **fields)
        except DomainError as exc:
            self.app.notify(describe_error(exc), severity="warning")
            return
        ask(self, PerformAction(label, lambda: planner.save_entry(entry)))

    def action_confidential(self) -> None:
        entry = self.entry
        self._write("action.confidential", confidential=not (entry and entry.confidential))

    def action_tags(self) -> None:
        if self.day is None:
            return
        if self._masked:
            # An empty prompt would read as "remove every tag": do not offer one blind.
            self.app.notify(t("journal.masked"), severity="warning")
            return
        entry = self.entry

        def apply(text: str) -> str | None:
            tags = tuple(word.lstrip(TAG_MARKS) for word in text.split())
            self._write("action.journal", tags=tuple(tag for tag in tags if tag))
            return None

        initial = "" if entry is None else " ".join(entry.tags)
        self.app.push_screen(
            PromptScreen(
                t("journal.tags_prompt"),
                apply,
                hint=t("journal.tags_hint"),
                subject=day_label(self.day),
                initial=initial,
            )
        )

    def action_privacy(self) -> None:
        self.save_now()
        ask(self, TogglePrivacy())

    # -- search --------------------------------------------------------------------------

    def action_search(self) -> None:
        self.save_now()
        box = self.query_one(SearchInput)
        self.searching = True
        self.set_class(True, "-searching")
        box.display = True
        self.query_one("#search-status", Static).display = True
        box.focus()
        self._show_results()

    def leave_search(self) -> None:
        if not self.searching:
            self.date_list.focus()
            return
        self.searching = False
        self.set_class(False, "-searching")
        self.query_one(SearchInput).display = False
        self.query_one("#search-status", Static).display = False
        self._show_dates()
        self.date_list.focus()

    def action_escape(self) -> None:
        if self.searching:
            self.leave_search()

    @on(Input.Changed, "#journal-search")
    def _query_changed(self) -> None:
        if self.searching:
            self._show_results()

    @on(Input.Submitted, "#journal-search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open_highlighted_result()

    def on_resize(self) -> None:
        if self.searching:
            self._rows = []
            self._show_results()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is self._older and event.state == WorkerState.ERROR:
            self._older_error = True
            self.app.notify(
                describe_error(worker.error),  # type: ignore[arg-type]
                severity="error",
                timeout=15,
            )
            self.show()
            return
        if event.state != WorkerState.SUCCESS:
            return
        if worker is self._older:
            self._take_older(worker.result)  # type: ignore[arg-type]
        elif worker.group == "journal-fold":
            self._keep_folds(worker.result)  # type: ignore[arg-type]

    def _take_older(self, older: Older) -> None:
        """Swap in what the worker made of every year, unless something changed since it
        began (then the index is gathered again, as on any change)."""
        store = self.planner.store
        since = self._since
        unchanged = (
            since is not None
            and store.journal_version() == self._version  # no journal file read or written
            and {day: e for day, e in older.entries.items() if day >= since} == self.entries
        )
        store.adopt(older.reader)
        self._froze = self._froze or older.froze
        self._since = None
        self._keep_folds(older.folds)
        if not unchanged:
            self.reload()
            return
        # The store now holds exactly what the reader read: its entries are the index.
        self.entries = older.entries
        self._version = store.journal_version()
        self._gathered_since = None
        self._search_list = older.search_list
        self._search_key = self._index_key()
        if older.today == self.today and older.day == self.day:
            self._row_cache = older.cache
            self._days = older.days
            self._date_rows = older.rows
            self._dates_key = self._date_key()
        self.show()

    def _keep_folds(self, folded: dict[date, tuple[JournalEntry, str]]) -> None:
        """Keep the folds made in a thread (each is used only while its entry is unchanged)."""
        for day, fold_of_day in folded.items():
            self._folds.setdefault(day, fold_of_day)

    def _folded(self, entry: JournalEntry) -> str:
        cached = self._folds.get(entry.date)
        # Usually the very record; else equal will do: a write re-reads its year's file into
        # new but equal records.
        if cached is not None and (cached[0] is entry or cached[0] == entry):
            return cached[1]
        text = search_fold(search_text(entry))
        self._folds[entry.date] = (entry, text)
        return text

    def search(self, query: str) -> tuple[list[Result], int]:
        """Entries containing every word of ``query`` (newest first, at most ``MAX_RESULTS``),
        and how many matched in all."""
        terms = query_terms(query)
        if not terms:
            return [], 0
        index = self._search_index()
        first, *rest = terms  # what ``matches`` does, as comprehensions (a third the time)
        hits = [i for i, (_day, _entry, text) in enumerate(index) if first in text]
        for term in rest:
            hits = [i for i in hits if term in index[i][2]]
        found = [Result(index[i][0], index[i][1]) for i in hits[:MAX_RESULTS]]
        return found, len(hits)

    def _search_index(self) -> list[tuple[date, JournalEntry, str]]:
        """Every entry newest first with its folded text, made again only when the index
        changed (a keystroke then costs the matching alone, not sorting and looking up
        thirty years of entries)."""
        key = self._index_key()
        if key != self._search_key:
            folded = self._folded
            self._search_list = [
                (day, entry, folded(entry))
                for day, entry in sorted(self.entries.items(), reverse=True)
            ]
            self._search_key = key
        return self._search_list

    def _index_key(self) -> Hashable:
        """What the search's list depends on."""
        return (id(self.entries), self._version, len(self.entries))

    def _show_results(self) -> None:
        query = self.query_one(SearchInput).value
        self.results, total = self.search(query)
        terms = query_terms(query)
        status = self.query_one("#search-status", Static)
        if not terms:
            status.update(t("journal.search_hint"))
        elif self._since is not None:
            since = self._since.isoformat()
            key = "journal.search_unread" if self._older_error else "journal.search_partial"
            status.update(t(key, since=since))
        elif not self.results:
            status.update(t("journal.search_none"))
        elif total > len(self.results):
            status.update(t("journal.search_more", count=total, shown=len(self.results)))
        else:
            status.update(t("journal.search_count", count=total))
        width = self.date_list.scrollable_content_region.width
        budget = max((width if width > 30 else 60) - 15, 10)
        privacy = self.privacy
        rows: list[tuple[str, Content]] = []
        for result in self.results:
            entry = result.entry
            if is_hidden(entry, privacy):
                text, style = words(MASKED), "$text-muted"
            else:
                text = snippet(visible_lines(search_text(entry)), terms[0], budget)
                style = ""
            prompt = Row.assemble(
                (marks(entry), "bold $accent"),
                " ",
                (result.day.isoformat(), "bold"),
                "  ",
                (text, style),
            )
            rows.append((f"{RESULT_PREFIX}{result.day.isoformat()}", prompt))
        # Keep the highlighted result when the results are redrawn (a save, another process).
        current = self.date_list.highlighted_option
        keep = current.id if current is not None and current.id in {i for i, _ in rows} else None
        self._set_rows(rows, keep)

    def _open_highlighted_result(self) -> None:
        options = self.date_list
        index = options.highlighted
        if not self.results or index is None or not 0 <= index < len(self.results):
            return
        self.open_result(self.results[index].day)

    def open_result(self, day: date) -> None:
        """Leave search with ``day`` open; the query is kept for the next ``/``."""
        self.searching = False
        self.set_class(False, "-searching")
        self.query_one(SearchInput).display = False
        self.query_one("#search-status", Static).display = False
        self.open_day(day)
        self.date_list.focus()
