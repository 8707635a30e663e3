"""An estimate in words (issue 16): the units of the user's language, text quick add reads back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from planner.domain.estimates import Estimate, parse_estimate
from planner.domain.models import Task
from planner.i18n.conflicts import value_words
from planner.i18n.formats import format_estimate
from planner.i18n.translate import language, set_language

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("lang", "minutes", "low", "shown"),
    [
        ("en", 90, None, "1h30m"),
        ("en", 120, 60, "1-2h"),
        ("zh", 90, None, "1小时30分钟"),
        ("zh", 120, 60, "1-2小时"),
        ("zh", 45, 30, "30-45分钟"),
    ],
)
def test_an_estimate_is_shown_in_the_user_units_and_reads_back(
    lang: str, minutes: int, low: int | None, shown: str
) -> None:
    set_language(lang)
    task = Task.create("x", NOW, estimate=minutes, estimate_low=low)
    assert format_estimate(task) == shown
    assert parse_estimate(shown) == Estimate(minutes, low)


def test_no_estimate_is_shown_as_nothing() -> None:
    assert format_estimate(Task.create("x", NOW)) == ""


def test_a_conflict_shows_an_estimate_as_a_duration() -> None:
    set_language("zh")
    assert value_words(90, privacy=False, field="estimate") == "1小时30分钟"
    set_language("en")
    assert value_words(60, privacy=False, field="estimate_low") == "1h"
    assert value_words(None, privacy=False, field="estimate") == "(empty)"
