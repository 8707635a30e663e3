"""The app's side of the timer (issue 16): the header's running timer, and the stop at the
day's end.

The running timer is read from the data after each write the app sees (its own, another
process's: a ``planner start`` in a terminal stops the app's timer, and the header shows the
new one at the next look), never kept as the app's own state. Its minutes are redrawn by a
timer every ``TIMER_SECONDS`` (a header line, only when the words changed); the same tick
stops a timer left running past its planning day's end, at that end, and says so.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from planner.domain.errors import DataError
from planner.domain.timer import overdue_stop
from planner.i18n.formats import format_due
from planner.i18n.privacy import title_words
from planner.i18n.timer_words import spent_words
from planner.i18n.translate import t
from planner.services.timer import Running, Stopped, elapsed_minutes

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App

    from planner.services.planner import Planner

    _AppBase = App[Any]
else:
    _AppBase = object

R = TypeVar("R")

TIMER_SECONDS = 30.0
"""How often the header's elapsed minutes are redrawn (and a day's end looked for)."""


class ShowsTimer(_AppBase):
    """Mixin for the planner app: ``running_timer`` as the data holds it, its header words,
    and the tick that keeps them current."""

    planner: Planner
    privacy: bool
    locked: bool
    running_timer: Running | None = None

    def perform(
        self, label: str, call: Callable[[], R], *, select: Callable[[R], str] | None = None
    ) -> R | None:
        raise NotImplementedError

    def refresh_header(self) -> None:
        raise NotImplementedError

    def read_running_timer(self) -> None:
        """The running timer from open work (cached by the store: a loop, no read)."""
        with suppress(DataError, OSError):
            self.running_timer = self.planner.running_timer()

    def timer_shown(self) -> tuple[str, int] | None:
        """The header's running timer: its task's title (masked in privacy mode when
        confidential) and the minutes it has run; None when none runs."""
        found = self.running_timer
        if found is None:
            return None
        minutes = elapsed_minutes(found, self.planner.now())
        return title_words(found.task, self.privacy), minutes

    def timer_tick(self) -> None:
        """Every ``TIMER_SECONDS``: the header's minutes, or the stop at the day's end."""
        found = self.running_timer
        if found is None or self.locked:
            return
        starts_at = self.planner.config.day_starts_at
        if overdue_stop(found.interval, self.planner.now(), starts_at) is not None:
            self.close_overdue_timers()
        else:
            self.refresh_header()

    def close_overdue_timers(self) -> None:
        """Stop a timer left running past its day's end, at that end, and say so."""
        closed: list[Stopped] | None = self.perform(
            "action.timer_close", self.planner.close_overdue_timers
        )
        for stopped in closed or []:
            self.notify(
                t(
                    "timer.closed",
                    title=title_words(stopped.task, self.privacy),
                    at=format_due(stopped.interval.end),
                    duration=spent_words(stopped.interval.seconds()),
                ),
                severity="warning",
                timeout=20,
            )
