"""How dates are written for people: the CLI, the screens and the exports share these."""

from __future__ import annotations

from datetime import date, datetime

from planner.domain.models import DueValue
from planner.domain.weekdays import RRULE_DAYS
from planner.i18n.translate import language, t


def weekday_name(day: date) -> str:
    return t(f"weekday.{day.weekday()}")


def format_due(value: DueValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


_RULE_WORDS = {
    "FREQ=DAILY": ("day", "每天"),
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR": ("weekday", "工作日"),
    "FREQ=WEEKLY": ("week", "每周"),
    "FREQ=MONTHLY": ("month", "每月"),
    "FREQ=YEARLY": ("year", "每年"),
}
_DAY_WORDS = {
    code: (english, f"周{digit}")
    for code, english, digit in zip(
        RRULE_DAYS,
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        "一二三四五六日",
        strict=True,
    )
}


def recur_word(rule: str) -> str:
    """A recurrence rule as the quick-add word that reads back to it, in the user's
    language (``FREQ=WEEKLY;BYDAY=MO``: ``mon``, ``周一``); any other rule as it is."""
    chinese = language() == "zh"
    words = _RULE_WORDS.get(rule)
    if words is None and rule.startswith("FREQ=WEEKLY;BYDAY=") and "," not in rule:
        words = _DAY_WORDS.get(rule.removeprefix("FREQ=WEEKLY;BYDAY="))
    if words is None:
        return rule
    return words[1] if chinese else words[0]
