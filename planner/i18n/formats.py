"""How dates are written for people: the CLI, the screens and the exports share these."""

from __future__ import annotations

from datetime import date, datetime

from planner.domain.models import DueValue
from planner.domain.recurrence import rule_words
from planner.i18n.translate import language, t


def weekday_name(day: date) -> str:
    return t(f"weekday.{day.weekday()}")


def format_due(value: DueValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def recur_word(rule: str) -> str:
    """A recurrence rule as the quick-add word that reads back to it, in the user's
    language (``FREQ=WEEKLY;BYDAY=MO``: ``mon``, ``周一``); any other rule as it is."""
    words = rule_words(rule)
    if words is None:
        return rule
    return words[1] if language() == "zh" else words[0]
