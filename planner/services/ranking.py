"""The board: the ranking context of a day, the ranked board, and why a task ranks where it
does. Reading only; nothing here writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from planner.domain.errors import DataError
from planner.domain.models import Task
from planner.domain.ranking import Board, Explanation, RankContext, build_board, explain
from planner.services.context import Context
from planner.services.days import main_of
from planner.services.lookup import find_task


class Ranking:
    """What the board shows and the ``explain`` command says."""

    def __init__(self, ctx: Context, warn_until: Callable[[date], date] | None = None) -> None:
        """``warn_until``: the last day an instruction is due soon on a given day
        (``Instructions.warn_until``); without it, the day itself."""
        self._ctx = ctx
        self._warn_until = warn_until

    def rank_context(self, day: date | None = None) -> RankContext:
        ctx = self._ctx
        today = day or ctx.today()
        return RankContext(
            today=today,
            now=ctx.now(),
            coefficients=ctx.config.coefficients,
            unresolved_setbacks=self._unresolved_setbacks(ctx.store.open_tasks(), today),
            day_starts_at=ctx.config.day_starts_at,
            warn_until=self._warn_until(today) if self._warn_until else None,
        )

    def _unresolved_setbacks(self, tasks: Sequence[Task], today: date) -> frozenset[str]:
        """The analyses whose remedial measures are still open work.

        When the setbacks cannot be read (a damaged year file), every analysis a task names
        counts as unresolved: its measures keep their place, and the board still opens; the
        setbacks screen and ``planner setbacks`` report the file.
        """
        referenced = {task.setback for task in tasks if task.setback}
        unresolved: set[str] = set()
        for setback_id in referenced:
            try:
                analysis = self._ctx.store.get_setback(setback_id)
            except DataError:
                return frozenset(referenced)
            if analysis is None:
                continue
            measures = [task for task in tasks if task.setback == setback_id]
            if analysis.state(measures, today) != "resolved":
                unresolved.add(setback_id)
        return frozenset(unresolved)

    def board(self, day: date | None = None) -> Board:
        rank = self.rank_context(day)
        store = self._ctx.store
        return build_board(store.open_tasks(), main_of(store, rank.today), rank)

    def explain(self, task_id: str) -> Explanation:
        return explain(find_task(self._ctx.store, task_id), self.rank_context())
