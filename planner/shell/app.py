"""The Textual app: the composition root that wires the service to the screens.

It owns what spans screens: privacy mode, undo and redo notices, saving (with retries when
the disk refuses), noticing other processes' changes, rolling over to a new day, and sync
(a worker thread; the header shows its state).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from planner.domain.errors import (
    AmbiguousIdError,
    DataError,
    DomainError,
    NotFoundError,
    ParseError,
)
from planner.domain.load import DayLoad
from planner.domain.models import CLOSED_STATUSES, SetbackAnalysis, Task
from planner.domain.ranking import Board, RankedTask, closed_lane, closed_on
from planner.domain.visible import visible, visible_lines
from planner.i18n.errors import describe_error
from planner.i18n.history import refused_text, step_text
from planner.i18n.privacy import title_words
from planner.i18n.translate import t
from planner.services.history import Step, StepRefused
from planner.services.planner import CarryOffer, Planner
from planner.services.ports import TaskQuery
from planner.shell.app_lock import (
    IDLE_CHECK_SECONDS,
    LocksItself,
    is_format_changing,
    is_key_change,
)
from planner.shell.app_morning import PlansTheMorning
from planner.shell.app_remind import REMIND_SECONDS, Reminds
from planner.shell.app_sync import AppSync, FolderSync, SyncDone, SyncState
from planner.shell.app_timer import TIMER_SECONDS, ShowsTimer
from planner.shell.cli.context import EXIT_DATA
from planner.shell.looks import UserKeysAndTheme
from widgets.compat import HandlesItsErrors, keep_wide_characters_whole
from widgets.keys.key_order import KeysInOrder
from widgets.keys.translate import TranslatedBindings
from widgets.messages import (
    DataChanged,
    FilterBoard,
    PerformAction,
    ShowSetback,
    ShowTask,
    StepHistory,
    TogglePrivacy,
)
from widgets.parts.header import AppHeader
from widgets.parts.terminal_safe import ControlsOff
from widgets.screens import board as board_module
from widgets.screens.base import PlannerScreen
from widgets.screens.board import BoardScreen

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys
    from planner.domain.filters import TaskFilter
    from planner.domain.workdays import WorkdayAnswer

R = TypeVar("R")

YOUNG_COLLECTED = 3000
"""New objects between two collections of the youngest generation, once the app runs."""

LAZY_SCREENS: dict[str, tuple[str, str]] = {
    "people": ("widgets.screens.people", "PeopleScreen"),
    "journal": ("widgets.screens.journal", "JournalScreen"),
    "setbacks": ("widgets.screens.setbacks", "SetbacksScreen"),
    "review": ("widgets.screens.review", "ReviewScreen"),
}
"""The modes besides the board: (module, class), imported when first shown."""

POLL_SECONDS = 1.0
RETRY_SECONDS = 3.0
DONE_ARCHIVE_DAYS = 90
"""How far back ``status:done`` and ``status:dropped`` on the board look in the archive."""
SETBACKS_DELAY = 0.3
"""Setbacks (for review-due items) are read just after start-up, never before the first frame."""
SYNC_STATE_SECONDS = 15.0
"""How often the header's sync state is read again besides after each write the app sees
(the journal's autosave says nothing to the app, and ``planner sync init`` may be run in a
terminal meanwhile)."""
CONTROLS_OFF = ControlsOff()
"""The line filter that keeps control characters off the terminal (stateless, shared)."""


class PlannerApp(
    HandlesItsErrors,
    LocksItself,
    ShowsTimer,
    Reminds,
    PlansTheMorning,
    KeysInOrder,
    UserKeysAndTheme,
    TranslatedBindings,
    App[None],
):
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        Path(__file__).with_name("app.tcss"),
        Path(board_module.__file__).with_name("board.tcss"),
    ]
    """The board's CSS is read with the app's: a screen's own CSS_PATH, read when the
    screen is first shown, makes Textual parse every style sheet again."""
    TITLE = "planner"
    DEFAULT_MODE = "board"
    """Start on the board itself (``get_default_screen``) rather than switching to it from a
    blank first screen; the mode is added once it exists (``on_mount``): a first screen
    taken from ``MODES`` makes Textual parse every style sheet again."""
    COMMANDS: ClassVar[set[Callable[[], type[Provider]]]] = {  # type: ignore[assignment]
        lambda: _import("widgets.keys.palette", "PlannerCommands")
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "key.quit", priority=True, id="app.quit"),
        Binding("q", "quit", "key.quit", show=False, id="app.quit"),
        Binding("f1", "help", "key.help", priority=True, show=False, id="app.help"),
        Binding("question_mark", "help", "key.help", key_display="?", id="app.help"),
        Binding("ctrl+p", "command_palette", "key.palette", priority=True, id="app.palette"),
        Binding("1", "board", "key.board", id="app.board"),
        Binding("2", "journal", "key.journal", id="app.journal"),
        Binding("3", "setbacks", "key.setbacks", id="app.setbacks"),
        Binding("4", "review", "key.review", id="app.review"),
        Binding("5", "people", "key.people", id="app.people"),
        Binding("p", "morning_plan", "key.morning_plan", id="app.morning_plan"),
        Binding("z", "privacy", "key.privacy", show=False, id="app.privacy"),
        Binding("S", "sync", "key.sync", show=False, id="app.sync"),
        Binding("ctrl+l", "lock", "key.lock", priority=True, show=False, id="app.lock"),
    ]
    """``z`` here reaches every screen; the board's and the journal's own (the journal saves
    first) come before it, and a text field takes the letter as typed."""

    def __init__(
        self,
        planner: Planner,
        *,
        demo: bool = False,
        poll_seconds: float = POLL_SECONDS,
        sync: AppSync | None = None,
        idle_clock: Callable[[], float] = time.monotonic,
        idle_check_seconds: float = IDLE_CHECK_SECONDS,
    ) -> None:
        """``sync``: how this app syncs; by default its data folder's git sync (none in the
        demo, whose folder is a throwaway). ``idle_clock`` (monotonic seconds) and
        ``idle_check_seconds``: how the idle lock of an encrypted folder measures idle time
        (``planner.shell.app_lock``; tests move the clock)."""
        super().__init__()
        keep_wide_characters_whole()
        self.planner = planner
        planner.history.own_session()  # u and ctrl+r take back this app's own actions
        planner.defer_calendar()  # instructions' warning days: the first frame does not wait
        self.demo = demo
        self.poll_seconds = poll_seconds
        self.privacy = planner.config.privacy_at_start
        self.day: date = planner.today()
        self.pending: list[tuple[str, Callable[[], object]]] = []
        self.pending_text: dict[Callable[[], object], str] = {}
        """The text the user typed that a pending change would save (a journal entry's
        words): printed if the app ends before it is saved, so that nothing typed is lost."""
        self._outside_error: str | None = None
        self._unrecorded_said: str | None = None
        self.data_error: DataError | None = None
        """The data problem that ended the app (exit 3): ``open_app`` prints it, as the
        CLI would, once the terminal is back."""
        self._setbacks_loaded = False
        self.read_running_timer()
        self.day_load: DayLoad | None = None
        """The board's day against its capacity, as the board's header shows it; None
        until the working calendar has answered for the day (``_ask_workday``)."""
        self._workday: WorkdayAnswer | None = None
        self._workday_asked: date | None = None
        self.sync_runner: AppSync | None = sync if sync is not None else _folder_sync(planner, demo)
        self.sync_state = SyncState()
        self._sync_running = False
        self._sync_follows_key = False
        """A sync given the passphrase runs: it may re-seal the folder with another
        machine's new key, which the app's store takes when it ends (``_synced``)."""
        self._sync_reads = 0
        """Each read of the sync state is numbered: only the newest one is shown."""
        for mode, (module, name) in LAZY_SCREENS.items():
            self.add_mode(mode, partial(self._lazy_screen, module, name))
        self.use_config_looks(planner.config)
        root = getattr(planner.store, "root", None)
        self.start_locking(
            root if isinstance(root, Path) and not demo else None,
            lock_after_minutes=planner.config.lock_after_minutes,
            idle_clock=idle_clock,
        )
        self.idle_check_seconds = idle_check_seconds

    # -- start-up ------------------------------------------------------------------------

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run the app, exempting what start-up built from garbage collection meanwhile.

        By now every module and class and the open work are loaded, and they live as long
        as the app: freezing them spares the collector walking them all again, which it did
        once while the board was first drawn (20 ms, a tenth of that time).
        """
        gc.freeze()
        try:
            return super().run(*args, **kwargs)
        finally:
            gc.unfreeze()

    def collect_from_now_on(self) -> None:
        """Turn the garbage collector back on once the first frame is drawn, if start-up
        turned it off (``planner.shell.cli.main.main``), exempting what start-up built first.

        Its first generation is collected every ``YOUNG_COLLECTED`` new objects rather than
        Python's 700: a key draws a few hundred lines, each some dozen short-lived objects,
        and collecting every 700 walked the same young objects again and again, and moved
        many of them on to be walked again in the next generation (9-14 ms of a key
        against 4-10 ms: medians of the collector's pauses per key, four paired runs on the
        ten-year data set with the machine busy).
        """
        if not gc.isenabled():
            gc.freeze()
            _, middle, old = gc.get_threshold()
            gc.set_threshold(YOUNG_COLLECTED, middle, old)
            gc.enable()

    def handle_error(self, error: Exception) -> bool:
        """A data file that cannot be read where no screen has a place for the error (open
        work, today's day, a file the board needs) ends the app as it ends the CLI: exit 3,
        and the CLI's message and advice printed once the terminal is back. Never a
        traceback, whose dump would show the file's raw bytes."""
        if not isinstance(error, DataError):
            return False
        if is_key_change(error):  # another process's rekey: the passphrase, not the end
            self.key_changed(error, len(self.pending))
            return True
        if self.data_error is None:
            self.data_error = error
        self.exit(return_code=EXIT_DATA)
        return True

    def get_default_screen(self) -> Screen[Any]:
        return BoardScreen(self.planner, privacy=self.privacy, show_data=self.render_screen)

    def _lazy_screen(self, module: str, name: str) -> Screen[None]:
        """A screen whose module is imported when first shown: start-up needs only the board."""
        screen: Screen[None] = _import(module, name)(
            self.planner, privacy=self.privacy, show_data=self.render_screen
        )
        return screen

    def on_mount(self) -> None:
        self.call_after_refresh(self.collect_from_now_on)
        # Its screen exists: this lets "1" switch back.
        board = partial(
            BoardScreen, self.planner, privacy=self.privacy, show_data=self.render_screen
        )
        self.add_mode("board", board)
        self.set_interval(self.poll_seconds, self.check_outside)
        self.set_interval(RETRY_SECONDS, self.retry_pending)
        self.set_interval(TIMER_SECONDS, self.timer_tick)
        self.call_after_refresh(self.timer_tick)  # a timer left running since a day gone
        self.set_interval(REMIND_SECONDS, self.remind_tick)
        self.call_after_refresh(self.remind_tick)
        self.watch_idle(self.idle_check_seconds)
        self.call_after_refresh(self.ask_carry_over)
        self.call_after_refresh(self.report_key_clashes)
        self.set_timer(SETBACKS_DELAY, self._load_setbacks)
        self.read_sync_state()
        # the journal's saves too, and a sync set up meanwhile in a terminal
        self.set_interval(SYNC_STATE_SECONDS, partial(self.read_sync_state, anyway=True))
        minutes = self.planner.config.sync_every_minutes
        if minutes and self.sync_runner is not None:
            self.set_interval(minutes * 60, partial(self.start_sync, timed=True))

    def _compact(self) -> None:
        # Compaction is housekeeping: if it fails, the next start or day change tries again.
        with suppress(DataError, OSError):
            self.planner.store.compact(self.planner.today())

    def ask_carry_over(self) -> None:
        if self.locked:
            return  # asked at the unlock (``after_unlock``): its dialog names a task
        if self.offer_morning_plan():
            return  # the plan's first step holds the question
        offer = self.planner.carry_offer()
        if offer is None:
            return
        title = title_words(offer.task, self.privacy)
        question = t("carry.question", date=offer.from_day.isoformat())

        def answered(carry: bool | None) -> None:
            self._answer_carry(offer, bool(carry))

        from widgets.dialogs.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(question, title, t("carry.keys")), answered)

    def _load_setbacks(self) -> None:
        """Read the setbacks after the first frame (start-up shows only open work)."""
        with suppress(DataError, OSError):
            self.planner.store.setbacks()
            self._setbacks_loaded = True
            self.refresh_board()

    def reviews_due(self) -> list[SetbackAnalysis]:
        """Analyses whose review date has come: each is an item on that day's board."""
        if not self._setbacks_loaded:
            return []
        today = self.planner.today()
        measures: dict[str, list[Task]] = {}
        for task in self.planner.store.open_tasks():
            if task.setback:
                measures.setdefault(task.setback, []).append(task)
        due = []
        for analysis in self.planner.store.setbacks():
            if analysis.state(measures.get(analysis.id, ()), today) == "review_due":
                due.append(analysis)
        return sorted(due, key=lambda a: (a.review_on or today, a.title))

    def _answer_carry(self, offer: CarryOffer, carry: bool) -> None:
        self.perform("action.carry", lambda: self.planner.answer_carry(offer, carry))

    # -- data down -----------------------------------------------------------------------

    def board_screen(self) -> BoardScreen | None:
        """The board, when it is in the current screen stack (under any dialogs)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, BoardScreen):
                return screen
        return None

    def current_board(self, filter_text: str = "") -> Board:
        """The board as the board screen shows it: open work ranked, and under it the closed
        work in view, what was done or dropped today (held in open work until compaction);
        filtered by ``filter_text``. A filter that asks for ``status:done`` or
        ``status:dropped`` also finds closed work of earlier days: in open work, and in the
        archive of the last ``DONE_ARCHIVE_DAYS`` days (the store's query API)."""
        planner = self.planner
        board = planner.board()
        self._measure_load(board)
        tasks = planner.store.open_tasks()
        day_start = planner.config.day_starts_at
        main_id = board.main.task.id if board.main else None
        closed = [task for task in tasks if closed_on(task, board.date, day_start)]
        wanted: TaskFilter | None = None
        if filter_text.strip():
            from planner.domain.filters import parse_filter

            with suppress(ParseError):
                wanted = parse_filter(
                    filter_text, board.date, planner.tz(), workdays=planner.calendar
                )
        if wanted is not None and wanted.statuses & CLOSED_STATUSES:
            closed = [task for task in tasks if not task.is_active]
            known = {task.id for task in closed}
            since = board.date - timedelta(days=DONE_ARCHIVE_DAYS)
            query = TaskQuery(done=(since, board.date))
            with suppress(DataError, OSError):
                archived = planner.store.archived_tasks_matching(query)
                closed.extend(task for task in archived if task.id not in known)
        done: tuple[RankedTask, ...] = ()
        if closed:
            done = closed_lane(closed, planner.rank_context(board.date), main_id)
        if wanted is None:
            return replace(board, done=done)

        def keep(items: Iterable[RankedTask]) -> tuple[RankedTask, ...]:
            return tuple(i for i in items if wanted.matches(i.task, main_id=main_id))

        main = board.main
        shown_main = main if main and wanted.matches(main.task, main_id=main_id) else None
        return Board(
            date=board.date,
            main=shown_main,
            awaiting=keep(board.awaiting),
            inbox=keep(board.inbox),
            later=keep(board.later),
            today=keep(board.today),
            done=keep(done),
            main_filtered=main is not None and shown_main is None,
        )

    def _measure_load(self, board: Board) -> None:
        """Today's load from the unfiltered board (one pass over the main contradiction
        and Today; no read), once the working calendar has answered for its day."""
        if self._workday is None or self._workday.day != board.date:
            self._ask_workday(board.date)
        answer = self._workday
        if answer is None or answer.day != board.date:
            self.day_load = None
            return
        self.day_load = self.planner.day_load(board, answer)

    def _ask_workday(self, day: date) -> None:
        """Ask the working calendar about ``day``, once: at once when that costs nothing,
        else in a worker thread, as its first question imports China's holiday tables
        (about 50 ms), which the first frame does not wait for; the board is shown again
        with the load once it has answered."""
        if self._workday_asked == day:
            return
        self._workday_asked = day
        if self.planner.calendar.loaded:  # answered at once: no worker, no second showing
            self._workday = self.planner.workday(day)
            return

        def ask() -> None:
            answer = self.planner.workday(day)
            self.call_from_thread(self._workday_known, answer)

        def start() -> None:
            self.run_worker(ask, thread=True, group="workday", exit_on_error=False)

        # after the frame being made: the import would otherwise share the GIL with it
        self.call_after_refresh(start)

    def _workday_known(self, answer: WorkdayAnswer) -> None:
        if answer.day != self._workday_asked:
            return  # a day already gone (the day rolled over meanwhile)
        self._workday = answer
        self.refresh_board()

    def refresh_board(self) -> None:
        """Recompute what the screens show from the store (cheap: open work is cached), and
        the header's sync state (a write makes changes to send). Nothing once the app is
        shutting down: a timer may still tick while Textual removes the screens' widgets."""
        if not self.is_running:
            return
        self.read_running_timer()
        for screen in self.screen_stack:
            self.render_screen(screen)
        self.read_sync_state()

    def render_screen(self, screen: Screen[Any]) -> None:
        """Show current data on ``screen`` once it has been composed."""
        if not isinstance(screen, PlannerScreen):
            return
        screen.privacy = self.privacy
        if not screen.ready:
            if screen.name == "setbacks":
                self.show_header(screen)  # its list is being read
            return
        if isinstance(screen, BoardScreen):
            screen.show(self.current_board(screen.filter_text), self.reviews_due())
        else:
            try:
                self._show_other(screen)
            except DataError as exc:
                # A file only this screen reads (a journal year, the setbacks): its error
                # in the screen's place, and the other screens go on working.
                screen.show_unreadable(str(exc))
            else:
                screen.show_unreadable(None)
        self.show_header(screen)

    def _show_other(self, screen: PlannerScreen) -> None:
        if screen.name == "people":
            from planner.domain.people import group_by_person

            groups = group_by_person(self.planner.store.open_tasks(), self.privacy)
            screen.show(groups)  # type: ignore[attr-defined]
        elif screen.name == "review":
            screen.show()  # type: ignore[attr-defined]
        elif screen.name == "setbacks":
            screen.show(self.planner.setbacks())  # type: ignore[attr-defined]
        elif screen.name == "journal":
            screen.reload()  # type: ignore[attr-defined]

    def show_header(self, screen: Screen[Any]) -> None:
        """The header of ``screen``: the date, the screen, DEMO, PRIVACY and UNSAVED."""
        for header in screen.query(AppHeader):
            header.show(
                self.planner.today(),
                demo=self.demo,
                privacy=self.privacy,
                unsaved=len(self.pending),
                screen_title=t(f"screen.{screen.name or 'board'}"),
                sync=self.sync_state.label(),
                sync_alert=self.sync_state.alert,
                encryption=self.key_state.header_words(),
                load=self.day_load if isinstance(screen, BoardScreen) else None,
                timer=self.timer_shown(),
            )

    def refresh_header(self) -> None:
        for screen in self.screen_stack:
            if getattr(screen, "ready", False):
                self.show_header(screen)

    # -- writing -------------------------------------------------------------------------

    def perform(
        self,
        label: str,
        call: Callable[[], R],
        *,
        select: Callable[[R], str] | None = None,
        text: str = "",
    ) -> R | None:
        """Run one service operation; refresh; keep it for retry if the disk refuses it
        (with ``text``, what the user typed that it saves, shown if the app ends first).

        The selection follows the task acted on (into whatever lane it moved); when it left
        the board, the cursor stays where it was in its lane.
        """
        board = self.board_screen()
        before = board.selected if board is not None else None
        try:
            result = call()
        except (ParseError, DomainError, NotFoundError, AmbiguousIdError) as exc:
            self.notify(describe_error(exc), severity="warning")
            return None
        except (DataError, OSError) as exc:
            self.pending.append((label, call))
            if text:
                self.pending_text[call] = text
            if is_key_change(exc):  # kept, saved with the new key after the unlock
                self.key_changed(exc, len(self.pending))
                return None
            self.notify(
                t("save.failed", action=t(label), error=str(exc)), severity="error", timeout=10
            )
            self.refresh_header()
            return None
        self._say_unrecorded()
        self.refresh_board()
        if board is not None:
            if select is not None and result is not None:
                board.select(select(result))
            elif before is not None:
                board.select(before.id)
        return result

    def _say_unrecorded(self) -> None:
        """A change saved while the undo history could not be recorded (a damaged
        ``history.json``): said once, until the history records again."""
        problem = self.planner.history.unrecorded
        message = None if problem is None else t("history.unrecorded", problem=str(problem))
        if message is not None and message != self._unrecorded_said:
            self.notify(message, severity="warning", timeout=15)
        self._unrecorded_said = message

    def keep_unsaved(self, label: str, call: Callable[[], object], text: str = "") -> None:
        """A save that failed as the app closed (the journal's last words, when the disk or
        a changed data key refused them): said when the app ends, with ``text``."""
        self.pending.append((label, call))
        if text:
            self.pending_text[call] = text

    def retry_pending(self) -> None:
        while self.pending:
            label, call = self.pending[0]
            try:
                call()
            except (ParseError, DomainError, NotFoundError, AmbiguousIdError) as exc:
                self.pending.pop(0)
                self.notify(describe_error(exc), severity="warning")
                continue
            except (DataError, OSError) as exc:
                if is_key_change(exc):
                    self.key_changed(exc, len(self.pending))
                return
            self.pending.pop(0)
            self.pending_text.pop(call, None)
            self.notify(t("save.retried", action=t(label)))
            self.refresh_board()

    def undo(self) -> None:
        self._step(self.planner.undo, "undo")

    def redo(self) -> None:
        self._step(self.planner.redo, "redo")

    def _step(self, step: Callable[[], Step | None], word: Literal["undo", "redo"]) -> None:
        """Undo or redo through the shared history: say what was reversed and what was kept
        as another process changed it, or why nothing could be (``planner.i18n.history``)."""
        try:
            made = step()
        except StepRefused as refused:
            self.notify(refused_text(refused, self.privacy), severity="warning", timeout=10)
            return
        except (DataError, OSError) as exc:
            self.notify(t("save.failed", action=t(f"key.{word}"), error=str(exc)), severity="error")
            if is_key_change(exc):
                self.key_changed(exc, len(self.pending))
            return
        if made is None:
            self.notify(t(f"notice.nothing_to_{word}"), severity="warning")
            return
        partial_step = bool(made.kept or made.skipped)
        self.notify(
            step_text(made, word, self.privacy),
            severity="warning" if partial_step else "information",
            timeout=10 if partial_step else None,
        )
        self.refresh_board()
        subject = made.subject
        board = self.board_screen()
        if subject and board is not None:
            board.select(subject)

    def toggle_privacy(self) -> None:
        self.privacy = not self.privacy
        self.notify(t("notice.privacy_on" if self.privacy else "notice.privacy_off"))
        self.refresh_board()

    # -- outside changes and the day ---------------------------------------------------------

    def check_outside(self) -> None:
        """Every second: other processes' writes, and the start of a new planning day."""
        if self._sync_follows_key:
            return  # the folder is being re-sealed with the new key; the sync hands it over
        self.follow_key_state()
        try:
            changed = self.planner.store.refresh()
        except DataError as exc:
            if is_key_change(exc):
                self.key_changed(exc, len(self.pending))
                return
            if is_format_changing(exc):
                return  # another process is converting the folder: its end is seen next
            message = str(exc)
            if message != self._outside_error:
                self._outside_error = message
                self.notify(message, severity="error", timeout=15)
            return
        self._outside_error = None
        today = self.planner.today()
        if today != self.day:
            self.day = today
            self._compact()
            self.refresh_board()
            self.ask_carry_over()
            self.timer_tick()  # a timer still running from the day just ended stops at its end
        elif changed:
            self.refresh_board()

    # -- sync ----------------------------------------------------------------------------

    @property
    def syncs_on_quit(self) -> bool:
        """Sync once more when the app ends: when the config's timer is on, and this
        planner syncs (``open_app`` runs it once the terminal is back)."""
        return bool(self.planner.config.sync_every_minutes) and self.sync_state.enabled

    def read_sync_state(self, *, anyway: bool = False) -> None:
        """Read the header's sync state in a worker (a few small files): after start-up, a
        write, another process's write. While this planner does not sync, only ``anyway``
        (the slow timer, which sees a ``planner sync init`` made meanwhile in a terminal)."""
        runner = self.sync_runner
        if runner is None or self._sync_running:
            return
        if self._sync_reads and not self.sync_state.enabled and not anyway:
            return
        self._sync_reads += 1
        number = self._sync_reads

        def read() -> None:
            state = runner.state()
            with suppress(RuntimeError):  # the app ended meanwhile
                self.call_from_thread(self._sync_state_read, number, state)

        self.run_worker(read, thread=True, group="sync-state", exit_on_error=False)

    def _sync_state_read(self, number: int, state: SyncState) -> None:
        if number != self._sync_reads or self._sync_running:
            return  # a newer read, or a sync, says more
        if state != self.sync_state:
            self.sync_state = state
            self.refresh_header()

    def start_sync(self, *, timed: bool = False, passphrase: str | None = None) -> None:
        """Send and receive in a worker thread; the header says ``syncing…`` meanwhile and
        every key keeps working. ``timed``: the config's timer, which says nothing unless
        something came in or went wrong (offline is only the header's), and nothing at all
        while this planner does not sync. ``passphrase``: asked to follow another machine's
        rekey (``ask_sync_passphrase``); the key is derived in the worker."""
        runner = self.sync_runner
        if runner is None:
            if not timed:
                self.notify(t("sync.app_not_enabled"), severity="warning")
            return
        if self._sync_running:
            if not timed:
                self.notify(t("sync.app_busy"))
            return
        if timed and not self.sync_state.enabled:
            return
        before = self.sync_state
        self._sync_running = True
        self._sync_follows_key = passphrase is not None
        self.sync_state = before.busy()
        self.refresh_header()

        def work() -> None:
            try:
                done = runner.sync() if passphrase is None else runner.sync(passphrase)
            except Exception as exc:  # a bug: said, and the key works again
                reason = f"{type(exc).__name__}: {exc}"
                done = SyncDone(before, t("sync.failed", reason=reason), "error")
            with suppress(RuntimeError):  # the app ended meanwhile
                self.call_from_thread(self._synced, done, timed)

        self.run_worker(work, thread=True, group="sync", exit_on_error=False)

    def _synced(self, done: SyncDone, timed: bool) -> None:
        self._sync_running = False
        self._sync_reads += 1  # a read begun before the sync is older than its result
        self.sync_state = done.state
        self._sync_follows_key = False
        if done.keys is not None:
            with suppress(DataError):  # else the poll finds the key changed and asks
                self.planner.store.use_keys(done.keys)  # type: ignore[attr-defined]
                self.retry_pending()  # what was refused for the old key meanwhile
        if done.asks:
            self.ask_sync_passphrase(done, timed)
        if done.received:
            self.check_outside()  # what came in, as another process's writes
        self.refresh_header()
        # The timer speaks only of what came in or went wrong; offline is the header's.
        quiet = (
            timed and not done.received and (done.severity == "information" or done.state.offline)
        )
        if done.notice and not quiet:
            self.notify(
                done.notice,
                severity=done.severity,
                timeout=10 if done.severity != "information" else None,
            )

    def key_changed(self, error: BaseException, waiting: int = 0) -> None:
        if self._sync_follows_key:
            return  # kept for retry: the sync re-seals the folder and hands the new key over
        super().key_changed(error, waiting)

    def ask_sync_passphrase(self, done: SyncDone, timed: bool) -> None:
        """Another machine changed the data key: the passphrase in a password dialog, then
        the sync again with it; ``esc`` leaves the header saying ``needs passphrase``. The
        timer never opens the dialog (the header says it), nor does a locked app."""
        self.sync_state = replace(done.state, needs_passphrase=True)
        if timed or self.locked:
            return
        from widgets.dialogs.passphrase import PassphraseScreen

        def given(passphrase: str | None) -> None:
            if passphrase is None:
                self.notify(t("sync.app_needs_passphrase"), severity="warning")
                return
            self.start_sync(passphrase=passphrase)

        dialog = PassphraseScreen(
            t("sync.passphrase_title"),
            t("sync.passphrase_why", machine=done.asks),
            hint=t("sync.passphrase_hint"),
            error=t("lock.wrong") if done.wrong else "",
        )
        self.push_screen(dialog, given)

    def action_sync(self) -> None:
        self.start_sync()

    def action_sync_conflicts(self) -> None:
        """The open conflicts in a dialog; ``r`` there reverses the highlighted one."""
        runner = self.sync_runner
        if runner is None or not self.sync_state.enabled:
            self.notify(t("sync.app_not_enabled"), severity="warning")
            return
        # the dialog's lines: 90% of the screen, less its border, padding and the list's
        conflicts = runner.conflicts(privacy=self.privacy, width=self.size.width * 9 // 10 - 10)
        if not conflicts:
            self.notify(t("sync.conflicts_none"))
            return
        from widgets.dialogs.sync_conflicts import SyncConflictsScreen

        def chosen(conflict_id: str | None) -> None:
            if conflict_id is None:
                return
            words, severity = runner.reverse(conflict_id, privacy=self.privacy)
            self.notify(words, severity=severity, timeout=10 if severity != "information" else None)
            self.check_outside()  # the reversal, as another process's write
            self.refresh_board()

        self.push_screen(SyncConflictsScreen(conflicts), chosen)

    # -- navigation ----------------------------------------------------------------------

    def action_board(self) -> None:
        self.switch_mode("board")
        self.refresh_board()

    def action_journal(self) -> None:
        self.switch_mode("journal")
        self.refresh_board()

    def action_review(self) -> None:
        self.switch_mode("review")
        self.refresh_board()

    def action_setbacks(self) -> None:
        self.switch_mode("setbacks")
        self.refresh_board()

    def action_people(self) -> None:
        self.switch_mode("people")
        self.refresh_board()

    def action_export(self, what: str) -> None:
        """Ask for a path and export: ``journal``, ``setbacks``, ``tasks``, ``week`` or ``day``
        (the weekly or the daily report)."""
        from planner.export.ranges import DateRange
        from widgets.dialogs.exporting import ask_export

        if what == "day":
            today = self.planner.today()
            ask_export(self, self.planner, "report", period=DateRange("day", today, today))
        elif what == "week":
            ask_export(self, self.planner, "report")
        elif what in ("journal", "setbacks", "tasks"):
            ask_export(self, self.planner, what)  # type: ignore[arg-type]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notification, but read as plain text unless asked: every notice of the
        planner carries the user's words (titles, paths, the mask ``[confidential]``), which
        Textual's default would take for markup and drop or garble. Control characters in
        those words are written out (``planner.domain.visible``), never sent raw. While the
        app is locked, notices wait for the unlock (they may name a task)."""
        if self.hold_notice(
            partial(
                self.notify, message, title=title, severity=severity, timeout=timeout, markup=markup
            )
        ):
            return
        super().notify(
            visible_lines(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the last guard: no control character left in any line
        any widget draws (an editor's, an input's) is sent to the terminal."""
        return [*super().get_line_filters(), CONTROLS_OFF]

    def action_privacy(self) -> None:
        self.toggle_privacy()

    def adopt_keys(self, keys: Keys) -> None:
        """The store goes on with the keys of the unlock (those of ``keys.json`` now: after
        another process's rekey, the new ones); said when they are new."""
        store = self.planner.store
        use_keys = getattr(store, "use_keys", None)
        if use_keys is None:
            return
        held = getattr(store, "keys", None)
        use_keys(keys)
        if held is not None and held.data_key.key_id != keys.data_key.key_id:
            self.notify(t("lock.new_key"))

    def key_state_changed(self) -> None:
        if not self.key_state.encrypted:
            self.notify(t("lock.decrypted"), severity="warning", timeout=10)
        self.refresh_header()

    def after_unlock(self) -> None:
        """Back from the lock screen: what changed meanwhile shown, what was refused for
        the old key saved, a carry-over asked."""
        self.check_outside()
        self.retry_pending()
        self.refresh_board()
        self.ask_carry_over()

    def action_help(self) -> None:
        from widgets.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen, self._help_title(self.screen)))

    @staticmethod
    def _help_title(screen: Screen[Any]) -> str:
        """The help's title: the screen's name, or "this dialog" over a dialog (it listed a
        dialog's keys under the title "Board")."""
        if isinstance(screen, ModalScreen):
            return t("screen.dialog")
        return t(f"screen.{screen.name or 'board'}")

    def action_show_help_panel(self) -> None:
        self.action_help()

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("palette.placeholder")))

    def show_on_board(self, task_id: str) -> None:
        self.switch_mode("board")
        self.refresh_board()
        board = self.board_screen()
        if board is not None:
            board.select(task_id)

    def show_setback(self, setback_id: str) -> None:
        self.action_setbacks()
        select = getattr(self.screen, "select", None)
        if select is not None:
            select(setback_id)

    # -- what the screens ask (messages up) ---------------------------------------------------

    @on(DataChanged)
    def _data_changed(self) -> None:
        self.refresh_board()

    @on(PerformAction)
    def _perform_action(self, message: PerformAction) -> None:
        result = self.perform(
            message.label, message.call, select=message.select, text=message.text
        )
        if message.then is not None:
            message.then(result)

    @on(StepHistory)
    def _step_history(self, message: StepHistory) -> None:
        if message.step == "undo":
            self.undo()
        else:
            self.redo()

    @on(TogglePrivacy)
    def _toggle_privacy(self) -> None:
        self.toggle_privacy()

    @on(ShowTask)
    def _show_task(self, message: ShowTask) -> None:
        self.show_on_board(message.task_id)

    @on(FilterBoard)
    def _filter_board(self, message: FilterBoard) -> None:
        self.switch_mode("board")
        board = self.board_screen()
        if board is not None:
            board.set_filter(message.text)

    @on(ShowSetback)
    def _show_setback(self, message: ShowSetback) -> None:
        self.show_setback(message.setback_id)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(t("key.help"), t("palette.help_help"), self.action_help)
        yield SystemCommand(t("key.quit"), t("palette.quit_help"), self.action_quit)
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)


def _folder_sync(planner: Planner, demo: bool) -> AppSync | None:
    """The data folder's git sync; none in the demo (a throwaway folder) or on a store that
    is not a folder."""
    root = getattr(planner.store, "root", None)
    if demo or not isinstance(root, Path):
        return None
    return FolderSync(
        root,
        clock=planner.clock,
        day_starts_at=planner.config.day_starts_at,
        keys=lambda: getattr(planner.store, "keys", None),  # an encrypted folder's, as now held
    )


def _import(module: str, name: str) -> Any:
    """``name`` from ``module``, imported on first use rather than at start-up."""
    from importlib import import_module

    return getattr(import_module(module), name)
