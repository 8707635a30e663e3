"""One short prompt for one action: a date, a feedback text. Errors show inline.

The title and the subject (a task's title) wrap to the dialog's width, whole, by the
Chinese line-breaking rule (``WrappedText``); the field may open on the current value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings


class PromptScreen(TranslatedBindings, ModalScreen[None]):
    """``apply(text)`` acts and returns None, or returns an error to show under the field.

    ``initial`` is the value the field opens on (the current one, to edit or keep)."""

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(
        self,
        title: str,
        apply: Callable[[str], str | None],
        *,
        hint: str = "",
        subject: str = "",
        initial: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.apply = apply
        self.hint = hint
        self.subject = subject
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield WrappedText(self.title_text, id="dialog-title")
            if self.subject:
                yield WrappedText(self.subject, id="subject")
            yield Input(value=self.initial, id="answer")
            yield Static("", id="error")
            if self.hint:
                yield WrappedText(self.hint, id="hint")

    def on_mount(self) -> None:
        self.query_one("#error", Static).display = False

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        error = self.apply(event.value)
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
