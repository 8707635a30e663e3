"""The open sync conflicts, a few lines each, and ``r`` (or enter) to reverse the highlighted
one: the value that was not kept comes back, and wins on every machine after the next sync.
The app gives the lines (data down) and does the reversing with the id this dialog ends with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planner.i18n.translate import t
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings


class ConflictList(OptionList):
    """The list; its ``enter`` reverses the highlighted conflict as ``r`` does (OptionList's
    own ``enter`` selects, which means nothing here; a click only highlights)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.reverse", "key.reverse_conflict", show=False),
    ]


class SyncConflictsScreen(TranslatedBindings, ModalScreen[str | None]):
    CSS_PATH = "sync_conflicts.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reverse", "key.reverse_conflict"),
        Binding("escape", "close", "key.close"),
    ]

    def __init__(self, conflicts: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.conflicts = list(conflicts)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield WrappedText(t("sync.dialog_title"), id="dialog-title")
            options: list[Option | None] = []
            for conflict_id, words in self.conflicts:
                if options:
                    options.append(None)  # a rule between two conflicts
                options.append(Option(words, id=conflict_id))
            yield ConflictList(*options, id="conflicts", markup=False)
            yield Static(t("sync.dialog_keys"), id="keys", markup=False)

    def action_reverse(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        self.dismiss(options.get_option_at_index(index).id)

    def action_close(self) -> None:
        self.dismiss(None)
