"""Dates on the command line read in the direction of their option (issue #11): a journal
day, a setback's date and the export ranges look back, a due date or ``main --date``
looks ahead; values beginning with ``-`` work as typed; a bad date names its option once;
a short date read as a day over six months away is shown in full."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from cli_calls import TZ
from cli_calls import call as call_cli

from data.store import FileStore
from planner.domain.config import Config
from planner.services.planner import Planner
from planner.shell.cli.main import build_parser, looks_like_value

THURSDAY = datetime(2026, 12, 3, 9, 0, tzinfo=TZ)
"""The issue's today."""
BEFORE_DAY_START = datetime(2026, 12, 4, 1, 30, tzinfo=TZ)
"""01:30 on Friday, before the default 04:00 start of day: still Thursday's planning day."""


def call(*args: str, now: datetime = THURSDAY) -> tuple[int, str, str]:
    return call_cli(*args, now=now)


def store() -> FileStore:
    return FileStore(Path(os.environ["PLANNER_DATA_DIR"]), clock=lambda: THURSDAY)


def journal_of(day: str) -> str | None:
    """The body of the journal entry of ``day``, read from the data folder (reading it
    with ``planner journal`` in-process would read the test's stdin)."""
    entry = store().get_entry(date.fromisoformat(day))
    return None if entry is None else entry.body


# --- backward: journal --date, a setback's date --------------------------------------------


def test_journal_date_12_02_is_yesterday_not_next_year() -> None:
    assert call("journal", "--date", "12-02", "Drafted the minutes") == (
        0,
        "Appended to the journal of 2026-12-02.\n",
        "",
    )
    assert journal_of("2026-12-02") == "Drafted the minutes\n"
    assert journal_of("2027-12-02") is None


@pytest.mark.parametrize(
    "args",
    [
        ("--date", "-1d"),
        ("--date=-1d",),
        ("--date", "yesterday"),
        ("--date", "昨天"),
        ("--date", "wed"),
        ("--date", "周三"),
    ],
)
def test_journal_takes_past_words_and_minus_offsets(args: tuple[str, ...]) -> None:
    code, out, err = call("journal", *args, "Called the printer")
    assert (code, out, err) == (0, "Appended to the journal of 2026-12-02.\n", "")
    assert journal_of("2026-12-02") == "Called the printer\n"


def test_a_weekday_on_the_journal_includes_today() -> None:
    code, out, _ = call("journal", "--date", "thu", "Today's note")
    assert code == 0 and out == "Appended to the journal of 2026-12-03.\n"


def test_yesterday_counts_from_the_planning_day() -> None:
    code, out, _ = call("journal", "--date", "yesterday", "Late note", now=BEFORE_DAY_START)
    assert code == 0 and out == "Appended to the journal of 2026-12-02.\n"
    code, out, _ = call("journal", "Still Thursday", now=BEFORE_DAY_START)
    assert code == 0 and out == "Appended to the journal of 2026-12-03.\n"


def test_a_setback_dated_12_01_is_this_weeks() -> None:
    code, out, err = call("setback", "Brief", "sent", "back", "--date", "12-01")
    assert code == 0, err
    assert out.startswith("Recorded setback ") and " of 2026-12-01: Brief sent back " in out
    code, out, _ = call("setbacks", "--json")
    (analysis,) = json.loads(out)
    assert analysis["date"] == "2026-12-01" and analysis["title"] == "Brief sent back"
    assert analysis["state"] == "draft"
    planner = Planner(store(), Config(), lambda: THURSDAY)
    assert planner.review("week", date(2026, 12, 3)).setbacks.count("unset") == 1


