"""Recurrence rules: the quick-add words and RFC 5545 RRULE strings, on ``dateutil.rrule``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from planner.domain.weekdays import RRULE_DAYS, fold, weekday_number, weekday_words

if TYPE_CHECKING:
    from dateutil.rrule import rrule

_WORDS = {
    "day": "FREQ=DAILY",
    "daily": "FREQ=DAILY",
    "每天": "FREQ=DAILY",
    "weekday": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "工作日": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "week": "FREQ=WEEKLY",
    "weekly": "FREQ=WEEKLY",
    "每周": "FREQ=WEEKLY",
    "month": "FREQ=MONTHLY",
    "monthly": "FREQ=MONTHLY",
    "每月": "FREQ=MONTHLY",
    "year": "FREQ=YEARLY",
    "yearly": "FREQ=YEARLY",
    "每年": "FREQ=YEARLY",
}


class RecurrenceError(ValueError):
    """The text is neither a recurrence word nor a valid RRULE."""


def rule_from_text(text: str) -> str:
    """Turn ``day``, ``weekday``, ``fri``, ``month`` (etc.) or an RRULE into a normalised RRULE.

    Raises ``RecurrenceError`` for anything else; nothing is guessed.
    """
    folded = fold(text.strip())
    if not folded:
        raise RecurrenceError("empty recurrence")
    if folded in _WORDS:
        return _WORDS[folded]
    number = weekday_number(folded)
    if number is not None:
        return f"FREQ=WEEKLY;BYDAY={RRULE_DAYS[number]}"
    return validate_rrule(text)


def rule_words(rule: str) -> tuple[str, str] | None:
    """The quick-add words, English and Chinese, that ``rule_from_text`` reads as ``rule``
    (``FREQ=WEEKLY;BYDAY=MO``: ``mon``, ``周一``), to show it by; None for any other rule."""
    english = next((w for w, r in _WORDS.items() if r == rule and w.isascii()), None)
    chinese = next((w for w, r in _WORDS.items() if r == rule and not w.isascii()), None)
    if english is not None and chinese is not None:
        return english, chinese
    code = rule.removeprefix("FREQ=WEEKLY;BYDAY=")
    if code != rule and code in RRULE_DAYS:
        return weekday_words(RRULE_DAYS.index(code))
    return None


def validate_rrule(rule: str) -> str:
    """Check an RRULE string with dateutil and return it in canonical upper-case form."""
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    body = body.upper()
    if "FREQ=" not in body:
        raise RecurrenceError(f"not a recurrence rule: {rule!r}")
    if "DTSTART" in body:
        raise RecurrenceError("DTSTART is not allowed in a task's rule")
    try:
        _build(body, datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(f"not a valid RRULE: {rule!r} ({exc})") from exc
    return body


def _build(rule: str, start: datetime) -> rrule:
    """Build the series; ``dateutil.rrule`` is imported here, as only recurring work needs it."""
    from dateutil.rrule import rrule, rrulestr

    built = rrulestr(rule, dtstart=start)
    if not isinstance(built, rrule):
        raise ValueError("a single RRULE is expected")
    return built


def first_occurrence(rule: str, today: date) -> date | None:
    """The first day of ``rule`` on or after ``today`` (a series starting today), if any."""
    start = datetime.combine(today, time())
    found = _build(rule, start).after(start, inc=True)
    return None if found is None else found.date()


def next_occurrence(
    rule: str, old_due: date | datetime | None, today: date
) -> date | datetime | None:
    """The first occurrence strictly after the later of the old due date and today.

    The series is anchored on the old due date (or today when there was none), so
    ``FREQ=MONTHLY`` keeps the day of the month. A date-only due gives a date, a
    datetime due keeps its time and zone. ``None`` when the rule has ended.
    """
    if isinstance(old_due, datetime):
        anchor = old_due.replace(tzinfo=None)
        floor_day = max(old_due.date(), today)
        tz = old_due.tzinfo
    else:
        anchor_day = old_due or today
        anchor = datetime.combine(anchor_day, time())
        floor_day = max(anchor_day, today)
        tz = None
    series = _build(rule, anchor)
    after = datetime.combine(floor_day, time()) + timedelta(days=1) - timedelta(microseconds=1)
    found = series.after(after, inc=False)
    if found is None:
        return None
    if isinstance(old_due, datetime):
        return found.replace(tzinfo=tz)
    return found.date()
