"""Taskwarrior's ``recur`` values and todo.txt's ``rec:`` as RFC 5545 RRULEs.

Taskwarrior takes named periods (``daily``, ``weekdays``, ``quarterly``...), a count and a
unit (``2w``, ``3days``, ``1mo``) and ISO 8601 durations (``P2W``). todo.txt's ``rec:`` (the
convention of the todo.txt recurrence add-ons, topydo and SimpleTask) is a count and a unit
``d``, ``w``, ``m``, ``y`` or ``b`` (business days), after a ``+`` when the next one counts
from the due date rather than the day it was done. Periods shorter than a day, and anything
else, have no rule: the caller keeps the value in the notes.
"""

from __future__ import annotations

import re

_NAMED = {
    "daily": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "sennight": ("WEEKLY", 1),
    "biweekly": ("WEEKLY", 2),
    "fortnight": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "bimonthly": ("MONTHLY", 2),
    "quarterly": ("MONTHLY", 3),
    "semiannual": ("MONTHLY", 6),
    "annual": ("YEARLY", 1),
    "yearly": ("YEARLY", 1),
    "biannual": ("YEARLY", 2),
    "biyearly": ("YEARLY", 2),
}
_UNITS = {
    **dict.fromkeys(("d", "day", "days"), ("DAILY", 1)),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), ("WEEKLY", 1)),
    **dict.fromkeys(
        ("mo", "mos", "mth", "mths", "mnth", "mnths", "month", "months"), ("MONTHLY", 1)
    ),
    **dict.fromkeys(("q", "qtr", "qtrs", "quarter", "quarters"), ("MONTHLY", 3)),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), ("YEARLY", 1)),
}
_ISO_UNITS = {"D": ("DAILY", 1), "W": ("WEEKLY", 1), "M": ("MONTHLY", 1), "Y": ("YEARLY", 1)}
_COUNTED = re.compile(r"(\d{0,4})\s*([a-z]+)")
_ISO = re.compile(r"P(\d{1,4})([DWMY])")
"""At most four digits: a longer count is no rule (and past 4,300 digits, no integer)."""
_TODOTXT = re.compile(r"\+?(\d*)([dwmyb])")
_TODOTXT_UNITS = {"d": "DAILY", "w": "WEEKLY", "m": "MONTHLY", "y": "YEARLY"}
WEEKDAYS_RULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def rrule_of(value: str) -> str | None:
    """The RRULE for a Taskwarrior ``recur`` value, or None when it has none."""
    text = value.strip()
    folded = text.lower()
    if folded == "weekdays":
        return WEEKDAYS_RULE
    if folded in _NAMED:
        return _rule(*_NAMED[folded])
    iso = _ISO.fullmatch(text.upper())
    if iso:
        frequency, step = _ISO_UNITS[iso[2]]
        return _rule(frequency, step * int(iso[1]))
    counted = _COUNTED.fullmatch(folded)
    if counted and counted[2] in _UNITS:
        frequency, step = _UNITS[counted[2]]
        return _rule(frequency, step * int(counted[1] or "1"))
    return None


def _rule(frequency: str, interval: int) -> str | None:
    if interval < 1:
        return None
    if interval == 1:
        return f"FREQ={frequency}"
    return f"FREQ={frequency};INTERVAL={interval}"


def todotxt_rule(value: str) -> str | None:
    """The RRULE for a todo.txt ``rec:`` value (``1w``, ``+1m``, ``3d``), or None.

    Strict (``+``) and relative recurrence give the same rule: planner's next occurrence
    follows the due date (or the day it is done, when there is no due date), never falling
    before the next day. A count of business days other than one has no rule.
    """
    found = _TODOTXT.fullmatch(value.strip().lower())
    if found is None:
        return None
    count = int(found[1] or "1")
    if found[2] == "b":
        return WEEKDAYS_RULE if count == 1 else None
    return _rule(_TODOTXT_UNITS[found[2]], count)