def test_a_setback_takes_a_kind_and_defaults_to_today() -> None:
    code, out, _ = call("setback", "Argued", "--kind", "dispute", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["date"] == "2026-12-03" and data["kind"] == "dispute"


@pytest.mark.parametrize(
    ("value", "day"),
    [("12-02", "2026-12-02"), ("yesterday", "2026-12-02"), ("-1d", "2026-12-02")],
)
def test_restore_reads_its_date_backward(value: str, day: str) -> None:
    assert call("add", "Something to snapshot", now=datetime(2026, 12, 2, 9, 0, tzinfo=TZ))[0] == 0
    code, out, err = call("restore", value)
    assert code == 0, err
    assert out.startswith(f"Restored the snapshot of {day};")


# --- backward: the export ranges -----------------------------------------------------------


def report_span(*args: str) -> tuple[str, str]:
    code, out, err = call("export", "report", *args, "--json")
    assert code == 0, err
    summary = json.loads(out)
    return summary["from"], summary["to"]


@pytest.mark.parametrize(
    "value", ["上周五", "上星期五", "last-week-fri", "last-week", "上周", "11-23", "-1w", "-7d"]
)
def test_report_week_names_last_week(value: str) -> None:
    assert report_span("--week", value) == ("2026-11-23", "2026-11-29")


def test_report_week_words_this_and_next() -> None:
    assert report_span("--week", "this-week") == ("2026-11-30", "2026-12-06")
    assert report_span("--week", "本周") == ("2026-11-30", "2026-12-06")
    assert report_span("--week", "next-week") == ("2026-12-07", "2026-12-13")
    assert report_span("--week", "fri") == ("2026-11-23", "2026-11-29")  # the most recent
    assert report_span("--week") == ("2026-11-30", "2026-12-06")


def test_report_ranges_look_back() -> None:
    assert report_span("--day", "12-02") == ("2026-12-02", "2026-12-02")
    assert report_span("--day", "前天") == ("2026-12-01", "2026-12-01")
    assert report_span("--month", "11-30") == ("2026-11-01", "2026-11-30")
    assert report_span("--month", "-1m") == ("2026-11-01", "2026-11-30")
    assert report_span("--from", "11-23", "--to", "12-01") == ("2026-11-23", "2026-12-01")
    assert report_span("--from=-2w", "--to=-1d") == ("2026-11-19", "2026-12-02")


def test_an_unreadable_week_names_week_once() -> None:
    code, out, err = call("export", "report", "--week", "frx")
    assert code == 1 and out == ""
    assert err.count("\n") <= 1
    assert err.startswith("planner: --week: cannot read 'frx': not a date;")
    assert err.count("--week") == 1 and err.count("frx") == 1
    assert "--date" not in err and "column" not in err


def test_an_unreadable_date_names_its_option_in_chinese() -> None:
    code, _, err = call("--lang", "zh", "journal", "--date", "上周八", "x")
    assert code == 1
    assert err.startswith("planner：--date：无法识别 '上周八'：不是日期；")
    assert err.count("上周八") == 1
    code, _, err = call("export", "journal", "--to", "someday")
    assert code == 1 and err.startswith("planner: --to: cannot read 'someday': ")
    code, _, err = call("restore", "2026-13-01")
    assert code == 1 and err.startswith("planner: restore: cannot read '2026-13-01': ")


# --- forward: due dates, main --date -------------------------------------------------------


def test_a_due_date_twelve_months_out_is_confirmed_in_full() -> None:
    code, out, _ = call("add", "Book the hall due:12-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Added ") and lines[0].endswith(": Book the hall")
    assert lines[1:] == ["due:12-01 → 2027-12-01 (more than six months away)"]
    code, out, _ = call("list", "--json")
    assert json.loads(out)[0]["due"] == "2027-12-01"


def test_near_dates_get_no_note() -> None:
    code, out, _ = call("add", "Send the figures due:12-04 report:-1d")
    assert code == 0 and len(out.splitlines()) == 1
    code, out, _ = call("journal", "--date", "12-01", "A near day")
    assert out == "Appended to the journal of 2026-12-01.\n"


def test_main_date_looks_forward_and_shows_a_far_date_in_full() -> None:
    code, out, _ = call("add", "Prepare the annual summary", "--json")
    task_id = json.loads(out)["id"]
    code, out, _ = call("main", task_id, "--date", "fri")
    assert code == 0 and out.startswith("Main contradiction of 2026-12-04:")
    code, out, _ = call("main", task_id, "--date", "12-01")
    assert code == 0
    assert out.splitlines() == [
        f"Main contradiction of 2027-12-01: {task_id[:6]} Prepare the annual summary",
        "--date 12-01 → 2027-12-01 (more than six months away)",
    ]


def test_a_far_backward_date_is_shown_in_full_too() -> None:
    code, out, _ = call("journal", "--date", "12-04", "Notes of a year ago")
    assert code == 0
    assert out.splitlines() == [
        "Appended to the journal of 2025-12-04.",
        "--date 12-04 → 2025-12-04 (more than six months away)",
    ]
    code, out, _ = call("--lang", "zh", "setback", "去年的事", "--date", "12月4日")
    assert code == 0
    assert out.splitlines()[1] == "--date 12月4日 → 2025-12-04（相隔半年以上）"


def test_an_export_notes_a_far_date_on_stderr_and_keeps_its_output_clean() -> None:
    code, out, err = call("export", "report", "--week", "12-04")
    assert code == 0
    assert out.startswith("# ") and "→" not in out
    assert "--week 12-04 → 2025-12-04 (more than six months away)" in err


# --- values beginning with "-" -------------------------------------------------------------


@pytest.mark.parametrize("value", ["-1d", "-2w", "-1m", "-#tag", "-@王处长", "-!main", "-5"])
def test_a_dash_and_no_letter_is_a_value(value: str) -> None:
    assert looks_like_value(value)


@pytest.mark.parametrize("value", ["-", "-o", "-h", "--date", "--", "--json", "plain"])
def test_options_stay_options(value: str) -> None:
    assert not looks_like_value(value)


def test_the_parser_takes_dash_values_where_options_are_parsed() -> None:
    parser = build_parser()
    assert parser.parse_args(["journal", "--date", "-1d", "text"]).date == "-1d"
    assert parser.parse_args(["list", "-#urgent", "-@Wang"]).filter == ["-#urgent", "-@Wang"]
    assert parser.parse_args(["export", "report", "--week", "-1w"]).week == "-1w"
    assert parser.parse_args(["export", "report", "--from", "-2w", "-o", "x.md"]).start == "-2w"
