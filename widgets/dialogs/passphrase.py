"""A password dialog: the passphrase for one action the app runs next (the app's sync
following another machine's ``planner rekey``).

It only asks: ``enter`` dismisses with the typed passphrase (the app derives the key in a
worker, never here), ``esc`` with None. The field shows dots; an ``error`` (the passphrase
given last time was wrong) is said under it, and an empty field is asked again.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from planner.i18n.translate import t
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings


class PassphraseScreen(TranslatedBindings, ModalScreen[str | None]):
    """``title`` and ``why`` say what the passphrase is for; ``hint`` the keys."""

    CSS_PATH = "passphrase.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, why: str, *, hint: str, error: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.why = why
        self.hint = hint
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield WrappedText(self.title_text, id="dialog-title")
            yield WrappedText(self.why, id="why")
            yield Input(
                password=True,
                placeholder=t("lock.placeholder"),
                id="passphrase",
                select_on_focus=False,
            )
            yield Static(self.error, id="error", markup=False)
            yield WrappedText(self.hint, id="hint")

    def on_mount(self) -> None:
        self.query_one("#error", Static).display = bool(self.error)
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        passphrase = event.value
        event.input.value = ""  # not kept in the widget once it went up
        if not passphrase:
            box = self.query_one("#error", Static)
            box.update(t("lock.empty"))
            box.display = True
            return
        self.dismiss(passphrase)

    @on(Input.Changed, "#passphrase")
    def _typed(self, event: Input.Changed) -> None:
        if event.value:
            self.query_one("#error", Static).display = False

    def action_cancel(self) -> None:
        self.dismiss(None)
