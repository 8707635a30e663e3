from __future__ import annotations

from pathlib import Path

from engine_support import Clock, get, make_replica, sync

from planner.domain.models import Task
from planner.services.ports import Change


def test_two_replicas_exchange_a_task(tmp_path: Path) -> None:
    clock = Clock()
    a, b = make_replica(tmp_path, "a", clock), make_replica(tmp_path, "b", clock)
    old = Task.create("before sync", clock())
    a.write(Change(None, old))
    a.start_sync()
    b.start_sync()
    sync(a, b)
    assert get(b, "task", old.id) == old
    clock.advance(minutes=1)
    task = Task.create("hello", clock(), tags=("x",))
    a.write(Change(None, task))
    sync(a, b)
    assert get(b, "task", task.id) == task
    assert a.documents() == b.documents()
