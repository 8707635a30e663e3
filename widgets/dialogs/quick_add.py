"""Quick add: one line of text with tokens; an unreadable token is an inline error."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from planner.i18n.translate import t
from widgets.keys.translate import TranslatedBindings


class QuickAddScreen(TranslatedBindings, ModalScreen[None]):
    """``submit(text)`` adds the task and returns None, or returns an error to show inline."""

    CSS_PATH = "quick_add.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, submit: Callable[[str], str | None], initial: str = "") -> None:
        super().__init__()
        self.submit = submit
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(t("quick_add.title"), id="dialog-title")
            yield Input(value=self.initial, placeholder=t("quick_add.placeholder"), id="text")
            yield Static("", id="error")
            yield Static(t("quick_add.help"), id="help")

    def on_mount(self) -> None:
        self.query_one("#error", Static).display = False

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss()
            return
        error = self.submit(text)
        if error is None:
            self.dismiss()
            return
        box = self.query_one("#error", Static)
        box.update(error)
        box.display = True
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#error", Static).display = False

    def action_cancel(self) -> None:
        self.dismiss()
