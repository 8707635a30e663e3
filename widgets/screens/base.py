"""What every screen of the planner is given by the app (data down)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from planner.services.planner import Planner


class PlannerScreen(Screen[None]):
    """A screen of the planner: it reads through the ``Planner`` service it is given and is
    shown its data by the app, which sets ``privacy`` before each showing; it asks for every
    change with a message (``widgets.messages``)."""

    def __init__(self, planner: Planner, *, privacy: bool, name: str) -> None:
        super().__init__(name=name, id=name)
        self.planner = planner
        """The service: to read, and to check what is typed as it is typed."""
        self.privacy = privacy
        """Privacy mode as the app last showed this screen: confidential titles masked."""
        self.ready = False
        """Composed (for the setbacks screen: its list read): the app may show its data."""
