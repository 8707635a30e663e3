"""The words for what privacy mode hides (``planner.domain.privacy`` decides what)."""

from __future__ import annotations

from planner.domain.privacy import Confidential, Masked, Titled, shown_title
from planner.i18n.translate import t


def words(value: str | Masked) -> str:
    """The text itself, or the catalog's mark for a masked one."""
    return t("board.masked") if isinstance(value, Masked) else value


def title_words(record: Titled, privacy: bool, *, within: Confidential | None = None) -> str:
    """``record``'s title as shown in privacy mode (or not), in the user's language."""
    return words(shown_title(record, privacy, within=within))
