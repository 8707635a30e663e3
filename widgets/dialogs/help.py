"""The help screen: every binding of the screen below it, and the app's, in the user's language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from planner.i18n.translate import t
from widgets.keys.translate import TranslatedBindings, help_rows


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

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(t("help.title", screen=self.screen_title), id="dialog-title")
            yield DataTable(cursor_type="row", id="keys")
            yield Static(t("help.footer"), id="help-footer")

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_column(t("help.key"), width=12)
        table.add_column(t("help.action"), width=44)
        seen: set[str] = set()
        for key, description in [*help_rows(self.under), *help_rows(self.app)]:
            if key in seen:
                continue
            seen.add(key)
            table.add_row(key, description)
        table.focus()

    def action_close(self) -> None:
        self.dismiss()
