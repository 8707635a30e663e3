"""Privacy mode's one rule (planner.domain.privacy) and its words (planner.i18n.privacy)."""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from planner.domain.models import JournalEntry, SetbackAnalysis, Task
from planner.domain.privacy import MASKED, is_hidden, shown, shown_title
from planner.i18n import translate
from planner.i18n.privacy import title_words, words

NOW = datetime(2026, 12, 3, 9, tzinfo=timezone(timedelta(hours=8)))
ROOT = Path(__file__).resolve().parents[2]


def test_only_a_confidential_record_in_privacy_mode_is_hidden() -> None:
    secret = Task.create("leader's trip", NOW, confidential=True)
    plain = Task.create("print the agenda", NOW)
    assert is_hidden(secret, True)
    assert not is_hidden(secret, False)
    assert not is_hidden(plain, True)
    assert shown_title(secret, True) is MASKED
    assert shown_title(secret, False) == "leader's trip"
    assert shown_title(plain, True) == "print the agenda"


def test_a_measure_of_a_confidential_analysis_is_hidden_with_it() -> None:
    analysis = SetbackAnalysis.create(date(2026, 12, 1), "lost draft", NOW, confidential=True)
    measure = Task.create("keep two copies", NOW, setback=analysis.id)
    assert shown_title(measure, True) == "keep two copies"
    assert shown_title(measure, True, within=analysis) is MASKED
    assert shown_title(measure, False, within=analysis) == "keep two copies"


def test_any_text_of_a_record_is_hidden_the_same_way() -> None:
    entry = JournalEntry.create(
        date(2026, 12, 2), NOW, body="notes on the meeting", confidential=True
    )
    assert shown(entry, "#people #meeting", True) is MASKED
    assert shown(entry, "#people #meeting", False) == "#people #meeting"


@pytest.mark.parametrize(("language", "mark"), [("en", "[confidential]"), ("zh", "[保密]")])
def test_the_marker_becomes_the_catalogs_words(language: str, mark: str) -> None:
    translate.set_language(language)
    try:
        secret = Task.create("机要", NOW, confidential=True)
        assert words(MASKED) == mark
        assert words("plain") == "plain"
        assert title_words(secret, True) == mark
        assert title_words(secret, False) == "机要"
    finally:
        translate.set_language("en")


def test_no_module_writes_the_mask_itself() -> None:
    """Everything masked goes through the rule and its words: the catalog key of the mask
    appears only in planner/i18n."""
    offenders = []
    for folder in ("planner", "widgets"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.is_relative_to(ROOT / "planner" / "i18n"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value == "board.masked":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
