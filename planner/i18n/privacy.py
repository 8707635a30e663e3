"""The words for what privacy mode hides (``planner.domain.privacy`` decides what)."""

from __future__ import annotations

from planner.domain.privacy import Confidential, Masked, Titled, shown_title
from planner.domain.visible import visible, visible_lines
from planner.i18n.translate import t


def words(value: str | Masked) -> str:
    """The text itself as one line for a terminal (its control characters written out:
    ``planner.domain.visible``), or the catalog's mark for a masked one."""
    return t("board.masked") if isinstance(value, Masked) else visible(value)


def lines_words(value: str | Masked) -> str:
    """Text of many lines (a journal entry, notes) as ``words`` shows one: line breaks
    kept, other control characters written out; or the mask."""
    return t("board.masked") if isinstance(value, Masked) else visible_lines(value)


def title_words(record: Titled, privacy: bool, *, within: Confidential | None = None) -> str:
    """``record``'s title as shown in privacy mode (or not), in the user's language."""
    return words(shown_title(record, privacy, within=within))
