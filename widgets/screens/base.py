"""What every screen of the planner is given by the app (data down)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from widgets.parts.header import AppHeader
from widgets.parts.keybar import KeyBar

if TYPE_CHECKING:
    from planner.services.planner import Planner

ShowData = Callable[["PlannerScreen"], None]
"""How the app shows a screen its data (data down): given to the screen when it is made,
called by the screen once it is composed, so its first frame already shows its data (a
message would cost the screen a first, empty frame). Changes go up as messages."""


class PlannerScreen(Screen[None]):
    """A screen of the planner: it reads through the ``Planner`` service it is given and is
    shown its data by the app (``show_data``), which sets ``privacy`` before each showing;
    it asks for every change with a message (``widgets.messages``)."""

    DEFAULT_CSS = """
    PlannerScreen .unreadable {
        height: 1fr;
        padding: 1 2;
        color: $text-error;
    }
    """

    def __init__(self, planner: Planner, *, privacy: bool, name: str, show_data: ShowData) -> None:
        super().__init__(name=name, id=name)
        self.planner = planner
        self.show_data = show_data
        """The service: to read, and to check what is typed as it is typed."""
        self.privacy = privacy
        """Privacy mode as the app last showed this screen: confidential titles masked."""
        self.ready = False
        """Composed (for the setbacks screen: its list read): the app may show its data."""
        self._unreadable: Static | None = None
        self._hidden: list[Widget] = []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While its data cannot be read the screen's own keys do nothing (there is nothing
        on it to act on, and acting would read the file again); the app's keys, to change
        screens or quit, still work."""
        return self._unreadable is None

    def show_unreadable(self, message: str | None) -> None:
        """Say in the screen's place that its data cannot be read (``message`` names the
        file and what to do; the header and the key bar stay, so every other screen is a
        key away), or, given None, bring the screen back once its data reads again."""
        shown = self._unreadable
        if message is None:
            if shown is not None:
                self._unreadable = None
                shown.remove()
                for widget in self._hidden:
                    widget.display = True
                self._hidden = []
            return
        if shown is None:
            kept = (AppHeader, KeyBar)
            self._hidden = [w for w in self.children if w.display and not isinstance(w, kept)]
            for widget in self._hidden:
                widget.display = False
            shown = self._unreadable = Static(classes="unreadable")
            headers = self.query(AppHeader)
            self.mount(shown, after=headers.first() if headers else None)
            self.set_focus(None)
        shown.update(Text(message))
