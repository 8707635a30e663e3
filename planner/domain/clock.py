"""The injected clock and the planning day (DESIGN section 3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from planner.domain.errors import DomainError

Clock = Callable[[], datetime]
"""A function returning the current aware local datetime; tests pass a fixed one."""

DEFAULT_DAY_START = time(4, 0)


def system_clock() -> datetime:
    return datetime.now().astimezone()


def planning_date(now: datetime, day_starts_at: time = DEFAULT_DAY_START) -> date:
    """The planning day ``now`` belongs to: before ``day_starts_at`` it is still yesterday."""
    if now.time().replace(tzinfo=None) < day_starts_at:
        return (now - timedelta(days=1)).date()
    return now.date()


def day_end(day: date, now: datetime, day_starts_at: time = DEFAULT_DAY_START) -> datetime:
    """The moment a planning day ends: the next calendar day at ``day_starts_at``.

    A date-only due date means the end of that day, so a task due Monday is not
    overdue at 1 a.m. on Tuesday while the user is still working on Monday's list.
    """
    tz = now.tzinfo
    return datetime.combine(day + timedelta(days=1), day_starts_at, tzinfo=tz)


def parse_moment(name: str, value: object) -> datetime | None:
    """A stored date and time (ISO 8601 text or a datetime), aware, to the second; None
    stays None; anything else is a ``DomainError`` naming the field ``name``."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise DomainError(name, f"not an ISO 8601 date and time: {value!r}") from None
    if not isinstance(value, datetime):
        raise DomainError(name, f"not a date and time: {value!r}")
    if value.tzinfo is None:
        raise DomainError(name, "a date and time needs its UTC offset")
    return value.replace(microsecond=0)
