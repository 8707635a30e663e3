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
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings


class QuickAddScreen(TranslatedBindings, ModalScreen[None]):
    """``submit(text)`` adds the task and returns None, or returns an error to show inline.

    ``keep(text)`` is told what is left in the line as the dialog closes: the text typed
    before ``esc`` (a draft the next quick add starts from), or nothing once it was added.
    """

    CSS_PATH = "quick_add.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(
        self,
        submit: Callable[[str], str | None],
        initial: str = "",
        keep: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.submit = submit
        self.initial = initial
        self.keep = keep

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(t("quick_add.title"), id="dialog-title")
            yield Input(value=self.initial, placeholder=t("quick_add.placeholder"), id="text")
            if self.initial:
                yield WrappedText(t("quick_add.draft"), id="draft")
            yield Static("", id="error")
            yield WrappedText(t("quick_add.help"), id="help")

    def on_mount(self) -> None:
        self.query_one("#error", Static).display = False

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._close("")
            return
        error = self.submit(text)
        if error is None:
            self._close("")
            return
        box = self.query_one("#error", Static)
        box.update(error)
        box.display = True
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#error", Static).display = False

    def action_cancel(self) -> None:
        self._close(self.query_one(Input).value.strip())

    def _close(self, left: str) -> None:
        if self.keep is not None:
            self.keep(left)
        self.dismiss()
