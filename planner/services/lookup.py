"""Finding tasks: by id prefix, by full id at the latest state, and all of them.

Shared by the use cases that act on tasks (triage, the main contradiction, setbacks).
"""

from __future__ import annotations

from planner.domain.errors import NotFoundError
from planner.domain.ids import resolve_prefix
from planner.domain.models import Task
from planner.services.ports import Store


def resolve_task(store: Store, prefix: str) -> str:
    """Full id of the task ``prefix`` names: open work first, then the archive."""
    open_ids = list(store.open_task_ids())
    try:
        return resolve_prefix(prefix, open_ids)
    except NotFoundError:
        return resolve_prefix(prefix, store.archived_task_ids())


def find_task(store: Store, prefix: str) -> Task:
    """The task ``prefix`` names; ``NotFoundError`` when there is none."""
    task = store.get_task(resolve_task(store, prefix))
    if task is None:
        raise NotFoundError("task", prefix)
    return task


def latest_task(store: Store, task_id: str) -> Task:
    """The task with the full id ``task_id`` as stored now (read inside a transaction)."""
    task = store.get_task(task_id)
    if task is None:
        raise NotFoundError("task", task_id)
    return task


def all_tasks(store: Store, *, include_archive: bool = False) -> list[Task]:
    """Open work, and with ``include_archive`` every archived task (the archive's copy wins)."""
    tasks = {task.id: task for task in store.open_tasks()}
    if include_archive:
        for task in store.archived_tasks():
            tasks[task.id] = task
    return list(tasks.values())
