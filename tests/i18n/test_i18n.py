"""The catalog is complete in both languages and its placeholders agree."""

from __future__ import annotations

import string

import pytest

from planner.i18n import translate as i18n
from planner.i18n.translate import MESSAGES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_present_with_the_same_placeholders(key: str) -> None:
    english, chinese = MESSAGES[key]
    assert english.strip() and chinese.strip()
    assert fields(english) == fields(chinese)


def test_translation_follows_the_language() -> None:
    try:
        i18n.set_language("zh")
        assert i18n.t("lane.main") == "主要矛盾"
        i18n.set_language("en")
        assert i18n.t("lane.main") == "Main contradiction"
    finally:
        i18n.set_language("en")


def test_unknown_key_is_a_bug() -> None:
    with pytest.raises(KeyError):
        i18n.t("no.such.key")
