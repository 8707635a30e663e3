"""A recurring task's next occurrence has an id derived from its predecessor's (issue #14):
completing the same task on two machines makes one next occurrence once they sync."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from data.memory import MemoryStore
from data.store import FileStore
from planner.domain.config import Config
from planner.domain.ids import successor_id
from planner.domain.models import Task
from planner.services.planner import Planner

TZ = timezone(timedelta(hours=8))
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def weekly(now: datetime) -> Task:
    return Task.create(
        "weekly report", now, status="open", due=date(2026, 11, 20), recur="FREQ=WEEKLY;BYDAY=FR"
    )


def test_two_machines_completing_one_task_make_the_same_next_occurrence() -> None:
    task = weekly(MONDAY)
    made = []
    for _machine in ("desk", "laptop"):
        planner = Planner(MemoryStore(), Config(), Clock(MONDAY))
        planner.add_task(task)
        following = planner.complete(task.id).next_task
        assert following is not None
        made.append(following)
    assert made[0].id == made[1].id == successor_id(task.id)
    assert made[0].due == made[1].due == date(2026, 11, 27)


def test_reopened_and_completed_again_the_next_occurrence_gets_the_next_id() -> None:
    planner = Planner(MemoryStore(), Config(), Clock(MONDAY))
    task = planner.add_task(weekly(MONDAY))
    first = planner.complete(task.id).next_task
    planner.reopen(task.id)
    second = planner.complete(task.id).next_task
    assert first is not None and second is not None
    assert first.id == successor_id(task.id)
    assert second.id == successor_id(task.id, {first.id}) != first.id
    assert {planner.task(first.id).id, planner.task(second.id).id} == {first.id, second.id}


def test_an_undone_completion_made_again_makes_the_same_next_occurrence() -> None:
    planner = Planner(MemoryStore(), Config(), Clock(MONDAY))
    task = planner.add_task(weekly(MONDAY))
    first = planner.complete(task.id).next_task
    planner.undo()
    again = planner.complete(task.id).next_task
    assert first is not None and again is not None and again.id == first.id


def test_a_next_occurrence_already_archived_is_not_hidden_by_a_new_one(tmp_path: Path) -> None:
    """The first next occurrence was done and archived before the task was reopened and done
    again: the new one must not take its id (the archive's copy would hide it)."""
    clock = Clock(MONDAY)
    store = FileStore(tmp_path / "data", clock=clock)
    planner = Planner(store, Config(data_dir=tmp_path / "data"), clock)
    task = planner.add_task(weekly(MONDAY))
    first = planner.complete(task.id).next_task
    assert first is not None
    planner.complete(first.id)
    clock.moment += timedelta(days=2)
    store.compact(clock().date())
    assert {t.id for t in store.archived_tasks()} >= {task.id, first.id}

    planner.reopen(task.id)
    again = planner.complete(task.id).next_task
    assert again is not None and again.id not in {first.id, task.id}
    assert planner.task(again.id).status == "open"
    assert again.id in set(store.open_task_ids())
