"""The setbacks list (screen 3): each analysis with its state and its measures' progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Static

from planner.i18n import t
from planner.ids import short
from planner.models import DIMENSIONS, SetbackAnalysis, Task
from planner.textwidth import cell_width
from widgets.header import AppHeader
from widgets.keybar import KeyBar
from widgets.translate import TranslatedBindings

if TYPE_CHECKING:
    from planner.app import PlannerApp

STATE_STYLES = {"draft": "dim", "open": "yellow", "review_due": "bold red", "resolved": "green"}


class SetbacksScreen(TranslatedBindings, Screen[None]):
    CSS_PATH = "setbacks.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "key.setback_new"),
        Binding("e", "open", "key.setback_open"),
        Binding("r", "reviewed", "key.setback_reviewed"),
        Binding("E", "app.export('setbacks')", "key.export"),
        Binding("j", "cursor_down", "key.down", show=False),
        Binding("k", "cursor_up", "key.up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="setbacks", name="setbacks")
        self.ready = False
        self.rows: list[tuple[SetbackAnalysis, list[Task]]] = []

    @property
    def planner_app(self) -> PlannerApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="setbacks-body"):
            yield DataTable(cursor_type="row", id="setbacks-table")
            yield Static("", id="setback-detail")
        yield Static(t("setbacks.empty"), id="setbacks-empty")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        table: DataTable[str | Text] = self.query_one(DataTable)
        table.add_column(t("setbacks.date"), width=10)
        table.add_column(t("setbacks.title"), width=26)
        table.add_column(t("setbacks.kind"), width=12)
        causes = [t(f"dimension.{name}") for name in (*DIMENSIONS, "unset")]
        table.add_column(t("setbacks.cause"), width=min(12, max(map(cell_width, causes))))
        table.add_column(t("setbacks.measures"), width=7)
        table.add_column(t("setbacks.state"), width=8)
        self.ready = True
        self.planner_app.render_screen(self)

    def show(self, rows: list[tuple[SetbackAnalysis, list[Task]]]) -> None:
        app = self.planner_app
        today = app.planner.today()
        table: DataTable[str | Text] = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows = rows
        for analysis, measures in rows:
            state = analysis.state(measures, today)
            done = sum(1 for m in measures if m.status == "done")
            title = t("board.masked") if app.privacy and analysis.confidential else analysis.title
            cause = t(f"dimension.{analysis.principal_cause}") if analysis.principal_cause else ""
            table.add_row(
                analysis.date.isoformat(),
                title,
                t(f"setback.kind.{analysis.kind}"),
                cause,
                f"{done}/{len(measures)}",
                Text(t(f"setback.state.{state}"), style=STATE_STYLES[state]),
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
        """Put the cursor on the analysis ``setback_id``."""
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
        if self.planner_app.privacy and analysis.confidential:
            detail.update(t("setbacks.masked"))
            return
        lines = [Text(analysis.title, style="bold")]
        for name in ("objective", "subjective", "goal", "environment", "conditions"):
            text = getattr(analysis, name).strip()
            mark = " *" if analysis.principal_cause == name else ""
            lines.append(Text(f"{t(f'dimension.{name}')}{mark}: {text or '-'}"))
        lines.append(Text(f"{t('setbacks.lesson')}: {analysis.lesson.strip() or '-'}"))
        for task in measures:
            box = "[x]" if task.status == "done" else ("[-]" if task.status == "dropped" else "[ ]")
            due = f"  {task.due_date.isoformat()}" if task.due_date else ""
            lines.append(Text(f"{box} {short(task.id)} {task.title}{due}"))
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
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_new(self) -> None:
        from widgets.setback_wizard import SetbackWizard

        self.app.push_screen(SetbackWizard(None, [], self.planner_app.refresh_board))

    def action_open(self) -> None:
        from widgets.setback_wizard import SetbackWizard

        chosen = self._selected()
        if chosen is None:
            return
        analysis, measures = chosen
        self.app.push_screen(SetbackWizard(analysis, measures, self.planner_app.refresh_board))

    def action_reviewed(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        app = self.planner_app
        analysis = chosen[0]
        app.perform("action.setback", lambda: app.planner.mark_setback_reviewed(analysis.id))
