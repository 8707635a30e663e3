"""How dates are written for people: the CLI, the screens and the exports share these."""

from __future__ import annotations

from datetime import date, datetime

from planner.domain.models import DueValue
from planner.i18n.translate import t


def weekday_name(day: date) -> str:
    return t(f"weekday.{day.weekday()}")


def format_due(value: DueValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
