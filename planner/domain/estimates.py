"""How long a task is expected to take (issue 16): ``est:30m``, ``est:1.5h``, ``est:90分钟``,
``est:2小时``, ``est:1h30m`` or a range ``est:1-2h``.

An estimate is held in whole minutes. A range is planned at its upper end (``minutes``) and
keeps its lower end (``low``) so that it can be shown as it was given. Text is read after
``fold`` (full-width digits, letters and signs count as their ASCII forms), and only in these
forms: a number needs a unit, a value that is not a whole number of minutes is refused, and a
range goes from the smaller to the larger (a guess is worse than an error).

``estimate_text`` writes an estimate back as text ``parse_estimate`` reads to the same
minutes, in the units given (``h``/``m`` or ``小时``/``分钟``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from planner.domain.errors import ParseError
from planner.domain.weekdays import fold

MAX_MINUTES: Final = 999 * 60
"""The longest estimate taken (999 hours): anything longer is a project, not a task."""

HOUR_WORDS: Final = ("hours", "hour", "hrs", "hr", "h", "个小时", "小时", "个钟头", "钟头")
MINUTE_WORDS: Final = ("minutes", "minute", "mins", "min", "m", "分钟", "分")
_UNIT = "|".join(re.escape(word) for word in (*HOUR_WORDS, *MINUTE_WORDS))
_PART = re.compile(rf"\s*(\d+(?:\.\d+)?)\s*({_UNIT})?", re.ASCII)
_RANGE = re.compile(r"[-~〜]")
_HOURS = frozenset(HOUR_WORDS)


@dataclass(frozen=True, slots=True)
class Estimate:
    """``minutes`` planned (a range's upper end) and, for a range, its lower end ``low``."""

    minutes: int
    low: int | None = None


BAD_ESTIMATE = "not an estimate; use 30m, 1.5h, 1h30m, 90分钟, 2小时 or a range 1-2h"


def _duration(text: str, whole: str, borrowed_unit: str | None = None) -> tuple[int, str]:
    """Minutes of one duration (``1h30m``, ``1.5h``, ``90分钟``) and its first unit.

    A number without a unit is refused, except after hours (``1h30`` is 1 h 30 min) or when
    ``borrowed_unit`` is given (a range's lower end takes its upper end's unit: ``1-2h``)."""
    total = Fraction(0)
    first_unit: str | None = None
    previous: str | None = None
    at = 0
    while at < len(text):
        match = _PART.match(text, at)
        if match is None or match.end() == at:
            raise ParseError(whole, 0, BAD_ESTIMATE, "bad_estimate")
        number, unit = match.group(1), match.group(2)
        if unit is None:
            if previous == "h" and match.end() == len(text.rstrip()):
                unit = "m"
            elif previous is None and borrowed_unit is not None and match.end() == len(text):
                unit = borrowed_unit
            else:
                raise ParseError(
                    whole, 0, "give a unit: 30m, 1.5h, 90分钟 or 2小时", "estimate_unit"
                )
        kind = "h" if unit in _HOURS else "m"
        if previous is not None and not (previous == "h" and kind == "m"):
            raise ParseError(whole, 0, BAD_ESTIMATE, "bad_estimate")
        previous = kind
        first_unit = first_unit or kind
        total += Fraction(number) * (60 if kind == "h" else 1)
        at = match.end()
        if text[at:].strip() == "":
            break
    if first_unit is None:
        raise ParseError(whole, 0, BAD_ESTIMATE, "bad_estimate")
    if total.denominator != 1:
        raise ParseError(whole, 0, "not a whole number of minutes", "estimate_not_whole")
    return int(total), first_unit


def _checked(whole: str, minutes: int) -> int:
    if not 0 < minutes <= MAX_MINUTES:
        raise ParseError(
            whole, 0, "an estimate is more than 0 and at most 999 hours", "estimate_bounds"
        )
    return minutes


def parse_estimate(text: str) -> Estimate:
    """Read an estimate; raises ``ParseError`` (``part`` is ``text``, position 0) saying why
    not, with a ``reason_key``."""
    folded = fold(text).strip()
    if not folded:
        raise ParseError(text, 0, BAD_ESTIMATE, "bad_estimate")
    halves = _RANGE.split(folded)
    if len(halves) == 1:
        minutes, _ = _duration(folded, text)
        return Estimate(_checked(text, minutes))
    if len(halves) != 2 or not halves[0].strip() or not halves[1].strip():
        raise ParseError(text, 0, BAD_ESTIMATE, "bad_estimate")
    high, unit = _duration(halves[1], text)
    low, _ = _duration(halves[0], text, borrowed_unit=unit)
    _checked(text, low)
    _checked(text, high)
    if low > high:
        raise ParseError(
            text, 0, "a range goes from the smaller to the larger, e.g. 1-2h", "estimate_range"
        )
    return Estimate(high, None if low == high else low)


def duration_text(minutes: int, hours_unit: str = "h", minutes_unit: str = "m") -> str:
    """``90`` as ``1h30m`` (``1小时30分钟`` with the Chinese units), ``120`` as ``2h``."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{rest}{minutes_unit}"
    if rest == 0:
        return f"{hours}{hours_unit}"
    return f"{hours}{hours_unit}{rest}{minutes_unit}"


def estimate_text(
    minutes: int, low: int | None = None, hours_unit: str = "h", minutes_unit: str = "m"
) -> str:
    """An estimate as text that ``parse_estimate`` reads back to the same values: ``2h``,
    ``1-2h``, ``30-45m``, ``45m-1h30m``."""
    if low is None:
        return duration_text(minutes, hours_unit, minutes_unit)
    if low % 60 == 0 and minutes % 60 == 0:
        return f"{low // 60}-{minutes // 60}{hours_unit}"
    if minutes < 60:
        return f"{low}-{minutes}{minutes_unit}"
    low_text = duration_text(low, hours_unit, minutes_unit)
    return f"{low_text}-{duration_text(minutes, hours_unit, minutes_unit)}"


__all__ = [
    "MAX_MINUTES",
    "Estimate",
    "duration_text",
    "estimate_text",
    "parse_estimate",
]
