"""The lock screen: the passphrase of an encrypted data folder, and nothing of the data.

Shown at start when the folder is encrypted and no key is at hand, and over everything when
the app locks itself (idle, or ``ctrl+l``). It is a full ``Screen``, not a modal one: it is
opaque and covers the whole terminal, so nothing of the screens under it is drawn while it is
on top. It only asks: the typed passphrase goes up as ``UnlockWith`` (the app derives the key
in a worker) and the app answers with ``checking`` / ``refused`` (data down) or by taking the
screen away. ``esc`` quits the app.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from planner.i18n.translate import t
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings
from widgets.messages import UnlockWith, ask


class LockScreen(TranslatedBindings, Screen[None]):
    """``starting``: asked at start (the data was never shown), else locked while in use."""

    CSS_PATH = "lock.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.quit", "key.quit"),
    ]

    def __init__(self, *, starting: bool, why: str = "") -> None:
        """``why``: what the screen says instead of the start's or the idle lock's words
        (the key was changed by another process)."""
        super().__init__(name="lock", id="lock")
        self.starting = starting
        self.why = why or t("lock.why_start" if starting else "lock.why_locked")

    def compose(self) -> ComposeResult:
        with Vertical(id="lock-box"):
            yield Static(t("lock.title"), id="lock-title", markup=False)
            yield WrappedText(self.why, id="lock-why")
            yield Input(
                password=True,
                placeholder=t("lock.placeholder"),
                id="passphrase",
                select_on_focus=False,
            )
            yield Static("", id="lock-status", markup=False)
            yield Static(t("lock.hint"), id="lock-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        passphrase = event.value
        event.input.value = ""  # not kept in the widget once it went up
        if not passphrase:
            self.refused(t("lock.empty"))
            return
        self.checking()
        ask(self, UnlockWith(passphrase))

    @on(Input.Changed, "#passphrase")
    def _typed(self, event: Input.Changed) -> None:
        if event.value:
            self._say("")

    def explain(self, why: str) -> None:
        """Say ``why`` the passphrase is asked instead (the key changed while locked)."""
        self.why = why
        self.query_one("#lock-why", WrappedText).show_text(why)

    def checking(self) -> None:
        """The key is being derived: the field takes nothing more until the answer."""
        self.query_one("#passphrase", Input).disabled = True
        self._say(t("lock.checking"))

    def refused(self, reason: str) -> None:
        """The passphrase did not unlock: say why, and let the user type it again."""
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self._say(reason, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#lock-status", Static)
        status.update(text)
        status.set_class(error, "error")
