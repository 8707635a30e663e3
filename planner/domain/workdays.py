"""The working calendar: whether a day is a working day, why, and counting working days.

China's national holidays and the weekend days worked in their stead (调休 make-up days)
are published year by year. The domain does not know them: it asks a ``NationalCalendar``
(the port; ``planner.shell.holiday_calendar`` answers it from the ``chinese-calendar``
package). A year the national calendar does not know yet is read as plain weekdays
(Monday to Friday), and ``WorkCalendar`` tells its ``on_fallback`` once per such year so
that the app and the CLI can say so. The config's ``[workdays]`` (``extra`` and ``off``)
comes first: local rules and leave outweigh the national calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol

Reason = Literal["weekday", "weekend", "holiday", "makeup", "config"]
REASONS: tuple[Reason, ...] = ("weekday", "weekend", "holiday", "makeup", "config")

HOLIDAYS: tuple[str, ...] = (
    "new_years_day",
    "spring_festival",
    "tomb_sweeping_day",
    "labour_day",
    "dragon_boat_festival",
    "national_day",
    "mid_autumn_festival",
    "anti_fascist_70th_day",
)
"""The national holidays by id, as ``chinese-calendar`` names them (``Holiday.national_day``);
the catalog words each (``holiday.national_day``: National Day, 国庆节)."""

WORKDAY_LIMIT = 3660
"""How many working days ``add_workdays`` counts at most: about fourteen years of them, far
beyond any plan, and a bound on the loop (the three digits quick add reads stay well in)."""


@dataclass(frozen=True, slots=True)
class NationalDay:
    """What the national calendar says of a day it knows: ``holiday`` (a day off, Monday to
    Friday or not), ``makeup`` (a weekend day worked in a holiday's stead) or ``ordinary``
    (the weekday or weekend it is). ``holiday`` is the holiday's id (one of ``HOLIDAYS``,
    or a newer one) and ``name`` its English name, for a holiday and a make-up day."""

    kind: Literal["holiday", "makeup", "ordinary"]
    holiday: str | None = None
    name: str | None = None


class NationalCalendar(Protocol):
    """The port: the published holidays and make-up days of one country."""

    def lookup(self, day: date) -> NationalDay | None:
        """What the calendar says of ``day``; ``None`` when it does not know its year."""
        ...


@dataclass(frozen=True, slots=True)
class WorkdayAnswer:
    """Whether ``day`` is a working day, and why (``reason``). ``holiday`` is the id of the
    national holiday it falls in, or that a make-up day works for (else ``None``), and
    ``holiday_name`` that holiday's English name. ``known`` is False when the national
    calendar did not know the year and plain weekdays were assumed."""

    day: date
    workday: bool
    reason: Reason
    holiday: str | None = None
    holiday_name: str | None = None
    known: bool = True


class WorkCalendar:
    """Working days: the config's own days first, then the national calendar, then the
    weekday. Without a national calendar (``national=None``) it is plain weekdays plus the
    config's days, and says nothing of it: that is the calendar asked for."""

    def __init__(
        self,
        national: NationalCalendar | None = None,
        *,
        extra: Collection[date] = (),
        off: Collection[date] = (),
        on_fallback: Callable[[int], None] | None = None,
    ) -> None:
        both = set(extra) & set(off)
        if both:
            shown = ", ".join(day.isoformat() for day in sorted(both))
            raise ValueError(f"a day cannot be both a working day and a day off: {shown}")
        self._national = national
        self._extra = frozenset(extra)
        self._off = frozenset(off)
        self.on_fallback = on_fallback
        """Told each year the national calendar does not know, the first time it is met."""
        self._unknown_years: set[int] = set()

    @property
    def loaded(self) -> bool:
        """Whether an answer costs nothing more: there is no national calendar, or it says
        its tables are loaded (its ``loaded``; one without that attribute is taken as
        loaded). The app asks a calendar not yet loaded in a worker thread."""
        return self._national is None or bool(getattr(self._national, "loaded", True))

    @property
    def unknown_years(self) -> frozenset[int]:
        """The years met so far that the national calendar does not know."""
        return frozenset(self._unknown_years)

    def answer(self, day: date) -> WorkdayAnswer:
        """Whether ``day`` is a working day, and why."""
        if day in self._extra:
            return WorkdayAnswer(day, True, "config")
        if day in self._off:
            return WorkdayAnswer(day, False, "config")
        weekend = day.weekday() >= 5
        known = True
        if self._national is not None:
            national = self._national.lookup(day)
            if national is None:
                known = False
                self._fell_back(day.year)
            elif national.kind == "holiday":
                return WorkdayAnswer(day, False, "holiday", national.holiday, national.name)
            elif national.kind == "makeup":
                return WorkdayAnswer(day, True, "makeup", national.holiday, national.name)
        if weekend:
            return WorkdayAnswer(day, False, "weekend", known=known)
        return WorkdayAnswer(day, True, "weekday", known=known)

    def is_workday(self, day: date) -> bool:
        return self.answer(day).workday

    def add_workdays(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (before it when ``count`` is
        negative); ``start`` itself is not counted, and 0 is ``start``. ``OverflowError``
        past the calendar's ends or beyond ``WORKDAY_LIMIT`` working days."""
        if abs(count) > WORKDAY_LIMIT:
            raise OverflowError(f"more than {WORKDAY_LIMIT} working days")
        step = timedelta(days=1 if count > 0 else -1)
        day = start
        left = abs(count)
        while left:
            day += step  # OverflowError past date.min or date.max
            if self.is_workday(day):
                left -= 1
        return day

    def _fell_back(self, year: int) -> None:
        if year in self._unknown_years:
            return
        self._unknown_years.add(year)
        if self.on_fallback is not None:
            self.on_fallback(year)


PLAIN_WEEKDAYS = WorkCalendar()
"""Monday to Friday, nothing else: what date reading uses when it is given no calendar."""
