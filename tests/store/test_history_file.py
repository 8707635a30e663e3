"""``history.json``: kept with the data, written atomically, and never written over when damaged."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.history_file import HISTORY_FILE, HistoryFile, parse_history, serialise_history
from data.store import FileStore
from planner.domain.config import Config
from planner.domain.errors import DataError
from planner.domain.models import Day, JournalEntry, SetbackAnalysis, Task
from planner.services.planner import Planner
from planner.services.ports import Action, Change, LoggedAction

Clock = Callable[[], datetime]


def logged(clock: Clock) -> LoggedAction:
    moment = clock()
    task = Task.create("Draft the budget 预算", moment, confidential=True)
    day = Day.create(date(2026, 11, 23), moment, main=task.id)
    entry = JournalEntry.create(date(2026, 11, 23), moment).appended("早上", moment)
    analysis = SetbackAnalysis.create(date(2026, 11, 20), "Missed the deadline", moment)
    changes = (
        Change(None, task),
        Change(None, day),
        Change(None, entry),
        Change(analysis, None),
        Change(task, task.touched(moment, title="Renamed")),
    )
    return LoggedAction(7, moment, "cli", Action("action.add", changes, task.id), undone=9)


def test_every_kind_of_change_reads_back_as_written(tmp_path: Path, clock: Clock) -> None:
    action = logged(clock)
    file = HistoryFile(tmp_path / HISTORY_FILE)
    file.write([action])
    assert HistoryFile(tmp_path / HISTORY_FILE).read() == [action]
    assert (tmp_path / HISTORY_FILE).stat().st_mode & 0o777 == 0o600


def test_the_store_keeps_its_history_in_the_data_folder(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Clock
) -> None:
    planner = Planner(open_store(), Config(data_dir=data_dir), clock)
    task = planner.quick_add("Write the report")
    document = json.loads((data_dir / HISTORY_FILE).read_text(encoding="utf-8"))
    assert document["_meta"] == {"kind": "history", "schema": 1}
    [kept] = document["actions"]
    assert (kept["label"], kept["subject"], kept["origin"]) == ("action.add", task.id, "cli")
    # another process (a fresh store) sees it and can undo it
    other = Planner(open_store(), Config(data_dir=data_dir), clock)
    step = other.undo()
    assert step is not None and step.subject == task.id
    assert open_store().get_task(task.id) is None


DAMAGED = [
    b"",
    b"not json",
    b"[]",
    b'{"actions": []}',
    b'{"_meta": {"kind": "tasks", "schema": 1}, "actions": []}',
    b'{"_meta": {"kind": "history", "schema": "1"}, "actions": []}',
    b'{"_meta": {"kind": "history", "schema": 1}, "actions": {}}',
    b'{"_meta": {"kind": "history", "schema": 1}, "actions": [{"seq": 1}]}',
    b'{"_meta": {"kind": "history", "schema": 1}, "actions": [5]}',
    b"\xff\xfe{",
    b"[" * 5000 + b"]" * 5000,
]


@pytest.mark.parametrize("raw", DAMAGED)
def test_a_damaged_history_is_refused_and_stays_as_it_is(
    raw: bytes, data_dir: Path, open_store: Callable[[], FileStore], clock: Clock
) -> None:
    store = open_store()
    path = data_dir / HISTORY_FILE
    path.write_bytes(raw)
    planner = Planner(store, Config(data_dir=data_dir), clock)
    with pytest.raises(DataError) as damaged:
        planner.history.actions()
    assert "history.json" in str(damaged.value) and "doctor --repair" in damaged.value.advice
    with pytest.raises(DataError):
        planner.undo()
    task = planner.quick_add("Still written")  # the data is written; the action unrecorded
    assert open_store().get_task(task.id) is not None
    assert planner.history.unrecorded is not None
    assert path.read_bytes() == raw


def test_a_history_from_a_newer_planner_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    path.write_text('{"_meta": {"kind": "history", "schema": 2}, "actions": []}')
    with pytest.raises(DataError, match="newer planner"):
        HistoryFile(path).read()
    with pytest.raises(DataError):
        HistoryFile(path).write([])


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_bytes_read_as_a_history_or_a_data_error(tmp_path: Path, raw: bytes) -> None:
    """Only the planned error: no other exception escapes, whatever the bytes."""
    try:
        actions = parse_history(tmp_path / HISTORY_FILE, raw)
    except DataError as exc:
        assert "history.json" in str(exc)
    else:
        assert isinstance(actions, list)


def test_serialising_is_plain_json_with_unescaped_text(clock: Clock) -> None:
    text = serialise_history([logged(clock)]).decode("utf-8")
    assert "预算" in text and json.loads(text)["actions"][0]["undone"] == 9
