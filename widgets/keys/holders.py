"""Every class whose ``BINDINGS`` carry ids a user may remap, for the clash check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import BindingType


def binding_holders(app_bindings: Sequence[BindingType]) -> list[Iterable[BindingType]]:
    """The app's bindings and those of every screen and the widgets on them (imports the
    screens: call only when the config remaps keys)."""
    from widgets.parts.lanes import LaneTable, MainPanel
    from widgets.screens.board import BoardScreen, FilterInput
    from widgets.screens.journal import EntryEditor, JournalScreen, SearchInput
    from widgets.screens.people import PeopleScreen
    from widgets.screens.review import ReviewScreen
    from widgets.screens.setbacks import SetbacksScreen

    classes = (
        BoardScreen,
        FilterInput,
        MainPanel,
        LaneTable,
        JournalScreen,
        EntryEditor,
        SearchInput,
        PeopleScreen,
        ReviewScreen,
        SetbacksScreen,
    )
    return [app_bindings, *(cls.BINDINGS for cls in classes)]
