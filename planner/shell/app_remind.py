"""The open app's reminders (issue 16): a notification at a timed task's time and at an
instruction's report-back warning, each once per run.

Every ``REMIND_SECONDS`` (and once after the first frame) the app looks at open work, which
the store already holds in memory (no read, a loop over open tasks: well under a
millisecond for 300), and notifies:

- ``due``: a timed task whose time falls within the next ``REMIND_SECONDS`` (so each is
  caught by one look, up to a minute early);
- ``overdue``: a timed task whose time passed while the app was open without a look
  catching it as due (the machine slept); what was overdue before the app opened is on the
  board already;
- ``report``: an instruction whose report-back date is within the warning days (临期),
  once per run (the board's flag says it too).

The keys said are kept in memory for the run (``planner remind``'s own state file is left
alone: a reminder seen in the app may still go to cron's mail). A confidential task's
title is masked as ``planner remind`` masks it (``[remind] show_confidential_titles``,
privacy mode).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from planner.domain.errors import DataError
from planner.i18n.translate import t

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from planner.domain.reminders import Reminder
    from planner.services.planner import Planner

    _AppBase = App[Any]
else:
    _AppBase = object

REMIND_SECONDS = 60.0
"""How often the app looks for reminders."""
NOTICE_SECONDS = 30.0
"""How long a reminder's notification stays."""


class Reminds(_AppBase):
    """Mixin for the planner app: ``remind_tick`` notifies what is due (see the module)."""

    planner: Planner
    privacy: bool
    locked: bool
    _reminded: set[str] | None = None
    _remind_since: datetime | None = None

    def remind_tick(self) -> None:
        """Notify each reminder due now not yet notified in this run."""
        planner = self.planner
        if self.locked or not planner.config.remind_in_app:
            return
        # Imported at the first look, after the first frame: start-up does without them.
        from planner.domain.reminders import reminders_of
        from planner.i18n.remind_words import reminder_line

        now = planner.now()
        if self._reminded is None or self._remind_since is None:
            self._reminded, self._remind_since = set(), now
        try:
            tasks = planner.all_tasks()
            found = reminders_of(
                tasks,
                now=now,
                today=planner.today(),
                within=timedelta(seconds=REMIND_SECONDS),
                warn_until=planner.warn_until(),
            )
        except (DataError, OSError):
            return  # the look for outside changes says what is wrong with the folder
        for reminder in found:
            if reminder.key in self._reminded or not self._tells(reminder):
                continue
            self._reminded.add(reminder.key)
            line = reminder_line(
                reminder, now, show_titles=planner.config.remind_titles, privacy=self.privacy
            )
            severity: SeverityLevel = "warning" if reminder.kind == "overdue" else "information"
            self.notify(
                line, title=t("remind.app_title"), severity=severity, timeout=NOTICE_SECONDS
            )

    def _tells(self, reminder: Reminder) -> bool:
        if reminder.kind == "report":
            return True
        if not isinstance(reminder.at, datetime):
            return False  # an all-day date: the board shows it
        if reminder.kind == "due":
            return True
        # overdue: only a time passed during the run and not told as due already
        told_due = replace(reminder, kind="due").key in (self._reminded or ())
        since = self._remind_since
        return since is not None and reminder.at >= since and not told_due
