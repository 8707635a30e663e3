"""Hybrid logical clock stamps: which of two edits came later, whatever the wall clocks say.

A stamp is (wall milliseconds, counter, machine). ``tick`` stamps a local edit strictly after
every stamp this clock has made or observed; ``observe`` takes in a stamp received from another
machine. So an edit made after receiving another always carries the larger stamp, even when its
machine's wall clock runs behind; edits made without seeing each other are ordered the same way
on every machine (by wall time, then counter, then machine id).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

_ENCODED = re.compile(r"^(\d{13})\.(\d{6})\.([0-9a-z]{1,32})$")
_MAX_COUNT = 999_999


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """One moment of one machine's clock; ordered by (wall, count, machine)."""

    wall: int
    count: int
    machine: str

    def encode(self) -> str:
        """A string that sorts as the stamp does (fixed-width fields)."""
        return f"{self.wall:013d}.{self.count:06d}.{self.machine}"

    @classmethod
    def decode(cls, text: object) -> Stamp:
        if not isinstance(text, str):
            raise ValueError(f"a clock stamp must be a string, got {text!r}")
        match = _ENCODED.match(text)
        if match is None:
            raise ValueError(f"not a clock stamp: {text!r}")
        return cls(int(match[1]), int(match[2]), match[3])


ZERO = Stamp(0, 0, "")
"""Older than every real stamp: the clock of a value no operation has set."""


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """The clock of one machine (Kulkarni et al., "Logical Physical Clocks", 2014)."""

    def __init__(self, machine: str, now_ms: Callable[[], int] = wall_ms, last: Stamp = ZERO):
        self.machine = machine
        self._now = now_ms
        self._wall = last.wall
        self._count = last.count

    @property
    def last(self) -> Stamp:
        return Stamp(self._wall, self._count, self.machine)

    def tick(self) -> Stamp:
        """The stamp of a new local event: later than anything seen so far."""
        now = self._now()
        if now > self._wall:
            self._wall, self._count = now, 0
        else:
            self._advance_count()
        return Stamp(self._wall, self._count, self.machine)

    def observe(self, stamp: Stamp) -> None:
        """Take in a stamp from another machine, so the next ``tick`` is later than it."""
        if (stamp.wall, stamp.count) > (self._wall, self._count):
            self._wall, self._count = stamp.wall, stamp.count

    def _advance_count(self) -> None:
        if self._count >= _MAX_COUNT:
            # A million events in one millisecond: move to the next millisecond instead.
            self._wall, self._count = self._wall + 1, 0
        else:
            self._count += 1
