"""The one catalog of user-visible text, in English and Simplified Chinese.

Choose the language once at start-up (``set_language``) before anything is built; ``t(key)``
then returns the text in that language. A key missing from the catalog is a bug, so ``t``
raises rather than showing the key to a user; a test checks both languages are complete.
"""

from __future__ import annotations

from typing import Any

from planner.i18n.catalog import MESSAGES

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
