"""``planner journal --search``: the app's search (case- and width-insensitive, every word),
date and snippet per match oldest first, read-only, privacy and control characters as the
rest of the CLI's text."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from cli_calls import call, planner

from data.store import FileStore
from planner.services.ports import Change


def data_dir() -> Path:
    return Path(os.environ["PLANNER_DATA_DIR"])


def change_entry(day: date, **fields: Any) -> None:
    store = FileStore(data_dir(), clock=lambda: datetime.now(UTC))
    entry = store.get_entry(day)
    assert entry is not None
    store.apply([Change(entry, replace(entry, **fields))])


@pytest.fixture
def journal() -> None:
    for day, text in (
        ("2026-11-01", "Quarterly plan drafted.\nThe ＰＬＡＮ needs numbers."),
        ("2026-11-10", "季度计划：ＱＵＡＲＴＥＲＬＹ 材料还差数据"),
        ("2026-11-20", "Nothing about it.\x1b]0;pwned\x07 plan B"),
        ("2026-11-22", "Secret plan with the minister"),
    ):
        assert call("journal", "--date", day, text)[0] == 0
    change_entry(date(2026, 11, 10), tags=("work",))


def lines(out: str) -> list[str]:
    return out.splitlines()


def test_search_is_case_and_width_insensitive_oldest_first(journal: None) -> None:
    code, out, _ = call("journal", "--search", "plan")
    assert code == 0
    dates = [line.split()[0] for line in lines(out)]
    assert dates == ["2026-11-01", "2026-11-20", "2026-11-22"]
    assert lines(out)[0] == "2026-11-01  Quarterly plan drafted."
    code, out, _ = call("journal", "--search", "quarterly")
    assert [line.split()[0] for line in lines(out)] == ["2026-11-01", "2026-11-10"]
    assert "ＱＵＡＲＴＥＲＬＹ" in out  # the user's own spelling in the snippet


def test_every_word_must_match_and_snippet_shows_the_first(journal: None) -> None:
    code, out, _ = call("journal", "--search", "numbers", "PLAN")
    assert code == 0
    assert lines(out) == ["2026-11-01  The ＰＬＡＮ needs numbers."]


def test_range_and_tag_narrow_the_search(journal: None) -> None:
    _, out, _ = call("journal", "--search", "plan", "--from", "2026-11-15", "--to", "2026-11-21")
    assert [line.split()[0] for line in lines(out)] == ["2026-11-20"]
    _, out, _ = call("journal", "--search", "数据", "--tag", "#WORK")
    assert [line.split()[0] for line in lines(out)] == ["2026-11-10"]
    _, out, _ = call("journal", "--search", "plan", "--tag", "work")
    assert out == ""


def test_backward_dates_read_as_past_days(journal: None) -> None:
    # Monday 2026-11-23: "fri" is the Friday just past, 11-20.
    _, out, _ = call("journal", "--search", "plan", "--from", "fri", "--to", "fri")
    assert [line.split()[0] for line in lines(out)] == ["2026-11-20"]


def test_no_match_says_so_on_stderr(journal: None) -> None:
    code, out, err = call("journal", "--search", "absent")
    assert (code, out) == (0, "")
    assert "No journal entry matches." in err


def test_control_characters_are_written_out(journal: None) -> None:
    _, out, _ = call("journal", "--search", "plan", "b")
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out


def test_privacy_masks_confidential_entries_but_not_json(journal: None) -> None:
    change_entry(date(2026, 11, 22), confidential=True)
    _, out, _ = call("--privacy", "journal", "--search", "plan")
    assert lines(out)[-1] == "2026-11-22  [confidential]"
    assert "minister" not in out
    _, out, _ = call("--privacy", "journal", "--search", "plan", "--json")
    found = json.loads(out)
    assert [item["date"] for item in found] == ["2026-11-01", "2026-11-20", "2026-11-22"]
    assert found[-1]["body"] == "Secret plan with the minister\n"


@pytest.mark.parametrize(
    "args",
    [
        ("journal", "hello", "--search", "plan"),
        ("journal", "--edit", "--search", "plan"),
        ("journal", "--date", "2026-11-01", "--search", "plan"),
        ("journal", "--from", "2026-11-01"),
        ("journal", "--tag", "work"),
        ("journal", "--search"),
    ],
)
def test_mixing_search_with_writing_is_a_usage_error(journal: None, args: tuple[str, ...]) -> None:
    code, out, _ = call(*args)
    assert code == 2
    assert out == ""


def test_search_never_reads_stdin_nor_writes(journal: None) -> None:
    folder = data_dir() / "journal"
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    result = planner("journal", "--search", "plan", stdin="appended from stdin\n")
    assert result.returncode == 0, result.stderr
    assert "appended" not in result.stdout
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
