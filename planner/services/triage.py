"""Triage: adding tasks (quick add included), accepting, editing, scheduling, the toggles,
feedback, and closing and reopening, where closing a recurring task adds its next one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from planner.domain.errors import DomainError
from planner.domain.ids import successor_id
from planner.domain.models import DueValue, Task
from planner.domain.recurrence import next_occurrence
from planner.domain.series import continued
from planner.services.context import Context
from planner.services.days import main_change
from planner.services.lookup import latest_task, resolve_task, update_task
from planner.services.ports import Change, TaskQuery

if TYPE_CHECKING:
    from planner.domain.dates import Direction
    from planner.domain.edits import TaskEdit
    from planner.domain.quickadd import QuickAdd


@dataclass(frozen=True, slots=True)
class EditClash:
    """The task as another process left it, and the edited fields it changed meanwhile."""

    current: Task
    fields: tuple[str, ...]


class EditConflict(DomainError):
    """An edit made on an older view of a task: another process changed ``fields`` since."""

    def __init__(self, current: Task, fields: tuple[str, ...]) -> None:
        from planner.i18n.history import field_words  # the words, where the error is made
        from planner.i18n.translate import t

        names = t("history.list_separator").join(field_words(name) for name in fields)
        super().__init__(fields[0], t("history.edit_refused", fields=names))
        self.current = current
        self.fields = fields


def edit_clashes(base: Task, current: Task, fields: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields of an edit made on ``base`` that another process changed since (``current``
    differs from ``base``) to something other than the edit's value."""
    return tuple(
        name
        for name, value in fields.items()
        if getattr(current, name) != getattr(base, name) and getattr(current, name) != value
    )


EDITABLE_FIELDS = frozenset(
    {
        "title",
        "notes",
        "due",
        "scheduled",
        "priority",
        "estimate",
        "estimate_low",
        "central",
        "source",
        "received",
        "report_by",
        "people",
        "tags",
        "confidential",
        "recur",
        "setback",
    }
)


@dataclass(frozen=True, slots=True)
class Completion:
    """A task done or dropped, and the next task of its series when it recurs."""

    task: Task
    next_task: Task | None

    @property
    def awaits_feedback(self) -> bool:
        return self.task.awaiting_feedback


