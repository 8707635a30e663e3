"""The extension dialog (申请延期): the new report-back date and the reason, two fields.

Enter in the date field moves to the reason; Enter in the reason asks. ``apply(date, reason)``
acts and returns None, or an error to show under the fields (the typed text stays)."""

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


class ExtensionScreen(TranslatedBindings, ModalScreen[None]):
    """Ask for an extension of one instruction."""

    CSS_PATH = "extension.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(
        self, subject: str, apply: Callable[[str, str], str | None], *, initial: str = ""
    ) -> None:
        super().__init__()
        self.subject = subject
        self.apply = apply
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield WrappedText(t("extend.title"), id="dialog-title")
            yield WrappedText(self.subject, id="subject")
            yield Label(t("extend.date_label"))
            yield Input(value=self.initial, id="date")
            yield Label(t("extend.reason_label"))
            yield Input(id="reason")
            yield Static("", id="error")
            yield WrappedText(t("extend.hint"), id="hint")

    def on_mount(self) -> None:
        self.query_one("#error", Static).display = False
        self.query_one("#date", Input).focus()

    @on(Input.Submitted, "#date")
    def _date_given(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _reason_given(self) -> None:
        day = self.query_one("#date", Input).value
        reason = self.query_one("#reason", Input).value
        error = self.apply(day, reason)
        if error is None:
            self.dismiss()
            return
        box = self.query_one("#error", Static)
        box.update(error)
        box.display = True

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#error", Static).display = False

    def action_cancel(self) -> None:
        self.dismiss()
