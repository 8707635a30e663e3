"""One line of styled text that, cut to fit, ends with the cut mark, as everything cut does.

Textual crops a one-line ``Static`` at its edge without a sign, or with its own ``…``;
the planner's mark is ``~`` (``planner.domain.textwidth.truncate``).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

CUT_MARK = "~"


def cut_to(content: Content, width: int) -> Content:
    """``content`` as it fits in ``width`` cells: whole, or cut with the mark at its end."""
    if width <= 0 or content.cell_length <= width:
        return content
    return Content.assemble(content.truncate(width - 1), CUT_MARK)


class CutLine(Static):
    """A ``Static`` of one line holding ``Content``, re-cut whenever its width changes."""

    DEFAULT_CSS = """
    CutLine {
        height: 1;
        text-wrap: nowrap;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._whole = Content("")

    def show(self, content: Content) -> None:
        self._whole = content
        self.update(cut_to(content, self.content_region.width))

    def on_resize(self) -> None:
        self.update(cut_to(self._whole, self.content_region.width))
