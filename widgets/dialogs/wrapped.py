"""Plain text for dialogs, wrapped to the dialog's width by the Chinese line-breaking rule.

A ``Label`` is as wide as its text and is cut at the dialog's edge (a long title lost its
end); a ``Static`` wraps, but Textual folds Chinese text at the last cell, so a line may
begin with ``，`` or ``。``. ``WrappedText`` breaks its text with
``planner.domain.textwidth.wrap_cells`` at whatever width it is laid out at, and shows it
as plain text: a title holding ``[`` (``[confidential]``) is not read as markup.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static

from planner.domain.textwidth import wrap_cells


class Wrapped(Visual):
    """``text`` broken into lines at the width it is laid out at; drawn as plain ``Content``
    (so the widget's colour and bold apply), and ``str()`` of it is the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._plain = Content(text)

    def __str__(self) -> str:
        return self.text

    def _lines(self, width: int) -> list[str]:
        return wrap_cells(self.text, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        content = Content("\n".join(self._lines(width)))
        return content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._plain.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width))


class WrappedText(Static):
    """A dialog's title, subject or guidance: the whole text, on as many lines as it needs."""

    DEFAULT_CSS = """
    WrappedText {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Wrapped(text), id=id)
        self.text = text

    def show_text(self, text: str) -> None:
        """Show ``text`` instead (a no-op when it is already shown)."""
        if text != self.text:
            self.text = text
            self.update(Wrapped(text))
