"""``planner workday [DATE] [--json]``: whether a day is a working day on China's calendar,
and why. Reads no data folder: the answer is the calendar's and the config's."""

from __future__ import annotations

from typing import Any

from planner.domain.workdays import WorkdayAnswer
from planner.i18n.holidays import describe_workday, holiday_name
from planner.i18n.translate import t
from planner.shell.cli.context import EXIT_OK, Context, parse_day_option


def cmd_workday(ctx: Context) -> int:
    """DATE is read as every forward date option is (``fri`` is the next Friday, ``+3wd``
    counts working days); none is today, the planning day."""
    calendar = ctx.work_calendar()
    calendar.on_fallback = None  # said here, in the command's own output (once)
    given = parse_day_option(ctx.args.date, ctx, option="workday", direction="forward")
    day = given if given is not None else ctx.today
    answer = calendar.answer(day)
    notice = None if answer.known else t("workday.fallback", year=day.year)
    if ctx.json:
        ctx.print_json(workday_json(answer, notice))
        return EXIT_OK
    ctx.say(describe_workday(answer))
    if notice is not None:
        ctx.say(notice)
    ctx.say_far_dates()
    return EXIT_OK


def workday_json(answer: WorkdayAnswer, notice: str | None = None) -> dict[str, Any]:
    """The answer for programs: ``holiday`` is the English name (as the calendar names it),
    ``holiday_zh`` the Chinese; ``known`` is false when the year was not in the calendar
    and plain weekdays were assumed, and ``notice`` then says so."""
    holiday = answer.holiday
    return {
        "date": answer.day.isoformat(),
        "workday": answer.workday,
        "reason": answer.reason,
        "holiday": None if holiday is None else holiday_name(holiday, answer.holiday_name, "en"),
        "holiday_zh": (
            None if holiday is None else holiday_name(holiday, answer.holiday_name, "zh")
        ),
        "known": answer.known,
        "notice": notice,
    }
