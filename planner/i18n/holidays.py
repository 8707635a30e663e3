"""The words of the working calendar: a holiday's name in either language, and the line
``planner workday`` says of a day."""

from __future__ import annotations

from planner.domain.workdays import WorkdayAnswer
from planner.i18n.translate import MESSAGES, has, language, t


def holiday_name(holiday: str, english_name: str | None = None, lang: str | None = None) -> str:
    """The name of national holiday ``holiday`` (an id of ``HOLIDAYS``) in ``lang`` (the
    current language when ``None``). A holiday newer than the catalog keeps its English
    name from the calendar (``english_name``), or its id, in both languages."""
    key = f"holiday.{holiday}"
    if not has(key):
        return english_name or holiday
    english, chinese = MESSAGES[key]
    return chinese if (lang or language()) == "zh" else english


def describe_workday(answer: WorkdayAnswer) -> str:
    """One line: whether the day is a working day and why, in the current language."""
    values = {
        "date": answer.day.isoformat(),
        "weekday": t(f"weekday.long.{answer.day.weekday()}"),
    }
    if answer.reason == "config":
        return t("workday.config_on" if answer.workday else "workday.config_off", **values)
    if answer.reason in ("holiday", "makeup") and answer.holiday is not None:
        name = holiday_name(answer.holiday, answer.holiday_name)
        key = "workday.holiday" if answer.reason == "holiday" else "workday.makeup"
        return t(key, holiday=name, **values)
    return t("workday.weekday" if answer.workday else "workday.weekend", **values)
