"""A yes/no question answered with one key (the morning carry-over)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings


class ConfirmScreen(TranslatedBindings, ModalScreen[bool]):
    CSS_PATH = "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "key.yes"),
        Binding("n", "answer(False)", "key.no"),
        Binding("escape", "answer(False)", "key.no", show=False),
    ]

    def __init__(self, question: str, detail: str, keys: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # Plain text, wrapped whole: a masked title, [confidential], is not markup.
            yield WrappedText(self.question, id="dialog-title")
            yield WrappedText(self.detail, id="detail")
            yield Static(self.keys, id="keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
