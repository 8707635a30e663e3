"""What every screen of the planner is given by the app (data down)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

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

    def __init__(self, planner: Planner, *, privacy: bool, name: str, show_data: ShowData) -> None:
        super().__init__(name=name, id=name)
        self.planner = planner
        self.show_data = show_data
        """The service: to read, and to check what is typed as it is typed."""
        self.privacy = privacy
        """Privacy mode as the app last showed this screen: confidential titles masked."""
        self.ready = False
        """Composed (for the setbacks screen: its list read): the app may show its data."""
