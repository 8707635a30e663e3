"""A task's estimate in the Markdown exports (issue 16): task lines and setback measures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from planner.domain.models import Task
from planner.export.documents import measure_line, task_text
from planner.i18n.translate import language, set_language

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture(autouse=True)
def keep_language() -> Iterator[None]:
    before = language()
    yield
    set_language(before)


def test_task_lines_and_measures_say_the_estimate_in_both_languages() -> None:
    task = Task.create("Draft the speech", NOW, status="open", estimate=120, estimate_low=60)
    set_language("en")
    assert task_text(task, today=NOW.date()) == "Draft the speech · estimate 1-2h"
    assert measure_line(task) == "- [ ] Draft the speech · estimate 1-2h"
    set_language("zh")
    assert task_text(task, today=NOW.date()) == "Draft the speech · 预计 1-2小时"


def test_a_task_without_an_estimate_says_nothing_of_it() -> None:
    set_language("en")
    task = Task.create("Call Li", NOW, status="open")
    assert task_text(task, today=NOW.date()) == "Call Li"
    assert measure_line(task) == "- [ ] Call Li"
