"""China's published holidays and make-up working days, from the ``chinese-calendar``
package: the one module that imports it (an import-linter contract keeps it so).

The package is imported on the first question (about 50 ms), not at start-up. It knows the
years its release was published with (2004 to 2026 for 1.11.0) and raises
``NotImplementedError`` for the others: those are ``None`` here, and ``WorkCalendar``
falls back to plain weekdays and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Any

from planner.domain.config import Config
from planner.domain.workdays import NationalDay, WorkCalendar
from planner.i18n.translate import t

if TYPE_CHECKING:
    from textual.app import App


class ChineseHolidays:
    """``NationalCalendar`` answered by ``chinese_calendar``."""

    def __init__(self) -> None:
        self._module: ModuleType | None = None

    def _calendar(self) -> ModuleType:
        if self._module is None:
            import chinese_calendar  # on the first question: start-up needs none

            self._module = chinese_calendar
        return self._module

    @property
    def loaded(self) -> bool:
        """Whether the package is imported: until then a question costs about 50 ms."""
        return self._module is not None

    def lookup(self, day: date) -> NationalDay | None:
        calendar = self._calendar()
        try:
            on_holiday, name = calendar.get_holiday_detail(day)
        except NotImplementedError:  # a year the release does not know
            return None
        holiday = _holiday_id(calendar, name)
        if on_holiday and name is not None:
            return NationalDay("holiday", holiday, str(name))
        if not on_holiday and name is not None and day.weekday() >= 5:
            return NationalDay("makeup", holiday, str(name))
        return NationalDay("ordinary")


def _holiday_id(calendar: ModuleType, name: object) -> str | None:
    """``national_day`` for ``"National Day"``: the member of ``chinese_calendar.Holiday``
    with that value; a name it has no member for (none today) is kept as written."""
    if name is None:
        return None
    for member in calendar.Holiday:
        if member.value == name:
            return str(member.name)
    return str(name)


def work_calendar(config: Config, on_fallback: Callable[[int], None] | None) -> WorkCalendar:
    """The working calendar a run uses: China's, with the config's ``[workdays]``."""
    return WorkCalendar(
        ChineseHolidays(),
        extra=config.workdays_extra,
        off=config.workdays_off,
        on_fallback=on_fallback,
    )


def tell_in_app(app: App[Any], calendar: WorkCalendar) -> None:
    """While the app runs, a year the calendar does not know is told in a notification
    (stderr would write over the screen), from whichever thread asked."""

    def tell(year: int) -> None:
        message = t("workday.fallback", year=year)
        try:
            app.call_from_thread(app.notify, message, severity="warning", timeout=10)
        except RuntimeError:  # asked on the app's own thread (or before it runs)
            app.notify(message, severity="warning", timeout=10)

    calendar.on_fallback = tell
