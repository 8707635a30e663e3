"""How dates are written for people: the CLI, the screens and the exports share these."""

from __future__ import annotations

from datetime import date, datetime

from planner.domain.estimates import estimate_text
from planner.domain.models import DueValue, Task
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


def format_estimate(task: Task) -> str:
    """A task's estimate in the user's units (``1-2h``, ``1-2小时``; empty when it has none):
    text quick add reads back to the same minutes."""
    if task.estimate is None:
        return ""
    hours, minutes = t("estimate.hours_unit"), t("estimate.minutes_unit")
    return estimate_text(task.estimate, task.estimate_low, hours, minutes)


def recur_word(rule: str) -> str:
    """A recurrence rule as the quick-add word that reads back to it, in the user's
    language (``FREQ=WEEKLY;BYDAY=MO``: ``mon``, ``周一``); any other rule as it is."""
    words = rule_words(rule)
    if words is None:
        return rule
    return words[1] if language() == "zh" else words[0]
