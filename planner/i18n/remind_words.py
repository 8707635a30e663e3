"""Reminders in words (issue 16): one line per reminder for ``planner remind`` and the
app, a desktop notification's summary and body, and the counts said when the data is
locked. A confidential task's title is said only when the config allows it
(``[remind] show_confidential_titles``) and privacy mode is off; otherwise "a confidential
item"."""

from __future__ import annotations

from datetime import datetime

from planner.domain.ids import short
from planner.domain.reminders import Reminder, ReminderKind
from planner.domain.visible import visible
from planner.i18n.translate import t

_KIND_WORDS: dict[ReminderKind, str] = {
    "due": "remind.kind_due",
    "report": "remind.kind_report",
    "overdue": "remind.kind_overdue",
}


def shown_title(reminder: Reminder, *, show_titles: bool, privacy: bool) -> str:
    """The title as a reminder may say it: masked for a confidential task unless titles
    are allowed and privacy mode is off."""
    if reminder.confidential and (privacy or not show_titles):
        return t("remind.confidential")
    return visible(reminder.title)


def moment_words(reminder: Reminder, now: datetime) -> str:
    """``14:00`` for a time today, ``2026-11-24 09:00`` for another day's, a date as ISO."""
    at = reminder.at
    if isinstance(at, datetime):
        local = at.astimezone(now.tzinfo)
        return local.strftime("%H:%M" if local.date() == now.date() else "%Y-%m-%d %H:%M")
    return at.isoformat()


def reminder_line(reminder: Reminder, now: datetime, *, show_titles: bool, privacy: bool) -> str:
    """One line: ``Due at 14:00: write the report (1a2b3c4d)``."""
    title = shown_title(reminder, show_titles=show_titles, privacy=privacy)
    at = moment_words(reminder, now)
    if reminder.kind == "due":
        key = "remind.due_at" if reminder.timed else "remind.due_today"
    elif reminder.kind == "report":
        key = "remind.report"
    else:
        key = "remind.overdue_report" if reminder.of_report else "remind.overdue"
    return t(key, at=at, title=title, id=short(reminder.task_id))


def notification(
    reminder: Reminder, now: datetime, *, show_titles: bool, privacy: bool
) -> tuple[str, str]:
    """A desktop notification's summary (``Due 14:00``) and body (the title)."""
    summary = f"{t(_KIND_WORDS[reminder.kind])} {moment_words(reminder, now)}"
    return summary, shown_title(reminder, show_titles=show_titles, privacy=privacy)


def counts_line(counts: dict[ReminderKind, int]) -> str | None:
    """``2 items due, 1 overdue; unlock to see them``; ``None`` when there is nothing."""
    parts: list[str] = []
    if counts["due"]:
        due = counts["due"]
        parts.append(t("remind.items_due_one") if due == 1 else t("remind.items_due", count=due))
    if counts["report"]:
        parts.append(t("remind.count_report", count=counts["report"]))
    if counts["overdue"]:
        parts.append(t("remind.count_overdue", count=counts["overdue"]))
    if not parts:
        return None
    return t("remind.locked_counts", counts=t("remind.separator").join(parts))
