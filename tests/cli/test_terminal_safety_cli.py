"""No control character of a record reaches the terminal raw from the command line's text
output; the store and ``--json`` keep the text exactly as given."""

from __future__ import annotations

import io
import json
import os
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from cli_calls import MONDAY, TZ, call, planner
from hypothesis import given, settings
from hypothesis import strategies as st

from data.store import FileStore
from planner.domain.errors import DomainError
from planner.domain.models import Feedback, JournalEntry, SetbackAnalysis, Task
from planner.domain.ranking import RankContext, RankedTask, explain, score
from planner.services.ports import Change
from planner.shell.cli.context import CliExit
from planner.shell.cli.main import run
from planner.shell.cli.render import task_info_text, task_list_text

EVIL = "Budget \x1b]0;evil\x07 \x1b[2J\u202eftp.exe\x9b\x7f"
SHOWN = "Budget \\x1b]0;evil\\x07 \\x1b[2J\\u202eftp.exe\\x9b\\x7f"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def raw_controls(text: str) -> list[str]:
    """The control characters in ``text`` that a terminal could act on (a line break and
    nothing else is allowed)."""
    return [c for c in text if c != "\n" and (unicodedata.category(c) in ("Cc", "Cs") or c in BIDI)]


def store() -> FileStore:
    return FileStore(Path(os.environ["PLANNER_DATA_DIR"]), clock=lambda: MONDAY)


def seed_everything() -> tuple[Task, SetbackAnalysis]:
    """A task carrying controls in every text field, an analysis and a measure with such a
    title, and a journal entry whose body holds them, as an import would leave them."""
    created = datetime(2026, 11, 22, 9, 0, tzinfo=TZ)
    task = Task.create(
        EVIL,
        created,
        status="open",
        people=("Wang\x1b[31m",),
        tags=("tag\x07",),
        source="Director\x1b]0;x\x07",
        notes="first\tline\nsecond \x1b[2J line",
        due=datetime(2026, 11, 24, 17, 0, tzinfo=TZ),
    )
    analysis = SetbackAnalysis.create(date(2026, 11, 20), EVIL, created)
    measure = Task.create(EVIL + " measure", created, status="open", setback=analysis.id)
    entry = JournalEntry.create(
        date(2026, 11, 23), created, body="Went \x1b[2Jwell\n\tindented\x07"
    )
    store().apply([Change(None, task), Change(None, analysis), Change(None, measure)])
    store().apply([Change(None, entry)])
    return task, analysis


def test_every_printing_command_writes_controls_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())  # `journal` prints when stdin has nothing
    task, _analysis = seed_everything()
    commands = [
        ("today",),
        ("list",),
        ("list", "--all"),
        ("info", task.id[:6]),
        ("setbacks",),
        ("journal", "--date", "2026-11-23"),
        ("feedback", task.id[:6], "told\x1b[2J them"),
        ("done", task.id[:6]),
    ]
    for args in commands:
        code, out, err = call(*args)
        assert code == 0, (args, err)
        assert raw_controls(out + err) == [], args
    code, out, _ = call("info", task.id[:6])
    assert SHOWN in out
    assert "Wang\\x1b[31m" in out and "#tag\\x07" in out and "Director\\x1b]0;x\\x07" in out
    assert "second \\x1b[2J line" in out and "first   line" in out
    code, out, _ = call("journal", "--date", "2026-11-23")
    assert out == "Went \\x1b[2Jwell\n        indented\\x07\n"


def test_the_columns_still_line_up() -> None:
    """Written out before the columns are padded: the score column stays in place."""
    seed_everything()
    store().apply([Change(None, Task.create("Plain title", MONDAY, status="open"))])
    _, out, _ = call("list")
    rows = [line for line in out.splitlines() if "[" in line]
    assert len(rows) >= 2
    scores = {line.index("  ", 6 + 2 + 44 + 2 + 3) for line in rows}
    assert len(scores) == 1


