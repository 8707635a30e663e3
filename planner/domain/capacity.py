"""How much work a day holds (issue 16): the config's ``[capacity]`` per weekday, and the
day's working-calendar answer (``planner.domain.workdays``):

- a working day from Monday to Friday holds its weekday's capacity;
- a working day at a weekend (a 调休 make-up day, or ``[workdays] extra``) holds a working
  day's: ``makeup`` when the config sets it, else the average of Monday to Friday;
- a national holiday, or a day off by ``[workdays] off``, holds nothing;
- an ordinary weekend day holds its weekday's capacity (0 unless the config says more).

Capacities are written with the estimate's units (``6h``, ``7.5h``, ``360m``, ``6小时``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from planner.domain.errors import ParseError
from planner.domain.estimates import parse_estimate
from planner.domain.weekdays import fold
from planner.domain.workdays import WorkdayAnswer

WEEKDAY_KEYS: Final = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
"""The ``[capacity]`` keys of the days, Monday first (``date.weekday()`` order)."""

DAY_LIMIT: Final = 24 * 60
"""A day holds at most 24 hours of work."""

DEFAULT_WORKDAY: Final = 6 * 60
DEFAULT_WEEK: Final = (DEFAULT_WORKDAY,) * 5 + (0, 0)

_ZERO = re.compile(r"^0+(?:\.0+)?\s*[^\d\s.]*$")


def parse_capacity(text: str) -> int:
    """A day's capacity in minutes, written with the estimate's units (``6h``, ``7.5h``,
    ``6h30m``, ``360m``, ``6小时``), or zero (``0``, ``0h``). ``ParseError`` (with a
    ``reason_key``) for anything else: a range, a number without a unit, more than 24 h."""
    folded = fold(text).strip()
    if _ZERO.match(folded):
        unit = folded.lstrip("0.").strip()
        if unit == "" or _unit_reads(unit):
            return 0
    try:
        estimate = parse_estimate(text)
    except ParseError as error:
        if error.reason_key == "estimate_bounds":
            raise ParseError(text, 0, "at most 24 hours a day", "capacity_bounds") from None
        raise
    if estimate.low is not None:
        raise ParseError(text, 0, "one length, not a range: 6h", "capacity_range")
    if estimate.minutes > DAY_LIMIT:
        raise ParseError(text, 0, "at most 24 hours a day", "capacity_bounds")
    return estimate.minutes


def _unit_reads(unit: str) -> bool:
    """Whether ``1`` with this unit reads as an estimate (``0h`` is zero; ``0x`` is not)."""
    try:
        parse_estimate(f"1{unit}")
    except ParseError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Capacity:
    """Minutes of work per weekday (``week``, Monday first) and on a working day at a
    weekend (``makeup``; None: the average of Monday to Friday, to the minute)."""

    week: tuple[int, ...] = DEFAULT_WEEK
    makeup: int | None = None

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a week of capacity has seven days")
        for minutes in (*self.week, self.makeup or 0):
            if not 0 <= minutes <= DAY_LIMIT:
                raise ValueError(f"a day's capacity is 0 to {DAY_LIMIT} minutes: {minutes}")

    @property
    def working_day(self) -> int:
        """What a working day at a weekend holds."""
        if self.makeup is not None:
            return self.makeup
        return round(sum(self.week[:5]) / 5)

    def of(self, answer: WorkdayAnswer) -> int:
        """The minutes ``answer.day`` holds, by the rules of this module's docstring."""
        weekday = answer.day.weekday()
        if answer.workday:
            return self.week[weekday] if weekday < 5 else self.working_day
        if answer.reason == "weekend":
            return self.week[weekday]
        return 0  # a national holiday, or a day off by the config


__all__ = [
    "DAY_LIMIT",
    "DEFAULT_WEEK",
    "WEEKDAY_KEYS",
    "Capacity",
    "parse_capacity",
]
