"""China's working calendar end to end: the adapter checked against ``chinese-calendar``'s
own answers for every day of 2025 and 2026, the fallback for a year it does not know,
``[workdays]`` in the config, ``due:+3wd`` in quick add and ``planner workday``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from cli_calls import ROOT, TZ
from cli_calls import call as call_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.errors import ConfigError
from planner.domain.workdays import HOLIDAYS, WorkCalendar
from planner.shell.config_file import parse_config_text
from planner.shell.holiday_calendar import ChineseHolidays

THURSDAY = datetime(2026, 12, 3, 9, 0, tzinfo=TZ)
FRIDAY_BEFORE_NATIONAL_DAY = datetime(2026, 9, 25, 9, 0, tzinfo=TZ)


def call(*args: str, now: datetime = THURSDAY) -> tuple[int, str, str]:
    return call_cli(*args, now=now)


def write_config(text: str) -> Path:
    path = Path(os.environ["PLANNER_CONFIG"])
    path.write_text(text, encoding="utf-8")
    return path


def every_day(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_day_agrees_with_the_package(year: int) -> None:
    calendar = WorkCalendar(ChineseHolidays())
    reasons: dict[str, int] = {}
    for day in every_day(year):
        answer = calendar.answer(day)
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        assert answer.workday == chinese_calendar.is_workday(day), day
        assert answer.known
        if name is not None and on_holiday:
            expected = "holiday"
        elif name is not None and day.weekday() >= 5:
            expected = "makeup"
        else:
            expected = "weekend" if day.weekday() >= 5 else "weekday"
        assert answer.reason == expected, day
        if expected in ("holiday", "makeup"):
            assert answer.holiday == chinese_calendar.Holiday(name).name
            assert answer.holiday in HOLIDAYS
            assert answer.holiday_name == name
        else:
            assert answer.holiday is None
        reasons[answer.reason] = reasons.get(answer.reason, 0) + 1
    # the year has its holidays and make-up days (not a calendar of weekdays only)
    assert reasons["holiday"] >= 25
    assert reasons["makeup"] >= 4


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 11, 30)),
    count=st.integers(min_value=-15, max_value=15),
)
def test_counting_agrees_with_the_package(start: date, count: int) -> None:
    """``+Nwd`` from any day of 2025 and 2026 lands where stepping through the package's
    ``is_workday`` lands (staying within the years it knows)."""
    step = timedelta(days=1 if count > 0 else -1)
    expected, left = start, abs(count)
    while left:
        expected += step
        left -= chinese_calendar.is_workday(expected)
    assert WorkCalendar(ChineseHolidays()).add_workdays(start, count) == expected


def test_the_published_days_of_national_day_2026() -> None:
    calendar = WorkCalendar(ChineseHolidays())
    assert [calendar.answer(date(2026, 10, n)).reason for n in range(1, 8)] == ["holiday"] * 7
    saturday = calendar.answer(date(2026, 10, 10))
    assert (saturday.workday, saturday.reason, saturday.holiday) == (True, "makeup", "national_day")
    assert calendar.answer(date(2026, 9, 20)).reason == "makeup"  # a make-up Sunday


def test_the_turn_of_2025_into_2026() -> None:
    calendar = WorkCalendar(ChineseHolidays())
    expected = date(2025, 12, 31) + timedelta(days=1)
    while not chinese_calendar.is_workday(expected):
        expected += timedelta(days=1)
    assert calendar.add_workdays(date(2025, 12, 31), 1) == expected
    assert expected.year == 2026
    assert calendar.answer(date(2026, 1, 1)).reason == "holiday"
    back = calendar.add_workdays(expected, -1)
    assert back == date(2025, 12, 31)


@pytest.mark.parametrize("year", [2040, 1990])
def test_a_year_the_package_does_not_know_falls_back(year: int) -> None:
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(year, 10, 1))
    told: list[int] = []
    calendar = WorkCalendar(ChineseHolidays(), on_fallback=told.append)
    answers = [calendar.answer(day) for day in every_day(year)[270:290]]
    assert all(not answer.known for answer in answers)
    assert all(answer.workday == (answer.day.weekday() < 5) for answer in answers)
    assert {answer.reason for answer in answers} == {"weekday", "weekend"}
    assert told == [year]


def test_the_turn_of_2026_into_an_unknown_2027() -> None:
    told: list[int] = []
    calendar = WorkCalendar(ChineseHolidays(), on_fallback=told.append)
    # Thursday 31 December 2026; Friday 1 January 2027 is taken as a plain weekday
    assert calendar.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert calendar.add_workdays(date(2026, 12, 31), 2) == date(2027, 1, 4)
    assert told == [2027]


# -- quick add --------------------------------------------------------------------------------


def test_due_plus_three_working_days_from_the_friday_before_national_day() -> None:
    code, out, _ = call("add", "报送国庆值班表 due:+3wd", "--json", now=FRIDAY_BEFORE_NATIONAL_DAY)
    assert code == 0
    assert json.loads(out)["due"] == "2026-09-30"
    code, out, _ = call("add", "Briefing due:+4工作日", "--json", now=FRIDAY_BEFORE_NATIONAL_DAY)
    assert json.loads(out)["due"] == "2026-10-08"  # past the holiday week
    code, out, _ = call(
        "add", "Minutes sched:+1wd report:-2wd", "--json", now=FRIDAY_BEFORE_NATIONAL_DAY
    )
    task = json.loads(out)
    assert (task["scheduled"], task["report_by"]) == ("2026-09-28", "2026-09-23")


def test_a_make_up_saturday_counts_as_a_working_day() -> None:
    friday = datetime(2026, 10, 9, 9, 0, tzinfo=TZ)
    _, out, _ = call("add", "Draft due:+1wd", "--json", now=friday)
    assert json.loads(out)["due"] == "2026-10-10"


def test_an_unknown_year_is_told_once_per_run() -> None:
    code, out, err = call(
        "add",
        "Year-end summary due:+3wd sched:+5wd",
        "--json",
        now=datetime(2026, 12, 30, 9, 0, tzinfo=TZ),
    )
    assert code == 0
    task = json.loads(out)
    assert (task["due"], task["scheduled"]) == ("2027-01-04", "2027-01-06")
    assert err.count("does not know 2027") == 1


def test_config_days_move_working_day_counts() -> None:
    write_config('[workdays]\noff = [2026-09-28]\nextra = ["2026-09-26"]\n')
    code, out, _ = call("add", "Draft due:+2wd", "--json", now=FRIDAY_BEFORE_NATIONAL_DAY)
    assert code == 0
    # Saturday 26 worked, Monday 28 on leave: the second working day is Tuesday 29
    assert json.loads(out)["due"] == "2026-09-29"


# -- [workdays] in the config -----------------------------------------------------------------


def test_workdays_settings_read() -> None:
    config = parse_config_text(
        '[workdays]\nextra = [2026-10-08, "2026-10-09"]\noff = [2026-12-24]\n', Path("c.toml")
    )
    assert config.workdays_extra == {date(2026, 10, 8), date(2026, 10, 9)}
    assert config.workdays_off == {date(2026, 12, 24)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[workdays]\nextra = ["2026-13-01"]\n', "c.toml:2: [workdays] extra: '2026-13-01' is not"),
        ("[workdays]\noff = [2026-12-24T09:00:00]\n", "c.toml:2: [workdays] off:"),
        ('[workdays]\noff = ["12-24"]\n', "c.toml:2: [workdays] off: '12-24' is not a date"),
        ("[workdays]\noff = 2026-12-24\n", "c.toml:2: [workdays] off must be a list of dates"),
        ("[workdays]\nleave = [2026-12-24]\n", "c.toml:2: unknown setting 'leave' in [workdays]"),
        ("workdays = 3\n", "c.toml:1: [workdays] must be a table"),
        (
            "[workdays]\nextra = [2026-12-24]\noff = [2026-12-24]\n",
            "[workdays] extra and off both hold 2026-12-24",
        ),
    ],
)
def test_bad_workdays_settings_name_the_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config_text(text, Path("c.toml"))
    assert message in str(caught.value)


def test_a_bad_workdays_setting_is_bad_input_on_the_command_line() -> None:
    write_config('[workdays]\nextra = ["soon"]\n')
    code, _, err = call("workday")
    assert code == 1
    assert "[workdays] extra: 'soon' is not a date" in err


# -- planner workday --------------------------------------------------------------------------


def workday_json(*args: str, now: datetime = THURSDAY) -> dict[str, object]:
    code, out, err = call("workday", *args, "--json", now=now)
    assert code == 0, err
    result: dict[str, object] = json.loads(out)
    return result


def test_workday_json() -> None:
    assert workday_json() == {
        "date": "2026-12-03",
        "workday": True,
        "reason": "weekday",
        "holiday": None,
        "holiday_zh": None,
        "known": True,
        "notice": None,
    }
    national = workday_json("2026-10-01")
    assert (national["workday"], national["reason"]) == (False, "holiday")
    assert (national["holiday"], national["holiday_zh"]) == ("National Day", "国庆节")
    makeup = workday_json("2026-10-10")
    assert (makeup["workday"], makeup["reason"], makeup["holiday"]) == (
        True,
        "makeup",
        "National Day",
    )
    assert workday_json("sat")["reason"] == "weekend"  # the next Saturday, 5 December
    assert workday_json("sat")["date"] == "2026-12-05"
    assert workday_json("+2wd")["date"] == "2026-12-07"


def test_workday_json_of_an_unknown_year() -> None:
    answer = workday_json("2027-10-01")
    assert (answer["workday"], answer["reason"], answer["known"]) == (True, "weekday", False)
    assert "does not know 2027" in str(answer["notice"])


def test_workday_config_reason() -> None:
    write_config("[workdays]\nextra = [2026-10-02]\noff = [2026-12-04]\n")
    assert workday_json("2026-10-02")["reason"] == "config"
    assert workday_json("2026-10-02")["workday"] is True
    assert workday_json("2026-12-04")["workday"] is False


def test_workday_text_in_both_languages() -> None:
    assert call("workday", "2026-10-01") == (
        0,
        "2026-10-01 (Thursday) is a public holiday: National Day.\n",
        "",
    )
    assert call("--lang", "zh", "workday", "2026-10-10")[1] == (
        "2026-10-10（星期六）是国庆节调休上班日。\n"
    )
    assert call("--lang", "zh", "workday", "2026-02-17")[1] == (
        "2026-02-17（星期二）是法定节假日：春节。\n"
    )
    _, out, err = call("workday", "2027-01-01")
    assert out.splitlines()[0] == "2027-01-01 (Friday) is a working day."
    assert "does not know 2027" in out.splitlines()[1]
    assert err == ""


def test_workday_counted_into_an_unknown_year_says_so_once() -> None:
    code, out, err = call("workday", "+20wd")
    assert code == 0
    assert out.splitlines()[0] == "2026-12-31 (Thursday) is a working day."
    assert err == ""
    code, out, err = call("workday", "+21wd")
    assert out.splitlines()[0] == "2027-01-01 (Friday) is a working day."
    assert out.count("does not know 2027") == 1
    assert err == ""


def test_workday_bad_date() -> None:
    code, out, err = call("workday", "frx")
    assert (code, out) == (1, "")
    assert "workday: cannot read 'frx'" in err


def test_the_package_is_imported_only_when_a_working_day_is_counted() -> None:
    """Start-up and a plain ``planner add`` pay nothing for the calendar (about 50 ms)."""
    script = (
        "import sys\n"
        "from planner.shell.cli.main import main\n"
        "code = main(sys.argv[1:])\n"
        "print(code, 'chinese_calendar' in sys.modules)\n"
    )

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=os.environ.copy(),
            timeout=60,
        )
        return done.stdout.splitlines()[-1]

    assert run("add", "Call Director Li due:fri") == "0 False"
    assert run("add", "Call Director Li due:+2wd") == "0 True"
