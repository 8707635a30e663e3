"""What every use case shares: the store, the settings, the clock and the undo history.

The ``Planner`` facade builds one ``Context`` and hands it to each use case, so they all
read the same store, agree on what "today" is, and record into the same history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from planner.domain.clock import Clock, planning_date
from planner.domain.config import Config
from planner.domain.workdays import PLAIN_WEEKDAYS, WorkCalendar
from planner.services.history import History
from planner.services.ports import Store


@dataclass(frozen=True, slots=True)
class Context:
    store: Store
    config: Config
    clock: Clock
    history: History
    calendar: WorkCalendar = field(default=PLAIN_WEEKDAYS)
    """The working calendar ``+3wd`` counts on (the shell gives China's)."""

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The planning day: before the configured start of day it is still yesterday."""
        return planning_date(self.clock(), self.config.day_starts_at)

    def tz(self) -> tzinfo:
        zone = self.now().tzinfo
        assert zone is not None, "the clock must return aware datetimes"
        return zone
