"""A recurrence rule is shown as the quick-add word that reads back to it."""

from __future__ import annotations

import pytest

from planner.domain.recurrence import rule_from_text
from planner.i18n import translate as i18n
from planner.i18n.formats import recur_word


@pytest.mark.parametrize(
    ("typed", "en", "zh"),
    [
        ("mon", "mon", "周一"),
        ("周五", "fri", "周五"),
        ("day", "day", "每天"),
        ("工作日", "weekday", "工作日"),
        ("week", "week", "每周"),
        ("month", "month", "每月"),
        ("year", "year", "每年"),
    ],
)
def test_a_rule_reads_as_its_word_and_the_word_reads_back(typed: str, en: str, zh: str) -> None:
    rule = rule_from_text(typed)
    for language, word in (("en", en), ("zh", zh)):
        i18n.set_language(language)
        assert recur_word(rule) == word
        assert rule_from_text(word) == rule
    i18n.set_language("en")


def test_any_other_rule_is_shown_as_it_is() -> None:
    rule = "FREQ=MONTHLY;BYMONTHDAY=15"
    assert recur_word(rule) == rule
    assert recur_word("FREQ=WEEKLY;BYDAY=MO,WE") == "FREQ=WEEKLY;BYDAY=MO,WE"
