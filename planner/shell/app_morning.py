"""The app's side of the morning plan (issue 16): the offer at the day's first launch, and
the key that opens the plan at any time.

The offer is one line on the board (a notice) and never takes a key: the key that is not the
plan's goes to the board as usual, and the notice goes away. It is made at start-up and at
the turn of the day, in place of the old carry-over question (the plan's first step holds
it), when the plan has something to ask and today's question was not answered yet; once a
day: the planning day it was last made is kept in the data folder's ``.cache/`` (a date,
nothing else), so a second launch that day does not offer it again.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.notifications import Notification, Notify

from data.files.atomic import write_atomic
from planner.i18n.translate import t
from widgets.compat import keymapped_bindings, withdraw_notice

if TYPE_CHECKING:
    from textual.app import App

    from planner.services.planner import Planner

    _AppBase = App[Any]
else:
    _AppBase = object

PLAN_KEY = "p"
"""The key that opens the plan (``app.morning_plan`` in the config's ``[keys]``)."""
OFFER_SECONDS = 60.0
"""How long the offer stays when no key is pressed."""
CALENDAR_WAIT_SECONDS = 0.2
CALENDAR_WAITS = 25
"""The offer waits for the working calendar's import at most this many times (5 s), and is
then made with the calendar's import on the app's own thread."""
OFFERED_FILE = ".cache/morning-plan-offered.txt"
"""The planning day the offer was last made (ISO), under the data folder."""


class PlansTheMorning(_AppBase):
    """Mixin for the planner app: the morning plan's offer and its key."""

    planner: Planner
    privacy: bool
    locked: bool
    morning_offer: Notification | None = None
    offered_on: date | None = None
    calendar_waits = 0

    def offer_morning_plan(self) -> bool:
        """Offer the plan once a day when it has something to ask; True when offered (or
        offered already today), so the carry-over question is not asked apart from it."""
        today = self.planner.today()
        if self.offered_on == today:
            return True
        if not self.planner.calendar.loaded and self.calendar_waits < CALENDAR_WAITS:
            # China's holiday tables are being imported in a worker (the header's load): the
            # plan asks the calendar about past days, and would import them here meanwhile
            self.calendar_waits += 1
            self.set_timer(CALENDAR_WAIT_SECONDS, self.offer_morning_plan)
            return True
        record = self.planner.store.get_day(today)
        if record is not None and record.carry_answered:
            return False
        if self.offered_file_day() == today:
            # Offered at an earlier launch today: not again, and the plan (``p``) still
            # stands for the carry-over question, which is not asked apart from it.
            self.offered_on = today
            return True
        from planner.services.morning import morning_plan  # after the first frame

        if not morning_plan(self.planner).worth_offering:
            return False
        self.offered_on = today
        self.remember_offer(today)
        key = self.plan_key_display()
        notice = Notification(t("morning.offer", key=key), "", "information", OFFER_SECONDS)
        self.morning_offer = notice
        self.post_message(Notify(notice))
        return True

    def _offered_path(self) -> Path | None:
        root = getattr(self.planner.store, "root", None)
        return root / OFFERED_FILE if isinstance(root, Path) else None

    def offered_file_day(self) -> date | None:
        """The planning day the offer was last made on, by any launch (None if unknown)."""
        path = self._offered_path()
        if path is None:
            return None
        try:
            return date.fromisoformat(path.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None

    def remember_offer(self, day: date) -> None:
        """Keep ``day`` as the day of the offer; a folder that refuses it only means the
        next launch that day offers the plan again."""
        path = self._offered_path()
        if path is None:
            return
        with suppress(OSError):
            path.parent.mkdir(exist_ok=True)
            write_atomic(path, f"{day.isoformat()}\n")

    def plan_key_display(self) -> str:
        """The plan's key as the user's keymap has it."""
        for bindings in keymapped_bindings(self).values():
            for binding in bindings:
                if binding.action == "morning_plan":
                    return self.get_key_display(binding)
        return PLAN_KEY

    def withdraw_morning_offer(self) -> None:
        notice, self.morning_offer = self.morning_offer, None
        if notice is not None:
            withdraw_notice(self, notice)

    def on_key(self, event: events.Key) -> None:
        """Any key takes the offer away (the key itself goes on to its binding)."""
        if self.morning_offer is not None:
            self.withdraw_morning_offer()

    def action_morning_plan(self) -> None:
        self.withdraw_morning_offer()
        if self.locked:
            return
        from widgets.dialogs.morning_plan import MorningPlanScreen

        if isinstance(self.screen, MorningPlanScreen):
            return
        self.push_screen(MorningPlanScreen(self.planner, privacy=self.privacy))
