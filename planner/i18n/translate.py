"""The one catalog of user-visible text, in English and Simplified Chinese.

Choose the language once at start-up (``set_language``) before anything is built; ``t(key)``
then returns the text in that language. A key missing from the catalog is a bug, so ``t``
raises rather than showing the key to a user; a test checks both languages are complete.

The catalog is kept in one module per area (``planner.i18n.catalog``); they are merged here
into the one dict ``t`` reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.i18n.catalog import (
    agent,
    board,
    cli,
    common,
    crypto,
    errors,
    export,
    history,
    importing,
    instructions,
    journal,
    load,
    lock,
    morning,
    people,
    remind,
    review,
    setbacks,
    sync,
    timer,
    workdays,
)


def merge(*areas: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The areas' messages in one dict. A key two areas define is a bug (one of them would
    silently win), so it is refused when the catalog is built rather than found by a user."""
    merged: dict[str, tuple[str, str]] = {}
    for area in areas:
        merged.update(area)
    if len(merged) != sum(len(area) for area in areas):
        seen: set[str] = set()
        twice: set[str] = set()
        for area in areas:
            twice.update(seen.intersection(area))
            seen.update(area)
        raise ValueError(f"catalog keys defined in more than one area: {', '.join(sorted(twice))}")
    return merged


MESSAGES: dict[str, tuple[str, str]] = merge(
    common.MESSAGES,
    board.MESSAGES,
    journal.MESSAGES,
    setbacks.MESSAGES,
    review.MESSAGES,
    people.MESSAGES,
    cli.MESSAGES,
    errors.MESSAGES,
    importing.MESSAGES,
    export.MESSAGES,
    history.MESSAGES,
    sync.MESSAGES,
    crypto.MESSAGES,
    agent.MESSAGES,
    lock.MESSAGES,
    remind.MESSAGES,
    workdays.MESSAGES,
    load.MESSAGES,
    timer.MESSAGES,
    morning.MESSAGES,
    instructions.MESSAGES,
)

_language = "en"


def set_language(language: str) -> None:
    global _language
    if language not in ("en", "zh"):
        raise ValueError(f"unsupported language {language!r}")
    _language = language


def language() -> str:
    return _language


def t(key: str, /, **values: Any) -> str:
    """The text for ``key`` in the current language, with ``{name}`` fields filled in."""
    english, chinese = MESSAGES[key]
    template = chinese if _language == "zh" else english
    return template.format(**values) if values else template


def has(key: str) -> bool:
    return key in MESSAGES
