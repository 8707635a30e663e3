"""``planner edit`` and ``planner delete`` in-process, on the test's data folder, on Monday
23 November 2026 (the fixed clock of ``cli_calls``)."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_calls import MONDAY, call

from data.store import FileStore
from planner.domain.models import JournalEntry, SetbackAnalysis, Task
from planner.services.ports import Change


class Terminal(io.StringIO):
    """Standard input as a terminal with ``answer`` typed on it."""

    def isatty(self) -> bool:
        return True


def added(text: str) -> dict[str, object]:
    code, out, err = call("add", text, "--json")
    assert code == 0, err
    task: dict[str, object] = json.loads(out)
    return task


def shown(task_id: str) -> dict[str, object]:
    code, out, err = call("info", task_id, "--json")
    assert code == 0, err
    task: dict[str, object] = json.loads(out)
    return task


def store() -> FileStore:
    return FileStore(Path(os.environ["PLANNER_DATA_DIR"]), clock=lambda: MONDAY)


# -- planner edit ------------------------------------------------------------------------


def test_edit_sets_adds_takes_away_and_clears_with_tokens() -> None:
    task = added("Draft the budget #finance #old @李 due:+3d pri:l from:张主任")
    ident = str(task["id"])[:6]
    code, out, err = call(
        "edit", ident, "due:none", "sched:fri", "-#old", "#new", "-@李", "@王", "pri:none",
        "!central", "--json",
    )  # fmt: skip
    assert code == 0, err
    edited = json.loads(out)
    assert edited["due"] is None and edited["scheduled"] == "2026-11-27"
    assert edited["tags"] == ["finance", "new"] and edited["people"] == ["王"]
    assert edited["priority"] is None and edited["central"] is True
    assert edited["source"] == "张主任" and edited["status"] == "open"
    assert edited["title"] == "Draft the budget"
    assert isinstance(edited["score"], float)
    code, out, err = call("edit", ident, "from:none", "every:none", "-!central")
    assert code == 0, err
    after = shown(ident)
    assert after["source"] is None and after["received"] is None and after["central"] is False


def test_edit_says_which_fields_changed_and_dates_read_forward() -> None:
    ident = str(added("Book the room")["id"])[:6]
    code, out, err = call("edit", ident, "due:fri", "report:11-20", "#venue")
    assert code == 0, err
    assert out.splitlines()[0] == f"Edited {ident} (due, report back by, tags): Book the room"
    # forward: the next 20 November, shown in full as it is far away
    assert "report:11-20 → 2027-11-20 (more than six months away)" in out
    assert shown(ident)["due"] == "2026-11-27"


def test_edit_title_and_notes_go_by_name_and_tokens_may_follow_them() -> None:
    ident = str(added("Draft")["id"])[:6]
    code, _, err = call("edit", ident, "--title", "Draft the budget", "due:fri", "-#none")
    assert code == 0, err
    code, _, err = call("edit", ident, "--notes", "two pages", "#finance")
    assert code == 0, err
    task = shown(ident)
    assert task["title"] == "Draft the budget" and task["notes"] == "two pages"
    assert task["due"] == "2026-11-27" and task["tags"] == ["finance"]
    code, _, err = call("edit", ident, "--notes", "")
    assert code == 0 and shown(ident)["notes"] == ""


def test_free_words_are_refused_pointing_to_title_so_a_typo_never_renames() -> None:
    ident = str(added("Draft the budget")["id"])[:6]
    code, out, err = call("edit", ident, "due:fri", "budget")
    assert code == 1 and out == ""
    assert "'budget'" in err and "--title" in err and err.count("\n") <= 1
    task = shown(ident)
    assert task["title"] == "Draft the budget" and task["due"] is None


@pytest.mark.parametrize(
    ("token", "named"),
    [
        ("due:someday", "'due:someday'"),
        ("pri:urgent", "'pri:urgent'"),
        ("every:sometimes", "'every:sometimes'"),
        ("!main", "planner main"),
        ("-!urgent", "'!urgent'"),
    ],
)
def test_a_bad_token_is_exit_1_naming_it(token: str, named: str) -> None:
    ident = str(added("Draft")["id"])[:6]
    code, out, err = call("edit", ident, token)
    assert code == 1 and out == ""
    assert named in err


def test_edit_without_anything_to_change_is_exit_1_and_an_unchanged_edit_says_so() -> None:
    ident = str(added("Draft #a")["id"])[:6]
    code, _, err = call("edit", ident)
    assert code == 1 and "--title" in err
    code, out, _ = call("edit", ident, "#a", "-#b")
    assert code == 0 and out == f"Nothing to change on {ident}: Draft\n"
    code, _, err = call("edit", "zzzzzz", "#a")
    assert code == 1 and "zzzzzz" in err


def test_edit_in_chinese() -> None:
    ident = str(added("起草预算")["id"])[:6]
    code, out, _ = call("--lang", "zh", "edit", ident, "due:周五", "＃财务")
    assert code == 0 and out == f"已修改 {ident}（截止、标签）：起草预算\n"
    code, _, err = call("--lang", "zh", "edit", ident, "预算")
    assert code == 1 and "修改标题请用 --title" in err


# -- planner delete ----------------------------------------------------------------------


def test_delete_refuses_without_a_terminal_and_without_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    ident = str(added("Imported by mistake")["id"])[:6]
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    code, out, err = call("delete", ident)
    assert code == 1 and out == ""
    assert "--yes" in err and err.count("\n") <= 1
    assert shown(ident)["title"] == "Imported by mistake"


def test_delete_yes_removes_the_task_for_good() -> None:
    task = added("Imported by mistake")
    ident = str(task["id"])[:6]
    code, out, err = call("delete", ident, "--yes")
    assert code == 0, err
    assert out == f"Deleted task {ident}: Imported by mistake\n"
    code, _, err = call("info", ident)
    assert code == 1 and ident in err
    assert store().get_task(str(task["id"])) is None


@pytest.mark.parametrize(
    ("answer", "kept"), [("y\n", False), ("是\n", False), ("n\n", True), ("", True), ("\n", True)]
)
def test_delete_asks_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, answer: str, kept: bool
) -> None:
    ident = str(added("Typed twice")["id"])[:6]
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    code, out, err = call("delete", ident)
    assert code == 0
    assert f"Delete task {ident} for good? Typed twice [y/N]" in err
    assert ("Nothing deleted." in out) is kept
    assert (call("info", ident)[0] == 0) is kept


def test_an_unknown_id_is_an_error_before_any_question(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    code, _, err = call("delete", "zzzzzz")
    assert code == 1 and "zzzzzz" in err and "[y/N]" not in err


def test_deleting_the_main_contradiction_says_the_day_has_none() -> None:
    ident = str(added("Wrong one !main")["id"])[:6]
    code, out, _ = call("delete", ident, "--yes", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["deleted"] == "task" and data["record"]["title"] == "Wrong one"
    assert data["days_cleared"] == ["2026-11-23"]
    code, out, _ = call("today", "--json")
    assert json.loads(out)["main"] is None


def test_delete_an_archived_task() -> None:
    ident = str(added("Done last week")["id"])[:6]
    assert call("done", ident)[0] == 0
    # the next day it is archived at start-up, and still found and deleted
    code, _, err = call("delete", ident, "--yes", now=MONDAY.replace(day=24))
    assert code == 0, err
    assert call("list", "--all", "--json", now=MONDAY.replace(day=24))[1].strip() == "[]"


def test_delete_a_journal_entry_by_date_read_backward() -> None:
    assert call("journal", "--date", "11-20", "from a wrong import")[0] == 0
    assert call("journal", "kept")[0] == 0
    code, out, err = call("delete", "--journal", "11-20", "--yes")
    assert code == 0, err
    assert out == "Deleted the journal entry of 2026-11-20.\n"
    assert store().get_entry(date(2026, 11, 20)) is None
    assert store().get_entry(date(2026, 11, 23)) is not None
    code, _, err = call("delete", "--journal", "-3d", "--yes")
    assert code == 1 and "2026-11-20" in err


def test_delete_a_setback_analysis_keeps_its_measures() -> None:
    analysis = SetbackAnalysis.create(date(2026, 11, 20), "Imported twice", MONDAY)
    measure = Task.create("Keep a list", MONDAY, status="open", setback=analysis.id)
    store().apply([Change(None, analysis), Change(None, measure)])
    code, out, err = call("delete", "--setback", analysis.id[:6], "--yes")
    assert code == 0, err
    assert f"Deleted setback analysis {analysis.id[:6]}: Imported twice" in out
    assert "1 remedial measure(s) stay, as ordinary tasks" in out
    assert store().get_setback(analysis.id) is None
    assert shown(measure.id[:6])["setback"] is None
    code, _, err = call("delete", "--setback", "zzzzzz", "--yes")
    assert code == 1 and "no setback analysis" in err


# -- privacy on the command line ---------------------------------------------------------

SECRET = "Staffing changes draft @Wang from:Director_Zhang !secret"


@pytest.mark.parametrize("how", ["config", "flag before", "flag after"])
def test_privacy_masks_a_confidential_tasks_title_people_and_source(how: str) -> None:
    ident = str(added(SECRET)["id"])[:6]
    plain = str(added("Print the agenda @Li from:Director_Zhang")["id"])[:6]
    options: list[str] = []
    if how == "config":
        Path(os.environ["PLANNER_CONFIG"]).write_text("privacy_at_start = true\n", encoding="utf-8")
    else:
        options = ["--privacy"]

    def text(*args: str) -> str:
        given = [*options, *args] if how == "flag before" else [*args, *options]
        code, out, err = call(*given)
        assert code == 0, err
        return out

    for out in (text("today"), text("list"), text("info", ident), text("edit", ident, "pri:h")):
        assert "Staffing" not in out and "Wang" not in out
        assert "[confidential]" in out
    board = text("today")
    assert "<Director_Zhang  @Li" in board  # not confidential: shown
    assert board.count("Director_Zhang") == 1
    assert "Staffing" not in text("done", ident)
    assert "Print the agenda" in text("info", plain)


def test_without_privacy_everything_shows_and_json_is_always_complete() -> None:
    ident = str(added(SECRET)["id"])[:6]
    out = call("info", ident)[1]
    assert "Staffing changes draft" in out and "@Wang" in out and "Director_Zhang" in out
    out = call("--privacy", "info", ident, "--json")[1]
    data = json.loads(out)
    assert data["title"] == "Staffing changes draft" and data["people"] == ["Wang"]
    assert data["source"] == "Director_Zhang"


def test_privacy_masks_a_confidential_journal_entry_printed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(""))
    entry = JournalEntry.create(MONDAY.date(), MONDAY, body="met the director", confidential=True)
    store().apply([Change(None, entry)])
    assert call("journal")[1] == "met the director\n"
    code, out, _ = call("journal", "--privacy")
    assert code == 0 and out == "[confidential]\n"
