"""Matching imported records against a store (in memory): what is new, updated, unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from data.memory import MemoryStore
from planner.domain.models import JournalEntry, Task
from planner.importing.apply import import_days, import_tasks, plan_tasks
from planner.importing.common import ImportedTask, decode
from planner.importing.jrnl import parse as parse_jrnl
from planner.importing.todotxt import parse as parse_todo

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def test_new_records_are_imported_in_one_write() -> None:
    store = MemoryStore()
    summary = import_tasks(store, parse_todo("a\nb\nx 2020-01-01 c\n", NOW), NOW.date())
    assert (summary.imported, summary.archived, store.writes) == (3, 1, 1)


def test_nothing_to_write_writes_nothing() -> None:
    store = MemoryStore()
    import_tasks(store, parse_todo("a\n", NOW), NOW.date())
    summary = import_tasks(store, parse_todo("a\n", NOW), NOW.date())
    assert (summary.unchanged, store.writes) == (1, 1)


def dated(task: Task, when: datetime, **fields: object) -> ImportedTask:
    return ImportedTask(1, replace(task, updated=when, **fields), source_dated=True)  # type: ignore[arg-type]


def test_a_source_dated_record_updates_only_when_newer_and_different() -> None:
    base = replace(Task.create("t", NOW), external_ref="taskwarrior:x")
    later = NOW + timedelta(hours=1)
    _, same = plan_tasks([dated(base, later)], [base])
    assert same.unchanged == 1
    changes, newer = plan_tasks([dated(base, later, title="renamed")], [base])
    assert newer.updated == 1 and changes[0].after.title == "renamed"  # type: ignore[union-attr]
    _, older = plan_tasks([dated(base, NOW - timedelta(days=1), title="old")], [base])
    assert older.unchanged == 1


def test_a_journal_day_with_an_entry_gets_only_what_it_lacks() -> None:
    store = MemoryStore()
    mine = JournalEntry.create(date(2026, 11, 20), NOW, body="Mine. Morning.\n\nOne.\n")
    store.entries[mine.date] = mine
    text = (
        '{"entries": ['
        '{"date": "2026-11-20", "time": "08:00", "title": "Morning.", "body": "One."},'
        '{"date": "2026-11-20", "time": "20:00", "title": "Evening.", "body": "Two."}]}'
    )
    summary = import_days(store, parse_jrnl(text), NOW)
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 1, 1)
    body = store.entries[mine.date].body
    assert body == "Mine. Morning.\n\nOne.\n\n## 20:00 Evening.\n\nTwo.\n"


def test_todo_sh_do_closes_the_task_its_prioritised_line_was_imported_as() -> None:
    store = MemoryStore()
    import_tasks(store, parse_todo("(A) 2026-11-01 Call Mom +Family @phone\n", NOW), NOW.date())
    # todo.txt-cli 2.11 writes the done line without (A) and without pri:
    done = "x 2026-11-23 2026-11-01 Call Mom +Family @phone\n"
    summary = import_tasks(store, parse_todo(done, NOW), NOW.date())
    assert (summary.imported, summary.updated) == (0, 1)
    (task,) = [*store.open_tasks(), *store.archived_tasks()]
    assert (task.status, task.priority) == ("done", "high")
    again = import_tasks(store, parse_todo(done, NOW), NOW.date())
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)


def test_a_bom_and_crlf_line_ends_are_read_as_plain_lines() -> None:
    text = decode("\ufeffCall back +work\r\nx 2026-11-20 Done\r\n".encode())
    parsed = parse_todo(text, NOW)
    assert [r.task.title for r in parsed.records] == ["Call back", "Done"]
    assert not parsed.errors


def test_the_importers_import_neither_textual_nor_tinydb() -> None:
    code = (
        "import sys\n"
        "import planner.importing.apply, planner.importing.jrnl\n"
        "import planner.importing.taskwarrior, planner.importing.todotxt\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'textual', 'tinydb', 'data'}]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def jrnl_file(*entries: tuple[str, str, str]) -> str:
    """A jrnl export of entries (time, title, body) on 20 November."""
    items = [
        {"date": "2026-11-20", "time": clock, "title": title, "body": body}
        for clock, title, body in entries
    ]
    return json.dumps({"entries": items})


def test_an_entry_edited_in_jrnl_replaces_the_text_it_was_imported_with() -> None:
    store = MemoryStore()
    morning, evening = ("08:00", "Morning.", "One."), ("20:00", "Evening.", "Two.")
    import_days(store, parse_jrnl(jrnl_file(morning, evening)), NOW)
    summary = import_days(
        store, parse_jrnl(jrnl_file(morning, (*evening[:2], "Two, longer."))), NOW
    )
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 1, 1)
    assert not summary.warnings
    body = store.entries[date(2026, 11, 20)].body
    assert body == "## 08:00 Morning.\n\nOne.\n\n## 20:00 Evening.\n\nTwo, longer.\n"
    again = import_days(store, parse_jrnl(jrnl_file(morning, (*evening[:2], "Two, longer."))), NOW)
    assert (again.updated, again.unchanged) == (0, 2)


def test_an_entry_edited_on_both_sides_keeps_both_with_a_note() -> None:
    store = MemoryStore()
    morning, evening = ("08:00", "Morning.", "One."), ("20:00", "Evening.", "Two.")
    import_days(store, parse_jrnl(jrnl_file(morning, evening)), NOW)
    day = date(2026, 11, 20)
    mine = store.entries[day]
    store.entries[day] = mine.touched(NOW, body=mine.body.replace("One.", "One, in planner."))
    text = jrnl_file((*morning[:2], "One, in jrnl."), evening)
    summary = import_days(store, parse_jrnl(text), NOW)
    assert summary.updated == 1
    assert [(w.key, w.values) for w in summary.warnings] == [
        ("entry_edited_both", {"heading": "## 08:00 Morning."})
    ]
    body = store.entries[day].body
    assert body == (
        "## 08:00 Morning.\n\nOne, in planner.\n\n## 20:00 Evening.\n\nTwo.\n\n"
        "## 08:00 Morning.\n\nOne, in jrnl.\n"
    )
    again = import_days(store, parse_jrnl(text), NOW)
    assert (again.updated, again.warnings) == (0, [])


def test_two_alike_entries_of_a_day_are_told_apart_by_their_order() -> None:
    store = MemoryStore()
    first, second = ("09:00", "Call.", "First call."), ("09:00", "Call.", "Second call.")
    import_days(store, parse_jrnl(jrnl_file(first, second)), NOW)
    import_days(store, parse_jrnl(jrnl_file(first, (*second[:2], "Second call, later."))), NOW)
    body = store.entries[date(2026, 11, 20)].body
    assert body == "## 09:00 Call.\n\nFirst call.\n\n## 09:00 Call.\n\nSecond call, later.\n"


def test_a_journal_bodys_headings_nest_beneath_its_entry_heading() -> None:
    text = jrnl_file(("08:00", "Notes.", "# Big\n\nwords\n\n### Small"))
    (day,) = parse_jrnl(text).records
    assert day.text == "## 08:00 Notes.\n\n### Big\n\nwords\n\n#### Small\n"