def test_messages_quoting_input_write_controls_out() -> None:
    code, out, err = call("add", "Call \x1b]0;evil\x07 back")
    assert code == 0
    assert "Call \\x1b]0;evil\\x07 back" in out
    assert raw_controls(out + err) == []
    code, out, err = call("info", "\x1b[2J")
    assert code == 1
    assert raw_controls(out + err) == [] and "\\x1b[2J" in err
    code, out, err = call("add", "Call back due:\x1b[2Jfri")
    assert code == 1
    assert raw_controls(out + err) == [] and "\\x1b[2Jfri" in err
    code, out, err = call("setback", "Lost \x1b[2J the file")
    assert code == 0
    assert "Lost \\x1b[2J the file" in out


def test_stored_and_json_as_given() -> None:
    task, _analysis = seed_everything()
    code, out, _ = call("info", task.id[:6], "--json")
    assert code == 0
    assert json.loads(out)["title"] == EVIL
    assert raw_controls(out) == []
    _, out, _ = call("setbacks", "--json")
    items = json.loads(out)
    assert items[0]["title"] == EVIL and items[0]["measures"][0]["title"] == EVIL + " measure"
    assert raw_controls(out) == []
    stored = store().get_task(task.id)
    assert stored is not None and stored.title == EVIL


def export(out: io.StringIO, *args: str) -> str:
    err = io.StringIO()
    try:
        code = run(["export", *args], clock=lambda: MONDAY, out=out, err=err)
    except CliExit as exc:
        code = exc.code
    assert code == 0, err.getvalue()
    return out.getvalue()


def test_export_keeps_the_text_for_a_pipe_and_a_file_and_writes_it_out_on_a_terminal(
    tmp_path: Path,
) -> None:
    seed_everything()
    piped = export(io.StringIO(), "tasks")
    assert "\x1b" in piped and "evil\x07" in piped  # (Markdown escapes the bracket)
    shown = export(Terminal(), "tasks")
    assert raw_controls(shown) == []
    assert "Budget \\x1b" in shown and "evil\\x07" in shown
    target = tmp_path / "tasks.md"
    export(io.StringIO(), "tasks", "-o", str(target))
    assert "evil\x07" in target.read_text(encoding="utf-8")


def test_a_real_process_prints_no_escape() -> None:
    seed_everything()
    for args in (("today",), ("setbacks",), ("journal", "--date", "2026-11-23")):
        result = planner(*args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr
        assert raw_controls(result.stdout) == []


# -- the renderer, on any text -------------------------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x1b", "\x07", "\x7f", "\x9b", "\u202e", "\u2066", "\t", "\r", "\n"]),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(title=ANY_TEXT, notes=ANY_TEXT, person=ANY_TEXT, tag=ANY_TEXT, feedback=ANY_TEXT)
def test_the_renderer_never_prints_a_control_but_line_breaks(
    title: str, notes: str, person: str, tag: str, feedback: str
) -> None:
    """Whatever the text fields hold, the list line and the info page hold no control
    character but the line breaks between their own lines, and a list row stays one line."""
    try:
        task = Task.create(
            title or "x",
            MONDAY,
            status="open",
            notes=notes,
            people=(person,) if person.strip() else (),
            tags=(tag,) if tag.strip() else (),
            source=person or None,
            feedback=(Feedback(at=MONDAY, text=feedback),) if feedback.strip() else (),
        )
    except DomainError:
        return  # a text the model refuses is never shown
    context = RankContext(today=MONDAY.date(), now=MONDAY)
    item = RankedTask(task, score(task, context), "today")
    row = task_list_text([item])
    assert raw_controls(row) == [] and row.count("\n") == 1
    page = task_info_text(task, explain(task, context), "today", pinned=False)
    assert raw_controls(page) == []


def test_an_imported_title_is_stored_as_given_and_shown_written_out(tmp_path: Path) -> None:
    """The case of the issue: a todo.txt line carrying a terminal-title sequence."""
    source = tmp_path / "todo.txt"
    source.write_text("Call \x1b]0;evil\x07 the bureau due:2026-12-01\n", encoding="utf-8")
    code, _, err = call("import", "todotxt", str(source))
    assert code == 0, err
    code, out, _ = call("list")
    assert "Call \\x1b]0;evil\\x07 the bureau" in out
    assert raw_controls(out) == []
    _, out, _ = call("list", "--json")
    assert [task["title"] for task in json.loads(out)] == ["Call \x1b]0;evil\x07 the bureau"]
