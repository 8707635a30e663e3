"""``HistoryFile.append`` reads back only what it did not write itself: the file it left is
not parsed again, and every other writer's change (another process, an undo) is seen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

import data.history_file as history_file
from data.history_file import HISTORY_FILE, HistoryFile
from planner.domain.models import Task
from planner.services.ports import Action, Change

Clock = Callable[[], datetime]


def action(clock: Clock, title: str) -> Action:
    task = Task.create(title, clock())
    return Action("action.add", (Change(None, task),), task.id)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The history files ``append`` parsed."""
    seen: list[Path] = []
    original = history_file._documents

    def counting(path: Path, raw: bytes) -> list[dict[str, object]]:
        seen.append(path)
        return original(path, raw)

    monkeypatch.setattr(history_file, "_documents", counting)
    return seen


def test_the_file_an_append_left_is_not_parsed_again(
    tmp_path: Path, clock: Clock, parses: list[Path]
) -> None:
    log = HistoryFile(tmp_path / HISTORY_FILE)
    for n in range(3):
        log.append(clock(), "app", action(clock, f"Task {n}"), keep=100)
    assert parses == []  # the first found no file; the next two knew the one they left
    assert [a.seq for a in HistoryFile(tmp_path / HISTORY_FILE).read()] == [1, 2, 3]


def test_another_writer_between_two_appends_is_read(
    tmp_path: Path, clock: Clock, parses: list[Path]
) -> None:
    path = tmp_path / HISTORY_FILE
    ours, theirs = HistoryFile(path), HistoryFile(path)
    ours.append(clock(), "app", action(clock, "Ours"), keep=100)
    theirs.append(clock(), "cli", action(clock, "Theirs"), keep=100)
    assert parses == [path]  # theirs found a file it did not write
    ours.append(clock(), "app", action(clock, "Ours again"), keep=100)
    assert parses == [path, path]  # ours found the file changed since it wrote it
    kept = HistoryFile(path).read()
    assert [(a.seq, a.origin) for a in kept] == [(1, "app"), (2, "cli"), (3, "app")]


def test_an_undo_written_between_two_appends_is_read(tmp_path: Path, clock: Clock) -> None:
    """``write`` (undo, redo) replaces the file: the next append starts from that, and drops
    the action undone, as a new action ends the redo of the ones undone before it."""
    path = tmp_path / HISTORY_FILE
    log = HistoryFile(path)
    log.append(clock(), "app", action(clock, "First"), keep=100)
    log.append(clock(), "app", action(clock, "Second"), keep=100)
    actions = log.read()
    log.write([actions[0], replace(actions[1], undone=3)])
    log.append(clock(), "app", action(clock, "Third"), keep=100)
    assert [(a.seq, a.undone) for a in HistoryFile(path).read()] == [(1, None), (4, None)]
