"""A yes/no question answered with one key (the morning carry-over)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

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
            yield Label(self.question, id="dialog-title")
            yield Static(self.detail, id="detail", markup=False)
            yield Static(self.keys, id="keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
