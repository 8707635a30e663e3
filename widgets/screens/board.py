"""The board: the day's main contradiction above the ranked lanes, triaged with single keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from planner.domain.errors import NotFoundError, ParseError
from planner.domain.models import SetbackAnalysis, Task
from planner.domain.privacy import is_hidden
from planner.domain.ranking import Board, Lane
from planner.i18n.errors import describe_date_error, describe_error
from planner.i18n.formats import format_estimate
from planner.i18n.instruction_words import extension_words, instruction_lines
from planner.i18n.privacy import title_words
from planner.i18n.timer_words import info_words
from planner.i18n.translate import t
from widgets.keys.translate import TranslatedBindings
from widgets.messages import (
    DataChanged,
    PerformAction,
    ShowSetback,
    StepHistory,
    TogglePrivacy,
    ask,
)
from widgets.parts.header import AppHeader
from widgets.parts.keybar import KeyBar
from widgets.parts.lanes import Columns, Edge, LaneTable, MainPanel, lane_heading
from widgets.screens.base import PlannerScreen, ShowData

if TYPE_CHECKING:
    from planner.services.planner import Planner

NOTICE_SECONDS = 3.0
"""How long "Select a task first" shows; it is not repeated meanwhile."""

DISPLAY_ORDER: tuple[Lane, ...] = ("today", "awaiting", "inbox", "later")
"""Lanes under the main panel, as the eye reads them; Today, the ranked work, comes first.
Under them all, the closed work in view (``#lane-done``): collapsed to its title, "Done
today (N)", until ``v`` opens it; a filter that finds closed work opens it."""


class FilterInput(Input):
    """The board's filter: quick-add tokens, ``status:`` and words, applied as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "key.leave_filter", show=False, id="board.leave_filter")
    ]

    def action_leave(self) -> None:
        screen = self.screen
        if isinstance(screen, BoardScreen):
            screen.focus_first()


class BoardScreen(TranslatedBindings, PlannerScreen):
    """The board screen: it owns every triage key, acting on the selected task."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "quick_add", "key.quick_add", id="board.quick_add"),
        Binding("e", "edit", "key.edit", show=False, id="board.edit"),
        Binding("t", "accept", "key.accept", id="board.accept"),
        Binding("m", "main", "key.main", id="board.main"),
        Binding("space", "done", "key.done", id="board.done"),
        Binding("c", "central", "key.central", show=False, id="board.central"),
        Binding("s", "schedule", "key.schedule", show=False, id="board.schedule"),
        Binding("d", "due", "key.due", show=False, id="board.due"),
        Binding("w", "wait", "key.wait", show=False, id="board.wait"),
        Binding("f", "feedback", "key.feedback", show=False, id="board.feedback"),
        Binding("E", "extend", "key.extend", show=False, id="board.extend"),
        Binding(
            "exclamation_mark",
            "confidential",
            "key.confidential",
            key_display="!",
            show=False,
            id="board.confidential",
        ),
        Binding("x", "drop", "key.drop", show=False, id="board.drop"),
        Binding("X", "delete", "key.delete", show=False, id="board.delete"),
        Binding("delete", "delete", "key.delete", show=False, id="board.delete"),
        Binding("u", "undo", "key.undo", id="board.undo"),
        Binding("ctrl+r", "redo", "key.redo", show=False, id="board.redo"),
        Binding("i", "explain", "key.explain", show=False, id="board.explain"),
        Binding("slash", "filter", "key.filter", key_display="/", id="board.filter"),
        Binding("z", "privacy", "key.privacy", show=False, id="app.privacy"),
        Binding("tab", "next_lane", "key.next_lane", show=False, id="board.next_lane"),
        Binding(
            "shift+tab", "previous_lane", "key.previous_lane", show=False, id="board.previous_lane"
        ),
        Binding("g", "first", "key.first", show=False, id="board.first"),
        Binding("G", "last", "key.last", show=False, id="board.last"),
        Binding("o", "open_setback", "key.open_setback", show=False, id="board.open_setback"),
        Binding("v", "toggle_done", "key.toggle_done", show=False, id="board.done_lane"),
        Binding("T", "timer", "key.timer", show=False, id="board.timer"),
    ]

    def __init__(self, planner: Planner, *, privacy: bool, show_data: ShowData) -> None:
        super().__init__(planner, privacy=privacy, name="board", show_data=show_data)
        self.board: Board | None = None
        self.due: list[SetbackAnalysis] = []
        self.filter_text = ""
        self._shown: dict[Static, object] = {}
        self._nothing_selected_at = -NOTICE_SECONDS
        self.quick_add_draft = ""
        """What quick add held when it was left with ``esc``: the next ``a`` starts from it."""
        self._resumed = False
        self.done_open = False
        """``v`` opened the done lane (it shows only its title and count until then)."""

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield MainPanel()
        yield Static("", id="reviews")
        with VerticalScroll(id="lanes"):
            for lane in DISPLAY_ORDER:
                yield Static("", classes="lane-title", id=f"title-{lane}")
                yield LaneTable(lane, max_rows=24 if lane == "today" else 12)
            yield Static("", classes="lane-title", id="title-done")
            yield LaneTable("done", max_rows=12)
            yield Static("", id="board-hint")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.ready = True
        self.show_data(self)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first time the board is shown its widgets were styled a moment ago, as they
        were mounted: styling them all once more (a tenth of start-up) would change
        nothing. Later resumes restyle as usual (the theme may have changed meanwhile)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    # -- data down -----------------------------------------------------------------------

    def show(self, board: Board, due: list[SetbackAnalysis]) -> None:
        """Render ``board`` (already filtered) and the analyses due for review, keeping the
        selection where it was."""
        self.board = board
        self.due = due
        privacy = self.privacy
        self.query_one(MainPanel).show(
            board.main, board.date, privacy, filtered=board.main_filtered
        )
        reviews = self.query_one("#reviews", Static)
        reviews.display = bool(due)
        if due:
            titles = [title_words(analysis, privacy) for analysis in due[:3]]
            line = t("board.reviews_due", titles="; ".join(titles))
            self._update(reviews, line, partial(Content, line))  # titles are not markup
        for lane in DISPLAY_ORDER:
            items = list(board.lane(lane))
            table = self.query_one(f"#lane-{lane}", LaneTable)
            table.show(items, board.date, privacy)
            title = self.query_one(f"#title-{lane}", Static)
            text = f"{t(f'lane.{lane}')} ({len(items)})"
            widths = table.widths() if items else None
            self._update_title(title, text, widths)
        self._show_done(board)
        hint = self.query_one("#board-hint", Static)
        if board.is_empty and not self.filter_text:
            self._update(hint, t("board.empty_hint"))
            hint.display = True
        elif self.filter_text and not (
            board.done or any(board.lane(lane) for lane in DISPLAY_ORDER)
        ):
            self._update(hint, t("board.filter_empty"))
            hint.display = True
        else:
            hint.display = False
        if self.screen.focused is None or (
            isinstance(self.screen.focused, LaneTable) and not self.screen.focused.items
        ):
            self.focus_first()

    def _show_done(self, board: Board) -> None:
        """The done lane: hidden while nothing is done today; its title and count alone
        until ``v`` opens it; open while a filter finds closed work (``status:done``)."""
        items = list(board.done)
        filtered = bool(self.filter_text.strip())
        expanded = bool(items) and (self.done_open or filtered)
        table = self.query_one("#lane-done", LaneTable)
        table.show(items if expanded else [], board.date, self.privacy)
        title = self.query_one("#title-done", Static)
        title.display = bool(items)
        if not items:
            return
        label = t("lane.done_found") if filtered else t("lane.done_today")
        text = f"{label} ({len(items)})"
        if not expanded:
            text = f"{text}  {t('board.done_hint_show')}"
        elif not filtered:
            text = f"{text}  {t('board.done_hint_hide')}"
        widths = table.widths() if expanded else None
        self._update_title(title, text, widths)

    def action_toggle_done(self) -> None:
        """Open or close the done lane (what was done and dropped today)."""
        self.done_open = not self.done_open
        if self.board is not None:
            self.show(self.board, self.due)
        if self.done_open:
            table = self.query_one("#lane-done", LaneTable)
            if table.items:
                table.focus()
                table.move_cursor(row=0)
                # The lane has only now grown its rows: bring it into view once laid out,
                # or the focus scrolled to where its heading alone stood.
                self.call_after_refresh(table.scroll_visible, animate=False)
        elif isinstance(self.screen.focused, LaneTable) and self.screen.focused.lane == "done":
            self.focus_first()

    def _update(
        self, widget: Static, shown: object, content: Callable[[], Content] | None = None
    ) -> None:
        """Show ``shown`` (or what ``content`` makes of it) unless ``widget`` already does:
        an update redraws the widget, and a key changes a lane or two, not the whole board."""
        if self._shown.get(widget) == shown:
            return
        self._shown[widget] = shown
        widget.update(content() if content is not None else cast(str, shown))

    def _update_title(self, title: Static, text: str, widths: Columns | None) -> None:
        """A lane's title: its text, and its column headers while it has rows (``widths``).

        A new count ("Today (180)" for "Today (181)") is redrawn without laying the screen
        out again: the title keeps its lines, and the lanes under it stay where they are.
        Only a title that gains or loses its headers, or whose text may wrap, needs the
        layout (which, after a key, drew the whole board a second time).
        """
        before = self._shown.get(title)
        shown = (text, widths)
        if before == shown:
            return
        room = title.content_region.width
        same_lines = (
            isinstance(before, tuple)
            and (before[1] is None) == (widths is None)
            and cell_len(before[0]) < room
            and cell_len(text) < room
        )
        self._shown[title] = shown
        title.update(lane_heading(text, widths), layout=not same_lines)

    def focus_first(self) -> None:
        for table in self.tables():
            if table.items:
                table.focus()
                return
        self.query_one(MainPanel).focus()

    def tables(self) -> list[LaneTable]:
        """The lanes in the order the cursor visits them, the done lane last."""
        return [self.query_one(f"#lane-{lane}", LaneTable) for lane in (*DISPLAY_ORDER, "done")]

    def focus_chain_lanes(self) -> list[MainPanel | LaneTable]:
        chain: list[MainPanel | LaneTable] = []
        panel = self.query_one(MainPanel)
        if panel.selected_task is not None:
            chain.append(panel)
        chain.extend(table for table in self.tables() if table.items)
        return chain

    @property
    def selected(self) -> Task | None:
        focused = self.screen.focused
        if isinstance(focused, (LaneTable, MainPanel)):
            return focused.selected_task
        return None

    def select(self, task_id: str) -> bool:
        """Move the cursor to ``task_id`` wherever it is on the board; False if it is not."""
        panel = self.query_one(MainPanel)
        if panel.selected_task is not None and panel.selected_task.id == task_id:
            panel.focus()
            return True
        for table in self.tables():
            if table.select_task(task_id):
                table.focus()
                return True
        focused = self.screen.focused
        if isinstance(focused, LaneTable) and not focused.items:
            self.focus_first()
        return False

    # -- navigation ----------------------------------------------------------------------

    def _step_lane(self, step: int, *, to_edge: bool = False) -> None:
        chain = self.focus_chain_lanes()
        if not chain:
            return
        focused = self.screen.focused
        index = chain.index(focused) if focused in chain else -1
        target = chain[(index + step) % len(chain)]
        target.focus()
        if isinstance(target, LaneTable):
            row = 0 if step > 0 or not to_edge else len(target.items) - 1
            target.move_cursor(row=row)

    def action_next_lane(self) -> None:
        self._step_lane(+1)

    def action_previous_lane(self) -> None:
        self._step_lane(-1)

    @on(Edge)
    def _edge(self, event: Edge) -> None:
        chain = self.focus_chain_lanes()
        index = chain.index(event.lane) if event.lane in chain else -1
        target_index = index + event.step
        if 0 <= target_index < len(chain):
            target = chain[target_index]
            target.focus()
            if isinstance(target, LaneTable):
                row = 0 if event.step > 0 else len(target.items) - 1
                target.move_cursor(row=row)

    def action_first(self) -> None:
        chain = self.focus_chain_lanes()
        if chain:
            chain[0].focus()
            if isinstance(chain[0], LaneTable):
                chain[0].move_cursor(row=0)

    def action_last(self) -> None:
        chain = self.focus_chain_lanes()
        if chain:
            last = chain[-1]
            last.focus()
            if isinstance(last, LaneTable):
                last.move_cursor(row=len(last.items) - 1)

    @on(LaneTable.Resized)
    def _lane_resized(self) -> None:
        if self.board is not None:
            self.show(self.board, self.due)

    @on(LaneTable.OptionSelected)
    def _row_selected(self, event: LaneTable.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    # -- triage --------------------------------------------------------------------------

    def _on_selected(self, act: Callable[[Task], object]) -> None:
        task = self.selected
        if task is None:
            # Keys pressed on an empty board add no second notice while the first is shown.
            if monotonic() - self._nothing_selected_at > NOTICE_SECONDS:
                self._nothing_selected_at = monotonic()
                self.app.notify(
                    t("board.nothing_selected"), severity="warning", timeout=NOTICE_SECONDS
                )
            return
        act(task)

    def action_quick_add(self) -> None:
        from widgets.dialogs.quick_add import QuickAddScreen

        planner = self.planner

        def submit(text: str) -> str | None:
            """Add the task, or return the inline error (the dialog keeps the text)."""
            try:
                planner.quick_add_check(text)
            except ParseError as exc:
                return describe_error(exc)
            replaced = self._main_now()
            add = PerformAction(
                "action.add",
                lambda: planner.quick_add(text),
                select=_task_id,
                then=partial(self._say_replaced, replaced),
            )
            ask(self, add)
            return None

        self.app.push_screen(QuickAddScreen(submit, self.quick_add_draft, self._keep_draft))

    def _keep_draft(self, text: str) -> None:
        self.quick_add_draft = text

    def action_edit(self) -> None:
        from widgets.dialogs.edit_form import EditScreen

        planner = self.planner

        def edit(task: Task) -> None:
            if is_hidden(task, self.privacy):
                # The form would show the title and notes privacy mode hides.
                self.app.notify(t("board.edit_masked"), severity="warning")
                return

            def save(fields: dict[str, object], base: Task) -> None:
                edit = partial(planner.edit, task.id, fields, base=base)
                ask(self, PerformAction("action.edit", edit))

            self.app.push_screen(EditScreen(task, planner, save))

        self._on_selected(edit)

    def _simple(self, label: str, call: Callable[[str], object]) -> None:
        self._on_selected(lambda task: ask(self, PerformAction(label, lambda: call(task.id))))

    def action_accept(self) -> None:
        planner = self.planner

        def accept(task: Task) -> None:
            if task.status != "inbox":
                self.app.notify(t("board.not_inbox"), severity="warning")
                return
            ask(self, PerformAction("action.accept", lambda: planner.accept(task.id)))

        self._on_selected(accept)

    def action_main(self) -> None:
        planner = self.planner

        def choose(task: Task) -> None:
            replaced = self._main_now()
            then = partial(self._say_replaced, replaced)
            ask(self, PerformAction("action.main", lambda: planner.set_main(task.id), then=then))

        self._on_selected(choose)

    def _main_now(self) -> Task | None:
        """Today's main contradiction as the board shows it, before an action may replace it."""
        main = self.board.main if self.board is not None else None
        return main.task if main is not None else None

    def _say_replaced(self, before: Task | None, result: object) -> None:
        """After an action that may have chosen a new main contradiction: name the one it
        replaced, so a stray ``!main`` or ``m`` is seen (``u`` puts it back)."""
        if before is None or not isinstance(result, Task):
            return
        if self.planner.main_id() == result.id != before.id:
            self.app.notify(t("board.main_replaced", title=title_words(before, self.privacy)))

    def action_central(self) -> None:
        self._simple("action.central", self.planner.toggle_central)

    def action_wait(self) -> None:
        self._simple("action.wait", self.planner.toggle_waiting)

    def action_confidential(self) -> None:
        self._simple("action.confidential", self.planner.toggle_confidential)

    def action_drop(self) -> None:
        self._simple("action.drop", self.planner.drop)

    def action_delete(self) -> None:
        """Delete the selected task for good, once confirmed; ``u`` brings it back."""
        from widgets.dialogs.confirm import ConfirmScreen

        planner = self.planner

        def ask_first(task: Task) -> None:
            def answered(delete: bool | None) -> None:
                if delete:
                    ask(self, PerformAction("action.delete", lambda: planner.delete_task(task.id)))

            question = ConfirmScreen(
                t("board.delete_question"), self._title(task), t("board.delete_keys")
            )
            self.app.push_screen(question, answered)

        self._on_selected(ask_first)

    def action_done(self) -> None:
        planner = self.planner

        def done(task: Task) -> None:
            if not task.is_active:
                ask(self, PerformAction("action.reopen", lambda: planner.reopen(task.id)))
                return

            def then(result: Any) -> None:
                if result is not None and result.awaits_feedback:
                    self._ask_feedback(task, now=True)

            ask(self, PerformAction("action.done", lambda: planner.complete(task.id), then=then))

        self._on_selected(done)

    def _ask_feedback(self, task: Task, *, now: bool = False) -> None:
        from widgets.dialogs.prompt import PromptScreen

        planner = self.planner
        # The last feedback opens the field, to keep or change (not while privacy mode
        # hides it); a change is recorded as new feedback, so the history loses nothing.
        hidden = is_hidden(task, self.privacy)
        last = task.feedback[-1].text if task.feedback and not hidden else ""

        def record(text: str) -> str | None:
            if not text.strip():
                return t("prompt.feedback_empty")
            if last and text.strip() == last:
                return None  # Enter kept it
            feedback = PerformAction(
                "action.feedback", lambda: planner.record_feedback(task.id, text)
            )
            ask(self, feedback)
            return None

        if now:
            title = t("prompt.feedback_now")
        else:
            title = t("prompt.feedback_again") if last else t("prompt.feedback")
        hint = t("prompt.feedback_hint")
        self.app.push_screen(
            PromptScreen(title, record, hint=hint, subject=self._title(task), initial=last)
        )

    def action_feedback(self) -> None:
        self._on_selected(self._ask_feedback)

    def action_extend(self) -> None:
        """An instruction's extension (督办): ask for one (date and reason), or, when one
        was asked for, approve it once confirmed."""
        self._on_selected(self._extend)

    def _extend(self, task: Task) -> None:
        from widgets.dialogs.confirm import ConfirmScreen
        from widgets.dialogs.extension import ExtensionScreen

        planner = self.planner
        if not task.is_instruction:
            self.app.notify(t("extend.not_instruction"), severity="warning")
            return
        if task.report_by is None:
            self.app.notify(t("extend.no_report_by"), severity="warning")
            return
        if task.extension_to is not None:
            asked, current = task.extension_to.isoformat(), task.report_by.isoformat()

            def answered(approve: bool | None) -> None:
                if approve:
                    action = PerformAction(
                        "action.extend_approve", lambda: planner.approve_extension(task.id)
                    )
                    ask(self, action)

            question = t(
                "extend.confirm_approve", title=self._title(task), date=asked, current=current
            )
            detail = extension_words(task) if not is_hidden(task, self.privacy) else ""
            keys = t("extend.confirm_keys")
            self.app.push_screen(ConfirmScreen(question, detail, keys), answered)
            return
        report_by = task.report_by

        def apply(text: str, reason: str) -> str | None:
            try:
                value = planner.parse_date(text, "forward")
            except ParseError as exc:
                return describe_date_error(t("extend.date_label"), exc)
            day = value.date() if isinstance(value, datetime) else value
            if day is None or day <= report_by:
                return t("extend.not_after", date=report_by.isoformat())
            if not reason.strip():
                return t("extend.reason_empty")
            action = PerformAction(
                "action.extend_request",
                lambda: planner.request_extension(task.id, day, reason),
            )
            ask(self, action)
            return None

        self.app.push_screen(ExtensionScreen(self._title(task), apply))

    def _title(self, task: Task) -> str:
        return title_words(task, self.privacy)

    def _date_prompt(self, label: str, title_key: str, *, allow_time: bool) -> None:
        """Ask for a due or scheduled date, opening on the current one written as it reads
        back (``2026-12-01``, ``2026-12-01 14:00``): Enter keeps it, an empty field clears it."""
        from planner.i18n.formats import format_due
        from widgets.dialogs.prompt import PromptScreen

        planner = self.planner

        def shown_value(current: Task) -> str:
            return format_due(current.scheduled if label == "action.schedule" else current.due)

        def prompt(task: Task) -> None:
            initial = shown_value(task)
            seen = [initial]  # the value the user last saw; another process may change it

            def apply(text: str) -> str | None:
                if text.strip() == initial:
                    return None  # kept as it is: no change, no undo step
                try:
                    now = shown_value(planner.task(task.id))
                except NotFoundError:
                    now = seen[-1]
                if now != seen[-1]:
                    # Another process changed this field while the prompt was open: say so,
                    # and let a second Enter replace their value, knowingly.
                    seen.append(now)
                    return t("prompt.changed_meanwhile", value=now or t("prompt.none"))
                try:
                    value = planner.parse_date(text, "forward", allow_time=allow_time)
                except ParseError as exc:
                    field = "edit.scheduled" if label == "action.schedule" else "edit.due"
                    return describe_date_error(t(field), exc)
                if label == "action.schedule":
                    day = value.date() if isinstance(value, datetime) else value
                    ask(self, PerformAction(label, lambda: planner.schedule(task.id, day)))
                else:
                    ask(self, PerformAction(label, lambda: planner.set_due(task.id, value)))
                return None

            hint = t("prompt.due_hint" if allow_time else "prompt.date_hint")
            subject = self._title(task)
            self.app.push_screen(
                PromptScreen(t(title_key), apply, hint=hint, subject=subject, initial=initial)
            )

        self._on_selected(prompt)

    def action_schedule(self) -> None:
        self._date_prompt("action.schedule", "prompt.schedule", allow_time=False)

    def action_due(self) -> None:
        self._date_prompt("action.due", "prompt.due", allow_time=True)

    def action_timer(self) -> None:
        """Start the selected task's timer (the running one, on any task, stops), or stop
        it when it is the selected task's own."""
        from planner.domain.timer import running

        planner = self.planner

        def toggle(task: Task) -> None:
            if task.intervals and running(task.intervals) is not None:
                ask(self, PerformAction("action.timer_stop", planner.stop_timer, then=self._said))
                return
            start = PerformAction(
                "action.timer_start", lambda: planner.start_timer(task.id), then=self._said
            )
            ask(self, start)

        self._on_selected(toggle)

    def _said(self, result: object) -> None:
        """The note after the timer key: what started (and what it stopped), what stopped."""
        from planner.i18n.timer_words import timer_note

        note = timer_note(result, self.privacy)
        if note:
            self.app.notify(note)

    def action_undo(self) -> None:
        ask(self, StepHistory("undo"))

    def action_redo(self) -> None:
        ask(self, StepHistory("redo"))

    def action_explain(self) -> None:
        from widgets.dialogs.explain import ExplainScreen

        planner = self.planner
        self._on_selected(
            lambda task: self.app.push_screen(
                ExplainScreen(
                    self._title(task),
                    planner.explain(task.id),
                    pinned=planner.main_id() == task.id,
                    estimate=format_estimate(task),
                    spent=info_words(task),
                    instruction=instruction_lines(task, planner.instruction_state(task)),
                )
            )
        )

    def action_open_setback(self) -> None:
        """From a remedial measure (marked +) to the analysis it belongs to."""

        def open_it(task: Task) -> None:
            if not task.setback:
                self.app.notify(t("board.not_a_measure"), severity="warning")
                return
            ask(self, ShowSetback(task.setback))

        self._on_selected(open_it)

    def action_privacy(self) -> None:
        ask(self, TogglePrivacy())

    def action_filter(self) -> None:
        """Show the filter box, made on first use (start-up does without it)."""
        self._filter_box().focus()

    def _filter_box(self) -> FilterInput:
        boxes = self.query(FilterInput)
        if boxes:
            return boxes.first()
        box = FilterInput(placeholder=t("board.filter_placeholder"), id="filter")
        self.mount(box, before=self.query_one(KeyBar))
        return box

    def set_filter(self, text: str) -> None:
        """Filter the board by ``text``, shown in the filter box, the cursor in the lanes."""
        self._filter_box().value = text
        self.filter_text = text
        ask(self, DataChanged())
        self.call_after_refresh(self.focus_first)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        ask(self, DataChanged())

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.focus_first()


def _task_id(task: Task) -> str:
    return task.id
