"""Which days an export covers: ``--from/--to``, ``--day``, ``--week``, ``--month``.

Defaults when no range is given (DESIGN section 6): journal and setbacks everything, tasks
today, the report this week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from planner.domain.review import period_of
from planner.export.kinds import ExportKind

RangeKind = Literal["day", "week", "month", "span", "all"]


class RangeError(ValueError):
    """Range options that cannot go together; ``key`` is the catalog message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True, slots=True)
class DateRange:
    """Days from ``start`` to ``end`` inclusive; ``None`` ends are open."""

    kind: RangeKind
    start: date | None
    end: date | None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)


@dataclass(frozen=True, slots=True)
class RangeRequest:
    """The range options as given; a ``date`` value of ``None`` with the flag set means today."""

    start: date | None = None
    end: date | None = None
    day: date | None = None
    week: date | None = None
    month: date | None = None
    day_given: bool = False
    week_given: bool = False
    month_given: bool = False


def resolve_range(kind: ExportKind, request: RangeRequest, today: date) -> DateRange:
    """The range an export covers; RangeError when the options clash."""
    chosen = [
        name
        for name, given in (
            ("--day", request.day_given),
            ("--week", request.week_given),
            ("--month", request.month_given),
            ("--from/--to", request.start is not None or request.end is not None),
        )
        if given
    ]
    if len(chosen) > 1:
        raise RangeError("export.error.ranges")
    if request.day_given:
        day = request.day or today
        return DateRange("day", day, day)
    if request.week_given:
        period = period_of("week", request.week or today)
        return DateRange("week", period.start, period.end)
    if request.month_given:
        period = period_of("month", request.month or today)
        return DateRange("month", period.start, period.end)
    if request.start is not None or request.end is not None:
        if request.start is not None and request.end is not None and request.start > request.end:
            raise RangeError("export.error.range_order")
        if kind in ("tasks", "report"):
            start = request.start or request.end
            end = request.end or max(today, start or today)
            return DateRange("span", start, end)
        return DateRange("span", request.start, request.end)
    if kind == "tasks":
        return DateRange("day", today, today)
    if kind == "report":
        period = period_of("week", today)
        return DateRange("week", period.start, period.end)
    return DateRange("all", None, None)
