"""A task's timer intervals in the data files (issue 16, schema 4): written as other
datetimes are, read back whole, and a record written before them reads as never timed."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from data import doctor
from data.store import FileStore
from planner.domain.models import Task
from planner.domain.timer import Interval
from planner.services.ports import Change


def test_intervals_round_trip_and_a_record_without_them_reads_as_never_timed(
    data_dir: Path, open_store: Callable[[], FileStore], clock: Any
) -> None:
    store = open_store()
    start = clock()
    runs = (Interval(start, start + timedelta(minutes=25)), Interval(start + timedelta(hours=1)))
    timed = Task.create("timed", start, status="open", intervals=runs)
    old = Task.create("old", start, status="open")
    store.apply([Change(None, timed), Change(None, old)])
    open_work = data_dir / "tasks" / "open.json"
    data = json.loads(open_work.read_bytes())
    documents = {d["title"]: d for d in data["tasks"].values()}
    assert documents["timed"]["intervals"][0] == {
        "start": start.isoformat(timespec="seconds"),
        "end": (start + timedelta(minutes=25)).isoformat(timespec="seconds"),
    }
    assert documents["timed"]["intervals"][1]["end"] is None
    del documents["old"]["intervals"]  # as a schema-3 planner wrote it
    open_work.write_text(json.dumps(data))

    reopened = open_store()
    by_title = {task.title: task for task in reopened.open_tasks()}
    assert by_title["timed"].intervals == runs and by_title["timed"].spent == 25 * 60
    assert by_title["old"].intervals == () and by_title["old"].spent == 0
    assert all(report.ok for report in doctor.check(data_dir))
