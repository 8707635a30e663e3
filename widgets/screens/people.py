"""People view: open work grouped by key person, with counts and the nearest date.

Every cell is plain text, never markup: a name or a title may hold brackets, and the mask
``[confidential]`` read as markup would show as a blank. In privacy mode confidential work
is grouped under the mask (``planner.domain.people``), its people named nowhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from planner.domain.filters import person_filter
from planner.domain.people import PersonGroup
from planner.domain.privacy import Masked
from planner.domain.textwidth import truncate
from planner.i18n.privacy import title_words, words
from planner.i18n.translate import t
from widgets.keys.translate import TranslatedBindings
from widgets.messages import FilterBoard, ShowTask, ask
from widgets.parts.header import AppHeader
from widgets.parts.keybar import KeyBar
from widgets.parts.lanes import short_date
from widgets.parts.table_columns import CELL_PADDING, set_columns
from widgets.screens.base import PlannerScreen, ShowData

if TYPE_CHECKING:
    from planner.services.planner import Planner

FIXED = {"people.person": 16, "people.count": 6, "people.nearest": 12, "column.due": 12}
"""Column widths (catalog key of the heading: cells); the title takes the rest."""
TITLE_MIN = 20


class PeopleScreen(TranslatedBindings, PlannerScreen):
    CSS_PATH = "people.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "key.down", show=False, id="people.down"),
        Binding("k", "cursor_up", "key.up", show=False, id="people.up"),
        Binding("enter", "open", "key.open_on_board", show=False, id="people.open"),
    ]

    def __init__(self, planner: Planner, *, privacy: bool, show_data: ShowData) -> None:
        super().__init__(planner, privacy=privacy, name="people", show_data=show_data)
        self.groups: list[PersonGroup] = []
        self.row_tasks: list[str | None] = []
        """The task on each row (None on a person's own row)."""
        self.row_people: list[str | None] = []
        """The person on each of their own rows (None on a task's row)."""
        self._columns: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield DataTable(cursor_type="row", id="people-table")
        yield Static(t("people.empty"), id="people-empty")
        yield KeyBar(id="keys")

    def _fit(self) -> bool:
        """Lay the columns out for the table's width (the title takes what the others
        leave, cut with the mark beyond it); whether they changed."""
        table: DataTable[str | Text] = self.query_one(DataTable)
        width = table.size.width or self.app.size.width
        title = max(TITLE_MIN, width - sum(FIXED.values()) - CELL_PADDING * (len(FIXED) + 1) - 2)
        columns = [*FIXED.items()]
        columns.insert(3, ("column.title", title))
        if columns == self._columns:
            return False
        self._columns = columns
        set_columns(table, columns, t)
        return True

    def on_resize(self) -> None:
        if self._fit() and self.ready:
            self.show(self.groups)

    def on_mount(self) -> None:
        self._fit()
        self.ready = True
        self.show_data(self)

    def show(self, groups: list[PersonGroup]) -> None:
        today = self.planner.today()
        table: DataTable[str | Text] = self.query_one(DataTable)
        kept = self._row_identity(table.cursor_row)
        table.clear()
        self.groups = groups
        self.row_tasks = []
        self.row_people = []
        title_width = dict(self._columns).get("column.title", TITLE_MIN)
        for group in groups:
            nearest = short_date(group.nearest, today) if group.nearest else ""
            name = Text(truncate(words(group.name), FIXED["people.person"]), style="bold")
            table.add_row(name, str(len(group.tasks)), nearest, "", "")
            self.row_tasks.append(None)
            self.row_people.append(None if isinstance(group.name, Masked) else group.name)
            for task in group.tasks:
                title = Text(truncate(title_words(task, self.privacy), title_width))
                table.add_row("", "", "", title, Text(short_date(task.due, today)))
                self.row_tasks.append(task.id)
                self.row_people.append(None)
        self.query_one("#people-empty", Static).display = not groups
        table.display = bool(groups)
        if kept is not None:
            # New data (a resize, another process's write) keeps the row the user is on.
            rows = range(len(self.row_tasks))
            found = next((row for row in rows if self._row_identity(row) == kept), None)
            if found is not None:
                table.move_cursor(row=found)
        table.focus()

    def _row_identity(self, row: int) -> tuple[str, str] | None:
        """What the row at ``row`` stands for (a task or a person), to find it again."""
        if not 0 <= row < len(self.row_tasks):
            return None
        task_id = self.row_tasks[row]
        if task_id is not None:
            return ("task", task_id)
        person = self.row_people[row]
        return ("person", person) if person else None

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        if not 0 <= row < len(self.row_tasks):
            return
        task_id = self.row_tasks[row]
        if task_id is not None:
            ask(self, ShowTask(task_id))
        elif person := self.row_people[row]:
            ask(self, FilterBoard(person_filter(person)))
