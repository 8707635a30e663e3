"""The help screen: every key of the screen below it, and the app's, in the user's language,
as the user's keymap has them."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from planner.i18n.translate import t
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import HelpRow, TranslatedBindings, help_rows

MARGIN = 4
"""Columns left free around the box (and the screen's edge) when the keys need the width."""
MIN_WIDTH = 58
"""The box is at least this wide, so the footer's two sentences take two lines, not four."""
CHROME = 2 + 2 + 2 * 2 + 2
"""Box border (2), box padding (2), each column's cell padding (2 x 2), the scrollbar (2)."""


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.close"),
        Binding("question_mark", "close", "key.close", show=False),
        Binding("q", "close", "key.close", show=False),
        Binding("f1", "close", "key.close", show=False),
    ]

    def __init__(self, under: Screen[object], title: str) -> None:
        super().__init__()
        self.under = under
        self.screen_title = title
        self.rows: list[HelpRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(t("help.title", screen=self.screen_title), id="dialog-title")
            yield DataTable(cursor_type="row", id="keys")
            yield Static("", id="help-id", markup=False)
            yield WrappedText(t("help.footer"), id="help-footer")

    def on_mount(self) -> None:
        self.rows = help_rows(self.under)
        key_header, action_header = t("help.key"), t("help.action")
        key_width = max([cell_len(key_header), *(cell_len(row.keys) for row in self.rows)])
        action_width = max(
            [cell_len(action_header), *(cell_len(row.description) for row in self.rows)]
        )
        # The box fits its content, and the screen: a long description is cut (the table
        # scrolls sideways) only when the terminal is narrower than the keys need.
        room = max(20, self.app.size.width - MARGIN - CHROME - key_width)
        ids = [cell_len(t("help.binding_id", id=row.binding_id or "")) for row in self.rows]
        width = max([MIN_WIDTH, *(id_width + 4 for id_width in ids)])
        action_width = min(max(action_width, width - CHROME - key_width), room)
        dialog = self.query_one("#dialog")
        dialog.styles.width = max(width, key_width + action_width + CHROME)
        table: DataTable[str] = self.query_one(DataTable)
        table.add_column(key_header, width=key_width)
        table.add_column(action_header, width=action_width)
        for row in self.rows:
            table.add_row(row.keys, row.description)
        table.focus()
        self.show_id(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_id(event.cursor_row)

    def show_id(self, index: int) -> None:
        """Under the table, the id of the highlighted action, to remap it in ``[keys]``."""
        binding_id = self.rows[index].binding_id if 0 <= index < len(self.rows) else None
        text = t("help.binding_id", id=binding_id) if binding_id else ""
        self.query_one("#help-id", Static).update(text)

    def action_close(self) -> None:
        self.dismiss()
