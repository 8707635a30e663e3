"""Finding tasks: by id prefix, by full id at the latest state, and all of them.

Shared by the use cases that act on tasks (triage, the main contradiction, setbacks).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from planner.domain.errors import NotFoundError
from planner.domain.ids import resolve_prefix
from planner.domain.models import Task
from planner.services.ports import Change, Store

if TYPE_CHECKING:
    from planner.services.context import Context


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


def update_task(
    ctx: Context, label: str, prefix: str, change: Callable[[Task, datetime], Task]
) -> Task:
    """Apply ``change`` to the latest state of the task ``prefix`` names, as one action."""
    task_id = resolve_task(ctx.store, prefix)
    result: list[Task] = []

    def build() -> list[Change]:
        current = latest_task(ctx.store, task_id)
        updated = change(current, ctx.now())
        result.append(updated)
        return [Change(current, updated)]

    ctx.history.run(label, build, task_id)
    return result[0]


def all_tasks(store: Store, *, include_archive: bool = False) -> list[Task]:
    """Open work, and with ``include_archive`` every archived task (the archive's copy wins)."""
    tasks = {task.id: task for task in store.open_tasks()}
    if include_archive:
        for task in store.archived_tasks():
            tasks[task.id] = task
    return list(tasks.values())
