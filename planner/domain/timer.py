"""Time actually spent on a task (issue 16): its timer's intervals, and the rules of the timer.

A task keeps the intervals its timer ran (``Task.intervals``); a running timer is the one
interval without an end. The intervals are a set for sync (``planner.domain.sync.merge``):
intervals recorded on two machines both survive, so what is spent is the length of their
*union* (``spent_seconds``): two machines that timed the same hour count it once.

One timer runs at a time across the data folder: the running one is found in the data (any
process may have started it), and starting another stops it (``planner.services.timer``).
A timer left running past the end of its planning day is stopped at that day's end
(``overdue_stop``): the day's close, whenever the app or a command next looks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from planner.domain.clock import DEFAULT_DAY_START, day_end, parse_moment, planning_date
from planner.domain.errors import DomainError


@dataclass(frozen=True, slots=True)
class Interval:
    """One run of a task's timer: ``end`` None while it runs."""

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        start = parse_moment("intervals.start", self.start)
        if start is None:
            raise DomainError("intervals.start", "is required")
        end = parse_moment("intervals.end", self.end)
        if end is not None and end < start:
            raise DomainError("intervals.end", "a timer cannot stop before it started")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @property
    def running(self) -> bool:
        return self.end is None

    def seconds(self, now: datetime | None = None) -> int:
        """Its length; a running one's up to ``now`` (0 without ``now``)."""
        end = self.end if self.end is not None else now
        if end is None or end <= self.start:
            return 0
        return int((end - self.start).total_seconds())

    def to_dict(self) -> dict[str, Any]:
        end = None if self.end is None else self.end.isoformat(timespec="seconds")
        return {"start": self.start.isoformat(timespec="seconds"), "end": end}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Interval:
        if not isinstance(raw, Mapping) or set(raw) - {"start", "end"}:
            raise DomainError("intervals", f"expected {{start, end}}, got {raw!r}")
        return cls(start=raw.get("start"), end=raw.get("end"))  # type: ignore[arg-type]


def intervals_value(value: object) -> tuple[Interval, ...]:
    """A task's intervals from what a record holds (``Interval``s or their dicts; null is
    none), sorted by start. Two with one start are one run stopped on two machines: the
    earlier stop is kept (the timer was stopped then), a stopped one over a running one."""
    if value is None:
        return ()
    if isinstance(value, (str, Mapping)) or not isinstance(value, Iterable):
        raise DomainError("intervals", "expected a list of {start, end}")
    by_start: dict[datetime, Interval] = {}
    for item in value:
        interval = item if isinstance(item, Interval) else Interval.from_dict(item)
        held = by_start.get(interval.start)
        if held is None or _earlier_stop(interval, held):
            by_start[interval.start] = interval
    return tuple(by_start[start] for start in sorted(by_start))


def _earlier_stop(new: Interval, held: Interval) -> bool:
    if new.end is None:
        return False
    return held.end is None or new.end < held.end


def running(intervals: Iterable[Interval]) -> Interval | None:
    """The running interval (the latest started, should two machines each have started one)."""
    found = [interval for interval in intervals if interval.running]
    return max(found, key=lambda interval: interval.start) if found else None


def spent_seconds(intervals: Iterable[Interval], now: datetime | None = None) -> int:
    """Seconds the timer ran: the length of the intervals' union (an overlap counted once);
    a running interval counts up to ``now`` (not at all without it)."""
    spans = sorted(
        (interval.start, interval.end if interval.end is not None else now)
        for interval in intervals
        if interval.end is not None or now is not None
    )
    total = 0
    current_start: datetime | None = None
    current_end: datetime | None = None
    for start, end in spans:
        assert end is not None
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                total += max(0, int((current_end - current_start).total_seconds()))
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if current_start is not None and current_end is not None:
        total += max(0, int((current_end - current_start).total_seconds()))
    return total


def started(intervals: tuple[Interval, ...], now: datetime) -> tuple[Interval, ...]:
    """The intervals with a new one running from ``now`` (``DomainError`` if one runs)."""
    if running(intervals) is not None:
        raise DomainError("intervals", "the timer is already running")
    return intervals_value((*intervals, Interval(now)))


def stopped(intervals: tuple[Interval, ...], at: datetime) -> tuple[Interval, ...]:
    """The intervals with every running one stopped at ``at`` (not before its start)."""
    return intervals_value(
        Interval(item.start, max(at, item.start)) if item.running else item for item in intervals
    )


def overdue_stop(
    interval: Interval, now: datetime, day_starts_at: time = DEFAULT_DAY_START
) -> datetime | None:
    """When a running ``interval`` is to be stopped because its planning day has ended: the
    end of the planning day it started in, once ``now`` is in a later planning day; None
    while it is still that day. The planning day turns at ``day_starts_at``, so a timer
    started at 23:00 still runs at 01:00 (the same planning day) and stops at 04:00."""
    if not interval.running:
        return None
    start = interval.start.astimezone(now.tzinfo)
    started_on = planning_date(start, day_starts_at)
    if planning_date(now, day_starts_at) <= started_on:
        return None
    return day_end(started_on, start, day_starts_at)


__all__ = [
    "Interval",
    "intervals_value",
    "overdue_stop",
    "running",
    "spent_seconds",
    "started",
    "stopped",
]
