"""Why a task ranks where it does: each score term with its value, weight and points, under
the task's title and its estimate."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from planner.domain.ranking import Explanation
from planner.i18n.translate import t
from widgets.dialogs.wrapped import WrappedText
from widgets.keys.translate import TranslatedBindings


class ExplainScreen(TranslatedBindings, ModalScreen[None]):
    CSS_PATH = "explain.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.close"),
        Binding("i", "close", "key.close", show=False),
        Binding("q", "close", "key.close", show=False),
    ]

    def __init__(
        self,
        title: str,
        explanation: Explanation,
        *,
        pinned: bool,
        estimate: str = "",
        spent: str = "",
        instruction: str = "",
    ) -> None:
        """``estimate``: the task's estimate as the user's units write it, empty for none;
        ``spent``: its timer's time against it (``45m of 1h estimated (75%)``), empty when
        the timer never ran."""
        super().__init__()
        self.task_title = title
        self.estimate = estimate
        self.spent = spent
        self.instruction = instruction
        """An instruction's state and dates (``instruction_lines``), empty for other tasks."""
        self.explanation = explanation
        self.pinned = pinned

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield WrappedText(t("explain.header"), id="dialog-title")
            yield WrappedText(self.task_title, id="subject")
            lines = [
                f"{t(key)}: {value}"
                for key, value in (("field.estimate", self.estimate), ("field.spent", self.spent))
                if value
            ]
            if lines:
                yield Static("\n".join(lines), id="estimate", markup=False)
            if self.instruction:
                yield Static(self.instruction, id="instruction", markup=False)
            table: DataTable[str] = DataTable(cursor_type="none", id="terms")
            yield table
            if self.pinned:
                yield Static(t("explain.pinned"), id="pinned")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(t("explain.term"), width=18)
        table.add_column(t("explain.value"), width=6)
        table.add_column(t("explain.weight"), width=6)
        table.add_column(t("explain.points"), width=7)
        for term in self.explanation.terms:
            table.add_row(
                t(f"term.{term.name}"),
                f"{term.value:.2f}",
                f"{term.coefficient:g}",
                f"{term.points:.2f}",
            )
        table.add_row(t("explain.total"), "", "", f"{self.explanation.score:.2f}")

    def action_close(self) -> None:
        self.dismiss()
