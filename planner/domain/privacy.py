"""Privacy mode: the one rule for what of a confidential record is kept off the screen.

The rule decides, the words are the catalog's: a hidden text comes back as ``MASKED``, a
marker, which ``planner.i18n.privacy`` turns into the user's language where it is shown
(board, journal, setbacks, People, palette, notifications, CLI text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol


class Confidential(Protocol):
    """Any record that can be marked confidential (task, journal entry, analysis)."""

    @property
    def confidential(self) -> bool: ...


class Titled(Confidential, Protocol):
    @property
    def title(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Masked:
    """Stands where privacy mode hides a record's text."""


MASKED: Final = Masked()


def is_hidden(record: Confidential, privacy: bool, *, within: Confidential | None = None) -> bool:
    """Whether privacy mode hides ``record``'s words: it is confidential, or it belongs to a
    record that is (a remedial measure ``within`` a confidential analysis)."""
    return privacy and (record.confidential or (within is not None and within.confidential))


def shown(
    record: Confidential, text: str, privacy: bool, *, within: Confidential | None = None
) -> str | Masked:
    """``text`` (a title, a snippet, tags) of ``record`` as privacy mode lets it be shown."""
    return MASKED if is_hidden(record, privacy, within=within) else text


def shown_title(
    record: Titled, privacy: bool, *, within: Confidential | None = None
) -> str | Masked:
    return shown(record, record.title, privacy, within=within)
