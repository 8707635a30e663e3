"""Today's load in words: ``4.5 h / 6 h``, ``7.5 h / 6 h +25%``, ``3 without estimate``,
shared by the board's header and ``planner today``."""

from __future__ import annotations

from planner.domain.load import DayLoad
from planner.i18n.holidays import holiday_name
from planner.i18n.translate import t


def hours_number(minutes: int) -> str:
    """Minutes as hours to a tenth, without a trailing ``.0`` (``270``: ``4.5``; ``360``:
    ``6``); a few minutes are ``0.1``, never ``0``, so that some work never reads as none."""
    if minutes % 60 == 0:
        return str(minutes // 60)
    tenths = max(1, round(minutes / 6))
    whole, tenth = divmod(tenths, 10)
    return str(whole) if tenth == 0 else f"{whole}.{tenth}"


def hours_words(minutes: int) -> str:
    """``4.5 h`` / ``4.5 小时``."""
    return t("load.hours", hours=hours_number(minutes))


def load_against(load: DayLoad) -> str:
    """``4.5 h / 6 h``: the planned load against the day's capacity."""
    return t(
        "load.against",
        planned=hours_words(load.planned),
        capacity=hours_words(load.capacity),
    )


def overrun_words(load: DayLoad) -> str:
    """``+25%`` over the capacity; ``+1 h`` on a day without capacity; empty when it fits."""
    if load.over == 0:
        return ""
    percent = load.overrun_percent
    if percent is None:
        return f"+{hours_words(load.over)}"
    return f"+{max(1, percent)}%"


def unestimated_words(load: DayLoad) -> str:
    """``3 without estimate``; empty when every counted task has one."""
    count = len(load.unestimated)
    return t("load.unestimated", count=count) if count else ""


def day_kind_words(load: DayLoad) -> str:
    """What makes the day other than an ordinary weekday or weekend: the holiday's name, a
    make-up workday (调休), or the config's own working day or day off; else empty."""
    if load.reason == "holiday" and load.holiday is not None:
        return holiday_name(load.holiday, load.holiday_name)
    if load.reason == "makeup":
        return t("load.makeup")
    if load.reason == "config":
        return t("load.extra_day" if load.workday else "load.day_off")
    return ""


def load_line(load: DayLoad) -> str:
    """``planner today``'s line: ``Load: 7.5 h / 6 h +25% (1 h at set times; 3 without
    estimate) · National Day``."""
    text = load_against(load)
    over = overrun_words(load)
    if over:
        text = f"{text} {over}"
    notes = []
    if load.timed:
        notes.append(t("load.timed", hours=hours_words(load.timed)))
    unestimated = unestimated_words(load)
    if unestimated:
        notes.append(unestimated)
    if notes:
        text = t("load.notes", load=text, notes=t("load.notes_joiner").join(notes))
    kind = day_kind_words(load)
    if kind:
        text = f"{text} · {kind}"
    return t("load.line", load=text)
