"""The timer's words (issue 16): what was spent, against the estimate, the header's running
timer and the notes said when a timer starts, stops or is stopped at its day's end. A
confidential task's title is masked in privacy mode, as everywhere else."""

from __future__ import annotations

from datetime import datetime

from planner.domain.estimates import duration_text
from planner.domain.models import Task
from planner.i18n.formats import format_due
from planner.i18n.privacy import title_words
from planner.i18n.translate import t


def spent_words(seconds: int) -> str:
    """Seconds as the user's units, to the minute (``1h30m``, ``1小时30分钟``)."""
    if seconds < 60:
        return t("timer.under_a_minute")
    return duration_text(seconds // 60, t("estimate.hours_unit"), t("estimate.minutes_unit"))


def percent_of(spent_seconds: int, estimate_minutes: int) -> int:
    """What was spent as a whole percentage of the estimate (120: a fifth over)."""
    return round(spent_seconds * 100 / (estimate_minutes * 60))


def against_words(task: Task, now: datetime | None = None) -> str:
    """``45m of 1h estimated (75%)``; only what was spent for a task without an estimate;
    empty when its timer never ran. With ``now``, a running timer counts up to it."""
    from planner.domain.timer import spent_seconds

    if not task.intervals:
        return ""
    spent = spent_seconds(task.intervals, now)
    if task.estimate is None:
        return spent_words(spent)
    estimate = duration_text(task.estimate, t("estimate.hours_unit"), t("estimate.minutes_unit"))
    return t(
        "timer.against",
        spent=spent_words(spent),
        estimate=estimate,
        percent=percent_of(spent, task.estimate),
    )


def info_words(task: Task) -> str:
    """What ``info`` and the app's ``i`` say of the time spent: against the estimate, and
    since when the timer runs if it does (``45m of 1h estimated (75%) · running since …``)."""
    from planner.domain.timer import running

    if not task.intervals:
        return ""
    parts = [against_words(task)]
    current = running(task.intervals)
    if current is not None:
        parts.append(t("timer.running_since", at=format_due(current.start)))
    return " · ".join(parts)


def timer_note(result: object, privacy: bool) -> str:
    """What the app says after the timer key: ``Timer started: …`` (with the timer it
    stopped), ``Timer stopped: …, 25m``; empty for anything else (a refused action)."""
    from planner.services.timer import Start, Stopped

    if isinstance(result, Start):
        title = title_words(result.task, privacy)
        if not result.stopped:
            return t("timer.started", title=title)
        other = result.stopped[0]
        return t(
            "timer.switched",
            title=title,
            other=title_words(other.task, privacy),
            duration=spent_words(other.interval.seconds()),
        )
    if isinstance(result, Stopped):
        duration = spent_words(result.interval.seconds())
        return t("timer.stopped", title=title_words(result.task, privacy), duration=duration)
    return ""


HEADER_TITLE_CELLS = 24
"""The header is one line: a long title is cut to this many cells at most."""
HEADER_TITLE_LEAST = 6
"""With less room than this for the title, the header shows the minutes alone."""


def header_words(title: str, minutes: int, room: int | None = None) -> str:
    """``⏱ Write the report 25 min``: the header's running timer, its ``title`` (masked by
    the caller where privacy asks) cut to fit ``room`` cells (None: no limit but
    ``HEADER_TITLE_CELLS``); ``⏱ 25 min`` when the title would not fit."""
    from planner.domain.textwidth import cell_width, truncate
    from planner.domain.visible import visible

    cells = HEADER_TITLE_CELLS
    if room is not None:
        cells = min(cells, room - cell_width(t("timer.header", title="", minutes=minutes)))
    if cells < HEADER_TITLE_LEAST:
        return t("timer.header_short", minutes=minutes)
    return t("timer.header", title=truncate(visible(title), cells, "…"), minutes=minutes)
