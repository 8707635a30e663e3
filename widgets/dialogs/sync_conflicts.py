"""The open sync conflicts, one line each, and ``r`` to reverse the highlighted one: the value
that was not kept comes back, and wins on every machine after the next sync. The app gives
the lines (data down) and does the reversing with the id this dialog ends with."""

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
            yield OptionList(
                *(Option(line, id=conflict_id) for conflict_id, line in self.conflicts),
                id="conflicts",
            )
            yield Static(t("sync.dialog_keys"), id="keys", markup=False)

    def action_reverse(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        self.dismiss(options.get_option_at_index(index).id)

    def action_close(self) -> None:
        self.dismiss(None)
