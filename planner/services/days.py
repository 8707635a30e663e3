"""Days: the main contradiction of a day and the morning's carry-over question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.domain.errors import DomainError
from planner.domain.models import Day, Task
from planner.services.context import Context
from planner.services.lookup import latest_task, resolve_task
from planner.services.ports import Change, Store


@dataclass(frozen=True, slots=True)
class CarryOffer:
    """The morning question: carry the last undone main contradiction to today?"""

    from_day: date
    task: Task


def main_of(store: Store, day: date) -> str | None:
    """The id of the main contradiction of ``day``, if one was chosen."""
    record = store.get_day(day)
    return record.main if record else None


def main_change(ctx: Context, day: date, task_id: str) -> Change:
    """The change that makes ``task_id`` the main contradiction of ``day`` (not carried)."""
    record = ctx.store.get_day(day)
    now = ctx.now()
    if record is None:
        return Change(None, Day.create(day, now, main=task_id))
    return Change(record, record.touched(now, main=task_id, carried_from=None))


class Days:
    """Choosing, clearing and carrying over the main contradiction."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def main_id(self, day: date | None = None) -> str | None:
        return main_of(self._ctx.store, day or self._ctx.today())

    def carry_offer(self) -> CarryOffer | None:
        """The carry-over question (DESIGN section 3), or None when there is nothing to ask."""
        store = self._ctx.store
        today = self._ctx.today()
        record = store.get_day(today)
        if record is not None and (record.carry_answered or record.main is not None):
            return None
        last = store.last_day_with_main(today)
        if last is None or last.main is None:
            return None
        # Only an active task is carried, and active tasks are all in open work (the archive
        # holds closed ones only): looking there spares reading a year of the archive at
        # start-up to learn that yesterday's main task was done.
        task = next((t for t in store.open_tasks() if t.id == last.main), None)
        if task is None or not task.is_active:
            return None
        return CarryOffer(from_day=last.date, task=task)

    def set_main(self, prefix: str, day: date | None = None) -> Task:
        """Make a task the main contradiction of ``day`` (today by default); an inbox task opens."""
        ctx = self._ctx
        task_id = resolve_task(ctx.store, prefix)
        target_day = day or ctx.today()
        result: list[Task] = []

        def build() -> list[Change]:
            current = latest_task(ctx.store, task_id)
            if not current.is_active:
                raise DomainError("status", f"a {current.status} task cannot be the main one")
            changes = [main_change(ctx, target_day, task_id)]
            updated = current
            if current.status == "inbox":
                updated = current.accept(ctx.now())
                changes.append(Change(current, updated))
            result.append(updated)
            return changes

        ctx.history.run("action.main", build, task_id)
        return result[0]

    def clear_main(self, day: date | None = None) -> None:
        ctx = self._ctx
        target_day = day or ctx.today()

        def build() -> list[Change]:
            record = ctx.store.get_day(target_day)
            if record is None or record.main is None:
                return []
            return [Change(record, record.touched(ctx.now(), main=None, carried_from=None))]

        ctx.history.run("action.main", build)

    def answer_carry(self, offer: CarryOffer, carry: bool) -> None:
        """Record the answer to the morning question, so it is asked once."""
        ctx = self._ctx
        today = ctx.today()

        def build() -> list[Change]:
            record = ctx.store.get_day(today)
            now = ctx.now()
            fields: dict[str, Any] = {"carry_answered": True}
            if carry:
                fields.update(main=offer.task.id, carried_from=offer.from_day)
            if record is None:
                return [Change(None, Day.create(today, now, **fields))]
            return [Change(record, record.touched(now, **fields))]

        ctx.history.run("action.carry", build, offer.task.id)
