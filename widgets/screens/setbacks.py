"""The setbacks list (screen 3): each analysis with its state and its measures' progress.

The list needs every analysis and its measures, done ones from the whole archive: read cold,
ten years of that take about a tenth of a second. The first time the screen is shown, a worker
thread reads them through a ``reader()`` of the store, which the store then adopts; until
then a loading line stands in for the list (and the app, seeing the screen not ``ready``, does
not read them itself). From then on the app reads them warm, in a few milliseconds, after every
change. Keys that act on the list (``j``/``k``, ``e``/``enter``, ``r``) pressed while it loads
wait for it and then act in order, as they would have on a list that was already there; the
analysis the board's ``o`` asked for is selected as soon as it is in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from planner.domain.ids import short
from planner.domain.models import DIMENSIONS, SETBACK_KINDS, SetbackAnalysis, Task
from planner.domain.privacy import is_hidden
from planner.domain.textwidth import cell_width, truncate
from planner.domain.visible import visible, visible_lines
from planner.i18n.errors import describe_error
from planner.i18n.privacy import title_words
from planner.i18n.translate import t
from planner.services.ports import Store
from widgets.keys.translate import TranslatedBindings
from widgets.messages import DataChanged, PerformAction, ask
from widgets.parts.header import AppHeader
from widgets.parts.keybar import KeyBar
from widgets.parts.table_columns import CELL_PADDING, set_columns
from widgets.screens.base import PlannerScreen, ShowData

if TYPE_CHECKING:
    from planner.services.planner import Planner
    from widgets.dialogs.setback_wizard import KeptTexts

GIVE_WAY = ("kind", "cause", "measures")
"""The list's columns that give way, in this order, when it is narrow: the kind first, then
the principal cause, then the measures; the date, the title and the state always show."""

HEADINGS = {
    "date": "setbacks.date",
    "title": "setbacks.title",
    "kind": "setbacks.kind",
    "cause": "setbacks.cause",
    "measures": "setbacks.measures",
    "state": "setbacks.state",
}

TITLE_MIN = 12


def fit_columns(width: int, fixed: dict[str, int]) -> list[tuple[str, int]]:
    """The columns shown in ``width`` cells, with their widths: every column in ``fixed``
    (by name, its width) that fits beside a title of at least ``TITLE_MIN``, dropped in the
    order of ``GIVE_WAY``, and the title taking what is left (at most 30)."""
    names = ["date", "title", "kind", "cause", "measures", "state"]
    dropped: list[str] = []

    def room() -> int:
        used = sum(
            fixed[name] + CELL_PADDING for name in names if name != "title" and name not in dropped
        )
        return width - used - CELL_PADDING

    for name in GIVE_WAY:
        if room() >= TITLE_MIN:
            break
        dropped.append(name)
    title = max(TITLE_MIN, min(30, room()))
    return [
        (name, title if name == "title" else fixed[name]) for name in names if name not in dropped
    ]


STATE_STYLES = {"draft": "dim", "open": "yellow", "review_due": "bold red", "resolved": "green"}


class SetbacksScreen(TranslatedBindings, PlannerScreen):
    CSS_PATH = "setbacks.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "key.setback_new", id="setbacks.new"),
        Binding("e", "open", "key.setback_open", id="setbacks.open"),
        Binding("r", "reviewed", "key.setback_reviewed", id="setbacks.reviewed"),
        Binding("E", "app.export('setbacks')", "key.export", id="setbacks.export"),
        Binding("j", "cursor_down", "key.down", show=False, id="setbacks.down"),
        Binding("k", "cursor_up", "key.up", show=False, id="setbacks.up"),
        Binding("enter", "open", "key.setback_open", show=False, id="setbacks.open"),
    ]
    """``enter`` on the list is the table's (it selects the row, which opens it); this one
    takes it when nothing has focus (the list loading, or empty)."""

    def __init__(self, planner: Planner, *, privacy: bool, show_data: ShowData) -> None:
        super().__init__(planner, privacy=privacy, name="setbacks", show_data=show_data)
        self.rows: list[tuple[SetbackAnalysis, list[Task]]] = []
        self._columns: list[tuple[str, int]] = []
        """The columns shown and their widths, as last fitted to the table's width."""
        self._loader: Worker[Any] | None = None
        self._waiting: list[str] = []
        """List actions asked for while it loads, in order."""
        self._wanted: str | None = None
        """The analysis to select once the list is in (the board's ``o`` while it loads)."""
        self._failed = False
        """The last reading failed (the user was told): showing the screen again retries."""
        self.kept_texts: KeptTexts = {}
        """What the wizard could not read when it saved a draft, by analysis, back in its
        fields when the analysis is opened again (for as long as the app runs)."""

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="setbacks-body"):
            yield DataTable(cursor_type="row", id="setbacks-table")
            yield Static("", id="setback-detail")
        yield Static(t("setbacks.empty"), id="setbacks-empty")
        yield Static(t("setbacks.loading"), id="setbacks-loading")
        yield KeyBar(id="keys")

    def _fixed_widths(self) -> dict[str, int]:
        """Each column's width but the title's: its heading or its widest value."""

        def widest(key: str, values: list[str], most: int = 14) -> int:
            """The widest of a heading and its values, at most ``most`` (longer ones are cut,
            with the mark)."""
            return min(most, max(cell_width(text) for text in [t(key), *values]))

        return {
            "date": 10,
            "kind": widest("setbacks.kind", [t(f"setback.kind.{k}") for k in SETBACK_KINDS]),
            "cause": widest(
                "setbacks.cause", [t(f"dimension.{name}") for name in (*DIMENSIONS, "unset")]
            ),
            "measures": widest("setbacks.measures", ["10/10"]),
            "state": widest("setbacks.state", [t(f"setback.state.{s}") for s in STATE_STYLES]),
        }

    def _fit(self) -> bool:
        """Lay the columns out for the table's width; whether they changed."""
        table: DataTable[str | Text] = self.query_one(DataTable)
        width = table.size.width or (self.app.size.width * 3) // 5
        columns = fit_columns(width, self._fixed_widths())
        if columns == self._columns:
            return False
        self._columns = columns
        set_columns(table, columns, lambda name: t(HEADINGS[name]))
        return True

    def on_resize(self) -> None:
        if self._fit() and self.ready:
            self.show(self.rows)

    def on_mount(self) -> None:
        self._fit()
        self._show_loading(t("setbacks.loading"))
        self.show_data(self)  # the header now; the list once it is read
        self.call_after_refresh(self._load)  # after the frame with the loading line

    def on_screen_resume(self) -> None:
        if self._failed:
            self._show_loading(t("setbacks.loading"))
            self.call_after_refresh(self._load)

    # -- loading ---------------------------------------------------------------------------

    def _load(self) -> None:
        """Read the analyses and their measures in a thread, on a reader of the store."""
        if self.ready or self._loader is not None:
            return
        self._failed = False
        from planner.services.planner import Planner

        planner = self.planner
        reader = planner.store.reader()
        config, clock = planner.config, planner.clock

        def read() -> Store:
            Planner(reader, config, clock).setbacks()
            return reader

        self._loader = self.run_worker(
            read, thread=True, group="setbacks-load", exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is not self._loader or not worker.is_finished:
            return
        self._loader = None
        if event.state == WorkerState.SUCCESS:
            self.planner.store.adopt(worker.result)  # type: ignore[arg-type]
            self.ready = True
            self.query_one("#setbacks-loading", Static).display = False
            self.show(self.planner.setbacks())  # warm now, with any change made meanwhile
            if self._wanted is not None:
                self.select(self._wanted)
            self._act_on_waiting_keys()
        elif isinstance(worker.error, Exception):
            # A file that cannot be read (DataError names it): say so in the list's place;
            # showing the screen again tries again.
            self._failed = True
            self._waiting.clear()
            message = describe_error(worker.error)
            self._show_loading(message)
            self.app.notify(message, severity="error", timeout=10)

    def _show_loading(self, text: str) -> None:
        loading = self.query_one("#setbacks-loading", Static)
        loading.update(Text(text))  # an error quotes the file: never read as markup
        loading.display = True
        self.query_one("#setbacks-body").display = False
        self.query_one("#setbacks-empty", Static).display = False

    def _act_on_waiting_keys(self) -> None:
        """Run the list actions asked for while it loaded; those after one that opened a
        screen (``e``) are dropped, as that screen would have taken their keys."""
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            if self.app.screen is not self:
                break
            getattr(self, f"action_{action}")()

    def _held(self, action: str) -> bool:
        """Whether ``action`` must wait for the list (it is then kept to run once it is in)."""
        if self.ready:
            return False
        self._waiting.append(action)
        return True

    def show(self, rows: list[tuple[SetbackAnalysis, list[Task]]]) -> None:
        today = self.planner.today()
        table: DataTable[str | Text] = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows = rows
        for analysis, measures in rows:
            state = analysis.state(measures, today)
            done = sum(1 for m in measures if m.status == "done")
            cause = t(f"dimension.{analysis.principal_cause}") if analysis.principal_cause else ""
            cells: dict[str, str | Text] = {
                "date": analysis.date.isoformat(),
                "title": title_words(analysis, self.privacy),
                "kind": t(f"setback.kind.{analysis.kind}"),
                "cause": cause,
                "measures": f"{done}/{len(measures)}",
                "state": Text(t(f"setback.state.{state}"), style=STATE_STYLES[state]),
            }
            table.add_row(
                *(
                    truncate(value, size) if isinstance(value, str) else value
                    for (name, size), value in (
                        (column, cells[column[0]]) for column in self._columns
                    )
                ),
                key=analysis.id,
            )
        self.query_one("#setbacks-empty", Static).display = not rows
        self.query_one("#setbacks-body").display = bool(rows)
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
            table.focus()
        self._show_detail()

    def _selected(self) -> tuple[SetbackAnalysis, list[Task]] | None:
        table = self.query_one(DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def select(self, setback_id: str) -> None:
        """Put the cursor on the analysis ``setback_id`` (once the list is in)."""
        if not self.ready:
            self._wanted = setback_id
            return
        self._wanted = None
        for row, (analysis, _) in enumerate(self.rows):
            if analysis.id == setback_id:
                self.query_one(DataTable).move_cursor(row=row)
                self._show_detail()
                return

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#setback-detail", Static)
        chosen = self._selected()
        if chosen is None:
            detail.update("")
            return
        analysis, measures = chosen
        if is_hidden(analysis, self.privacy):
            detail.update(t("setbacks.masked"))
            return
        # The user's words with their control characters written out (``visible``); a
        # confidential measure of a public analysis is masked in privacy mode.
        lines = [Text(visible(analysis.title), style="bold")]
        for name in DIMENSIONS:
            text = visible_lines(getattr(analysis, name).strip())
            mark = " *" if analysis.principal_cause == name else ""
            lines.append(Text(f"{t(f'dimension.{name}')}{mark}: {text or '-'}"))
        lesson = visible_lines(analysis.lesson.strip())
        lines.append(Text(f"{t('setbacks.lesson')}: {lesson or '-'}"))
        for task in measures:
            box = "[x]" if task.status == "done" else ("[-]" if task.status == "dropped" else "[ ]")
            due = f"  {task.due_date.isoformat()}" if task.due_date else ""
            title = title_words(task, self.privacy, within=analysis)
            lines.append(Text(f"{box} {short(task.id)} {title}{due}"))
        if analysis.review_on:
            reviewed = t("setbacks.reviewed") if analysis.reviewed_at else ""
            when = analysis.review_on.isoformat()
            lines.append(Text(f"{t('setbacks.review_on')}: {when} {reviewed}"))
        detail.update(Text("\n").join(lines))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_cursor_down(self) -> None:
        if not self._held("cursor_down"):
            self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self._held("cursor_up"):
            self.query_one(DataTable).action_cursor_up()

    def action_new(self) -> None:
        from widgets.dialogs.setback_wizard import SetbackWizard

        wizard = SetbackWizard(None, [], self.planner, self._changed, self.kept_texts)
        self.app.push_screen(wizard)

    def action_open(self) -> None:
        from widgets.dialogs.setback_wizard import SetbackWizard

        if self._held("open"):
            return
        chosen = self._selected()
        if chosen is None:
            return
        analysis, measures = chosen
        wizard = SetbackWizard(analysis, measures, self.planner, self._changed, self.kept_texts)
        self.app.push_screen(wizard)

    def _changed(self) -> None:
        ask(self, DataChanged())

    def action_reviewed(self) -> None:
        if self._held("reviewed"):
            return
        chosen = self._selected()
        if chosen is None:
            return
        planner = self.planner
        analysis = chosen[0]
        reviewed = PerformAction(
            "action.setback", lambda: planner.mark_setback_reviewed(analysis.id)
        )
        ask(self, reviewed)
