"""Setback analyses and their remedial measures (tasks linked by ``setback``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from planner.domain.errors import NotFoundError
from planner.domain.ids import resolve_prefix
from planner.domain.models import SetbackAnalysis, Task
from planner.services.context import Context
from planner.services.lookup import all_tasks
from planner.services.ports import Change, TaskQuery


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

    def save(self, analysis: SetbackAnalysis) -> SetbackAnalysis:
        """Insert a new analysis or write over the stored one with the same id.

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
            if replace(analysis, updated=current.updated) == current:
                result.append(current)
                return []
            now = ctx.now()
            updated = analysis.touched(now, created=current.created)
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

    def add_measure(
        self, setback_id: str, title: str, due: date | None = None, person: str | None = None
    ) -> Task:
        """A remedial measure: an open task linked to the analysis (``setback``), confidential
        when the analysis is, with ``person`` as its one key person when given."""
        ctx = self._ctx
        analysis_id = self.resolve(setback_id)
        result: list[Task] = []

        def build() -> list[Change]:
            analysis = self._latest(analysis_id)
            name = (person or "").strip()
            task = Task.create(
                title,
                ctx.now(),
                status="open",
                due=due,
                people=(name,) if name else (),
                setback=analysis.id,
                confidential=analysis.confidential,
            )
            result.append(task)
            return [Change(None, task)]

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