class Triage:
    """The operations on single tasks, each one undoable."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    # -- adding ------------------------------------------------------------------------------

    def quick_add(self, text: str) -> Task:
        """Parse a quick-add line and add it; ``!main`` also makes it the main contradiction."""
        return self.add_parsed(self.quick_add_check(text))

    def quick_add_check(self, text: str) -> QuickAdd:
        """Read a quick-add line without adding it; raises ``ParseError`` naming the bad part."""
        from planner.domain.quickadd import (
            parse_quick_add,  # on the first quick add, not at start-up
        )

        ctx = self._ctx
        return parse_quick_add(text, ctx.today(), ctx.tz(), workdays=ctx.calendar)

    def parse_date(
        self, text: str, direction: Direction, *, allow_time: bool = False
    ) -> DueValue | None:
        """A date expression relative to today, read in ``direction`` (the direction of the
        field it was typed into); empty text means no date."""
        if not text.strip():
            return None
        from planner.domain.dates import parse_date_expr

        ctx = self._ctx
        return parse_date_expr(
            text.strip(),
            ctx.today(),
            ctx.tz(),
            direction,
            allow_time=allow_time,
            workdays=ctx.calendar,
        )

    def add_parsed(self, parsed: QuickAdd, *, task_id: str | None = None) -> Task:
        """Add the parsed line as a new task; ``task_id``: the id it was promised before
        (a sealed add taken in from the inbox keeps the id ``planner add`` printed)."""
        ctx = self._ctx
        task = Task.create(parsed.title, ctx.now(), **parsed.task_fields(ctx.today()))
        if task_id is not None:
            task = replace(task, id=task_id)
        if parsed.main and task.status == "inbox":
            task = replace(task, status="open")

        def build() -> list[Change]:
            changes = [Change(None, task)]
            if parsed.main:
                changes.append(main_change(ctx, ctx.today(), task.id))
            return changes

        ctx.history.run("action.add", build, task.id)
        return task

    def add_task(self, task: Task) -> Task:
        self._ctx.history.run("action.add", lambda: [Change(None, task)], task.id)
        return task

    # -- changing ----------------------------------------------------------------------------

    def _update_task(
        self, label: str, prefix: str, change: Callable[[Task, datetime], Task]
    ) -> Task:
        """Apply ``change`` to the latest state of the task ``prefix`` names, as one action."""
        return update_task(self._ctx, label, prefix, change)

    def edit(self, prefix: str, fields: Mapping[str, Any], base: Task | None = None) -> Task:
        """Write ``fields`` over the latest state of the task. With ``base`` (the task as the
        form that made ``fields`` showed it), a field another process changed since to
        something else is not written over: ``EditConflict`` names it, nothing is written."""
        unknown = sorted(set(fields) - EDITABLE_FIELDS)
        if unknown:
            raise DomainError(unknown[0], "cannot be edited")

        def change(task: Task, now: datetime) -> Task:
            if base is not None:
                clashes = edit_clashes(base, task, fields)
                if clashes:
                    raise EditConflict(task, clashes)
            return task.touched(now, **fields)

        return self._update_task("action.edit", prefix, change)

    def edit_clashes(self, prefix: str, base: Task, fields: Mapping[str, Any]) -> EditClash:
        """The task as it is now, and which of ``fields`` another process changed since
        ``base`` (to a value other than the one given): what the edit form asks about."""
        store = self._ctx.store
        store.refresh()
        current = latest_task(store, resolve_task(store, prefix))
        return EditClash(current, edit_clashes(base, current, fields))

    def apply_edit(self, prefix: str, edit: TaskEdit) -> Task:
        """Make ``edit`` (``planner edit``'s tokens, title and notes) on the latest state of
        the task, as one action; an edit that changes nothing records none."""
        today = self._ctx.today()
        return self._update_task(
            "action.edit", prefix, lambda task, now: edit.applied(task, today, now)
        )

    def accept(self, prefix: str) -> Task:
        def change(task: Task, now: datetime) -> Task:
            if task.status != "inbox":
                raise DomainError("status", f"only inbox tasks can be accepted ({task.status})")
            return task.accept(now)

        return self._update_task("action.accept", prefix, change)

    def schedule(self, prefix: str, day: date | None) -> Task:
        return self._update_task(
            "action.schedule", prefix, lambda task, now: task.schedule(day, now)
        )

    def set_due(self, prefix: str, due: DueValue | None) -> Task:
        return self._update_task("action.due", prefix, lambda task, now: task.touched(now, due=due))

    def toggle_waiting(self, prefix: str) -> Task:
        return self._update_task("action.wait", prefix, lambda task, now: task.toggle_waiting(now))

    def toggle_central(self, prefix: str) -> Task:
        return self._update_task(
            "action.central", prefix, lambda task, now: task.touched(now, central=not task.central)
        )

    def toggle_confidential(self, prefix: str) -> Task:
        return self._update_task(
            "action.confidential",
            prefix,
            lambda task, now: task.touched(now, confidential=not task.confidential),
        )

    def record_feedback(self, prefix: str, text: str) -> Task:
        if not text.strip():
            raise DomainError("feedback", "the feedback text is empty")
        return self._update_task(
            "action.feedback", prefix, lambda task, now: task.add_feedback(text.strip(), now)
        )

    # -- closing and reopening ---------------------------------------------------------------

    def reopen(self, prefix: str) -> Task:
        def change(task: Task, now: datetime) -> Task:
            if task.is_active:
                raise DomainError("status", f"the task is already {task.status}")
            return task.reopen(now)

        return self._update_task("action.reopen", prefix, change)

    def complete(self, prefix: str) -> Completion:
        return self._close(prefix, "action.done")

    def drop(self, prefix: str) -> Completion:
        return self._close(prefix, "action.drop")

    def _close(self, prefix: str, label: str) -> Completion:
        ctx = self._ctx
        task_id = resolve_task(ctx.store, prefix)
        result: list[Completion] = []

        def build() -> list[Change]:
            current = latest_task(ctx.store, task_id)
            if not current.is_active:
                raise DomainError("status", f"the task is already {current.status}")
            now = ctx.now()
            closed = current.complete(now) if label == "action.done" else current.drop(now)
            following = self._next_occurrence(current, now)
            if following is not None:
                closed, following = continued(closed, following)
            changes = [Change(current, closed)]
            if following is not None:
                changes.append(Change(None, following))
            result.append(Completion(closed, following))
            return changes

        ctx.history.run(label, build, task_id)
        return result[0]

    def _next_occurrence(self, task: Task, now: datetime) -> Task | None:
        """The next task of a recurring series (DESIGN section 4), or None.

        Its id is derived from ``task``'s (``successor_id``), so completing the same task on
        two machines makes one next occurrence, not two, once they sync.
        """
        if task.recur is None:
            return None
        today = self._ctx.today()
        due = next_occurrence(task.recur, task.due, today)
        if due is None:
            return None
        shift = _day_shift(task.due, due, today)
        following = Task.create(
            task.title,
            now,
            notes=task.notes,
            status="open",
            due=due,
            scheduled=task.scheduled + shift if task.scheduled else None,
            priority=task.priority,
            estimate=task.estimate,
            estimate_low=task.estimate_low,
            central=task.central,
            source=task.source,
            received=today if task.source else None,
            report_by=task.report_by + shift if task.report_by else None,
            people=task.people,
            tags=task.tags,
            confidential=task.confidential,
            recur=task.recur,
            setback=task.setback,
        )
        return replace(following, id=successor_id(task.id, self._successors_taken(task)))

    def _successors_taken(self, task: Task) -> set[str]:
        """The ids an earlier next occurrence of ``task`` may hold (it was completed, reopened
        and is being completed again): open work's, and the archive's since ``task`` was
        made, the earliest an occurrence made after it can have been closed (a day early, for
        a clock set back)."""
        store = self._ctx.store
        since = task.created.date() - timedelta(days=1)
        closed = store.archived_tasks_matching(TaskQuery(done=(since, date.max)))
        return {*store.open_task_ids(), *(closed_task.id for closed_task in closed)}


def _day_shift(old_due: DueValue | None, new_due: DueValue, today: date) -> timedelta:
    old = old_due.date() if isinstance(old_due, datetime) else (old_due or today)
    new = new_due.date() if isinstance(new_due, datetime) else new_due
    return new - old
