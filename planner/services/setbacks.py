"""Setback analyses and their remedial measures (tasks linked by ``setback``)."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING

from planner.domain.errors import NotFoundError
from planner.domain.ids import resolve_prefix
from planner.domain.models import SetbackAnalysis, Task
from planner.services.context import Context
from planner.services.days import main_change
from planner.services.lookup import all_tasks
from planner.services.ports import Change, TaskQuery

if TYPE_CHECKING:
    from planner.domain.quickadd import QuickAdd


class Setbacks:
    """Reading and writing setback analyses; the writes are undoable."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def setbacks(self) -> list[tuple[SetbackAnalysis, list[Task]]]:
        """Every analysis with its measures (open work and archive), newest first."""
        store = self._ctx.store
        analyses = store.setbacks()
        if not analyses:
            return []
        wanted = frozenset(a.id for a in analyses)
        measures: dict[str, list[Task]] = {a.id: [] for a in analyses}
        tasks = {task.id: task for task in store.open_tasks() if task.setback in wanted}
        for task in store.archived_tasks_matching(TaskQuery(setbacks=wanted)):
            tasks[task.id] = task
        for task in tasks.values():
            if task.setback in wanted:
                measures[task.setback].append(task)
        ordered = sorted(analyses, key=lambda a: (a.date, a.created, a.id), reverse=True)
        return [(a, sorted(measures[a.id], key=lambda t: (t.created, t.id))) for a in ordered]

    def resolve(self, prefix: str) -> str:
        """Full id of the analysis ``prefix`` names."""
        return resolve_prefix(prefix, [a.id for a in self._ctx.store.setbacks()], kind="setback")

    def setback(self, prefix: str) -> SetbackAnalysis:
        return self._latest(self.resolve(prefix))

    def _latest(self, setback_id: str) -> SetbackAnalysis:
        analysis = self._ctx.store.get_setback(setback_id)
        if analysis is None:
            raise NotFoundError("setback", setback_id)
        return analysis

    def save(
        self, analysis: SetbackAnalysis, base: SetbackAnalysis | None = None
    ) -> SetbackAnalysis:
        """Insert a new analysis or write over the stored one with the same id.

        With ``base`` (the analysis as the wizard opened it), only the fields that differ
        from ``base`` are written, over the analysis as it is now: what another process
        changed meanwhile in the other fields stays.

        Saving what is already stored writes nothing (so the wizard may save freely without
        filling the undo history). An analysis that becomes confidential takes its measures
        with it in the same undoable step: measures of a confidential analysis are
        confidential (DESIGN section 2).
        """
        ctx = self._ctx
        result: list[SetbackAnalysis] = []

        def build() -> list[Change]:
            current = ctx.store.get_setback(analysis.id)
            if current is None:
                result.append(analysis)
                return [Change(None, analysis)]
            now = ctx.now()
            if base is not None:
                changed = {
                    f.name: getattr(analysis, f.name)
                    for f in fields(analysis)
                    if f.name not in ("id", "created", "updated")
                    and getattr(analysis, f.name) != getattr(base, f.name)
                }
                target = replace(current, **changed)
            else:
                target = replace(analysis, created=current.created)
            if replace(target, updated=current.updated) == current:
                result.append(current)
                return []
            updated = target.touched(now)
            result.append(updated)
            changes = [Change(current, updated)]
            if updated.confidential and not current.confidential:
                changes.extend(
                    Change(task, task.touched(now, confidential=True))
                    for task in all_tasks(ctx.store, include_archive=True)
                    if task.setback == analysis.id and not task.confidential
                )
            return changes

        ctx.history.run("action.setback", build)
        return result[0]

    def add_measure(self, setback_id: str, measure: str | QuickAdd) -> Task:
        """A remedial measure: an open task linked to the analysis (``setback``), made from
        a quick-add line (``measure``, the text or its parsed ``QuickAdd``) as quick add
        makes a task, so every token carries into it: people, tags, ``!central``,
        priority, ``from:`` (received today), due, schedule, report-back date, recurrence.

        A measure is decided work, so it is open, never in the inbox. It is confidential
        when the analysis is or the line says ``!secret``; ``!main`` also makes it today's
        main contradiction, in the same undoable step. Text that does not read raises
        ``ParseError`` naming the bad part, and nothing is added.
        """
        ctx = self._ctx
        analysis_id = self.resolve(setback_id)
        if isinstance(measure, str):
            from planner.domain.quickadd import parse_quick_add  # not at start-up

            measure = parse_quick_add(measure, ctx.today(), ctx.tz(), workdays=ctx.calendar)
        parsed = measure
        result: list[Task] = []

        def build() -> list[Change]:
            analysis = self._latest(analysis_id)
            today = ctx.today()
            fields = parsed.task_fields(today)
            fields.update(
                status="open",
                setback=analysis.id,
                confidential=analysis.confidential or parsed.confidential,
            )
            task = Task.create(parsed.title, ctx.now(), **fields)
            result.append(task)
            changes = [Change(None, task)]
            if parsed.main:
                changes.append(main_change(ctx, today, task.id))
            return changes

        ctx.history.run("action.measure", build, analysis_id)
        return result[0]

    def mark_reviewed(self, setback_id: str) -> SetbackAnalysis:
        """Record that the measures were checked on review (``reviewed_at`` = now)."""
        ctx = self._ctx
        analysis_id = self.resolve(setback_id)
        result: list[SetbackAnalysis] = []

        def build() -> list[Change]:
            current = self._latest(analysis_id)
            now = ctx.now()
            updated = current.touched(now, reviewed_at=now)
            result.append(updated)
            return [Change(current, updated)]

        ctx.history.run("action.setback_reviewed", build, analysis_id)
        return result[0]
